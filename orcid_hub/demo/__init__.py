"""A believable demo consortium, seeded idempotently, and a development configuration."""

from orcid_hub.demo.seed import SeedSummary, seed, write_development_config

__all__ = ["SeedSummary", "seed", "write_development_config"]
