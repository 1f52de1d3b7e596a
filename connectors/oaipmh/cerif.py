"""OpenAIRE CERIF-XML 1.1 and 1.2 records to canonical works and persons.

Both versions use the same element names for everything read here, so the
parser matches local names and ignores the profile namespace. Publications,
products and patents become :class:`Work`; persons become :class:`Person`;
other entities (projects, fundings, org units, events, equipment) are not
the hub's business and give ``None``.
"""

from __future__ import annotations

import logging
from typing import TypeVar

from lxml import etree

from connectors.identifiers import InvalidIdentifier, external_id, normalise_orcid
from connectors.oaipmh.formats import RecordContext
from connectors.oaipmh.xml import LOCAL_NAMES, text_of
from connectors.records import (
    Affiliation,
    Contributor,
    ExternalId,
    FuzzyDate,
    Person,
    Relationship,
    Title,
    Work,
)
from connectors.worktypes import coar_to_orcid

__all__ = ["parse"]

log = logging.getLogger(__name__)
_T = TypeVar("_T")

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# CERIF identifier elements and the ORCID external-id types they carry.
_WORK_IDS = {
    "DOI": "doi",
    "Handle": "handle",
    "PMCID": "pmc",
    "PMID": "pmid",
    "ISI-Number": "wosuid",
    "SCP-Number": "eid",
    "URN": "urn",
    "ARK": "ark",
    "ISBN": "isbn",
    "ISSN": "issn",
    "PatentNumber": "pat",
}
_CONTRIBUTOR_GROUPS = {
    "Authors": "author",
    "Editors": "editor",
    "Creators": "author",
    "Inventors": "co-inventor",
}
_DATE_ELEMENTS = ("PublicationDate", "ApprovalDate", "RegistrationDate")
_WORK_CHILDREN = frozenset(
    {"Title", "Name", "Type", "Subtitle", "PublishedIn", "PartOf", "Language", "URL"}
    | set(_WORK_IDS)
    | set(_DATE_ELEMENTS)
    | set(_CONTRIBUTOR_GROUPS)
)


def parse(element: etree._Element, ctx: RecordContext) -> Work | Person | None:
    kind = LOCAL_NAMES[element.tag]
    if kind in {"Publication", "Product", "Patent"}:
        return _work(element, ctx)
    if kind == "Person":
        return _person(element, ctx)
    return None


def _orcid(value: str, where: str) -> str | None:
    try:
        return normalise_orcid(value)
    except InvalidIdentifier as exc:
        log.warning("%s: ORCID iD ignored: %s", where, exc)
        return None


def _name(person: etree._Element) -> tuple[str | None, str | None]:
    family = given = None
    for part in person:
        if LOCAL_NAMES[part.tag] == "PersonName":
            for piece in part:
                name = LOCAL_NAMES[piece.tag]
                if name == "FamilyNames":
                    family = text_of(piece) or None
                elif name == "FirstNames":
                    given = text_of(piece) or None
    return family, given


def _contributor(holder: etree._Element, role: str, seq: int, where: str) -> Contributor | None:
    display = orcid = local = None
    family = given = None
    for child in holder:
        name = LOCAL_NAMES[child.tag]
        if name == "DisplayName":
            display = text_of(child)
        elif name == "Person":
            local = child.get("id")
            for part in child:
                if LOCAL_NAMES[part.tag] == "ORCID":
                    orcid = _orcid(text_of(part), where)
                elif not display:
                    family, given = _name(child)
    label = display or " ".join(p for p in (given, family) if p)
    if not label:
        return None
    return Contributor(label, orcid, role, local, seq)


def _container(pub: etree._Element, ids: list[ExternalId]) -> tuple[str | None, list[str]]:
    title = None
    isbn: list[str] = []
    for child in pub:
        name = LOCAL_NAMES[child.tag]
        if name == "Title" and title is None:
            title = text_of(child) or None
        elif name in _WORK_IDS:
            found = external_id(_WORK_IDS[name], text_of(child), Relationship.PART_OF)
            if found:
                ids.append(found)
                if found.type == "isbn":
                    isbn.append(found.value)
    return title, isbn


def _unique(items: list[_T]) -> tuple[_T, ...]:
    # Most records have one or two of each; skip hashing when nothing can repeat.
    return tuple(items) if len(items) < 2 else tuple(dict.fromkeys(items))


