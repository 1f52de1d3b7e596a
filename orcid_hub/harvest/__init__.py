"""Harvesting institutional CRIS and repositories through connectors into the hub's store."""
