"""Consortium member institutions and their ORCID member API credentials."""
