"""Parse ORCID v3.0 XML answers into :mod:`orcid_hub.orcid.model` values.

Readers are lenient about what ORCID may legitimately omit or pad (read
samples carry pretty-printed dates with newlines) and strict about what the hub
relies on: a document of the wrong kind raises :class:`XmlError`.
"""

from __future__ import annotations

from datetime import datetime
from typing import TypedDict

from lxml import etree

from orcid_hub.orcid.model import (
    ActivitiesSummary,
    Affiliation,
    AffiliationKind,
    BulkItem,
    Contributor,
    ErrorInfo,
    ExternalId,
    Funding,
    FuzzyDate,
    Organization,
    Record,
    Source,
    Work,
    WorkGroup,
    WorksSummary,
)
from orcid_hub.orcid.xml import NS, XmlError, child, parse_bytes, parse_datetime, qname, text


def _int(value: str | None) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        return None


def _expect(root: etree._Element, *names: tuple[str, str]) -> None:
    if root.tag not in {qname(prefix, local) for prefix, local in names}:
        wanted = " or ".join(f"{p}:{n}" for p, n in names)
        raise XmlError(f"expected {wanted}, got {etree.QName(root).localname!r}")


def _root(data: bytes | etree._Element) -> etree._Element:
    return data if isinstance(data, etree._Element) else parse_bytes(data)


def fuzzy_date(element: etree._Element | None) -> FuzzyDate | None:
    if element is None:
        return None
    year = _int(text(element, "common:year"))
    if year is None:
        return None
    return FuzzyDate(year, _int(text(element, "common:month")), _int(text(element, "common:day")))


def external_ids(parent: etree._Element | None) -> tuple[ExternalId, ...]:
    container = child(parent, "common:external-ids")
    if container is None:
        return ()
    return tuple(
        ExternalId(
            type=text(eid, "common:external-id-type") or "",
            value=text(eid, "common:external-id-value") or "",
            relationship=text(eid, "common:external-id-relationship") or "",
            url=text(eid, "common:external-id-url"),
            normalized=text(eid, "common:external-id-normalized"),
        )
        for eid in container.findall("common:external-id", NS)
    )


def source(parent: etree._Element) -> Source | None:
    element = child(parent, "common:source")
    if element is None:
        return None
    return Source(
        client_id=text(element, "common:source-client-id/common:path"),
        orcid=text(element, "common:source-orcid/common:path"),
        name=text(element, "common:source-name"),
        assertion_origin_orcid=text(element, "common:assertion-origin-orcid/common:path"),
    )


class _Meta(TypedDict):
    put_code: int | None
    visibility: str | None
    display_index: int | None
    source: Source | None
    created: datetime | None
    last_modified: datetime | None


def _meta(element: etree._Element) -> _Meta:
    """Attributes and server-owned children shared by every activity."""
    return {
        "put_code": _int(element.get("put-code")),
        "visibility": element.get("visibility"),
        "display_index": _int(element.get("display-index")),
        "source": source(element),
        "created": parse_datetime(text(element, "common:created-date")),
        "last_modified": parse_datetime(text(element, "common:last-modified-date")),
    }


def _contributors(element: etree._Element, prefix: str) -> tuple[Contributor, ...]:
    people = []
    for item in element.iterfind(f"{prefix}:contributors/{prefix}:contributor", NS):
        people.append(
            Contributor(
                name=text(item, f"{prefix}:credit-name"),
                orcid=text(item, "common:contributor-orcid/common:path"),
                email=text(item, f"{prefix}:contributor-email"),
                sequence=text(
                    item, f"{prefix}:contributor-attributes/{prefix}:contributor-sequence"
                ),
                role=text(item, f"{prefix}:contributor-attributes/{prefix}:contributor-role"),
            )
        )
    return tuple(people)


def _translated(element: etree._Element, path: str) -> tuple[str | None, str | None]:
    found = child(element, path)
    if found is None or not (found.text or "").strip():
        return None, None
    return (found.text or "").strip(), found.get("language-code")


