"""OAI-PMH 2.0 messages: what a response says, read without holding it in memory."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from typing import IO, NamedTuple

from lxml import etree

from connectors.errors import ProtocolError
from connectors.oaipmh.xml import Readable, iter_elements, release, text_of

__all__ = [
    "OAI",
    "Header",
    "IdentifyInfo",
    "MetadataFormat",
    "OaiError",
    "OaiSet",
    "PageReader",
    "RawRecord",
    "format_datestamp",
    "parse_datestamp",
]

OAI = "http://www.openarchives.org/OAI/2.0/"
_Q = "{" + OAI + "}"
_IDENTIFIER, _DATESTAMP, _SET_SPEC = _Q + "identifier", _Q + "datestamp", _Q + "setSpec"
_HEADER, _METADATA = _Q + "header", _Q + "metadata"
DAY_GRANULARITY = "YYYY-MM-DD"
SECOND_GRANULARITY = "YYYY-MM-DDThh:mm:ssZ"


class OaiError(ProtocolError):
    """An ``<error code=…>`` answer; ``code`` is the OAI-PMH error code."""

    def __init__(self, where: str, code: str, message: str) -> None:
        super().__init__(where, f"OAI-PMH error {code}: {message or 'no message'}")
        self.code = code
        self.message = message


@lru_cache(maxsize=4096)  # records of one run share datestamps
def parse_datestamp(text: str | None) -> datetime | None:
    """Read an OAI datestamp (day or second granularity) as an aware UTC datetime."""
    if not text:
        return None
    value = text.strip()
    if len(value) not in (10, 20) or (len(value) == 20 and value[-1] != "Z"):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def format_datestamp(moment: datetime, granularity: str) -> str:
    """Write ``moment`` (naive means UTC) in the repository's granularity."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    if granularity == DAY_GRANULARITY:
        return moment.strftime("%Y-%m-%d")
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


class Header(NamedTuple):  # a tuple: built once per record, so cheap matters
    identifier: str
    datestamp: datetime | None
    deleted: bool
    sets: tuple[str, ...]


class RawRecord(NamedTuple):
    """A header and the root element of its metadata (None when deleted)."""

    header: Header
    metadata: etree._Element | None


@dataclass(frozen=True, slots=True)
class IdentifyInfo:
    repository_name: str
    base_url: str
    protocol_version: str
    earliest: datetime | None
    deleted_record: str
    granularity: str
    admin_emails: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class MetadataFormat:
    prefix: str
    schema: str
    namespace: str


@dataclass(frozen=True, slots=True)
class OaiSet:
    spec: str
    name: str


def _child(element: etree._Element, name: str) -> etree._Element | None:
    return element.find(_Q + name)


def _read_header(element: etree._Element) -> Header | None:
    identifier = datestamp = ""
    sets: list[str] = []
    for child in element:  # one pass: this runs once per harvested record
        tag = child.tag
        if tag == _IDENTIFIER:
            identifier = text_of(child)
        elif tag == _DATESTAMP:
            datestamp = text_of(child)
        elif tag == _SET_SPEC:
            sets.append(text_of(child))
    if not identifier:
        return None
    return Header(
        identifier=identifier,
        datestamp=parse_datestamp(datestamp),
        deleted=element.get("status") == "deleted",
        sets=tuple(sets),
    )


def check_error(root: etree._Element, where: str) -> None:
    error = _child(root, "error")
    if error is not None:
        raise OaiError(where, error.get("code", "unknown"), " ".join(text_of(error).split()))


def read_identify(root: etree._Element, where: str) -> IdentifyInfo:
    check_error(root, where)
    node = _child(root, "Identify")
    if node is None:
        raise ProtocolError(where, "the Identify response has no <Identify> element")

    def value(name: str) -> str:
        return text_of(_child(node, name))

    return IdentifyInfo(
        repository_name=value("repositoryName"),
        base_url=value("baseURL"),
        protocol_version=value("protocolVersion"),
        earliest=parse_datestamp(value("earliestDatestamp")),
        deleted_record=value("deletedRecord") or "no",
        granularity=value("granularity") or DAY_GRANULARITY,
        admin_emails=tuple(text_of(e) for e in node.iterfind(_Q + "adminEmail")),
    )


def read_formats(root: etree._Element, where: str) -> list[MetadataFormat]:
    check_error(root, where)
    return [
        MetadataFormat(
            prefix=text_of(_child(f, "metadataPrefix")),
            schema=text_of(_child(f, "schema")),
            namespace=text_of(_child(f, "metadataNamespace")),
        )
        for f in root.iter(_Q + "metadataFormat")
    ]


def read_sets(root: etree._Element, where: str) -> tuple[list[OaiSet], str | None]:
    check_error(root, where)
    sets = [
        OaiSet(text_of(_child(s, "setSpec")), text_of(_child(s, "setName")))
        for s in root.iter(_Q + "set")
    ]
    token = _child(root, "ListSets")
    node = None if token is None else _child(token, "resumptionToken")
    return sets, (text_of(node) or None) if node is not None else None


class PageReader:
    """Iterate the records of one ListRecords/ListIdentifiers/GetRecord page.

    After the iteration ends, ``token`` (None on the last page),
    ``response_date``, ``cursor``, ``complete_list_size`` and ``skipped``
    (records without an identifier) describe the page.
    """

    def __init__(self, stream: Readable | IO[bytes], where: str, verb: str) -> None:
        self.where = where
        self.verb = verb
        self._stream = stream
        self.token: str | None = None
        self.response_date: datetime | None = None
        self.cursor: int | None = None
        self.complete_list_size: int | None = None
        self.skipped = 0

    def __iter__(self) -> Iterator[RawRecord]:
        unit = _Q + ("header" if self.verb == "ListIdentifiers" else "record")
        read = self._record if unit == _Q + "record" else self._bare
        tags = (unit, _Q + "resumptionToken", _Q + "error", _Q + "responseDate")
        for element in iter_elements(self._stream, tags, self.where):
            tag = element.tag
            if tag == unit:  # by far the most frequent: test it first, by full tag
                record = read(element)
                if record is not None:
                    yield record
                release(element)
            elif tag == tags[1]:
                self.token = text_of(element) or None
                self.cursor = _int(element.get("cursor"))
                self.complete_list_size = _int(element.get("completeListSize"))
            elif tag == tags[3]:
                self.response_date = parse_datestamp(text_of(element))
            else:
                code = element.get("code", "unknown")
                raise OaiError(self.where, code, " ".join(text_of(element).split()))

    def _bare(self, element: etree._Element) -> RawRecord | None:
        header = _read_header(element)
        if header is None:
            self.skipped += 1
            return None
        return RawRecord(header, None)

    def _record(self, element: etree._Element) -> RawRecord | None:
        header = None
        metadata = None
        for child in element:
            if child.tag == _HEADER:
                header = _read_header(child)
            elif child.tag == _METADATA and len(child):
                first: etree._Element | None = child[0]
                if isinstance(first, etree._Comment | etree._ProcessingInstruction):
                    first = next((c for c in child if isinstance(c.tag, str)), None)
                metadata = first
        if header is None:
            self.skipped += 1
            return None
        return RawRecord(header, None if header.deleted else metadata)


def _int(text: str | None) -> int | None:
    return int(text) if text and text.strip().isdigit() else None
