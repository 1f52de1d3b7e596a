"""Canonical works, persons and the institution as OpenAIRE CERIF 1.2 XML.

Element order follows the profile's XSD (``openaire-cerif-profile.xsd``),
which is a sequence: an element out of place makes the record invalid.
Values the profile constrains by pattern (ORCID iDs, ROR ids, DOIs) are
checked before they are written; one that does not fit is left out rather
than sent invalid.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping

from lxml import etree

from connectors.records import Contributor, Relationship, Work
from orcid_hub.oai.vocab import Kind, cerif_type
from orcid_hub.oai.xmlns import default_ns, language, qname, xml_text

__all__ = ["CERIF", "add", "lang_text", "orcid_uri", "work_element"]

log = logging.getLogger(__name__)

CERIF = "https://www.openaire.eu/cerif-profile/1.2/"
_Q = "{" + CERIF + "}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
VOCAB = "https://www.openaire.eu/cerif-profile/vocab/"
_TYPE_NS = {
    Kind.PUBLICATION: VOCAB + "COAR_Publication_Types",
    Kind.PRODUCT: VOCAB + "COAR_Product_Types",
    Kind.PATENT: VOCAB + "COAR_Patent_Types",
}
_ENTITY = {Kind.PUBLICATION: "Publication", Kind.PRODUCT: "Product", Kind.PATENT: "Patent"}
_CONTAINER_TYPES = {  # COAR types of the embedded container, by the work's ORCID type
    "book-chapter": "http://purl.org/coar/resource_type/c_2f33",  # book
    "conference-paper": "http://purl.org/coar/resource_type/c_f744",  # proceedings
}
_JOURNAL = "http://purl.org/coar/resource_type/c_0640"
# The profile's own pattern (person-identifiers.xsd).
_ORCID = re.compile(
    r"^https://orcid\.org/(0000-000(1-[5-9]|2-[0-9]|3-[0-4])[0-9]{3}-[0-9]{3}[0-9X]"
    r"|0009-000[0-9]-[0-9]{4}-[0-9]{3}[0-9X])$"
)
_DOI = re.compile(r"^10\.\d{4,}(\.\d+)*/\S+$")
_ISSN = re.compile(r"^\d{4}-?\d{3}[\dX]$")
_ISBN = re.compile(  # the profile's ISBN-13 and ISBN-10 patterns, as one
    "^(?:"
    + "|".join(
        (
            r"978-\d+-\d+-\d+-\d",
            r"978 \d+ \d+ \d+ \d",
            r"979-[1-9]\d*-\d+-\d+-\d",
            r"979 [1-9]\d* \d+ \d+ \d",
            r"978\d{10}",
            r"979[1-9]\d{9}",
            r"\d+-\d+-\d+-[\dX]",
            r"\d+ \d+ \d+ [\dX]",
            r"\d{9}[\dX]",
        )
    )
    + ")$"
)
# Publication identifiers in the profile's order, with the canonical type each carries.
_PUBLICATION_IDS = (
    ("DOI", "doi"),
    ("Handle", "handle"),
    ("PMCID", "pmc"),
    ("ISI-Number", "wosuid"),
    ("SCP-Number", "eid"),
)
_PRODUCT_IDS = (("ARK", "ark"), ("DOI", "doi"), ("Handle", "handle"))


def add(
    parent: etree._Element, name: str, text: str | None = None, **attrib: str
) -> etree._Element:
    child = etree.SubElement(parent, _Q + name, attrib)
    if text is not None:
        child.text = xml_text(text)
    return child


def lang_text(parent: etree._Element, name: str, text: str, lang: str | None) -> None:
    child = add(parent, name, text)
    if tag := language(lang):
        child.set(XML_LANG, tag)


def orcid_uri(orcid: str | None, where: str) -> str | None:
    """``https://orcid.org/<iD>`` when the profile accepts it, else None (logged)."""
    if not orcid:
        return None
    uri = f"https://orcid.org/{orcid}"
    if _ORCID.match(uri):
        return uri
    log.warning(
        "%s: ORCID iD %s left out: outside the ranges the CERIF profile allows", where, orcid
    )
    return None


def _self_ids(work: Work, kind: str) -> list[str]:
    return [
        i.value for i in work.external_ids if i.type == kind and i.relationship is Relationship.SELF
    ]


def _first(work: Work, kind: str) -> str | None:
    found = _self_ids(work, kind)
    if kind == "doi":
        found = [v for v in found if _DOI.match(v)]
    return found[0] if found else None


def _part_of(work: Work, kind: str) -> list[str]:
    found = [
        i.value
        for i in work.external_ids
        if i.type == kind and i.relationship is Relationship.PART_OF
    ]
    if kind == "issn":
        found = [*work.issn, *found]
    return _fitting(kind, found)


def _fitting(kind: str, values: list[str]) -> list[str]:
    """Distinct values, without ISSNs and ISBNs the profile's patterns refuse."""
    pattern = {"issn": _ISSN, "isbn": _ISBN}.get(kind)
    return [v for v in dict.fromkeys(values) if pattern is None or pattern.match(v)]


def _url(work: Work) -> str | None:
    return work.url or _first(work, "uri")


