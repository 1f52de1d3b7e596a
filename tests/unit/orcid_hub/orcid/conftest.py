"""Fixtures for the ORCID client: the official XSDs, sample items, a client on a fake wire."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import responses
from lxml import etree

from orcid_hub.config import OrcidEndpoints, OrcidSettings
from orcid_hub.orcid.client import OrcidClient
from orcid_hub.orcid.model import (
    Affiliation,
    Contributor,
    ExternalId,
    Funding,
    FuzzyDate,
    Organization,
    Work,
)
from orcid_hub.orcid.ratelimit import TokenBucket

ORCID = "0000-0002-1825-0097"
TOKEN = "3c6ab2a4-5a4e-4b86-9d83-1f0e3e1f5a10"
SECRET = "client-secret-b41f0a"
CLIENT_ID = "APP-TESTCLIENT0001"

ENDPOINTS = OrcidEndpoints(
    authorize_url="https://orcid.test/oauth/authorize",
    token_url="https://orcid.test/oauth/token",
    revoke_url="https://orcid.test/oauth/revoke",
    member_api_base="https://api.orcid.test/v3.0",
    public_api_base="https://pub.orcid.test/v3.0",
)
API = ENDPOINTS.member_api_base


@pytest.fixture(scope="session")
def orcid_model(fixtures_dir: Path) -> Path:
    return fixtures_dir / "orcid-model"


@pytest.fixture(scope="session")
def samples(orcid_model: Path) -> Path:
    return orcid_model / "record_3.0" / "samples"


@pytest.fixture(scope="session")
def xsd(orcid_model: Path) -> Callable[[str], etree.XMLSchema]:
    """``xsd("work")`` is ``record_3.0/work-3.0.xsd``, loaded offline (imports are relative)."""
    cache: dict[str, etree.XMLSchema] = {}
    parser = etree.XMLParser(no_network=True, resolve_entities=False)

    def load(name: str) -> etree.XMLSchema:
        if name not in cache:
            path = orcid_model / "record_3.0" / f"{name}-3.0.xsd"
            cache[name] = etree.XMLSchema(etree.parse(str(path), parser))
        return cache[name]

    return load


@pytest.fixture(scope="session")
def assert_valid(xsd: Callable[[str], etree.XMLSchema]) -> Callable[[str, bytes], None]:
    def check(name: str, document: bytes) -> None:
        schema = xsd(name)
        tree = etree.fromstring(document, etree.XMLParser(no_network=True))
        if not schema.validate(tree):
            problems = str(schema.error_log)
            pytest.fail(f"not valid against {name}-3.0.xsd:\n{problems}\n{document.decode()}")

    return check


def make_work(**changes: object) -> Work:
    values: dict[str, object] = {
        "title": "Cross-border research information in the Baltics",
        "type": "journal-article",
        "external_ids": (
            ExternalId("doi", "10.1234/ABC.2024.1", "self", "https://doi.org/10.1234/abc.2024.1"),
            ExternalId("issn", "0317-8471", "part-of"),
        ),
        "subtitle": "A case study",
        "translated_title": "Pārrobežu pētniecības informācija Baltijā",
        "translated_title_language": "lv",
        "journal_title": "Baltic Journal of Informatics",
        "short_description": "How CRIS systems exchange records.",
        "citation_type": "bibtex",
        "citation_value": "@article{k, title={X}}",
        "publication_date": FuzzyDate(2024, 3, 5),
        "url": "https://example.lv/works/1",
        "contributors": (
            Contributor("Anna Bērziņa", ORCID, None, "first", "author"),
            Contributor(
                "Jānis Kalniņš",
                None,
                "janis@example.lv",
                "additional",
                "http://credit.niso.org/contributor-roles/methodology/",
            ),
        ),
        "language_code": "en",
        "country": "LV",
    }
    values.update(changes)
    return Work(**values)  # type: ignore[arg-type]


UNIVERSITY = Organization(
    name="University of Latvia",
    city="Riga",
    region="Riga",
    country="LV",
    disambiguated_id="https://ror.org/05g3mes96",
    disambiguation_source="ROR",
)


def make_affiliation(**changes: object) -> Affiliation:
    values: dict[str, object] = {
        "kind": "employment",
        "organization": UNIVERSITY,
        "department": "Faculty of Computing",
        "role_title": "Researcher",
        "start_date": FuzzyDate(2019, 9),
        "end_date": FuzzyDate(2023, 8, 31),
        "url": "https://www.lu.lv",
        "external_ids": (ExternalId("other-id", "LU-EMP-17", "self"),),
    }
    values.update(changes)
    return Affiliation(**values)  # type: ignore[arg-type]


def make_funding(**changes: object) -> Funding:
    values: dict[str, object] = {
        "type": "grant",
        "title": "Open research infrastructure",
        "organization": Organization(
            "Latvian Council of Science",
            "Riga",
            None,
            "LV",
            "https://ror.org/01z5gxk23",
            "ROR",
        ),
        "organization_defined_type": "Fundamental research project",
        "short_description": "Three-year project",
        "amount": "300000",
        "currency": "EUR",
        "start_date": FuzzyDate(2022, 1, 1),
        "end_date": FuzzyDate(2024, 12, 31),
        "external_ids": (ExternalId("grant_number", "lzp-2021/1-0001", "self"),),
        "contributors": (Contributor("Anna Bērziņa", ORCID, None, None, "lead"),),
    }
    values.update(changes)
    return Funding(**values)  # type: ignore[arg-type]


@pytest.fixture
def wire() -> Iterator[responses.RequestsMock]:
    """A fake ORCID at the HTTP layer; any unexpected request fails the test."""
    with responses.RequestsMock(assert_all_requests_are_fired=True) as mock:
        yield mock


@pytest.fixture
def orcid_settings() -> OrcidSettings:
    return OrcidSettings(timeout_seconds=2.0, rate_per_second=0, burst=1, max_retries=3)


@pytest.fixture
def client(orcid_settings: OrcidSettings) -> Iterator[OrcidClient]:
    """A client with the rate limit off and near-zero backoff, so retries cost no time."""
    with OrcidClient(
        ENDPOINTS,
        CLIENT_ID,
        SECRET,
        orcid_settings,
        limiter=TokenBucket(0, 1),
        backoff_seconds=0.001,
    ) as orcid_client:
        yield orcid_client
