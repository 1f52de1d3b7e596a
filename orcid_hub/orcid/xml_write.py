"""Serialise works, affiliations, fundings and bulk requests to ORCID v3.0 XML.

Element order follows the ``xs:sequence`` of the official XSDs (a wrong order is
a 400/9001 at ORCID). Server-owned parts (source, dates, visibility, display
index) are never written: ORCID sets them, and a visibility in a PUT is a
403/9035. The put-code is written only when the value carries one, which is
what an update needs and what a create must not have (9024).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from lxml import etree

from orcid_hub.orcid.model import (
    Affiliation,
    Contributor,
    ExternalId,
    Funding,
    FuzzyDate,
    Organization,
    Work,
)
from orcid_hub.orcid.xml import NS, qname, to_bytes

ORCID_HOST = "orcid.org"


def _sub(
    parent: etree._Element, prefix: str, local: str, value: str | None = None
) -> etree._Element:
    element = etree.SubElement(parent, qname(prefix, local))
    if value is not None:
        element.text = value
    return element


def _opt(parent: etree._Element, prefix: str, local: str, value: str | None) -> None:
    if value:
        _sub(parent, prefix, local, value)


def _root(
    prefix: str, local: str, put_code: int | None, extra_ns: Iterable[str] = ()
) -> etree._Element:
    nsmap = {p: NS[p] for p in ("common", prefix, *extra_ns)}
    root = etree.Element(qname(prefix, local), nsmap=nsmap)
    if put_code is not None:
        root.set("put-code", str(put_code))
    return root


def _date(parent: etree._Element, local: str, date: FuzzyDate | None) -> None:
    if date is None or date.year is None:
        return
    element = _sub(parent, "common", local)
    _sub(element, "common", "year", f"{date.year:04d}")
    if date.month is not None:
        _sub(element, "common", "month", f"{date.month:02d}")
        if date.day is not None:
            _sub(element, "common", "day", f"{date.day:02d}")


def _external_ids(parent: etree._Element, ids: Sequence[ExternalId], *, always: bool) -> None:
    if not ids and not always:
        return
    container = _sub(parent, "common", "external-ids")
    for eid in ids:
        element = _sub(container, "common", "external-id")
        _sub(element, "common", "external-id-type", eid.type)
        _sub(element, "common", "external-id-value", eid.value)
        _opt(element, "common", "external-id-url", eid.url)
        _opt(element, "common", "external-id-relationship", eid.relationship)


def _contributors(
    parent: etree._Element, prefix: str, contributors: Sequence[Contributor], orcid_host: str
) -> None:
    if not contributors:
        return
    container = _sub(parent, prefix, "contributors")
    for person in contributors:
        element = _sub(container, prefix, "contributor")
        if person.orcid:
            orcid = _sub(element, "common", "contributor-orcid")
            _sub(orcid, "common", "uri", f"https://{orcid_host}/{person.orcid}")
            _sub(orcid, "common", "path", person.orcid)
            _sub(orcid, "common", "host", orcid_host)
        _opt(element, prefix, "credit-name", person.name)
        _opt(element, prefix, "contributor-email", person.email)
        sequence = person.sequence if prefix == "work" else None
        if sequence or person.role:
            attributes = _sub(element, prefix, "contributor-attributes")
            _opt(attributes, prefix, "contributor-sequence", sequence)
            _opt(attributes, prefix, "contributor-role", person.role)


def _organization(parent: etree._Element, org: Organization) -> None:
    element = _sub(parent, "common", "organization")
    _sub(element, "common", "name", org.name)
    address = _sub(element, "common", "address")
    _opt(address, "common", "city", org.city)
    _opt(address, "common", "region", org.region)
    _opt(address, "common", "country", org.country)
    if org.disambiguated_id:
        disambiguated = _sub(element, "common", "disambiguated-organization")
        _sub(disambiguated, "common", "disambiguated-organization-identifier", org.disambiguated_id)
        _sub(disambiguated, "common", "disambiguation-source", org.disambiguation_source or "")


def _translated_title(parent: etree._Element, value: str | None, language: str | None) -> None:
    if value:
        element = _sub(parent, "common", "translated-title", value)
        element.set("language-code", language or "")


def work_element(work: Work, *, orcid_host: str = ORCID_HOST) -> etree._Element:
    """The ``work:work`` element (used alone, and inside a bulk request)."""
    root = _root("work", "work", work.put_code)
    title = _sub(root, "work", "title")
    _sub(title, "common", "title", work.title)
    _opt(title, "common", "subtitle", work.subtitle)
    _translated_title(title, work.translated_title, work.translated_title_language)
    _opt(root, "work", "journal-title", work.journal_title)
    _opt(root, "work", "short-description", work.short_description)
    if work.citation_value:
        citation = _sub(root, "work", "citation")
        _sub(citation, "work", "citation-type", work.citation_type or "formatted-unspecified")
        _sub(citation, "work", "citation-value", work.citation_value)
    _sub(root, "work", "type", work.type)
    _date(root, "publication-date", work.publication_date)
    _external_ids(root, work.external_ids, always=True)
    _opt(root, "common", "url", work.url)
    _contributors(root, "work", work.contributors, orcid_host)
    _opt(root, "common", "language-code", work.language_code)
    _opt(root, "common", "country", work.country)
    return root


def work_to_xml(work: Work, *, orcid_host: str = ORCID_HOST) -> bytes:
    """A ``work:work`` document for POST ``/work`` or PUT ``/work/{put-code}``."""
    return to_bytes(work_element(work, orcid_host=orcid_host))


def bulk_to_xml(works: Sequence[Work], *, orcid_host: str = ORCID_HOST) -> bytes:
    """A ``bulk:bulk`` document for POST ``/works`` (the caller keeps it to ≤ 100)."""
    root = etree.Element(
        qname("bulk", "bulk"), nsmap={p: NS[p] for p in ("bulk", "work", "common")}
    )
    for work in works:
        root.append(work_element(work, orcid_host=orcid_host))
    return to_bytes(root)


def affiliation_to_xml(affiliation: Affiliation) -> bytes:
    """An ``employment:employment`` or ``education:education`` document."""
    kind = affiliation.kind
    root = _root(kind, kind, affiliation.put_code)
    _opt(root, "common", "department-name", affiliation.department)
    _opt(root, "common", "role-title", affiliation.role_title)
    _date(root, "start-date", affiliation.start_date)
    _date(root, "end-date", affiliation.end_date)
    _organization(root, affiliation.organization)
    _opt(root, "common", "url", affiliation.url)
    _external_ids(root, affiliation.external_ids, always=False)
    return to_bytes(root)


def funding_to_xml(funding: Funding, *, orcid_host: str = ORCID_HOST) -> bytes:
    """A ``funding:funding`` document."""
    root = _root("funding", "funding", funding.put_code)
    _sub(root, "funding", "type", funding.type)
    _opt(root, "funding", "organization-defined-type", funding.organization_defined_type)
    title = _sub(root, "funding", "title")
    _sub(title, "common", "title", funding.title)
    _translated_title(title, funding.translated_title, funding.translated_title_language)
    _opt(root, "funding", "short-description", funding.short_description)
    if funding.amount:
        amount = _sub(root, "funding", "amount", funding.amount)
        amount.set("currency-code", funding.currency or "")
    _opt(root, "common", "url", funding.url)
    _date(root, "start-date", funding.start_date)
    _date(root, "end-date", funding.end_date)
    _external_ids(root, funding.external_ids, always=False)
    _contributors(root, "funding", funding.contributors, orcid_host)
    _organization(root, funding.organization)
    return to_bytes(root)
