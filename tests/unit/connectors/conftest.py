"""Helpers for connector tests: read a fixture file's OAI records as canonical records."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

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


@pytest.fixture
def cerif_samples(fixtures_dir: Path) -> Path:
    return fixtures_dir / "openaire-cerif-1.2" / "samples"


@pytest.fixture
def read_cerif(cerif_samples: Path) -> Callable[[str], list[Record]]:
    def read(entity: str) -> list[Record]:
        return read_oai_file(
            cerif_samples / f"openaire_cerif_xml_example_{entity}.xml", "cerif-1.2"
        )

    return read
