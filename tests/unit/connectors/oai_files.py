"""Read fixture files' OAI records as canonical records (shared by the parser tests)."""

from __future__ import annotations

from pathlib import Path

from connectors.oaipmh import formats
from connectors.oaipmh.connector import convert
from connectors.oaipmh.formats import RecordContext
from connectors.oaipmh.protocol import PageReader
from connectors.oaipmh.xml import parse_document
from connectors.records import Person, Tombstone, Work

Record = Work | Person | Tombstone | None


def read_oai_file(path: Path, format_name: str, source: str = "cris") -> list[Record]:
    fmt = formats.by_name(format_name)
    assert fmt is not None
    with path.open("rb") as stream:
        return [convert(raw, fmt, source) for raw in PageReader(stream, str(path), "ListRecords")]


def read_bare_file(path: Path, format_name: str, source: str = "repo") -> Record:
    """A metadata document without the OAI envelope (the literature samples)."""
    fmt = formats.by_name(format_name)
    assert fmt is not None
    root = parse_document(path.read_bytes(), str(path))
    return fmt.parse(root, RecordContext(source, path.stem, f"oai:repo:{path.stem}", None))
