"""A local stand-in for sandbox.orcid.org: OAuth, Member and Public API v3.0, webhooks.

It runs without credentials for the demo and the tests, and reproduces ORCID's
behaviour including its errors, limits and delays. See :func:`create_sandbox_app`.
"""

from orcid_hub.sandbox.app import create_sandbox_app

__all__ = ["create_sandbox_app"]