def _contributors(
    parent: etree._Element,
    group: str,
    item: str,
    people: list[Contributor],
    persons: Mapping[str, str],
    where: str,
) -> None:
    if not people:
        return
    holder = add(parent, group)
    for someone in people:
        link = add(holder, item)
        add(link, "DisplayName", someone.name)
        person = add(link, "Person")
        if someone.orcid and someone.orcid in persons:
            person.set("id", persons[someone.orcid])
        uri = orcid_uri(someone.orcid, where)
        if uri:
            add(person, "ORCID", uri)


def _container(parent: etree._Element, work: Work) -> bool:
    """PublishedIn (a journal) or PartOf (a book, proceedings); True when written."""
    ids = [(name, _part_of(work, kind)) for name, kind in _PUBLICATION_IDS]
    issn = _part_of(work, "issn")
    isbn = _part_of(work, "isbn")
    if not (work.container_title or issn or isbn or any(found for _, found in ids)):
        return False
    part_of = _CONTAINER_TYPES.get(work.orcid_type)
    holder = add(parent, "PartOf" if part_of else "PublishedIn")
    publication = add(holder, "Publication")
    types = _TYPE_NS[Kind.PUBLICATION]
    kind = etree.SubElement(publication, qname(types, "Type"), nsmap=default_ns(types))
    kind.text = part_of or _JOURNAL
    if work.container_title:
        add(publication, "Title", work.container_title)
    for name, found in ids:  # the profile allows one of each
        if found and (name != "DOI" or _DOI.match(found[0])):
            add(publication, name, found[0])
    for value in issn:
        add(publication, "ISSN", value)
    for value in isbn:
        add(publication, "ISBN", value)
    return True


def _publication(element: etree._Element, work: Work, persons: Mapping[str, str]) -> None:
    where = element.get("id", "")
    if work.language:
        add(element, "Language", work.language)
    for title in work.titles:
        lang_text(element, "Title", title.value, title.lang)
    if work.subtitle:
        add(element, "Subtitle", work.subtitle)
    has_container = _container(element, work)
    if work.publication_date:
        add(element, "PublicationDate", str(work.publication_date))
    for name, kind in _PUBLICATION_IDS:
        value = _first(work, kind)
        if value:
            add(element, name, value)
    if not has_container:
        for value in _part_of(work, "issn"):
            add(element, "ISSN", value)
    for value in _fitting("isbn", _self_ids(work, "isbn")):
        add(element, "ISBN", value)
    if url := _url(work):
        add(element, "URL", url)
    if urn := _first(work, "urn"):
        add(element, "URN", urn)
    authors = [c for c in work.contributors if c.role == "author"]
    editors = [c for c in work.contributors if c.role == "editor"]
    _contributors(element, "Authors", "Author", authors, persons, where)
    _contributors(element, "Editors", "Editor", editors, persons, where)


def _product(element: etree._Element, work: Work, persons: Mapping[str, str]) -> None:
    if work.language:
        add(element, "Language", work.language)
    for title in work.titles:
        lang_text(element, "Name", title.value, title.lang)
    for name, kind in _PRODUCT_IDS:
        value = _first(work, kind)
        if value:
            add(element, name, value)
    if url := _url(work):
        add(element, "URL", url)
    if urn := _first(work, "urn"):
        add(element, "URN", urn)
    creators = [c for c in work.contributors if c.role != "editor"]
    _contributors(element, "Creators", "Creator", creators, persons, element.get("id", ""))
    ids = [(name, _part_of(work, kind)) for name, kind in _PRODUCT_IDS]
    if work.container_title or any(found for _, found in ids):
        whole = add(add(element, "PartOf"), "Product")
        types = _TYPE_NS[Kind.PRODUCT]
        typed = etree.SubElement(whole, qname(types, "Type"), nsmap=default_ns(types))
        typed.text = cerif_type(Kind.PRODUCT, work.coar_type, work.orcid_type)
        if work.container_title:
            add(whole, "Name", work.container_title)
        for name, found in ids:
            if found and (name != "DOI" or _DOI.match(found[0])):
                add(whole, name, found[0])


def _patent(element: etree._Element, work: Work, persons: Mapping[str, str]) -> None:
    for title in work.titles:
        lang_text(element, "Title", title.value, title.lang)
    issued = work.publication_date
    if issued and issued.day is not None:  # the profile wants a whole date here
        add(element, "PublicationDate", str(issued))
    if number := _first(work, "pat"):
        add(element, "PatentNumber", number)
    if url := _url(work):
        add(element, "URL", url)
    inventors = list(work.contributors)
    _contributors(element, "Inventors", "Inventor", inventors, persons, element.get("id", ""))


_BUILDERS = {Kind.PUBLICATION: _publication, Kind.PRODUCT: _product, Kind.PATENT: _patent}


def work_element(
    work: Work, kind: Kind, entity_id: str, persons: Mapping[str, str]
) -> etree._Element:
    """A Publication, Product or Patent; ``persons`` maps ORCID iDs to served Person ids."""
    element = etree.Element(_Q + _ENTITY[kind], {"id": entity_id}, nsmap=default_ns(CERIF))
    kind_element = etree.SubElement(
        element, qname(_TYPE_NS[kind], "Type"), nsmap=default_ns(_TYPE_NS[kind])
    )
    kind_element.text = cerif_type(kind, work.coar_type, work.orcid_type)
    _BUILDERS[kind](element, work, persons)
    return element
