"""A believable demo consortium, seeded idempotently, and a development configuration."""

from orcid_hub.demo.harvest import seed_harvest
from orcid_hub.demo.sandbox import how_to_sign_in, start_sandbox
from orcid_hub.demo.seed import SeedSummary, seed, write_development_config

__all__ = [
    "SeedSummary",
    "how_to_sign_in",
    "seed",
    "seed_harvest",
    "start_sandbox",
    "write_development_config",
]
