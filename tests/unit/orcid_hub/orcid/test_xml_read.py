"""The parsers on ORCID's own read and write samples, and on hostile input."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from orcid_hub.orcid import xml_read, xml_write
from orcid_hub.orcid.model import Affiliation, Funding, FuzzyDate, Record
from orcid_hub.orcid.xml import XmlError, parse_bytes

Check = Callable[[str, bytes], None]
WRITE_AFFILIATION = xml_write.affiliation_to_xml


def read(samples: Path, name: str) -> bytes:
    return (samples / "read_samples" / name).read_bytes()


def test_full_work(samples: Path) -> None:
    work = xml_read.parse_work(read(samples, "work-full-3.0.xml"))
    assert work.put_code == 123
    assert work.visibility == "private"
    assert work.title == "common:title"
    assert work.subtitle == "common:subtitle"
    assert (work.translated_title, work.translated_title_language) == (
        "common:translated-title",
        "en",
    )
    assert work.journal_title == "common:journal-title"
    assert (work.citation_type, work.citation_value) == ("formatted-unspecified", "work:citation")
    assert work.type == "artistic-performance"
    assert work.publication_date == FuzzyDate(1948, 2, 2)
    assert [(e.type, e.relationship) for e in work.external_ids] == [
        ("agr", "version-of"),
        ("doi", "self"),
    ]
    assert work.self_ids()[0].value == "work:doi"
    person = work.contributors[0]
    assert (person.orcid, person.name, person.email, person.sequence, person.role) == (
        "8888-8888-8888-8880",
        "work:credit-name",
        "work@contributor.email",
        "first",
        "author",
    )
    assert (work.language_code, work.country) == ("en", "AF")
    assert work.source is not None and work.source.orcid == "8888-8888-8888-8880"
    assert work.created == datetime(2001, 12, 31, 12, tzinfo=UTC)


def test_works_summary_keeps_groups_and_padded_dates(samples: Path) -> None:
    summary = xml_read.parse_works_summary(read(samples, "works-3.0.xml"))
    assert [g.put_codes for g in summary.groups] == [(3356,), (3357,), (3358,)]
    assert summary.groups[0].external_ids == ()
    assert summary.groups[1].external_ids[0].type == "arxiv"
    third = summary.groups[2].summaries[0]
    assert (third.title, third.type, third.journal_title) == (
        "Work # 2",
        "journal-article",
        "some journal title",
    )
    assert third.display_index == 1
    assert third.source is not None and third.source.name == "User One Credit name"
    # The sample pretty-prints dates with a newline inside the element.
    assert summary.last_modified == datetime(
        2017, 1, 18, 15, 6, 5, 147000, tzinfo=timezone(timedelta(hours=-6))
    )


def test_bulk_answer_with_a_created_work_and_an_error(samples: Path) -> None:
    created, failed = xml_read.parse_bulk(read(samples, "bulk-work-err.xml"))
    assert created.ok and created.work is not None
    assert created.work.put_code == 156043
    assert created.work.self_ids()[0].value == "10.1016/j.crvasa.2015.05.007"
    assert not failed.ok and failed.error is not None
    assert (failed.error.response_code, failed.error.error_code) == (400, 9037)
    assert failed.error.user_message == "Please specify a work type."


def test_error_body(samples: Path) -> None:
    error = xml_read.parse_error(read(samples, "error-3.0.xml"))
    assert error.developer_message == "error:developer-message"
    assert error.user_message == "error:user-message"
    assert (error.response_code, error.error_code) == (0, 0)
    assert error.more_info == "http://tempuri.org"


def test_employments_and_educations(samples: Path) -> None:
    employments = xml_read.parse_affiliations(read(samples, "employments-3.0.xml"))
    assert employments and all(a.kind == "employment" for a in employments)
    first = employments[0]
    assert (first.put_code, first.department, first.role_title) == (
        1,
        "employment",
        "employment:role-title",
    )
    assert first.start_date == FuzzyDate(1948, 2, 2)
    assert (first.organization.name, first.organization.city, first.organization.country) == (
        "employment",
        "x",
        "AS",
    )
    educations = xml_read.parse_affiliations(read(samples, "educations-3.0.xml"))
    assert educations and all(a.kind == "education" for a in educations)
    assert educations[0].organization.name == "education"


def test_full_employment_has_disambiguated_organisation(samples: Path) -> None:
    employment = xml_read.parse_affiliation(read(samples, "employment-full-3.0.xml"))
    assert employment.kind == "employment" and employment.put_code == 0
    assert employment.organization.region == "common:region"
    assert employment.organization.disambiguation_source is not None


def test_fundings(samples: Path) -> None:
    fundings = xml_read.parse_fundings(read(samples, "fundings-3.0.xml"))
    assert [f.put_code for f in fundings][:2] == [2020, 2020]
    assert fundings[0].title == "Funding # 1"
    assert (fundings[0].organization.name, fundings[0].organization.country) == ("a", "DZ")
    assert fundings[-1].title == "Funding # 2" and fundings[-1].put_code == 2021
    full = xml_read.parse_funding(read(samples, "funding-full-3.0.xml"))
    assert full.title and full.organization.name


def test_record(samples: Path) -> None:
    record = xml_read.parse_record(read(samples, "record-3.0.xml"))
    assert record.orcid == "8888-8888-8888-8880"
    assert (record.given_names, record.family_name, record.credit_name) == (
        "give-names",
        "family-name",
        "credit-name",
    )
    assert len(record.works.groups) == 1
    assert len(record.employments) == 1 and record.employments[0].kind == "employment"
    assert len(record.educations) == 1 and record.educations[0].kind == "education"
    assert len(record.fundings) == 1


@pytest.mark.parametrize(
    ("sample", "schema", "parse", "write"),
    [
        ("work-simple-3.0.xml", "work", xml_read.parse_work, xml_write.work_to_xml),
        ("work-full-3.0.xml", "work", xml_read.parse_work, xml_write.work_to_xml),
        (
            "employment-3.0.xml",
            "employment",
            xml_read.parse_affiliation,
            xml_write.affiliation_to_xml,
        ),
        (
            "education-3.0.xml",
            "education",
            xml_read.parse_affiliation,
            xml_write.affiliation_to_xml,
        ),
        ("funding-3.0.xml", "funding", xml_read.parse_funding, xml_write.funding_to_xml),
    ],
)
def test_write_samples_round_trip(
    samples: Path,
    assert_valid: Check,
    sample: str,
    schema: str,
    parse: Callable[[bytes], object],
    write: Callable[[object], bytes],
) -> None:
    original = parse((samples / "write_samples" / sample).read_bytes())
    document = write(original)
    assert_valid(schema, document)
    assert parse(document) == original


def test_bulk_write_sample_round_trips(samples: Path, assert_valid: Check) -> None:
    items = xml_read.parse_bulk((samples / "write_samples" / "bulk-work-3.0.xml").read_bytes())
    works = [item.work for item in items if item.work is not None]
    assert [w.self_ids()[0].value for w in works] == [
        "10.1016/j.crvasa.2015.05.007",
        "10.1016/j.crvasa.2015.05.008",
    ]
    document = xml_write.bulk_to_xml(works)
    assert_valid("bulk", document)
    assert [item.work for item in xml_read.parse_bulk(document)] == works


def test_wrong_document_kind_is_refused(samples: Path) -> None:
    with pytest.raises(XmlError, match="expected work:work"):
        xml_read.parse_work(read(samples, "error-3.0.xml"))


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<error:error xmlns:error="http://www.orcid.org/ns/error"><error:developer-message>&lol4;</error:developer-message></error:error>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE e [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<error:error xmlns:error="http://www.orcid.org/ns/error"><error:developer-message>&secret;</error:developer-message></error:error>"""


