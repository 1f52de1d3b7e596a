"""Fixtures for connector tests: the CERIF samples folder and a reader for its files."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from oai_files import Record, read_oai_file


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
