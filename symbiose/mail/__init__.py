"""Outgoing e-mail: an outbox table, delivered by task workers, claimed before sending."""
