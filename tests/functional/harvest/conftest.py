"""An institution, its CRIS served over loopback from the CERIF samples, and inline runs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from lxml import etree
from sqlalchemy.orm import Session

from orcid_hub.harvest import jobs, services
from orcid_hub.harvest.models import ConnectorConfig
from orcid_hub.institutions.models import Institution
from tests import factories
from tests.oai_server import CerifRepository, Running, serve


@pytest.fixture(autouse=True)
def inline_runs(app: Flask, monkeypatch: pytest.MonkeyPatch) -> None:
    # "Run now" harvests in a thread in production; tests wait for it instead.
    monkeypatch.setitem(app.extensions, "harvest.runner", jobs.run_inline)


@pytest.fixture
def repository(fixtures_dir: Path) -> CerifRepository:
    return CerifRepository(fixtures_dir, page_size=3)


@pytest.fixture
def cris(repository: CerifRepository) -> Iterator[Running]:
    with serve(repository) as running:
        yield running


@pytest.fixture
def lu(db_session: Session) -> Institution:
    return factories.institution(db_session)


def drop_first_title(repository: CerifRepository) -> None:
    """The first publication loses its title: a record the hub cannot store."""
    pages = repository.pages["openaire_cris_publications"]
    root = etree.fromstring(pages[0])
    title = next(root.iter("{https://www.openaire.eu/cerif-profile/1.2/}Title"))
    parent = title.getparent()
    assert parent is not None
    parent.remove(title)
    pages[0] = etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def oai_settings(url: str, source: str = "lu-cris") -> dict[str, str]:
    return {"base_url": url, "source": source, "attempts": "1", "timeout": "5"}


@pytest.fixture
def lu_cris(db_session: Session, lu: Institution, cris: Running) -> ConnectorConfig:
    config = services.create_config(db_session, lu.id, "oai-pmh", "LU CRIS", oai_settings(cris.url))
    db_session.commit()
    return config