def work_from_element(element: etree._Element) -> Work:
    """A ``work:work`` or ``work:work-summary`` element."""
    _expect(element, ("work", "work"), ("work", "work-summary"))
    translated, language = _translated(element, "work:title/common:translated-title")
    return Work(
        title=text(element, "work:title/common:title") or "",
        subtitle=text(element, "work:title/common:subtitle"),
        translated_title=translated,
        translated_title_language=language,
        journal_title=text(element, "work:journal-title"),
        short_description=text(element, "work:short-description"),
        citation_type=text(element, "work:citation/work:citation-type"),
        citation_value=text(element, "work:citation/work:citation-value"),
        type=text(element, "work:type") or "",
        publication_date=fuzzy_date(child(element, "common:publication-date")),
        external_ids=external_ids(element),
        url=text(element, "common:url"),
        contributors=_contributors(element, "work"),
        language_code=text(element, "common:language-code"),
        country=text(element, "common:country"),
        **_meta(element),
    )


def parse_work(data: bytes | etree._Element) -> Work:
    """``GET /{orcid}/work/{put-code}`` (or a summary)."""
    return work_from_element(_root(data))


def parse_works_summary(data: bytes | etree._Element) -> WorksSummary:
    """``GET /{orcid}/works``: groups of work summaries."""
    root = _root(data)
    _expect(root, ("activities", "works"))
    groups = tuple(
        WorkGroup(
            external_ids=external_ids(group),
            summaries=tuple(
                work_from_element(summary) for summary in group.iterfind("work:work-summary", NS)
            ),
            last_modified=parse_datetime(text(group, "common:last-modified-date")),
        )
        for group in root.iterfind("activities:group", NS)
    )
    return WorksSummary(groups, parse_datetime(text(root, "common:last-modified-date")))


def error_from_element(element: etree._Element) -> ErrorInfo:
    _expect(element, ("error", "error"))
    return ErrorInfo(
        response_code=_int(text(element, "error:response-code")),
        developer_message=text(element, "error:developer-message") or "",
        user_message=text(element, "error:user-message") or "",
        error_code=_int(text(element, "error:error-code")),
        more_info=text(element, "error:more-info"),
    )


def parse_error(data: bytes | etree._Element) -> ErrorInfo:
    """An ``error:error`` body."""
    return error_from_element(_root(data))


def parse_bulk(data: bytes | etree._Element) -> tuple[BulkItem, ...]:
    """A ``bulk:bulk`` answer: created (or read) works and per-item errors, in order."""
    root = _root(data)
    _expect(root, ("bulk", "bulk"))
    items = []
    for element in root:
        if element.tag == qname("error", "error"):
            items.append(BulkItem(error=error_from_element(element)))
        else:
            items.append(BulkItem(work=work_from_element(element)))
    return tuple(items)


def organization(element: etree._Element | None) -> Organization | None:
    if element is None:
        return None
    return Organization(
        name=text(element, "common:name") or "",
        city=text(element, "common:address/common:city"),
        region=text(element, "common:address/common:region"),
        country=text(element, "common:address/common:country"),
        disambiguated_id=text(
            element,
            "common:disambiguated-organization/common:disambiguated-organization-identifier",
        ),
        disambiguation_source=text(
            element, "common:disambiguated-organization/common:disambiguation-source"
        ),
    )


def affiliation_from_element(element: etree._Element) -> Affiliation:
    """``employment:employment[-summary]`` or ``education:education[-summary]``."""
    kind: AffiliationKind
    namespace = etree.QName(element).namespace
    if namespace == NS["employment"]:
        kind = "employment"
    elif namespace == NS["education"]:
        kind = "education"
    else:
        raise XmlError(f"expected an employment or education, got {element.tag!r}")
    return Affiliation(
        kind=kind,
        department=text(element, "common:department-name"),
        role_title=text(element, "common:role-title"),
        start_date=fuzzy_date(child(element, "common:start-date")),
        end_date=fuzzy_date(child(element, "common:end-date")),
        organization=organization(child(element, "common:organization")) or Organization(""),
        url=text(element, "common:url"),
        external_ids=external_ids(element),
        **_meta(element),
    )


