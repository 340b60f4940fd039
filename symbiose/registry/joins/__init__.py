"""Requests to join an organisation (writes in ``actions.py``)."""
