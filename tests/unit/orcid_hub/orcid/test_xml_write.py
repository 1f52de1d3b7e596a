"""Every document the client produces validates against ORCID's official XSD."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from lxml import etree

from orcid_hub.orcid import validation, xml_read, xml_write
from orcid_hub.orcid.model import FuzzyDate, Work
from orcid_hub.orcid.xml import NS

from .conftest import make_affiliation, make_funding, make_work

Check = Callable[[str, bytes], None]


def _children(document: bytes) -> list[str]:
    root = etree.fromstring(document)
    return [etree.QName(child).localname for child in root]


def test_full_work_is_valid_and_in_xsd_order(assert_valid: Check) -> None:
    document = xml_write.work_to_xml(validation.normalised_work(make_work()))
    assert_valid("work", document)
    assert _children(document) == [
        "title",
        "journal-title",
        "short-description",
        "citation",
        "type",
        "publication-date",
        "external-ids",
        "url",
        "contributors",
        "language-code",
        "country",
    ]


def test_minimal_work_is_valid(assert_valid: Check) -> None:
    work = Work(title="T", type="report", external_ids=make_work().external_ids[:1])
    document = xml_write.work_to_xml(work)
    assert_valid("work", document)
    assert _children(document) == ["title", "type", "external-ids"]


def test_put_code_is_written_only_when_the_work_has_one(assert_valid: Check) -> None:
    created = etree.fromstring(xml_write.work_to_xml(make_work()))
    assert created.get("put-code") is None
    updated = xml_write.work_to_xml(make_work(put_code=4711, visibility="public"))
    assert_valid("work", updated)
    root = etree.fromstring(updated)
    assert root.get("put-code") == "4711"
    # Visibility belongs to the researcher; sending it on PUT is ORCID error 9035.
    assert root.get("visibility") is None


def test_partial_dates_are_zero_padded(assert_valid: Check) -> None:
    document = xml_write.work_to_xml(make_work(publication_date=FuzzyDate(2024, 3)))
    assert_valid("work", document)
    date = etree.fromstring(document).find("common:publication-date", NS)
    assert date is not None
    assert [(etree.QName(e).localname, e.text) for e in date] == [("year", "2024"), ("month", "03")]


def test_contributor_carries_orcid_uri_email_and_credit_role(assert_valid: Check) -> None:
    document = xml_write.work_to_xml(make_work(), orcid_host="sandbox.orcid.org")
    assert_valid("work", document)
    root = etree.fromstring(document)
    first, second = root.findall("work:contributors/work:contributor", NS)
    assert first.findtext("common:contributor-orcid/common:uri", namespaces=NS) == (
        "https://sandbox.orcid.org/0000-0002-1825-0097"
    )
    assert second.findtext("work:contributor-email", namespaces=NS) == "janis@example.lv"
    assert second.findtext("work:contributor-attributes/work:contributor-role", namespaces=NS) == (
        "http://credit.niso.org/contributor-roles/methodology/"
    )


def test_bulk_of_works_is_valid(assert_valid: Check) -> None:
    works = [make_work(title=f"Work {i}") for i in range(3)]
    document = xml_write.bulk_to_xml(works)
    assert_valid("bulk", document)
    assert [w.title for w in (item.work for item in xml_read.parse_bulk(document)) if w] == [
        "Work 0",
        "Work 1",
        "Work 2",
    ]


def test_employment_and_education_are_valid(assert_valid: Check) -> None:
    employment = xml_write.affiliation_to_xml(make_affiliation())
    assert_valid("employment", employment)
    assert _children(employment) == [
        "department-name",
        "role-title",
        "start-date",
        "end-date",
        "organization",
        "url",
        "external-ids",
    ]
    education = xml_write.affiliation_to_xml(make_affiliation(kind="education", put_code=12))
    assert_valid("education", education)
    assert etree.QName(etree.fromstring(education)).namespace == NS["education"]


def test_funding_is_valid_and_in_xsd_order(assert_valid: Check) -> None:
    document = xml_write.funding_to_xml(make_funding())
    assert_valid("funding", document)
    assert _children(document) == [
        "type",
        "organization-defined-type",
        "title",
        "short-description",
        "amount",
        "start-date",
        "end-date",
        "external-ids",
        "contributors",
        "organization",
    ]
    amount = etree.fromstring(document).find("funding:amount", NS)
    assert amount is not None and amount.get("currency-code") == "EUR"


def test_text_is_escaped_not_interpreted(assert_valid: Check) -> None:
    work = make_work(title='Na<sub>2</sub>SO₄ & <![CDATA[x]]> "quoted"')
    document = xml_write.work_to_xml(work)
    assert_valid("work", document)
    assert xml_read.parse_work(document).title == work.title


def test_round_trip_keeps_every_written_field() -> None:
    work = validation.normalised_work(make_work(put_code=5))
    back = xml_read.parse_work(xml_write.work_to_xml(work))
    assert back == dataclasses.replace(work, external_ids=back.external_ids)
    assert [(e.type, e.value, e.relationship) for e in back.external_ids] == [
        ("doi", "10.1234/abc.2024.1", "self"),
        ("issn", "0317-8471", "part-of"),
    ]
