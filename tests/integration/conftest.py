"""The real ORCID client against the local sandbox over loopback HTTP: no mocks.

``orcid`` is an :class:`OrcidClient` of the premium test member client, built from
the same endpoint settings the hub's test configuration uses; ``other_orcid`` is the
basic member client (another source). ``link`` runs a user's whole OAuth flow
through a client: its authorize URL, consent at the sandbox, ``parse_callback``,
``exchange_code``. Builders make items with every field the hub sends.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from orcid_hub.config import OrcidSettings
from orcid_hub.orcid.client import OrcidClient
from orcid_hub.orcid.model import (
    Affiliation,
    AffiliationKind,
    Contributor,
    ExternalId,
    Funding,
    FuzzyDate,
    Organization,
    TokenResponse,
    Work,
)
from orcid_hub.orcid.ratelimit import TokenBucket
from tests.conftest import sandbox_orcid_settings
from tests.sandbox_server import OTHER_CLIENT, TEST_CLIENT, SandboxServer

TESS = "0009-0001-0000-0014"  # public by default
PAT = "0009-0001-0000-0022"  # private by default
ILZE = "0009-0000-0000-0017"
REDIRECT_URI = "http://127.0.0.1/orcid/callback"
WRITE = ("/read-limited", "/activities/update")
CALL_LOG = "orcid_hub.orcid.calls"


def sandbox_settings(sandbox: SandboxServer, **changes: Any) -> OrcidSettings:
    """The hub's ORCID settings for the sandbox (tests/conftest.py), with ``changes``."""
    return OrcidSettings(**{**sandbox_orcid_settings(sandbox.base_url), **changes})


def make_client(
    sandbox: SandboxServer,
    client_id: str = TEST_CLIENT,
    *,
    limiter: TokenBucket | None = None,
    **changes: Any,
) -> OrcidClient:
    """A client with its own rate limiter (off unless given) and a short retry backoff."""
    settings = sandbox_settings(sandbox, **changes)
    return OrcidClient(
        settings.endpoints,
        client_id,
        sandbox.client(client_id).secret,
        settings,
        limiter=limiter or TokenBucket(0, 1),
        backoff_seconds=0.01,
    )


@pytest.fixture
def orcid(sandbox: SandboxServer) -> Iterator[OrcidClient]:
    with make_client(sandbox) as client:
        yield client


@pytest.fixture
def other_orcid(sandbox: SandboxServer) -> Iterator[OrcidClient]:
    with make_client(sandbox, OTHER_CLIENT) as client:
        yield client


def consent(
    sandbox: SandboxServer,
    authorize_url: str,
    orcid_id: str,
    decision: str = "approve",
) -> dict[str, str]:
    """The user signs in at the sandbox and decides on what the client's URL asks for;
    returns the query of the redirect back to the hub."""
    params = dict(parse_qsl(urlsplit(authorize_url).query))
    return sandbox.authorize(
        params["client_id"],
        params["scope"],
        params["redirect_uri"],
        params["state"],
        orcid_id,
        decision=decision,
    )


LinkUser = Callable[..., TokenResponse]


@pytest.fixture
def link(sandbox: SandboxServer, orcid: OrcidClient) -> LinkUser:
    """``link(orcid_id, scopes=WRITE, client=orcid)``: the whole 3-legged flow."""

    def run(
        orcid_id: str = TESS, scopes: tuple[str, ...] = WRITE, client: OrcidClient = orcid
    ) -> TokenResponse:
        url = client.oauth.authorize_url(redirect_uri=REDIRECT_URI, scopes=scopes, state="st-1")
        code = client.oauth.parse_callback(consent(sandbox, url, orcid_id), "st-1")
        return client.oauth.exchange_code(code, REDIRECT_URI)

    return run


@dataclass
class CallLog:
    """The client's call log lines (``METHOD /path -> status ...``) captured by caplog."""

    caplog: pytest.LogCaptureFixture

    def lines(self) -> list[str]:
        return [r.getMessage() for r in self.caplog.records if r.name == CALL_LOG]

    def clear(self) -> None:
        self.caplog.clear()

    def calls(self, method: str, path_part: str = "") -> list[str]:
        return [
            line for line in self.lines() if line.startswith(f"{method} ") and path_part in line
        ]


@pytest.fixture
def call_log(caplog: pytest.LogCaptureFixture) -> CallLog:
    caplog.set_level(logging.INFO, logger=CALL_LOG)
    return CallLog(caplog)


# -- builders ---------------------------------------------------------------

LU = Organization(
    name="University of Latvia",
    city="Riga",
    region="Riga",
    country="LV",
    disambiguated_id="https://ror.org/05g3mes96",
    disambiguation_source="ROR",
)
LZP = Organization(
    "Latvian Council of Science", "Riga", None, "LV", "https://ror.org/01z5gxk23", "ROR"
)


def work(n: int = 1, **changes: Any) -> Work:
    """A work with every field the hub writes; ``n`` makes its DOI (and title) unique."""
    values: dict[str, Any] = {
        "title": f"Open research information in Latvia, part {n}",
        "type": "journal-article",
        "external_ids": (
            ExternalId(
                "doi", f"10.5555/lv.2024.{n}", "self", f"https://doi.org/10.5555/lv.2024.{n}"
            ),
            ExternalId("issn", "1691-8150", "part-of"),
        ),
        "subtitle": "A consortium view",
        "translated_title": f"Atvērtā pētniecības informācija Latvijā, {n}. daļa",
        "translated_title_language": "lv",
        "journal_title": "Baltic Journal of Modern Computing",
        "short_description": "How Latvian CRIS systems send works to ORCID.",
        "citation_type": "bibtex",
        "citation_value": "@article{lv2024, title={Open research information}}",
        "publication_date": FuzzyDate(2024, 5, 17),
        "url": f"https://dspace.lu.lv/handle/7/{n}",
        "contributors": (
            Contributor("Tess Tester", TESS, None, "first", "author"),
            Contributor(
                "Jānis Kalniņš",
                None,
                None,
                "additional",
                "http://credit.niso.org/contributor-roles/methodology/",
            ),
        ),
        "language_code": "en",
        "country": "LV",
    }
    values.update(changes)
    return Work(**values)


def affiliation(kind: AffiliationKind = "employment", **changes: Any) -> Affiliation:
    values: dict[str, Any] = {
        "kind": kind,
        "organization": LU,
        "department": "Faculty of Computing",
        "role_title": "Researcher" if kind == "employment" else "PhD in Computer Science",
        "start_date": FuzzyDate(2019, 9, 1),
        "end_date": FuzzyDate(2023, 8, 31),
        "url": "https://www.lu.lv/en/",
        "external_ids": (ExternalId("other-id", f"LU-{kind}-17", "self"),),
    }
    values.update(changes)
    return Affiliation(**values)


def funding(**changes: Any) -> Funding:
    values: dict[str, Any] = {
        "type": "grant",
        "title": "Open research infrastructure for Latvia",
        "organization": LZP,
        "organization_defined_type": "Fundamental and applied research project",
        "short_description": "A three-year project",
        "amount": "300000",
        "currency": "EUR",
        "url": "https://www.lzp.gov.lv/en/",
        "start_date": FuzzyDate(2022, 1, 1),
        "end_date": FuzzyDate(2024, 12, 31),
        "external_ids": (ExternalId("grant_number", "lzp-2021/1-0001", "self"),),
        "contributors": (Contributor("Tess Tester", TESS, None, None, "lead"),),
    }
    values.update(changes)
    return Funding(**values)
