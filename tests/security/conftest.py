"""Two institutions with data of every kind, the routes of the app, and hostile documents.

The route tests enumerate ``app.url_map`` so that a route added later is checked
without anyone remembering to add it here.
"""

from __future__ import annotations

import re
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from orcid_hub import create_app
from orcid_hub.accounts.models import InstitutionRole, Membership, Person
from orcid_hub.config import Settings
from orcid_hub.harvest import services as harvest
from orcid_hub.harvest.models import HarvestRun
from orcid_hub.institutions.models import Institution
from orcid_hub.invitations.models import InvitationBatch
from orcid_hub.linking.models import OrcidToken
from tests import factories
from tests.conftest import TEST_KEY

PUSH_SECRET = "push-hmac-secret-7c1d0e"
ACCESS_TOKEN = "access-9f2b8c41-token"
REFRESH_TOKEN = "refresh-5d7e3a90-token"


@dataclass
class World:
    lu: Institution
    rtu: Institution
    lead: Person
    lu_admin: Person
    rtu_admin: Person
    researcher: Person
    values: dict[str, Any] = field(default_factory=dict)
    """A sample value per URL variable, each naming a row of ``lu`` that exists."""


@pytest.fixture
def world(db_session: Session) -> World:
    lu = factories.institution(db_session)
    rtu = factories.institution(
        db_session, "rtu", "APP-TESTCLIENT000002", name_lv="Rīgas Tehniskā universitāte"
    )
    lead = factories.person(db_session, "Konsorcija vadītājs", lead=True)
    lu_admin = factories.person(db_session, "LU admin", admin_of=lu)
    rtu_admin = factories.person(db_session, "RTU admin", admin_of=rtu)
    researcher = factories.person(db_session, "Anna Ozoliņa", "0009-0000-0000-0033")
    db_session.add(Membership(person=researcher, institution=lu, role=InstitutionRole.RESEARCHER))
    token = OrcidToken(
        person=researcher,
        institution=lu,
        orcid="0009-0000-0000-0033",
        scopes="/read-limited /activities/update",
        access_token=ACCESS_TOKEN,
        refresh_token=REFRESH_TOKEN,
    )
    db_session.add(token)
    invitation, invite_token = factories.invitation(db_session, lu)
    config = harvest.create_config(
        db_session,
        lu.id,
        "push-json",
        "LU CRIS push",
        {"url": "http://127.0.0.1:9/push", "secret": PUSH_SECRET},
    )
    db_session.flush()
    run = HarvestRun(config_id=config.id, status="finished")
    batch = InvitationBatch(institution_id=lu.id, filename="a.csv", rows=[])
    db_session.add_all([run, batch])
    db_session.commit()
    values = {
        "slug": lu.slug,
        "config_id": config.id,
        "run_id": run.id,
        "invitation_id": invitation.id,
        "batch_id": batch.id,
        "token_id": token.id,
        "token": invite_token,
        "link_id": 1,
        "record_id": 1,
        "kind": "contacts",
        "fmt": "csv",
        "ext": "csv",
        "filename": "style.css",
    }
    return World(lu, rtu, lead, lu_admin, rtu_admin, researcher, values)


def _route_app() -> Flask:
    """An app built only to read its routes (at collection time, before any fixture)."""
    settings = Settings.from_mapping(
        {
            "app": {"secret_key": "routes", "instance_path": tempfile.gettempdir()},
            "security": {"encryption_keys": [TEST_KEY]},
            "database": {"url": "sqlite://"},
        }
    )
    return create_app(settings)


def routes() -> list[tuple[str, str, str]]:
    """Every (rule, endpoint, method) of the hub, HEAD and OPTIONS left out."""
    found = []
    for rule in _route_app().url_map.iter_rules():
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            found.append((rule.rule, rule.endpoint, method))
    return sorted(found)


_VARIABLE = re.compile(r"<(?:[a-z]+(?:\([^)]*\))?:)?([a-z_]+)>")


def fill(rule: str, endpoint: str, values: dict[str, Any]) -> str:
    """The rule's path with sample values (the kinds of connectors and templates differ)."""
    given = dict(values)
    if endpoint == "harvest.new":
        given["kind"] = "push-json"
    elif endpoint == "harvest.template":
        given["kind"] = "works"
    return _VARIABLE.sub(lambda m: str(given[m.group(1)]), rule)


# -- hostile documents: shared by the XML and the XLSX tests -------------------

SECRET_TEXT = "CONTENT-OF-A-LOCAL-FILE-4711"


class Hits(BaseHTTPRequestHandler):
    count = 0

    def do_GET(self) -> None:
        Hits.count += 1
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b'<!ENTITY x "FETCHED-FROM-THE-NETWORK">')

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def listener() -> Iterator[str]:
    """A loopback server that counts requests: a parser that fetches would show up here."""
    server = HTTPServer(("127.0.0.1", 0), Hits)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def secret_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("secret") / "passwd"
    path.write_text(SECRET_TEXT)
    return path


def attacks(secret_file: Path, listener: str) -> dict[str, bytes]:
    lol = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    return {
        "billion laughs": f"<!DOCTYPE r [{lol}]><r><title>&lol9;</title></r>".encode(),
        "external entity (file)": (
            f'<!DOCTYPE r [<!ENTITY x SYSTEM "file://{secret_file}">]><r><title>&x;</title></r>'
        ).encode(),
        "external entity (http)": (
            f'<!DOCTYPE r [<!ENTITY x SYSTEM "{listener}/x">]><r><title>&x;</title></r>'
        ).encode(),
        "external DTD": f'<!DOCTYPE r SYSTEM "{listener}/r.dtd"><r><title>a</title></r>'.encode(),
        "parameter entity": (
            f'<!DOCTYPE r [<!ENTITY % p SYSTEM "{listener}/p.dtd"> %p;]><r><title>a</title></r>'
        ).encode(),
    }
