"""Communiqué: reads news and writes down who did what to whom, when, where, and who says so."""

__version__ = "0.1.0"
