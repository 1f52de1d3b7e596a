"""ORCID v3.0 XML in and out, and the v3.0 JSON shape mapped onto the same elements.

Incoming JSON is turned into the XML element ORCID's schema describes (namespaces and
element order included), so validation and storage have one form. Outgoing JSON is
derived from the XML: ``{"value": …}`` wrappers, lowercase enums, epoch-millisecond dates.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from lxml import etree

from orcid_hub.sandbox.kinds import NS, Kind


class XmlInputError(ValueError):
    """The request body is not well-formed, or uses a DTD or entities."""


_ORDER = {
    "title": ("title", "subtitle", "translated-title"),
    "citation": ("citation-type", "citation-value"),
    "publication-date": ("year", "month", "day"),
    "start-date": ("year", "month", "day"),
    "end-date": ("year", "month", "day"),
    "external-id": (
        "external-id-type",
        "external-id-value",
        "external-id-normalized",
        "external-id-normalized-error",
        "external-id-url",
        "external-id-relationship",
    ),
    "contributor": (
        "contributor-orcid",
        "credit-name",
        "contributor-email",
        "contributor-attributes",
    ),
    "contributor-attributes": ("contributor-sequence", "contributor-role"),
    "contributor-orcid": ("uri", "path", "host"),
    "organization": ("name", "address", "disambiguated-organization"),
    "address": ("city", "region", "country"),
    "disambiguated-organization": (
        "disambiguated-organization-identifier",
        "disambiguation-source",
    ),
}
_WRAPPED = frozenset(
    [
        "title",
        "subtitle",
        "translated-title",
        "journal-title",
        "year",
        "month",
        "day",
        "url",
        "external-id-url",
        "credit-name",
        "organization-defined-type",
        "amount",
        "source-name",
        "created-date",
        "last-modified-date",
        "external-id-normalized",
    ]
)
_ROOT_ATTRIBUTES = frozenset({"put-code", "path", "visibility", "display-index"})
_LISTS = {
    "external-ids": "external-id",
    "contributors": "contributor",
    "researcher-urls": "researcher-url",
    "other-names": "other-name",
    "keywords": "keyword",
    "addresses": "address",
    "external-identifiers": "external-identifier",
    "emails": "email",
}
_ALWAYS_LIST = frozenset(
    {"external-id", "contributor", "group", "affiliation-group", "work-summary", "funding-summary"}
)
_DATES = frozenset({"created-date", "last-modified-date"})
_WRITE_ONLY = frozenset({"contributor-email"})


def qname(prefix: str, name: str) -> str:
    return f"{{{NS[prefix]}}}{name}"


def local(element: etree._Element) -> str:
    return etree.QName(element).localname


def children(element: etree._Element) -> list[etree._Element]:
    return [c for c in element if isinstance(c.tag, str)]


_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
)


def parse_xml(body: bytes) -> etree._Element:
    """Parse a request body with a parser that fetches nothing and expands no entities."""
    try:
        root = etree.fromstring(body, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise XmlInputError(f"The XML is not well-formed: {exc}") from None
    if root.getroottree().docinfo.doctype:  # type: ignore[union-attr]
        raise XmlInputError("Document type declarations (DTD) are not accepted")
    return root


# XML -> JSON


def xml_datetime(timestamp: float) -> str:
    moment = datetime.fromtimestamp(timestamp, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _epoch_ms(text: str) -> int:
    return int(datetime.fromisoformat(text.strip().replace("Z", "+00:00")).timestamp() * 1000)


def _wrapped(name: str, parent: str | None) -> bool:
    return name in _WRAPPED or (name == "country" and parent != "address")


def to_json(element: etree._Element, parent: str | None = None) -> Any:
    """ORCID's v3.0 JSON for an XML element (root or nested)."""
    name = local(element)
    attrs: dict[str, Any] = {
        str(key): int(value) if key == "put-code" else str(value)
        for key, value in element.attrib.items()
        if not str(key).startswith("{")
    }
    kids = children(element)
    if not kids:
        if name in _LISTS:
            return {**attrs, _LISTS[name]: []}
        text = element.text or ""
        value: Any = _epoch_ms(text) if name in _DATES else text.strip()
        if _wrapped(name, parent) or element.tag == qname("address", "country"):
            return {"value": value, **attrs}
        return {**attrs, "value": value} if attrs else value
    out: dict[str, Any] = dict(attrs)
    for kid in kids:
        key = local(kid)
        converted = to_json(kid, name)
        if name == "bulk" or (name == "affiliation-group" and key.endswith("-summary")):
            # v3.0 JSON wraps each bulk slot and each affiliation summary in an object.
            out.setdefault("bulk" if name == "bulk" else "summaries", []).append({key: converted})
        elif key in _ALWAYS_LIST or (name in _LISTS and key == _LISTS[name]):
            out.setdefault(key, []).append(converted)
        elif key in out:
            previous = out[key]
            out[key] = (
                [*previous, converted] if isinstance(previous, list) else [previous, converted]
            )
        else:
            out[key] = converted
    return out


# JSON -> XML


def _namespace(kind: Kind, key: str, parent: str) -> str:
    if key in kind.own or (key == "title" and parent == kind.name):
        return kind.ns
    return NS["common"]


def _ordered(kind: Kind, parent: str, data: dict[str, Any]) -> list[tuple[str, Any]]:
    order = kind.order if parent == kind.name else _ORDER.get(parent, ())
    rank = {name: n for n, name in enumerate(order)}
    return sorted(data.items(), key=lambda item: rank.get(item[0], len(rank)))


def _fill(element: etree._Element, data: dict[str, Any], kind: Kind, parent: str) -> None:
    for key, raw in _ordered(kind, parent, data):
        if parent == kind.name and key in _ROOT_ATTRIBUTES:
            if raw is not None:
                element.set(key, str(raw))
            continue
        for value in raw if isinstance(raw, list) else [raw]:
            if value is None:
                continue
            child = etree.SubElement(element, f"{{{_namespace(kind, key, parent)}}}{key}")
            if isinstance(value, dict) and "value" in value:
                child.text = "" if value["value"] is None else str(value["value"])
                for attr, attr_value in value.items():
                    if attr != "value" and attr_value is not None:
                        child.set(attr, str(attr_value))
            elif isinstance(value, dict):
                _fill(child, value, kind, key)
            else:
                child.text = str(value).lower() if isinstance(value, bool) else str(value)


def from_json(kind: Kind, data: Any) -> etree._Element:
    """The XML element for a v3.0 JSON item of ``kind``."""
    if not isinstance(data, dict):
        raise XmlInputError(f"Expected a JSON object for a {kind.name}")
    root = etree.Element(
        f"{{{kind.ns}}}{kind.name}", nsmap={kind.name: kind.ns, "common": NS["common"]}
    )
    _fill(root, data, kind, kind.name)
    return root


def strip_write_only(element: etree._Element) -> None:
    for node in list(element.iter()):
        if isinstance(node.tag, str) and local(node) in _WRITE_ONLY:
            parent = node.getparent()
            if parent is not None:
                parent.remove(node)
