"""Works read from ORCID, pushed once each to a loopback CRIS that checks the signature."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from connectors.push import SIGNATURE_HEADER, TIMESTAMP_HEADER, verify
from orcid_hub.harvest import jobs, services
from orcid_hub.harvest.models import ConnectorConfig, CrisPush
from orcid_hub.institutions.models import Institution
from orcid_hub.orcid.model import ExternalId
from tests.functional.harvest.orcid_setup import ILZE, TESS, link, orcid_client, pull
from tests.integration.conftest import work
from tests.sandbox_server import TEST_CLIENT, SandboxServer

SECRET = "shared-secret-for-the-cris"


@dataclass
class Receiver:
    """A CRIS endpoint: keeps each verified upsert, answers with the queued statuses."""

    url: str = ""
    works: list[dict[str, Any]] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    calls: int = 0
    statuses: list[int] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __call__(self, environ: Any, start_response: Any) -> Any:
        request = Request(environ)
        body = request.get_data()
        signed = verify(
            SECRET,
            request.headers.get(TIMESTAMP_HEADER, ""),
            body,
            request.headers.get(SIGNATURE_HEADER, ""),
        )
        with self.lock:
            self.calls += 1
            status = self.statuses.pop(0) if self.statuses else 200
            if not signed:
                status = 401
            payload = json.loads(body)
            if status == 200 and payload["operation"] == "upsert":
                self.works.append(payload)
            if status == 200 and payload["operation"] == "delete":
                self.deleted.append(payload["remote_id"])
            number = len(self.works)
        answer = json.dumps({"id": f"cris-{number}"}) if status == 200 else "trouble"
        return Response(answer, status=status)(environ, start_response)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    app = Receiver()
    server = make_server("127.0.0.1", 0, app)
    app.url = f"http://127.0.0.1:{server.server_port}/works"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield app
    finally:
        server.shutdown()
        thread.join(5)
        server.server_close()


def push_config(session: Session, inst: Institution, url: str, attempts: int) -> ConnectorConfig:
    settings = {"url": url, "secret": SECRET, "attempts": str(attempts), "timeout": "5"}
    config = services.create_config(session, inst.id, "push-json", "CRIS push", settings)
    session.commit()
    return config


def test_each_new_work_is_pushed_once_with_its_orcid_origin(
    app: Flask, db_session: Session, sandbox: SandboxServer, lu: Institution, receiver: Receiver
) -> None:
    push_config(db_session, lu, receiver.url, attempts=2)
    tess = link(db_session, sandbox, lu, TESS, "Tess Tester")
    with orcid_client(app) as orcid:
        codes = [orcid.api.create_work(TESS, tess.access_token, work(n)) for n in (1, 2)]
        receiver.statuses.append(500)  # the CRIS stumbles once: the push retries at once

        _, pushes = pull(app, lu.id)
        assert [(r.status, r.added, r.failed) for r in pushes] == [("succeeded", 2, 0)]
        assert receiver.calls == 3 and len(receiver.works) == 2
        first = receiver.works[0]
        assert first["work"]["local_id"] == f"{TESS}/work/{codes[0]}"
        assert first["origin"]["orcid"]["put_code"] == codes[0]
        assert first["origin"]["orcid"]["source_client_id"] == TEST_CLIENT

        pull(app, lu.id)  # nothing new: nothing sent
        assert receiver.calls == 3
        orcid.api.create_work(TESS, tess.access_token, work(3))
        _, pushes = pull(app, lu.id)
    assert pushes[0].added == 1 and len(receiver.works) == 3
    db_session.expire_all()
    remote = sorted(p.remote_id or "" for p in db_session.scalars(select(CrisPush)))
    assert remote == ["cris-1", "cris-2", "cris-3"]


def test_a_failed_push_is_shown_and_retried_at_the_next_pull(
    app: Flask, db_session: Session, sandbox: SandboxServer, lu: Institution, receiver: Receiver
) -> None:
    push_config(db_session, lu, receiver.url, attempts=1)
    tess = link(db_session, sandbox, lu, TESS, "Tess Tester")
    with orcid_client(app) as orcid:
        code = orcid.api.create_work(TESS, tess.access_token, work(1))
    receiver.statuses.append(500)

    _, pushes = pull(app, lu.id)
    assert (pushes[0].added, pushes[0].failed) == (0, 1)
    assert pushes[0].failures[0].local_id == f"{TESS}/work/{code}"
    assert "500" in pushes[0].failures[0].message
    db_session.expire_all()
    row = db_session.scalars(select(CrisPush)).one()
    assert row.pushed_at is None and row.error and row.attempts == 1

    _, pushes = pull(app, lu.id)
    assert (pushes[0].added, pushes[0].failed) == (1, 0)
    db_session.expire_all()
    row = db_session.scalars(select(CrisPush)).one()
    assert row.pushed_at is not None and row.error is None and row.attempts == 2
    assert len(receiver.works) == 1


def test_a_work_the_cris_already_has_is_not_pushed(
    app: Flask,
    db_session: Session,
    sandbox: SandboxServer,
    lu: Institution,
    lu_cris: ConnectorConfig,
    receiver: Receiver,
) -> None:
    harvested = jobs.begin(app, lu_cris.id, "test")
    jobs.carry_on(app, harvested.run_id)
    push_config(db_session, lu, receiver.url, attempts=1)
    tess = link(db_session, sandbox, lu, TESS, "Tess Tester")
    doi = "10.2218/ijdc.v8i1.257"
    with orcid_client(app) as orcid:
        ids = (ExternalId("doi", doi, "self", f"https://doi.org/{doi}"),)
        orcid.api.create_work(TESS, tess.access_token, work(1, external_ids=ids))
        orcid.api.create_work(TESS, tess.access_token, work(2))
    _, pushes = pull(app, lu.id)
    assert pushes[0].added == 1
    assert [w["work"]["titles"][0]["value"] for w in receiver.works] == [
        "Open research information in Latvia, part 2"
    ]


def test_a_work_on_two_co_authors_records_is_pushed_once(
    app: Flask, db_session: Session, sandbox: SandboxServer, lu: Institution, receiver: Receiver
) -> None:
    push_config(db_session, lu, receiver.url, attempts=1)
    tess = link(db_session, sandbox, lu, TESS, "Tess Tester")
    ilze = link(db_session, sandbox, lu, ILZE, "Ilze Ozola")
    with orcid_client(app) as orcid:
        orcid.api.create_work(TESS, tess.access_token, work(1))
        orcid.api.create_work(ILZE, ilze.access_token, work(1))
    run, pushes = pull(app, lu.id)
    assert run.added == 2 and pushes[0].added == 1
    assert [w["work"]["local_id"].split("/")[0] for w in receiver.works] == [TESS]


def test_a_pushed_work_deleted_at_orcid_is_deleted_at_the_cris(
    app: Flask, db_session: Session, sandbox: SandboxServer, lu: Institution, receiver: Receiver
) -> None:
    push_config(db_session, lu, receiver.url, attempts=1)
    tess = link(db_session, sandbox, lu, TESS, "Tess Tester")
    with orcid_client(app) as orcid:
        code = orcid.api.create_work(TESS, tess.access_token, work(1))
        pull(app, lu.id)
        orcid.api.delete_work(TESS, tess.access_token, code)
    receiver.statuses.append(503)  # the first delete fails: kept, and tried again
    _, pushes = pull(app, lu.id)
    assert (pushes[0].deleted, pushes[0].failed) == (0, 1)
    _, pushes = pull(app, lu.id)
    assert (pushes[0].added, pushes[0].deleted, pushes[0].failed) == (0, 1, 0)
    assert receiver.deleted == ["cris-1"]
    db_session.expire_all()
    assert db_session.scalars(select(CrisPush)).all() == []
    _, pushes = pull(app, lu.id)  # nothing left to do
    assert (pushes[0].added, pushes[0].deleted) == (0, 0) and receiver.deleted == ["cris-1"]
