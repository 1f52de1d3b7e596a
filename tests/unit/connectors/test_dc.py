"""oai_dc records from the OAI-PMH response samples."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from oai_files import read_oai_file

from connectors.oaipmh.dc import identifier_from_text
from connectors.records import (
    Contributor,
    ExternalId,
    FuzzyDate,
    Relationship,
    Title,
    Tombstone,
    Work,
)


@pytest.fixture
def responses_dir(fixtures_dir: Path) -> Path:
    return fixtures_dir / "oai-pmh-responses"


@pytest.mark.parametrize("name", ["ListRecords.xml", "ListRecords2.xml", "ListRecords3.xml"])
def test_list_records_pages(responses_dir: Path, name: str) -> None:
    deleted, work = read_oai_file(responses_dir / name, "oai_dc", "repo")
    assert deleted == Tombstone(
        "repo",
        "1585310",
        "work",
        "oai:test.example.com:1585310",
        datetime(2011, 7, 18, 16, 31, tzinfo=UTC),
    )
    assert isinstance(work, Work)
    assert work.local_id == "1585322"
    assert work.titles == (Title("Sample Title"),)
    assert work.publication_date == FuzzyDate(2010)
    assert work.orcid_type == "journal-article"
    assert work.coar_type == "http://purl.org/coar/resource_type/c_6501"
    assert work.contributors == tuple(
        Contributor("John Doe", role="author", sequence=n) for n in range(1, 5)
    )
    assert work.url == "http://test.example.com/publication/1585322"
    assert work.external_ids == (ExternalId("uri", "http://test.example.com/publication/1585322"),)
    assert (work.language, work.container_title) == ("eng", "Sample Source")
    assert work.last_modified == datetime(2011, 1, 10, 10, 19, 23, tzinfo=UTC)


def test_deleted_record_without_identifier_is_skipped(responses_dir: Path) -> None:
    records = read_oai_file(responses_dir / "ListRecords4.xml", "oai_dc")
    assert len(records) == 1 and isinstance(records[0], Work)


@pytest.mark.parametrize(
    ("name", "creator", "orcid_type"),
    [("GetRecord.xml", "John Doe", "journal-article"), ("GetRecord_utf8test.xml", "某人", "other")],
)
def test_get_record(responses_dir: Path, name: str, creator: str, orcid_type: str) -> None:
    (work,) = read_oai_file(responses_dir / name, "oai_dc")
    assert isinstance(work, Work)
    assert work.oai_identifier == "oai:test.example.com:1996652"
    assert work.contributors[0].name == creator
    assert work.orcid_type == orcid_type
    assert work.publication_date == FuzzyDate(2011)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("doi:10.1000/ABC", ExternalId("doi", "10.1000/abc")),
        ("https://doi.org/10.1000/abc", ExternalId("doi", "10.1000/abc")),
        ("http://hdl.handle.net/10062/1234", ExternalId("handle", "10062/1234")),
        ("urn:nbn:se:uu:diva-160648", ExternalId("urn", "urn:nbn:se:uu:diva-160648")),
        ("ISSN:1746-8256", ExternalId("issn", "1746-8256", Relationship.PART_OF)),
        ("urn:isbn:978-3-642-35232-4", ExternalId("isbn", "9783642352324")),
        ("pmid:123", ExternalId("pmid", "123")),
        ("just text", None),
    ],
)
def test_identifier_from_text(text: str, expected: ExternalId | None) -> None:
    assert identifier_from_text(text) == expected
