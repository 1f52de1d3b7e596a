"""Simple Dublin Core (``oai_dc``) records to canonical works.

Dublin Core is loose: identifiers, dates and types arrive as free text.
DOIs and handles are recognised in ``dc:identifier`` (and ``dc:relation``),
the type comes from ``info:eu-repo/semantics/*`` values, the date is the
first ``dc:date`` that reads as a year[-month[-day]].
"""

from __future__ import annotations

import re

from lxml import etree

from connectors.identifiers import external_id
from connectors.oaipmh.formats import RecordContext
from connectors.oaipmh.xml import local_name, text_of
from connectors.records import Contributor, ExternalId, FuzzyDate, Relationship, Title, Work
from connectors.worktypes import coar_to_orcid, eurepo_to_coar

__all__ = ["identifier_from_text", "parse"]

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("doi", re.compile(r"^(?:doi:|https?://(?:dx\.)?doi\.org/|info:doi/)?10\.\d{4,9}/", re.I)),
    ("handle", re.compile(r"^(?:hdl:|https?://hdl\.handle\.net/)", re.I)),
    ("isbn", re.compile(r"^(?:urn:)?isbn:?", re.I)),
    ("issn", re.compile(r"^(?:urn:)?issn:?", re.I)),
    ("urn", re.compile(r"^urn:(?!doi)", re.I)),
    ("pmid", re.compile(r"^(?:pmid:|info:pmid/)", re.I)),
    ("uri", re.compile(r"^https?://", re.I)),
)


def identifier_from_text(text: str, relationship: Relationship | None = None) -> ExternalId | None:
    """Recognise a free-text identifier (DOI, handle, URN, ISBN, ISSN, PMID, URL)."""
    value = text.strip()
    for kind, pattern in _PATTERNS:
        if pattern.match(value):
            raw = value if kind in ("doi", "handle", "uri", "urn") else pattern.sub("", value)
            if kind == "pmid":
                raw = raw.strip()
            return external_id(kind, raw, relationship)
    return None


def parse(element: etree._Element, ctx: RecordContext) -> Work | None:
    if local_name(element) != "dc":
        return None
    titles: list[Title] = []
    ids: list[ExternalId] = []
    contributors: list[Contributor] = []
    coar = language = container = url = None
    issued: FuzzyDate | None = None
    for child in element:
        name = local_name(child)
        value = " ".join(text_of(child).split())
        if not value:
            continue
        if name == "title":
            titles.append(Title(value, child.get(XML_LANG)))
        elif name in ("creator", "contributor"):
            role = "author" if name == "creator" else "other"
            contributors.append(Contributor(value, role=role, sequence=len(contributors) + 1))
        elif name == "identifier":
            found = identifier_from_text(value)
            if found:
                ids.append(found)
                if found.type == "uri" and url is None:
                    url = found.value
        elif name == "relation" and value.lower().startswith(("doi:", "issn:", "isbn:")):
            found = identifier_from_text(value, Relationship.PART_OF)
            if found:
                ids.append(found)
        elif name == "date" and issued is None:
            issued = FuzzyDate.parse(value)
        elif name == "type" and coar is None:
            coar = eurepo_to_coar(value) if value.startswith("info:eu-repo/") else None
        elif name == "language" and language is None:
            language = value
        elif name == "source" and container is None:
            container = value
    return Work(
        source=ctx.source,
        local_id=ctx.local_id,
        titles=tuple(titles),
        orcid_type=coar_to_orcid(coar),
        coar_type=coar,
        publication_date=issued,
        container_title=container,
        issn=tuple(i.value for i in ids if i.type == "issn"),
        isbn=tuple(i.value for i in ids if i.type == "isbn"),
        external_ids=tuple(dict.fromkeys(ids)),
        contributors=tuple(contributors),
        language=language,
        url=url,
        oai_identifier=ctx.oai_identifier,
        last_modified=ctx.last_modified,
    )
