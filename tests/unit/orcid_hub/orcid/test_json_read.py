"""The v3.0 JSON reader on ORCID's real sandbox record and the JSON write samples."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from orcid_hub.orcid import json_read, vocab
from orcid_hub.orcid.model import FuzzyDate


@pytest.fixture(scope="module")
def record_json(samples: Path) -> bytes:
    return (samples / "read_samples" / "record-full-3.0.json").read_bytes()


def test_record_identity_and_name(record_json: bytes) -> None:
    record = json_read.record_from_json(record_json)
    assert record.orcid == "0000-0002-7319-2192"
    assert (record.given_names, record.family_name, record.credit_name) == (
        "Three",
        "releasecandidate1",
        None,
    )


def test_record_works_carry_source_and_epoch_dates(record_json: bytes) -> None:
    record = json_read.record_from_json(record_json)
    assert len(record.works.groups) == 1
    work = record.works.groups[0].summaries[0]
    assert work.put_code == 178602
    assert work.title == "Work Title"
    assert (work.translated_title, work.translated_title_language) == ("Translated-title", "en")
    assert work.source is not None
    assert work.source_client_id == "APP-OQYKBIN9CXD9U3SH"
    assert work.source.assertion_origin_orcid == "0000-0002-7319-2192"
    assert work.created == datetime.fromtimestamp(1559917017189 / 1000, UTC)
    version_of, self_id = work.external_ids
    assert (version_of.relationship, version_of.normalized) == ("version-of", "10.1087/20120404")
    # ORCID could not normalise the placeholder value; the reader keeps it as sent.
    assert (self_id.value, self_id.normalized) == ("work:doi", None)


def test_record_affiliations_and_fundings(record_json: bytes) -> None:
    record = json_read.record_from_json(record_json)
    employment = record.employments[0]
    assert employment.put_code == 9266
    assert employment.start_date == FuzzyDate(1948, 2, 2)
    assert employment.organization.country == "AF"
    assert employment.source is not None and employment.source.name == "Demo Org Sandbox"
    assert all(e.kind == "education" for e in record.educations)
    funding = record.fundings[0]
    assert (funding.type, funding.title) == ("grant", "Grant title")
    assert (funding.organization.name, funding.organization.city) == ("Wellcome Trust", "London")
    assert funding.organization.disambiguation_source == "FUNDREF"
    assert funding.end_date == FuzzyDate(2020, 2, 2)


def test_full_work_write_sample(samples: Path) -> None:
    work = json_read.work_from_json((samples / "write_samples" / "work-full-3.0.json").read_bytes())
    assert (work.title, work.subtitle) == ("Work Title", "Work subtitle")
    assert work.journal_title == "Journal title"
    assert work.publication_date == FuzzyDate(2022, 5, 24)
    assert work.citation_type == "bibtex" and "ORCID2012" in (work.citation_value or "")
    assert [c.orcid for c in work.contributors] == ["0000-0002-5391-5437", "0000-0002-4325-871X"]
    assert work.contributors[0].email == "example@example.com"
    assert work.contributors[1].sequence == "additional"
    assert (work.url, work.country, work.language_code) == ("https://example.com", "CA", "en")


def test_many_contributors_with_credit_roles(samples: Path) -> None:
    path = samples / "write_samples" / "work-with-NISO-roles-51-contributors-3.0.json"
    work = json_read.work_from_json(path.read_bytes())
    assert len(work.contributors) == 51
    roles = [c.role or "" for c in work.contributors]
    assert all(vocab.is_valid_role(role) for role in roles)
    assert sum(role.startswith(vocab.CREDIT_ROLE_PREFIX) for role in roles) == 14


def test_funding_sample_with_funding_and_credit_roles(samples: Path) -> None:
    data = json.loads((samples / "write_samples" / "funding-3.0-with-NISO-roles.json").read_text())
    funding = json_read.funding_from_json(data)
    roles = [c.role or "" for c in funding.contributors]
    assert roles[:4] == ["lead", "co-lead", "supported-by", "other-contribution"]
    assert all(vocab.is_valid_role(role, funding=True) for role in roles)
    assert not vocab.is_valid_role("lead")


def test_not_a_record_is_refused() -> None:
    with pytest.raises(json_read.JsonError):
        json_read.record_from_json(b'{"group": []}')
    with pytest.raises(json_read.JsonError):
        json_read.work_from_json(b"[1, 2]")


def test_activities_alone(record_json: bytes) -> None:
    section = json.loads(record_json)["activities-summary"]
    activities = json_read.activities_from_json(section)
    assert activities.works.put_codes == (178602,)
    assert activities.last_modified is not None
