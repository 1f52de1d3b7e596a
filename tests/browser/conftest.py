"""A live hub on loopback (its own database, real commits) and headless Chromium.

Chromium comes from Debian (`.ci/run` installs it); Playwright drives it.
"""

from __future__ import annotations

import shutil
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from werkzeug.serving import make_server

from orcid_hub import create_app, db, migrate
from orcid_hub.accounts.models import InstitutionRole, Membership, Person
from orcid_hub.institutions.models import Institution, OrcidCredentials
from tests.conftest import make_settings, sandbox_orcid_settings

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ADMIN = "0009-0000-0000-0025"  # Jānis Kalniņš in the sandbox seed
RESEARCHER = "0009-0000-0000-0033"  # Anna Ozoliņa


@dataclass
class LiveHub:
    url: str
    app: Any


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture
def live_hub(scratch_database_url: str, tmp_path: Path, sandbox: Any) -> Iterator[LiveHub]:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    migrate.upgrade(scratch_database_url)
    settings = make_settings(
        scratch_database_url,
        tmp_path / "instance",
        app={"base_url": url},
        orcid=sandbox_orcid_settings(sandbox.base_url),
    )
    app = create_app(settings)
    with db.transaction(app) as session:
        lu = Institution(
            slug="lu",
            name_lv="Latvijas Universitāte",
            name_en="University of Latvia",
            ror_id="05g3mes96",
            link_department="Datorikas fakultāte",
        )
        lu.credentials = OrcidCredentials(
            client_id="APP-TESTCLIENT000001", client_secret="test-secret-1"
        )
        admin = Person(orcid=ADMIN, name="Jānis Kalniņš", email="janis@example.lv")
        session.add_all(
            [lu, admin, Membership(person=admin, institution=lu, role=InstitutionRole.ADMIN)]
        )
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LiveHub(url, app)
    finally:
        server.shutdown()
        thread.join(timeout=5)
        server.server_close()
        db.database(app).engine.dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}: `apt-get install chromium` (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
