"""Hardened, streaming XML reading for harvested documents.

Harvested XML comes from systems we do not control, so every parse here:
refuses a document type declaration outright (OAI-PMH never needs one, and
it is where entity bombs and external entities live), never touches the
network, never resolves entities, keeps libxml2's size limits, and reports
failures as :class:`~connectors.errors.ParseError` located by URL, line and
column. Records are read with ``iterparse`` and cleared as soon as they are
used, so memory stays flat however long the list is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import IO, Protocol

from lxml import etree

from connectors.errors import ParseError, XmlSecurityError

__all__ = [
    "LOCAL_NAMES",
    "GuardedStream",
    "iter_elements",
    "local_name",
    "parse_document",
    "text_of",
]

_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)
_ROOT_START = re.compile(rb"<[A-Za-z_]")
_PROLOGUE_LIMIT = 64 * 1024


class Readable(Protocol):
    def read(self, size: int = ..., /) -> bytes: ...


class GuardedStream:
    """A byte stream that rejects a DTD in the prologue and caps the document size.

    OAI-PMH responses are UTF-8 by the protocol, so a byte scan of the
    prologue is reliable; anything after the root start tag is the parser's
    business (and libxml2 refuses a DOCTYPE there anyway).
    """

    def __init__(self, raw: Readable | IO[bytes], where: str, max_bytes: int) -> None:
        self._raw = raw
        self._where = where
        self._max = max_bytes
        self._seen = 0
        self._prologue = b""
        self._checked = False

    def read(self, size: int = -1) -> bytes:
        chunk = self._raw.read(size if size and size > 0 else 65536)
        self._seen += len(chunk)
        if self._seen > self._max:
            raise XmlSecurityError(self._where, f"document larger than {self._max} bytes")
        if not self._checked:
            self._prologue += chunk
            root = _ROOT_START.search(self._prologue)
            head = self._prologue[: root.start()] if root else self._prologue
            if _DOCTYPE.search(head):
                raise XmlSecurityError(
                    self._where, "document declares a DTD or entities; refused for safety"
                )
            if root or not chunk or len(self._prologue) > _PROLOGUE_LIMIT:
                self._checked = True
                self._prologue = b""
        return chunk


def _parser_options() -> dict[str, object]:
    return {
        "resolve_entities": False,
        "no_network": True,
        "load_dtd": False,
        "dtd_validation": False,
        "huge_tree": False,
        "remove_comments": True,  # comments carry nothing we read; dropping them is cheaper
        "remove_pis": True,
    }


def _raise_located(where: str, exc: etree.XMLSyntaxError) -> ParseError:
    message = str(exc.msg if hasattr(exc, "msg") else exc)
    line, column = exc.position if exc.position else (0, 0)
    located = f"{where} line {line} column {column}"
    if "amplification" in message or "entity" in message.lower():
        return XmlSecurityError(located, f"entity expansion refused: {message}")
    return ParseError(located, f"not well-formed XML: {message}")


def _refuse_dtd(element: etree._Element, where: str) -> None:
    """The parser's own word, where the prologue scan cannot see (UTF-16, a comment's '<')."""
    doctype: str = element.getroottree().docinfo.doctype  # type: ignore[attr-defined]  # not in lxml-stubs
    if doctype:
        raise XmlSecurityError(where, "document declares a DTD or entities; refused for safety")


def iter_elements(
    stream: Readable | IO[bytes],
    tags: Iterable[str],
    where: str,
    max_bytes: int = 1 << 30,
) -> Iterator[etree._Element]:
    """Yield each element named in ``tags`` when it ends. The caller may clear it."""
    guarded = GuardedStream(stream, where, max_bytes)
    events = etree.iterparse(guarded, events=("end",), tag=tuple(tags), **_parser_options())
    checked = False
    try:
        for _event, element in events:
            if not checked:
                _refuse_dtd(element, where)
                checked = True
            yield element
    except etree.XMLSyntaxError as exc:
        raise _raise_located(where, exc) from exc
    if not checked and events.root is not None:
        _refuse_dtd(events.root, where)


def release(element: etree._Element) -> None:
    """Free a processed element and the already processed siblings before it."""
    element.clear()
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


def parse_document(data: bytes, where: str) -> etree._Element:
    """Parse a small whole document (Identify, ListSets) with the same hardening."""
    stream = GuardedStream(_BytesReader(data), where, 64 << 20)
    parser = etree.XMLParser(**_parser_options())  # type: ignore[arg-type]
    try:
        root = etree.parse(stream, parser).getroot()  # type: ignore[arg-type]
    except etree.XMLSyntaxError as exc:
        raise _raise_located(where, exc) from exc
    _refuse_dtd(root, where)
    return root


class _BytesReader:
    def __init__(self, data: bytes) -> None:
        self._data = data
        self._pos = 0

    def read(self, size: int = -1) -> bytes:
        end = len(self._data) if size < 0 else self._pos + size
        chunk = self._data[self._pos : end]
        self._pos += len(chunk)
        return chunk


class _LocalNames(dict[object, str]):
    """Tag → local name, filled on first sight; comments and PIs map to ''.

    Subscripting a dict is much cheaper than splitting the tag string for
    every element of a long harvest, and the set of tags is small.
    """

    def __missing__(self, tag: object) -> str:
        name = tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""
        if len(self) < 4096:  # a hostile document must not grow it without bound
            self[tag] = name
        return name


LOCAL_NAMES = _LocalNames()


def local_name(element: etree._Element) -> str:
    return LOCAL_NAMES[element.tag]


def text_of(element: etree._Element | None) -> str:
    """The element's own text plus the tails of comment children, stripped.

    CERIF samples put a comment inside values (``c_6501<!-- journal article -->``);
    child elements' text is not included.
    """
    if element is None:
        return ""
    if not len(element):
        return (element.text or "").strip()
    parts = [element.text or ""]
    for child in element:
        if isinstance(child, etree._Comment):
            parts.append(child.tail or "")
    return "".join(parts).strip()
