"""The ORCID client for one member client id: OAuth plus the Member API.

    client = OrcidClient.from_settings(settings.orcid, client_id, client_secret)
    url = client.oauth.authorize_url(redirect_uri=..., scopes=[...], state=...)
    token = client.oauth.exchange_code(code, redirect_uri)
    put_code = client.api.create_work(token.orcid, token.access_token, work)

Only base URLs come from :class:`~orcid_hub.config.OrcidEndpoints`, so the same
client talks to ORCID's production, ORCID's sandbox or the local sandbox.
"""

from __future__ import annotations

from pathlib import Path

import requests

from orcid_hub.config import OrcidEndpoints, OrcidSettings
from orcid_hub.orcid.api import MemberApi
from orcid_hub.orcid.oauth import OAuthClient
from orcid_hub.orcid.ratelimit import TokenBucket
from orcid_hub.orcid.schema import XsdGuard
from orcid_hub.orcid.transport import Transport


class OrcidClient:
    """OAuth (``.oauth``) and Member API (``.api``) sharing one transport and rate limit."""

    def __init__(
        self,
        endpoints: OrcidEndpoints,
        client_id: str,
        client_secret: str,
        settings: OrcidSettings | None = None,
        *,
        session: requests.Session | None = None,
        limiter: TokenBucket | None = None,
        backoff_seconds: float = 0.5,
        schema_dir: str | Path | None = None,
    ) -> None:
        """``schema_dir`` (holding ORCID's ``record_3.0/`` XSDs) turns on run-time XSD checks."""
        settings = settings or OrcidSettings()
        self.endpoints = endpoints
        self.client_id = client_id
        self.transport = Transport(
            client_id, settings, session=session, limiter=limiter, backoff_seconds=backoff_seconds
        )
        self.oauth = OAuthClient(endpoints, client_id, client_secret, self.transport)
        xsd = XsdGuard(schema_dir) if schema_dir else None
        self.api = MemberApi(endpoints, self.transport, xsd)

    @classmethod
    def from_settings(
        cls,
        settings: OrcidSettings,
        client_id: str,
        client_secret: str,
        schema_dir: str | Path | None = None,
    ) -> OrcidClient:
        """A client for the configured environment (preset plus URL overrides)."""
        return cls(settings.endpoints, client_id, client_secret, settings, schema_dir=schema_dir)

    def close(self) -> None:
        self.transport.close()

    def __enter__(self) -> OrcidClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"OrcidClient(client_id={self.client_id!r}, api={self.endpoints.member_api_base!r})"
