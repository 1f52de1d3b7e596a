"""ORCID v3.0 XML: namespaces, a hardened parser and small element helpers.

Serialisers are in :mod:`orcid_hub.orcid.xml_write`, parsers in
:mod:`orcid_hub.orcid.xml_read`. Everything that turns bytes into a tree goes
through :func:`parse_bytes`, which never fetches a URL, never reads a DTD, never
expands an entity and refuses documents that declare one: ORCID never sends a
DOCTYPE, so one in a response means something is wrong (or hostile).
"""

from __future__ import annotations

from datetime import UTC, datetime

from lxml import etree

NS = {
    "common": "http://www.orcid.org/ns/common",
    "work": "http://www.orcid.org/ns/work",
    "bulk": "http://www.orcid.org/ns/bulk",
    "error": "http://www.orcid.org/ns/error",
    "employment": "http://www.orcid.org/ns/employment",
    "education": "http://www.orcid.org/ns/education",
    "funding": "http://www.orcid.org/ns/funding",
    "activities": "http://www.orcid.org/ns/activities",
    "record": "http://www.orcid.org/ns/record",
    "person": "http://www.orcid.org/ns/person",
    "personal-details": "http://www.orcid.org/ns/personal-details",
}

# Bigger than any ORCID answer we ask for (100 full works with long
# contributor lists stay well below it); a guard against a runaway response.
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024


class XmlError(ValueError):
    """The bytes are not an acceptable ORCID XML document; the message says where."""


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_bytes(data: bytes) -> etree._Element:
    """Parse untrusted XML safely, or raise :class:`XmlError` naming line and column."""
    if len(data) > MAX_DOCUMENT_BYTES:
        raise XmlError(f"XML document of {len(data)} bytes is larger than we accept")
    # Checked before parsing: libxml2 would otherwise still read the internal
    # subset, and entity-expansion limits are a defence we do not want to rely on.
    if b"<!DOCTYPE" in data:
        raise XmlError("XML document declares a DOCTYPE or entities; refused (ORCID never does)")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        line, column = exc.position
        raise XmlError(f"XML line {line}, column {column}: {exc.msg}") from None
    tree = root.getroottree()
    if tree.docinfo.internalDTD is not None:
        raise XmlError("XML document declares a DOCTYPE; refused (ORCID never does)")
    return root


def qname(prefix: str, local: str) -> str:
    """``qname("common", "title")`` -> ``{http://www.orcid.org/ns/common}title``."""
    return f"{{{NS[prefix]}}}{local}"


def child(parent: etree._Element | None, path: str) -> etree._Element | None:
    """The first match of a ``prefix:name/prefix:name`` path, or None."""
    if parent is None:
        return None
    found = parent.find(path, NS)
    return found


def text(parent: etree._Element | None, path: str) -> str | None:
    """Stripped text of the first match, or None when absent or empty."""
    element = child(parent, path)
    if element is None or element.text is None:
        return None
    value = element.text.strip()
    return value or None


def parse_datetime(value: str | None) -> datetime | None:
    """An ``xs:dateTime`` (``2017-01-18T15:03:56.680-06:00``) as an aware datetime."""
    if not value:
        return None
    stamp = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    # ORCID's samples sometimes omit the zone; the server works in UTC.
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def epoch_ms(value: object) -> datetime | None:
    """A v3.0 JSON date (``{"value": 1559917017189}``) as an aware datetime."""
    if isinstance(value, dict):
        value = value.get("value")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return datetime.fromtimestamp(value / 1000, UTC)
    return None


def to_bytes(root: etree._Element) -> bytes:
    """Serialise with an XML declaration, UTF-8, as ORCID's samples are."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
