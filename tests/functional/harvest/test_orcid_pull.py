"""Reading linked researchers' works from the loopback ORCID sandbox into the store."""

from __future__ import annotations

import dataclasses

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from orcid_hub.harvest import jobs
from orcid_hub.harvest.models import ConnectorConfig, DuplicateLink
from orcid_hub.institutions.models import Institution
from orcid_hub.linking.models import OrcidToken
from orcid_hub.orcid.client import OrcidClient
from orcid_hub.orcid.model import ExternalId
from tests import factories
from tests.functional.harvest.orcid_setup import (
    ILZE,
    TESS,
    link,
    list_records,
    orcid_client,
    pull,
    stored,
)
from tests.integration.conftest import work
from tests.sandbox_server import OTHER_CLIENT, TEST_CLIENT, SandboxServer


def test_works_are_stored_matched_served_and_a_second_pull_changes_nothing(
    app: Flask, db_session: Session, client: FlaskClient, sandbox: SandboxServer, lu: Institution
) -> None:
    tess = link(db_session, sandbox, lu, TESS, "Tess Tester")
    with orcid_client(app) as orcid:
        codes = [orcid.api.create_work(TESS, tess.access_token, work(n)) for n in (1, 2)]

    run, pushes = pull(app, lu.id)
    assert run.status == "succeeded", run.error
    assert (run.added, run.changed, run.deleted, run.failed) == (2, 0, 0, 0)
    assert pushes == []  # no push connector
    rows = stored(db_session)
    assert set(rows) == {f"{TESS}/work/{code}" for code in codes}
    first = rows[f"{TESS}/work/{codes[0]}"]
    assert first.config.connector == "orcid" and first.source == "orcid"
    assert first.title == "Open research information in Latvia, part 1"
    assert first.doi == "10.5555/lv.2024.1" and first.publication_date == "2024-05-17"
    assert [(p.person_id, p.matched_by) for p in first.people] == [(tess.person_id, "orcid")]
    origin = first.record["orcid"]
    assert origin["put_code"] == codes[0] and origin["orcid"] == TESS
    assert origin["source_client_id"] == TEST_CLIENT  # the institution wrote it itself

    served = [xml for deleted, xml in list_records(client) if not deleted]
    assert sum(b"Open research information in Latvia, part" in xml for xml in served) == 2

    stamps = {key: row.last_modified for key, row in rows.items()}
    again, _ = pull(app, lu.id)
    assert (again.added, again.changed, again.unchanged, again.deleted) == (0, 0, 2, 0)
    assert {k: r.last_modified for k, r in stored(db_session).items()} == stamps


def test_a_work_deleted_or_changed_at_orcid_follows_at_the_next_pull(
    app: Flask, db_session: Session, client: FlaskClient, sandbox: SandboxServer, lu: Institution
) -> None:
    tess = link(db_session, sandbox, lu, TESS, "Tess Tester")
    with orcid_client(app) as orcid:
        gone, kept = (orcid.api.create_work(TESS, tess.access_token, work(n)) for n in (1, 2))
        pull(app, lu.id)
        orcid.api.delete_work(TESS, tess.access_token, gone)
        edited = dataclasses.replace(work(2), title="Renamed at ORCID", put_code=kept)
        orcid.api.update_work(TESS, tess.access_token, edited)

    run, _ = pull(app, lu.id)
    assert (run.added, run.changed, run.unchanged, run.deleted) == (0, 1, 0, 1)
    rows = stored(db_session)
    assert rows[f"{TESS}/work/{gone}"].deleted
    assert rows[f"{TESS}/work/{kept}"].title == "Renamed at ORCID"
    records = list(list_records(client))
    assert sum(deleted for deleted, _ in records) == 1
    assert any(b"Renamed at ORCID" in xml for deleted, xml in records if not deleted)

    later, _ = pull(app, lu.id)  # the tombstone is not applied twice
    assert (later.deleted, later.changed, later.unchanged) == (0, 0, 1)


def test_a_revoked_token_is_marked_the_others_still_read_and_its_works_retired(
    app: Flask, db_session: Session, client: FlaskClient, sandbox: SandboxServer, lu: Institution
) -> None:
    tess = link(db_session, sandbox, lu, TESS, "Tess Tester")
    ilze = link(db_session, sandbox, lu, ILZE, "Ilze Ozola")
    with orcid_client(app) as orcid:
        orcid.api.create_work(TESS, tess.access_token, work(1))
        pull(app, lu.id)
        orcid.api.create_work(ILZE, ilze.access_token, work(2))
    assert sandbox.revoke_user_tokens(TESS) == 1

    run, _ = pull(app, lu.id)
    assert run.status == "succeeded", run.error
    assert (run.added, run.failed, run.deleted) == (1, 1, 1)
    assert [f.local_id for f in run.failures] == [TESS]
    assert "withdrew" in run.failures[0].message
    db_session.expire_all()
    tokens = {t.orcid: t for t in db_session.scalars(select(OrcidToken))}
    assert tokens[TESS].revoked_at is not None and tokens[ILZE].revoked_at is None
    live = {k.split("/")[0] for k, w in stored(db_session).items() if not w.deleted}
    assert live == {ILZE}
    # Deleted: Tess's work, and Tess herself as a person record (her link is revoked).
    assert [deleted for deleted, _ in list_records(client)].count(True) == 2

    again, _ = pull(app, lu.id)  # the revoked link is no longer tried
    assert (again.failed, again.unchanged, again.deleted) == (0, 1, 0)