def _work(element: etree._Element, ctx: RecordContext) -> Work:
    titles: list[Title] = []
    ids: list[ExternalId] = []
    contributors: list[Contributor] = []
    coar = subtitle = container = language = url = None
    dates: dict[str, FuzzyDate] = {}
    isbn: list[str] = []
    for child in element:
        name = LOCAL_NAMES[child.tag]
        if name not in _WORK_CHILDREN:
            continue  # abstracts, keywords, projects: most of a record
        if name in ("Title", "Name"):
            titles.append(Title(text_of(child), child.get(XML_LANG)))
        elif name == "Type":
            coar = text_of(child) or None
        elif name == "Subtitle" and subtitle is None:
            subtitle = text_of(child) or None
        elif name in _WORK_IDS:
            found = external_id(_WORK_IDS[name], text_of(child))
            if found:
                ids.append(found)
                if found.type == "isbn":
                    isbn.append(found.value)
        elif name in ("PublishedIn", "PartOf"):
            for pub in child:
                if LOCAL_NAMES[pub.tag] in ("Publication", "Product"):
                    title, part_isbn = _container(pub, ids)
                    container = container or title
                    isbn.extend(part_isbn)
        elif name in _DATE_ELEMENTS:
            parsed = FuzzyDate.parse(text_of(child))
            if parsed:
                dates.setdefault(name, parsed)
        elif name in _CONTRIBUTOR_GROUPS:
            role = _CONTRIBUTOR_GROUPS[name]
            for holder in child:
                if not LOCAL_NAMES[holder.tag]:
                    continue  # a comment
                person = _contributor(holder, role, len(contributors) + 1, ctx.oai_identifier)
                if person:
                    contributors.append(person)
        elif name == "Language":
            language = text_of(child) or None
        elif name == "URL" and url is None:
            url = text_of(child) or None
    if url and not any(i.relationship is Relationship.SELF for i in ids):
        found = external_id("uri", url)
        if found:
            ids.append(found)
    issued = next((dates[d] for d in _DATE_ELEMENTS if d in dates), None)
    return Work(
        source=ctx.source,
        local_id=ctx.local_id,
        titles=tuple([t for t in titles if t.value]),
        orcid_type=coar_to_orcid(coar),
        coar_type=coar,
        subtitle=subtitle,
        publication_date=issued,
        container_title=container,
        issn=_unique([i.value for i in ids if i.type == "issn"]),
        isbn=_unique(isbn),
        external_ids=_unique(ids),
        contributors=tuple(contributors),
        language=language,
        url=url,
        oai_identifier=ctx.oai_identifier,
        last_modified=ctx.last_modified,
    )


_PERSON_IDS = {
    "ResearcherID": "researcher-id",
    "ScopusAuthorID": "scopus-author-id",
    "ISNI": "isni",
    "DAI": "dai",
}


def _person(element: etree._Element, ctx: RecordContext) -> Person:
    family, given = _name(element)
    orcid = None
    others: list[ExternalId] = []
    affiliations: list[Affiliation] = []
    for child in element:
        name = LOCAL_NAMES[child.tag]
        if name == "ORCID":
            orcid = _orcid(text_of(child), ctx.oai_identifier)
        elif name in _PERSON_IDS:
            value = " ".join(text_of(child).split())
            if name == "ISNI":
                value = value.replace(" ", "")
            others.append(ExternalId(_PERSON_IDS[name], value))
        elif name == "Identifier":
            others.append(ExternalId(child.get("type") or "other", text_of(child)))
        elif name == "Affiliation":
            for org in child:
                if LOCAL_NAMES[org.tag] == "OrgUnit":
                    affiliations.append(_affiliation(org))
    return Person(
        source=ctx.source,
        local_id=ctx.local_id,
        family_name=family,
        given_names=given,
        orcid=orcid,
        other_ids=tuple(others),
        affiliations=tuple(affiliations),
        oai_identifier=ctx.oai_identifier,
        last_modified=ctx.last_modified,
    )


def _affiliation(org: etree._Element) -> Affiliation:
    label = acronym = None
    for part in org:
        name = LOCAL_NAMES[part.tag]
        if name == "Name" and label is None:
            label = text_of(part) or None
        elif name == "Acronym":
            acronym = text_of(part) or None
    return Affiliation(label or acronym or org.get("id") or "", local_id=org.get("id"))
