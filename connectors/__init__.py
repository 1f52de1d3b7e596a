"""Connectors to institutional CRIS: a plain interface, canonical records, a registry."""
