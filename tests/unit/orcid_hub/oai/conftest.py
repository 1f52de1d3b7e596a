from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tests.oai_schema import load_schema


@pytest.fixture(scope="session")
def oai_schema(fixtures_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> etree.XMLSchema:
    return load_schema(fixtures_dir, tmp_path_factory.mktemp("oai-schema"))