def parse_affiliation(data: bytes | etree._Element) -> Affiliation:
    """``GET /{orcid}/employment/{pc}`` or ``/education/{pc}``."""
    return affiliation_from_element(_root(data))


def parse_affiliations(data: bytes | etree._Element) -> tuple[Affiliation, ...]:
    """``GET /{orcid}/employments`` or ``/educations``: every summary, groups flattened."""
    root = _root(data)
    _expect(root, ("activities", "employments"), ("activities", "educations"))
    return tuple(
        affiliation_from_element(summary)
        for group in root.iterfind("activities:affiliation-group", NS)
        for summary in group
        if str(summary.tag).endswith("-summary")
    )


def funding_from_element(element: etree._Element) -> Funding:
    """``funding:funding`` or ``funding:funding-summary``."""
    _expect(element, ("funding", "funding"), ("funding", "funding-summary"))
    translated, language = _translated(element, "funding:title/common:translated-title")
    amount = child(element, "funding:amount")
    return Funding(
        type=text(element, "funding:type") or "",
        organization_defined_type=text(element, "funding:organization-defined-type"),
        title=text(element, "funding:title/common:title") or "",
        translated_title=translated,
        translated_title_language=language,
        short_description=text(element, "funding:short-description"),
        amount=(amount.text or "").strip() or None if amount is not None else None,
        currency=amount.get("currency-code") if amount is not None else None,
        url=text(element, "common:url"),
        start_date=fuzzy_date(child(element, "common:start-date")),
        end_date=fuzzy_date(child(element, "common:end-date")),
        external_ids=external_ids(element),
        contributors=_contributors(element, "funding"),
        organization=organization(child(element, "common:organization")) or Organization(""),
        **_meta(element),
    )


def parse_funding(data: bytes | etree._Element) -> Funding:
    """``GET /{orcid}/funding/{pc}``."""
    return funding_from_element(_root(data))


def parse_fundings(data: bytes | etree._Element) -> tuple[Funding, ...]:
    """``GET /{orcid}/fundings``: every summary, groups flattened."""
    root = _root(data)
    _expect(root, ("activities", "fundings"))
    return tuple(
        funding_from_element(summary)
        for summary in root.iterfind("activities:group/funding:funding-summary", NS)
    )


def parse_activities(data: bytes | etree._Element) -> ActivitiesSummary:
    """``GET /{orcid}/activities``: the summaries of works, affiliations and fundings."""
    root = _root(data)
    _expect(root, ("activities", "activities-summary"))
    works = child(root, "activities:works")
    employments = child(root, "activities:employments")
    educations = child(root, "activities:educations")
    fundings = child(root, "activities:fundings")
    return ActivitiesSummary(
        works=parse_works_summary(works) if works is not None else WorksSummary(),
        employments=parse_affiliations(employments) if employments is not None else (),
        educations=parse_affiliations(educations) if educations is not None else (),
        fundings=parse_fundings(fundings) if fundings is not None else (),
        last_modified=parse_datetime(text(root, "common:last-modified-date")),
    )


def parse_record(data: bytes | etree._Element) -> Record:
    """``GET /{orcid}/record``: identity, name and the activity summaries the hub uses."""
    root = _root(data)
    _expect(root, ("record", "record"))
    name = child(root, "person:person/person:name")
    activities = child(root, "activities:activities-summary")
    return Record(
        orcid=text(root, "common:orcid-identifier/common:path"),
        given_names=text(name, "personal-details:given-names"),
        family_name=text(name, "personal-details:family-name"),
        credit_name=text(name, "personal-details:credit-name"),
        activities=parse_activities(activities) if activities is not None else ActivitiesSummary(),
    )
