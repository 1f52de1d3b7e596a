"""The OAI-PMH response envelope: root, request echo, errors, headers, tokens."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from lxml import etree

from orcid_hub.oai.protocol import OaiError, format_datestamp
from orcid_hub.oai.xmlns import default_ns, qname, xml_text

__all__ = [
    "OAI",
    "add",
    "envelope",
    "error_response",
    "header",
    "oai_identifier_description",
    "serialize",
    "token_element",
]

OAI = "http://www.openarchives.org/OAI/2.0/"
_Q = "{" + OAI + "}"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
OAI_IDENTIFIER = "http://www.openarchives.org/OAI/2.0/oai-identifier"
SCHEMA_LOCATION = f"{OAI} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd"


def add(
    parent: etree._Element, name: str, text: str | None = None, **attrib: str
) -> etree._Element:
    child = etree.SubElement(parent, _Q + name, {k: xml_text(v) for k, v in attrib.items()})
    if text is not None:
        child.text = xml_text(text)
    return child


def envelope(
    base_url: str, now: dt.datetime, verb: str | None, arguments: Mapping[str, str]
) -> etree._Element:
    """The root with ``responseDate`` and ``request``; ``verb`` None echoes no arguments."""
    root = etree.Element(_Q + "OAI-PMH", nsmap=default_ns(OAI, xsi=XSI))
    root.set(qname(XSI, "schemaLocation"), SCHEMA_LOCATION)
    add(root, "responseDate", format_datestamp(now))
    request = add(root, "request", base_url)
    if verb is not None:
        request.set("verb", verb)
        for name, value in sorted(arguments.items()):
            request.set(name, xml_text(value))
    return root


def error_response(
    base_url: str, now: dt.datetime, error: OaiError, verb: str | None, arguments: Mapping[str, str]
) -> etree._Element:
    # The protocol wants a bare request element after badVerb and badArgument:
    # the arguments were not understood, so they are not echoed.
    echo = error.code not in ("badVerb", "badArgument")
    root = envelope(base_url, now, verb if echo else None, arguments if echo else {})
    add(root, "error", error.message, code=error.code)
    return root


def header(
    parent: etree._Element,
    identifier: str,
    datestamp: dt.datetime,
    set_spec: str,
    deleted: bool,
) -> etree._Element:
    node = add(parent, "header")
    if deleted:
        node.set("status", "deleted")
    add(node, "identifier", identifier)
    add(node, "datestamp", format_datestamp(datestamp))
    add(node, "setSpec", set_spec)
    return node


def token_element(
    parent: etree._Element, token: str, expires: dt.datetime | None, size: int, cursor: int
) -> None:
    node = add(parent, "resumptionToken", token or None)
    if expires is not None:
        node.set("expirationDate", format_datestamp(expires))
    node.set("completeListSize", str(size))
    node.set("cursor", str(cursor))


def oai_identifier_description(domain: str, sample: str) -> etree._Element:
    """The Identify description declaring the ``oai:<domain>:<local id>`` scheme."""
    ns = OAI_IDENTIFIER
    root = etree.Element(qname(ns, "oai-identifier"), nsmap=default_ns(ns))
    for name, text in (
        ("scheme", "oai"),
        ("repositoryIdentifier", domain),
        ("delimiter", ":"),
        ("sampleIdentifier", sample),
    ):
        etree.SubElement(root, qname(ns, name)).text = text
    return root


def serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")
