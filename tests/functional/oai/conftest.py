from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from lxml import etree
from sqlalchemy.orm import Session
from werkzeug.serving import make_server

from orcid_hub.institutions.models import Institution
from orcid_hub.oai.source import MemorySource
from orcid_hub.oai.views import OaiOptions
from tests import factories
from tests.oai_data import article, dataset, memory_source, patent
from tests.oai_schema import OAI, assert_valid, load_schema

Ask = Callable[..., etree._Element]


@pytest.fixture(scope="session")
def oai_schema(fixtures_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> etree.XMLSchema:
    return load_schema(fixtures_dir, tmp_path_factory.mktemp("oai-schema"))


@pytest.fixture
def lu(db_session: Session) -> Institution:
    inst = factories.institution(db_session, slug="lu")
    db_session.commit()
    return inst


@pytest.fixture
def live_url(app: Flask, lu: Institution) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, app)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/oai/lu"
    finally:
        server.shutdown()
        thread.join(5)
        server.server_close()


@pytest.fixture
def source() -> MemorySource:
    """Five works (three publications, a dataset, a patent) and one linked person."""
    return memory_source([article(1), dataset(2), patent(3), article(4), article(5)])


@pytest.fixture
def serve(
    app: Flask, lu: Institution, source: MemorySource, monkeypatch: pytest.MonkeyPatch
) -> Callable[..., None]:
    def configure(page_size: int = 100, **options: object) -> None:
        chosen = OaiOptions(page_size=page_size, source=lambda _s, _i: source, **options)  # type: ignore[arg-type]
        monkeypatch.setitem(app.extensions, "oai", chosen)

    configure()
    return configure


@pytest.fixture
def ask(client: FlaskClient, oai_schema: etree.XMLSchema, serve: Callable[..., None]) -> Ask:
    """GET /oai/lu with the arguments given; the response must validate."""

    def get(**params: str) -> etree._Element:
        response = client.get("/oai/lu", query_string=params)
        assert response.status_code == 200
        assert response.content_type == "text/xml; charset=utf-8"
        return assert_valid(oai_schema, response.data)

    return get


def q(name: str) -> str:
    return f"{{{OAI}}}{name}"


def error_of(root: etree._Element) -> str | None:
    node = root.find(q("error"))
    return None if node is None else node.get("code")
