"""ORCID iD linking: tokens a researcher granted to an institution."""
