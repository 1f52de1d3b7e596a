"""Researchers linked to an institution through the loopback ORCID sandbox, with works.

A researcher is linked as the hub links them: a real token from the sandbox's
OAuth flow for the institution's client, kept in ``OrcidToken``. Their works are
written to the sandbox with the hub's ORCID client and that token.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from flask import Flask
from lxml import etree
from sqlalchemy import select
from sqlalchemy.orm import Session

from orcid_hub import db
from orcid_hub.harvest import orcid_jobs
from orcid_hub.harvest.models import HarvestRun, StoredWork
from orcid_hub.institutions.models import Institution
from orcid_hub.linking.models import OrcidToken
from orcid_hub.orcid.client import OrcidClient
from tests import factories
from tests.sandbox_server import TEST_CLIENT, SandboxServer

TESS = "0009-0001-0000-0014"
ILZE = "0009-0000-0000-0017"
OAI = "{http://www.openarchives.org/OAI/2.0/}"


@dataclass
class Researcher:
    person_id: int
    orcid: str
    access_token: str


def link(
    session: Session, sandbox: SandboxServer, inst: Institution, orcid: str, name: str
) -> Researcher:
    granted = sandbox.user_token(orcid, client_id=TEST_CLIENT)
    person = factories.person(session, name, orcid)
    session.add(
        OrcidToken(
            person_id=person.id,
            institution_id=inst.id,
            orcid=orcid,
            name=name,
            scopes=granted["scope"],
            access_token=granted["access_token"],
        )
    )
    session.commit()
    return Researcher(person.id, orcid, granted["access_token"])


def orcid_client(app: Flask) -> OrcidClient:
    settings = app.config["SETTINGS"].orcid
    return OrcidClient.from_settings(settings, TEST_CLIENT, factories.SANDBOX_CLIENTS[TEST_CLIENT])


def pull(app: Flask, institution_id: int) -> tuple[HarvestRun, list[HarvestRun]]:
    """One pull (and its pushes), run inline; the runs, detached."""
    started = orcid_jobs.begin(app, institution_id, "test")
    push_ids = orcid_jobs.carry_on(app, started.run_id)
    with db.database(app).sessionmaker() as session:
        found = [session.get(HarvestRun, i) for i in [started.run_id, *push_ids]]
        runs = [r for r in found if r is not None]
        for run in runs:
            _ = run.failures  # loaded before the session closes
        session.expunge_all()
    return runs[0], runs[1:]


def stored(session: Session) -> dict[str, StoredWork]:
    session.expire_all()
    return {w.local_id: w for w in session.scalars(select(StoredWork))}


def list_records(client: Any, slug: str = "lu") -> Iterator[tuple[bool, bytes]]:
    """(deleted?, the record's XML) of every record of a CERIF ListRecords, one page."""
    answer = client.get(
        f"/oai/{slug}", query_string={"verb": "ListRecords", "metadataPrefix": "oai_cerif_openaire"}
    )
    assert answer.status_code == 200
    root = etree.fromstring(answer.data)
    for record in root.iter(f"{OAI}record"):
        header = record.find(f"{OAI}header")
        assert header is not None
        yield header.get("status") == "deleted", etree.tostring(record)
