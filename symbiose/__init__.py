"""Symbiose: an open platform for digital industrial symbiosis."""

__version__ = "0.1.0"
