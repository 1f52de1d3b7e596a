"""Everything the hub does with ORCID: OAuth, the Member API v3.0, the work model."""
