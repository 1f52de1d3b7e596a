"""Canonical works as simple Dublin Core (``oai_dc``), the format every harvester reads.

Types are written the way DRIVER and OpenAIRE literature repositories do,
as ``info:eu-repo/semantics/*`` values, followed by the COAR URI; DOIs and
handles as resolvable URLs; the journal's ISSN as a ``dc:relation``.
"""

from __future__ import annotations

from lxml import etree

from connectors.records import Relationship, Work
from orcid_hub.oai.xmlns import language, qname, xml_text

__all__ = ["OAI_DC", "dc_element"]

OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
_D = "{" + DC + "}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

_EUREPO = {
    "journal-article": "article",
    "book": "book",
    "edited-book": "book",
    "book-chapter": "bookPart",
    "book-review": "review",
    "review": "review",
    "conference-paper": "conferenceObject",
    "conference-poster": "conferenceObject",
    "conference-presentation": "conferenceObject",
    "conference-proceedings": "conferenceObject",
    "conference-output": "conferenceObject",
    "lecture-speech": "lecture",
    "working-paper": "workingPaper",
    "preprint": "preprint",
    "report": "report",
    "dissertation-thesis": "doctoralThesis",
    "supervised-student-publication": "bachelorThesis",
    "annotation": "annotation",
    "patent": "patent",
    "data-set": "dataset",
}
_RESOLVERS = {"doi": "https://doi.org/", "handle": "https://hdl.handle.net/"}


def _add(parent: etree._Element, name: str, text: str, lang: str | None = None) -> None:
    child = etree.SubElement(parent, _D + name)
    child.text = xml_text(text)
    if tag := language(lang):
        child.set(XML_LANG, tag)


def dc_element(work: Work) -> etree._Element:
    root = etree.Element(qname(OAI_DC, "dc"), nsmap={"oai_dc": OAI_DC, "dc": DC})
    for title in work.titles:
        _add(root, "title", title.value, title.lang)
    for person in work.contributors:
        _add(root, "creator" if person.role == "author" else "contributor", person.name)
    if work.publication_date:
        _add(root, "date", str(work.publication_date))
    _add(root, "type", f"info:eu-repo/semantics/{_EUREPO.get(work.orcid_type, 'other')}")
    if work.coar_type:
        _add(root, "type", work.coar_type)
    for ident in work.external_ids:
        if ident.relationship is Relationship.SELF:
            resolver = _RESOLVERS.get(ident.type)
            if resolver:
                _add(root, "identifier", resolver + ident.value)
            elif ident.type in ("isbn", "urn", "uri"):
                _add(
                    root,
                    "identifier",
                    ident.value if ident.type != "isbn" else f"ISBN:{ident.value}",
                )
        elif ident.type in ("issn", "isbn"):
            _add(root, "relation", f"{ident.type.upper()}:{ident.value}")
    if work.url and not any(i.type == "uri" and i.value == work.url for i in work.external_ids):
        _add(root, "identifier", work.url)
    if work.container_title:
        _add(root, "source", work.container_title)
    if work.language:
        _add(root, "language", work.language)
    return root