@pytest.mark.parametrize("document", [BOMB, XXE], ids=["entity-bomb", "external-entity"])
def test_entities_and_doctypes_are_refused(document: bytes) -> None:
    with pytest.raises(XmlError, match="DOCTYPE"):
        xml_read.parse_error(document)


def test_doctype_hidden_by_another_encoding_is_still_refused() -> None:
    # The byte scan cannot see a UTF-16 DOCTYPE; the parsed tree's DTD check must.
    document = BOMB.replace(b'<?xml version="1.0"?>', b'<?xml version="1.0" encoding="UTF-16"?>')
    with pytest.raises(XmlError):
        parse_bytes(document.decode().encode("utf-16"))


def test_malformed_xml_names_line_and_column() -> None:
    with pytest.raises(XmlError, match=r"XML line 2, column \d+"):
        parse_bytes(b"<a>\n<b></a>")


def test_absurd_nesting_is_refused_with_a_clear_error() -> None:
    # Without huge_tree, libxml2 stops at its depth limit instead of exhausting memory.
    depth = 100_000
    with pytest.raises(XmlError, match="XML line 1"):
        parse_bytes(b"<a>" * depth + b"</a>" * depth)


def test_activities_summary(samples: Path) -> None:
    activities = xml_read.parse_activities(read(samples, "activities-3.0.xml"))
    assert len(activities.works.groups) == 1
    assert [a.kind for a in activities.employments] == ["employment"]
    assert [a.kind for a in activities.educations] == ["education"]
    assert len(activities.fundings) == 1
    assert activities.last_modified is not None


def test_empty_elements_read_as_absent(samples: Path) -> None:
    work = xml_read.parse_work(read(samples, "work-3.0.xml"))
    assert (work.subtitle, work.journal_title) == (None, None)
    review = xml_read.parse_work(read(samples, "work-review-3.0.xml"))
    assert review.journal_title == "common:journal-title"


@pytest.mark.parametrize(
    ("sample", "parse"),
    [
        ("employment-3.0.xml", xml_read.parse_affiliation),
        ("education-3.0.xml", xml_read.parse_affiliation),
        ("education-full-3.0.xml", xml_read.parse_affiliation),
        ("funding-3.0.xml", xml_read.parse_funding),
        ("funding-full-3.0.xml", xml_read.parse_funding),
        ("record-no-city-country-for-professional-activities-3.0.xml", xml_read.parse_record),
    ],
)
def test_other_read_samples_parse(
    samples: Path, sample: str, parse: Callable[[bytes], object]
) -> None:
    value = parse(read(samples, sample))
    if isinstance(value, Record):
        assert value.orcid and value.works.groups
    else:
        assert isinstance(value, Affiliation | Funding)
        assert value.organization.name and value.put_code is not None
        assert value.source is not None and value.created is not None
