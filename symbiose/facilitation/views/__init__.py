"""Facilitation pages, one module per area: hubs, opportunities, bank, workshops, reports."""
