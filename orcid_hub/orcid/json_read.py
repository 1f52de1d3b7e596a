"""Parse ORCID v3.0 JSON (``application/vnd.orcid+json``) into model values.

v3.0 JSON wraps most scalars as ``{"value": ...}``, writes dates as epoch
milliseconds and nulls out what is absent. The hub talks XML to ORCID; this
reader exists for exports and for anything that hands us ORCID's JSON (the
shape reference is ORCID's ``record-full-3.0.json`` sample).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from orcid_hub.orcid.model import (
    ActivitiesSummary,
    Affiliation,
    AffiliationKind,
    Contributor,
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
from orcid_hub.orcid.xml import epoch_ms

JsonObject = Mapping[str, Any]


class JsonError(ValueError):
    """The JSON is not the ORCID document we expected."""


def _load(data: bytes | str | JsonObject) -> JsonObject:
    if isinstance(data, Mapping):
        return data
    try:
        loaded = json.loads(data)
    except ValueError as exc:
        raise JsonError(f"not JSON: {exc}") from None
    if not isinstance(loaded, dict):
        raise JsonError("expected a JSON object")
    return loaded


def _value(node: Any) -> str | None:
    """``{"value": "x"}`` -> ``"x"``; a bare string stays itself; null/empty -> None."""
    if isinstance(node, Mapping):
        node = node.get("value")
    if node is None:
        return None
    text = str(node).strip()
    return text or None


def _obj(node: Any, *path: str) -> JsonObject:
    for key in path:
        node = node.get(key) if isinstance(node, Mapping) else None
    return node if isinstance(node, Mapping) else {}


def _int(node: Any) -> int | None:
    text = _value(node)
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def fuzzy_date(node: Any) -> FuzzyDate | None:
    if not isinstance(node, Mapping):
        return None
    year = _int(node.get("year"))
    if year is None:
        return None
    return FuzzyDate(year, _int(node.get("month")), _int(node.get("day")))


def external_ids(node: Any) -> tuple[ExternalId, ...]:
    items = _obj(node, "external-ids").get("external-id") or []
    return tuple(
        ExternalId(
            type=_value(item.get("external-id-type")) or "",
            value=_value(item.get("external-id-value")) or "",
            relationship=_value(item.get("external-id-relationship")) or "",
            url=_value(item.get("external-id-url")),
            normalized=_value(item.get("external-id-normalized")),
        )
        for item in items
    )


def source(node: JsonObject) -> Source | None:
    src = node.get("source")
    if not isinstance(src, Mapping):
        return None
    return Source(
        client_id=_value(_obj(src, "source-client-id").get("path")),
        orcid=_value(_obj(src, "source-orcid").get("path")),
        name=_value(src.get("source-name")),
        assertion_origin_orcid=_value(_obj(src, "assertion-origin-orcid").get("path")),
    )


def _meta(node: JsonObject) -> dict[str, Any]:
    return {
        "put_code": _int(node.get("put-code")),
        "visibility": _value(node.get("visibility")),
        "display_index": _int(node.get("display-index")),
        "source": source(node),
        "created": epoch_ms(node.get("created-date")),
        "last_modified": epoch_ms(node.get("last-modified-date")),
    }


def _contributors(node: JsonObject) -> tuple[Contributor, ...]:
    people = _obj(node, "contributors").get("contributor") or []
    return tuple(
        Contributor(
            name=_value(person.get("credit-name")),
            orcid=_value(_obj(person, "contributor-orcid").get("path")),
            email=_value(person.get("contributor-email")),
            sequence=_value(_obj(person, "contributor-attributes").get("contributor-sequence")),
            role=_value(_obj(person, "contributor-attributes").get("contributor-role")),
        )
        for person in people
    )


def work_from_json(data: bytes | str | JsonObject) -> Work:
    """A v3.0 JSON work or work summary."""
    node = _load(data)
    title = _obj(node, "title")
    translated = _obj(title, "translated-title")
    citation = _obj(node, "citation")
    return Work(
        title=_value(title.get("title")) or "",
        subtitle=_value(title.get("subtitle")),
        translated_title=_value(translated),
        translated_title_language=_value(translated.get("language-code")),
        journal_title=_value(node.get("journal-title")),
        short_description=_value(node.get("short-description")),
        citation_type=_value(citation.get("citation-type")),
        citation_value=_value(citation.get("citation-value")),
        type=_value(node.get("type")) or "",
        publication_date=fuzzy_date(node.get("publication-date")),
        external_ids=external_ids(node),
        url=_value(node.get("url")),
        contributors=_contributors(node),
        language_code=_value(node.get("language-code")),
        country=_value(node.get("country")),
        **_meta(node),
    )


def works_summary_from_json(data: bytes | str | JsonObject) -> WorksSummary:
    """``/works`` as JSON: ``{"group": [{"external-ids", "work-summary": [...]}]}``."""
    node = _load(data)
    groups = tuple(
        WorkGroup(
            external_ids=external_ids(group),
            summaries=tuple(work_from_json(s) for s in group.get("work-summary") or []),
            last_modified=epoch_ms(group.get("last-modified-date")),
        )
        for group in node.get("group") or []
    )
    return WorksSummary(groups, epoch_ms(node.get("last-modified-date")))


def organization(node: Any) -> Organization:
    org = node if isinstance(node, Mapping) else {}
    address = _obj(org, "address")
    disambiguated = _obj(org, "disambiguated-organization")
    return Organization(
        name=_value(org.get("name")) or "",
        city=_value(address.get("city")),
        region=_value(address.get("region")),
        country=_value(address.get("country")),
        disambiguated_id=_value(disambiguated.get("disambiguated-organization-identifier")),
        disambiguation_source=_value(disambiguated.get("disambiguation-source")),
    )


def affiliation_from_json(node: JsonObject, kind: AffiliationKind) -> Affiliation:
    """A v3.0 JSON employment or education (full or summary)."""
    return Affiliation(
        kind=kind,
        department=_value(node.get("department-name")),
        role_title=_value(node.get("role-title")),
        start_date=fuzzy_date(node.get("start-date")),
        end_date=fuzzy_date(node.get("end-date")),
        organization=organization(node.get("organization")),
        url=_value(node.get("url")),
        external_ids=external_ids(node),
        **_meta(node),
    )


def funding_from_json(node: JsonObject) -> Funding:
    """A v3.0 JSON funding (full or summary)."""
    title = _obj(node, "title")
    translated = _obj(title, "translated-title")
    amount = _obj(node, "amount")
    return Funding(
        type=_value(node.get("type")) or "",
        organization_defined_type=_value(node.get("organization-defined-type")),
        title=_value(title.get("title")) or "",
        translated_title=_value(translated),
        translated_title_language=_value(translated.get("language-code")),
        short_description=_value(node.get("short-description")),
        amount=_value(amount),
        currency=_value(amount.get("currency-code")),
        url=_value(node.get("url")),
        start_date=fuzzy_date(node.get("start-date")),
        end_date=fuzzy_date(node.get("end-date")),
        external_ids=external_ids(node),
        contributors=_contributors(node),
        organization=organization(node.get("organization")),
        **_meta(node),
    )


def _affiliations(section: JsonObject, kind: AffiliationKind) -> tuple[Affiliation, ...]:
    key = f"{kind}-summary"
    return tuple(
        affiliation_from_json(item[key], kind)
        for group in section.get("affiliation-group") or []
        for item in group.get("summaries") or []
        if isinstance(item.get(key), Mapping)
    )


def activities_from_json(data: bytes | str | JsonObject) -> ActivitiesSummary:
    """``GET /{orcid}/activities`` as JSON (also the record's ``activities-summary``)."""
    node = _load(data)
    fundings = tuple(
        funding_from_json(summary)
        for group in _obj(node, "fundings").get("group") or []
        for summary in group.get("funding-summary") or []
    )
    return ActivitiesSummary(
        works=works_summary_from_json(_obj(node, "works")),
        employments=_affiliations(_obj(node, "employments"), "employment"),
        educations=_affiliations(_obj(node, "educations"), "education"),
        fundings=fundings,
        last_modified=epoch_ms(node.get("last-modified-date")),
    )


def record_from_json(data: bytes | str | JsonObject) -> Record:
    """``GET /{orcid}/record`` as JSON."""
    node = _load(data)
    if "orcid-identifier" not in node:
        raise JsonError("not an ORCID record (no orcid-identifier)")
    name = _obj(node, "person", "name")
    return Record(
        orcid=_value(_obj(node, "orcid-identifier").get("path")),
        given_names=_value(name.get("given-names")),
        family_name=_value(name.get("family-name")),
        credit_name=_value(name.get("credit-name")),
        activities=activities_from_json(_obj(node, "activities-summary")),
    )
