"""OpenAIRE Literature Repositories v4 (``oai_openaire``) records to canonical works.

The format is DataCite-based: titles, creators with name identifiers, typed
identifiers and related identifiers, dates by type, and a COAR resource type
URI on ``oaire:resourceType``.
"""

from __future__ import annotations

import logging

from lxml import etree

from connectors.identifiers import InvalidIdentifier, external_id, normalise_orcid
from connectors.oaipmh.formats import RecordContext
from connectors.oaipmh.xml import local_name, text_of
from connectors.records import Contributor, ExternalId, FuzzyDate, Relationship, Title, Work
from connectors.worktypes import coar_to_orcid

__all__ = ["parse"]

log = logging.getLogger(__name__)

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# Which dates stand for publication, best first.
_DATE_ORDER = ("Issued", "Accepted", "Available", "Created")
_RELATIONS = {"IsPartOf": Relationship.PART_OF, "IsVersionOf": Relationship.VERSION_OF}
_ROLES = {
    "Editor": "editor",
    "Supervisor": "graduate-student",
    "ProjectLeader": "principal-investigator",
}


def _clean(element: etree._Element) -> str:
    return " ".join(text_of(element).split())


def _is_orcid_scheme(node: etree._Element) -> bool:
    return (node.get("nameIdentifierScheme") or "").upper() == "ORCID"


def _person(node: etree._Element, role: str, seq: int, where: str) -> Contributor | None:
    name = orcid = None
    given = family = None
    for part in node:
        kind = local_name(part)
        if kind in ("creatorName", "contributorName"):
            name = _clean(part) or None
        elif kind == "givenName":
            given = _clean(part) or None
        elif kind == "familyName":
            family = _clean(part) or None
        elif (
            kind == "nameIdentifier" and (part.get("nameIdentifierScheme") or "").upper() == "ORCID"
        ):
            try:
                orcid = normalise_orcid(_clean(part))
            except InvalidIdentifier as exc:
                log.warning("%s: ORCID iD ignored: %s", where, exc)
    label = name or " ".join(p for p in (given, family) if p)
    return Contributor(label, orcid, role, None, seq) if label else None


def parse(element: etree._Element, ctx: RecordContext) -> Work | None:
    if local_name(element) != "resource":
        return None
    titles: list[Title] = []
    subtitle = None
    ids: list[ExternalId] = []
    people: list[Contributor] = []
    dates: dict[str, FuzzyDate] = {}
    coar = language = container = url = None
    for node in element.iter():
        kind = local_name(node)
        if kind == "title":
            title_type = node.get("titleType")
            if title_type is None:
                titles.append(Title(_clean(node), node.get(XML_LANG)))
            elif title_type == "Subtitle" and subtitle is None:
                subtitle = _clean(node)
        elif kind == "creator":
            found = _person(node, "author", len(people) + 1, ctx.oai_identifier)
            if found:
                people.append(found)
        elif kind == "contributor":
            role = _ROLES.get(node.get("contributorType") or "", "other")
            found = _person(node, role, len(people) + 1, ctx.oai_identifier)
            if found:
                people.append(found)
        elif kind in ("identifier", "alternateIdentifier") and node.getparent() is not None:
            id_type = node.get("identifierType") or node.get("alternateIdentifierType") or ""
            value = _clean(node)
            if id_type.upper() == "URL" and url is None:
                url = value
            ext = external_id(id_type, value)
            if ext and id_type:
                ids.append(ext)
        elif kind == "relatedIdentifier":
            relation = _RELATIONS.get(node.get("relationType") or "")
            if relation:
                ext = external_id(node.get("relatedIdentifierType") or "", _clean(node), relation)
                if ext:
                    ids.append(ext)
        elif kind == "date":
            parsed = FuzzyDate.parse(_clean(node))
            if parsed:
                dates.setdefault(node.get("dateType") or "", parsed)
        elif kind == "resourceType":
            coar = node.get("uri") or None
        elif kind == "language" and language is None:
            language = _clean(node) or None
        elif kind == "citationTitle":
            container = _clean(node) or None
    issued = next((dates[k] for k in _DATE_ORDER if k in dates), None)
    return Work(
        source=ctx.source,
        local_id=ctx.local_id,
        titles=tuple(t for t in titles if t.value),
        orcid_type=coar_to_orcid(coar),
        coar_type=coar,
        subtitle=subtitle,
        publication_date=issued,
        container_title=container,
        issn=tuple(dict.fromkeys(i.value for i in ids if i.type == "issn")),
        isbn=tuple(dict.fromkeys(i.value for i in ids if i.type == "isbn")),
        external_ids=tuple(dict.fromkeys(ids)),
        contributors=tuple(people),
        language=language,
        url=url,
        oai_identifier=ctx.oai_identifier,
        last_modified=ctx.last_modified,
    )