def test_the_works_of_a_researcher_who_unlinked_are_retired(
    app: Flask, db_session: Session, sandbox: SandboxServer, lu: Institution
) -> None:
    tess = link(db_session, sandbox, lu, TESS, "Tess Tester")
    with orcid_client(app) as orcid:
        orcid.api.create_work(TESS, tess.access_token, work(1))
    pull(app, lu.id)
    db_session.delete(db_session.scalars(select(OrcidToken)).one())
    db_session.commit()
    run, _ = pull(app, lu.id)
    assert (run.status, run.deleted) == ("succeeded", 1)
    assert all(w.deleted for w in stored(db_session).values())


def test_a_work_also_harvested_from_the_cris_is_served_once(
    app: Flask,
    db_session: Session,
    client: FlaskClient,
    sandbox: SandboxServer,
    lu: Institution,
    lu_cris: ConnectorConfig,
) -> None:
    doi = "10.2218/ijdc.v8i1.257"  # a publication of the CERIF sample the CRIS serves
    harvested = jobs.begin(app, lu_cris.id, "test")
    jobs.carry_on(app, harvested.run_id)
    tess = link(db_session, sandbox, lu, TESS, "Tess Tester")
    same = work(1, external_ids=(ExternalId("doi", doi, "self", f"https://doi.org/{doi}"),))
    with orcid_client(app) as orcid:
        orcid.api.create_work(TESS, tess.access_token, same)

    run, _ = pull(app, lu.id)
    assert run.added == 1
    rows = [w for w in stored(db_session).values() if w.doi == doi]
    assert sorted(w.config.connector for w in rows) == ["oai-pmh", "orcid"]
    link_row = db_session.scalars(select(DuplicateLink)).one()
    assert link_row.confirmed and link_row.reason == "doi"
    live = [xml for deleted, xml in list_records(client) if not deleted]
    assert sum(doi.encode() in xml for xml in live) == 1


def test_a_token_without_read_limited_is_not_used(
    app: Flask, db_session: Session, sandbox: SandboxServer, lu: Institution
) -> None:
    link(db_session, sandbox, lu, TESS, "Tess Tester")
    token = db_session.scalars(select(OrcidToken)).one()
    token.scopes = "/authenticate"
    db_session.commit()
    run, _ = pull(app, lu.id)
    assert (run.status, run.pages, run.added, run.failed) == ("succeeded", 0, 0, 0)


def test_the_record_tells_what_the_institution_wrote_from_what_others_did(
    app: Flask, db_session: Session, sandbox: SandboxServer, lu: Institution
) -> None:
    tess = link(db_session, sandbox, lu, TESS, "Tess Tester")
    other = sandbox.user_token(TESS, client_id=OTHER_CLIENT)["access_token"]
    settings = app.config["SETTINGS"].orcid
    secret = factories.SANDBOX_CLIENTS[OTHER_CLIENT]
    with OrcidClient.from_settings(settings, OTHER_CLIENT, secret) as elsewhere:
        theirs = elsewhere.api.create_work(TESS, other, work(2))
    with orcid_client(app) as orcid:
        ours = orcid.api.create_work(TESS, tess.access_token, work(1))
    pull(app, lu.id)
    origin = {
        row.record["orcid"]["put_code"]: row.record["orcid"]["source_client_id"]
        for row in stored(db_session).values()
    }
    assert origin == {ours: TEST_CLIENT, theirs: OTHER_CLIENT}


def test_a_record_orcid_will_not_show_now_is_a_failure_that_keeps_its_works(
    app: Flask, db_session: Session, sandbox: SandboxServer, lu: Institution
) -> None:
    tess = link(db_session, sandbox, lu, TESS, "Tess Tester")
    ilze = link(db_session, sandbox, lu, ILZE, "Ilze Ozola")
    with orcid_client(app) as orcid:
        orcid.api.create_work(TESS, tess.access_token, work(1))
        pull(app, lu.id)
        orcid.api.create_work(ILZE, ilze.access_token, work(2))
    sandbox.inject("locked", orcid=TESS)
    run, _ = pull(app, lu.id)
    assert run.status == "succeeded", run.error
    assert (run.added, run.failed, run.deleted) == (1, 1, 0)
    assert run.failures[0].local_id == TESS
    db_session.expire_all()
    assert all(t.revoked_at is None for t in db_session.scalars(select(OrcidToken)))
    assert not any(w.deleted for w in stored(db_session).values())
