"""Harvesting the CERIF samples over loopback HTTP into the store."""

from __future__ import annotations

import datetime as dt

import pytest
from flask import Flask
from flask.testing import FlaskClient
from lxml import etree
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from orcid_hub.accounts.models import InstitutionRole, Membership
from orcid_hub.db import utcnow
from orcid_hub.harvest import jobs
from orcid_hub.harvest.models import ConnectorConfig, HarvestRun, StoredPerson, StoredWork
from orcid_hub.linking.models import OrcidToken
from tests import factories
from tests.functional.harvest.conftest import drop_first_title
from tests.helpers import login_as
from tests.oai_server import CerifRepository, Q, Reply, Running


def harvest(app: Flask, config: ConnectorConfig, *, full: bool = False) -> HarvestRun:
    started = jobs.begin(app, config.id, "test", full=full)
    jobs.carry_on(app, started.run_id)
    with app.app_context():
        from orcid_hub import db

        run = db.session().get(HarvestRun, started.run_id)
        assert run is not None
        db.session().expunge(run)
    return run


def delete_record(page: bytes, identifier: str) -> bytes:
    root = etree.fromstring(page)
    for record in root.iter(f"{Q}record"):
        header = record.find(f"{Q}header")
        assert header is not None
        if header.findtext(f"{Q}identifier") == identifier:
            header.set("status", "deleted")
            for metadata in record.findall(f"{Q}metadata"):
                record.remove(metadata)
            return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    raise AssertionError(f"{identifier} is not on this page")


def works(db_session: Session) -> dict[str, StoredWork]:
    db_session.expire_all()
    return {w.local_id: w for w in db_session.scalars(select(StoredWork))}


def test_first_harvest_stores_every_work_with_its_fields(
    app: Flask, db_session: Session, lu_cris: ConnectorConfig
) -> None:
    run = harvest(app, lu_cris)
    assert run.status == "succeeded", run.error
    # 7 publications (the eighth is deleted at the source), 5 products, 2 patents.
    assert (run.added, run.changed, run.deleted, run.failed) == (14, 0, 0, 0)
    stored = works(db_session)
    paper = stored["Publications/812348"]
    assert paper.title is not None and paper.title.startswith("Linking Data and Publications")
    assert paper.doi == "10.2218/ijdc.v8i1.257"
    assert paper.orcid_type == "journal-article"
    assert paper.publication_date == "2013-06-14" and paper.publication_year == 2013
    assert paper.record["local_id"] == "Publications/812348"
    assert {(i.type, i.relation) for i in paper.identifiers} == {
        ("issn", "part-of"),
        ("doi", "self"),
    }
    assert "Publications/899999" not in stored  # a tombstone for a work never held
    db_session.refresh(lu_cris)
    assert lu_cris.checkpoint is not None and lu_cris.checkpoint["complete"] is True
    assert lu_cris.locked_until is None


def test_second_harvest_changes_nothing(
    app: Flask, db_session: Session, lu_cris: ConnectorConfig
) -> None:
    harvest(app, lu_cris)
    before = {k: (w.last_modified, w.content_hash) for k, w in works(db_session).items()}
    again = harvest(app, lu_cris)
    assert again.status == "succeeded", again.error
    assert (again.added, again.changed, again.deleted, again.unchanged) == (0, 0, 0, 14)
    after = {k: (w.last_modified, w.content_hash) for k, w in works(db_session).items()}
    assert after == before


def test_a_run_stopped_half_way_resumes_from_the_checkpoint(
    app: Flask,
    db_session: Session,
    lu_cris: ConnectorConfig,
    repository: CerifRepository,
    cris: Running,
) -> None:
    # The second page of publications fails: the run stops after storing the first.
    repository.once["openaire_cris_publications:1"] = [Reply(status=500, body=b"down")]
    first = harvest(app, lu_cris)
    assert first.status == "failed" and first.error and "500" in first.error
    assert first.added == 3
    db_session.refresh(lu_cris)
    assert lu_cris.checkpoint is not None
    assert lu_cris.checkpoint["state"]["token"] == "openaire_cris_publications:1"
    assert lu_cris.locked_until is None
    cris.log.clear()
    second = harvest(app, lu_cris)
    assert second.status == "succeeded", second.error
    assert second.resumed and second.added == 11
    lists = [p for p in cris.log if p.get("verb") == "ListRecords"]
    assert lists[0] == {"verb": "ListRecords", "resumptionToken": "openaire_cris_publications:1"}
    assert len(works(db_session)) == 14


def test_deleted_records_become_tombstones(
    app: Flask, db_session: Session, lu_cris: ConnectorConfig, repository: CerifRepository
) -> None:
    harvest(app, lu_cris)
    held_since = works(db_session)["Products/729487"].last_modified
    # The source now reports that product deleted: a header with status="deleted".
    repository.pages["openaire_cris_products"][0] = delete_record(
        repository.pages["openaire_cris_products"][0], "oai:cris.example.org:Products/729487"
    )
    run = harvest(app, lu_cris)
    assert (run.deleted, run.added) == (1, 0)
    gone = works(db_session)["Products/729487"]
    assert gone.deleted and gone.last_modified > held_since
    assert harvest(app, lu_cris).deleted == 0  # a tombstone applies once


def test_a_connector_never_runs_twice_at_once(
    app: Flask, db_session: Session, lu_cris: ConnectorConfig
) -> None:
    started = jobs.begin(app, lu_cris.id)
    try:
        jobs.begin(app, lu_cris.id)
    except jobs.AlreadyRunning:
        pass
    else:
        raise AssertionError("a second run started while the first held the lease")
    jobs.carry_on(app, started.run_id)
    jobs.carry_on(app, jobs.begin(app, lu_cris.id).run_id)


def test_a_killed_run_leaves_a_lease_that_expires_and_is_marked_interrupted(
    app: Flask, db_session: Session, lu_cris: ConnectorConfig, repository: CerifRepository
) -> None:
    repository.once["openaire_cris_publications:1"] = [Reply(status=500, body=b"down")]
    harvest(app, lu_cris)  # leaves a checkpoint half-way
    # The next run's process dies right after taking the lease: nothing releases it.
    dead = jobs.begin(app, lu_cris.id, "schedule")
    with pytest.raises(jobs.AlreadyRunning):
        jobs.begin(app, lu_cris.id)
    db_session.execute(
        update(ConnectorConfig)
        .where(ConnectorConfig.id == lu_cris.id)
        .values(locked_until=utcnow() - dt.timedelta(seconds=1))
    )
    db_session.commit()
    resumed = harvest(app, lu_cris)
    assert resumed.status == "succeeded" and resumed.resumed and resumed.added == 11
    db_session.expire_all()
    stale = db_session.get(HarvestRun, dead.run_id)
    assert stale is not None and stale.status == "failed" and "interrupted" in (stale.error or "")


def test_scheduled_connectors_run_when_due(
    app: Flask, db_session: Session, lu_cris: ConnectorConfig
) -> None:
    assert jobs.run_due(app) == []  # no schedule: only by hand
    lu_cris.schedule_minutes = 60
    db_session.commit()
    [first] = jobs.run_due(app)
    assert jobs.run_due(app) == []  # ran a moment ago
    db_session.execute(
        update(HarvestRun)
        .where(HarvestRun.id == first)
        .values(started_at=utcnow() - dt.timedelta(minutes=61))
    )
    db_session.commit()
    assert len(jobs.run_due(app)) == 1
    lu_cris.enabled = False
    db_session.commit()
    db_session.execute(update(HarvestRun).values(started_at=utcnow() - dt.timedelta(days=1)))
    db_session.commit()
    assert jobs.run_due(app) == []


def test_researchers_linked_later_are_matched_by_the_next_incremental_run(
    app: Flask,
    db_session: Session,
    lu_cris: ConnectorConfig,
    repository: CerifRepository,
    cris: Running,
) -> None:
    harvest(app, lu_cris)
    paolo = factories.person(db_session, "Paolo Manghi", "0000-0001-7291-3210")
    db_session.add(
        OrcidToken(
            person_id=paolo.id,
            institution_id=lu_cris.institution_id,
            orcid="0000-0001-7291-3210",
            scopes="/read-limited",
            access_token="token",
        )
    )
    maarten = factories.person(db_session, "Maarten Hoogerwerf")
    db_session.add(
        Membership(
            person_id=maarten.id,
            institution_id=lu_cris.institution_id,
            role=InstitutionRole.RESEARCHER,
            local_person_id="Persons/2123455",
        )
    )
    db_session.commit()
    # Nothing changed at the source since the last run.
    repository.empty_from = CerifRepository.RESPONSE_DATE
    cris.log.clear()
    run = harvest(app, lu_cris)
    assert any(p.get("from") == "2024-05-01T10:00:00Z" for p in cris.log)
    assert (run.added, run.changed) == (0, 3)
    matched = {
        (w.local_id, p.person.name, p.matched_by)
        for w in works(db_session).values()
        for p in w.people
    }
    assert matched == {
        ("Publications/812348", "Maarten Hoogerwerf", "local_id"),
        ("Publications/812348", "Paolo Manghi", "orcid"),
        ("Publications/894491", "Paolo Manghi", "orcid"),
        ("Publications/4123451", "Paolo Manghi", "orcid"),
    }


def test_a_record_that_cannot_be_stored_is_listed_on_the_run_page(
    app: Flask,
    client: FlaskClient,
    db_session: Session,
    lu_cris: ConnectorConfig,
    repository: CerifRepository,
) -> None:
    drop_first_title(repository)
    run = harvest(app, lu_cris)
    assert run.status == "succeeded" and (run.added, run.failed) == (13, 1)
    admin = factories.person(db_session, admin_of=lu_cris.institution)
    db_session.commit()
    login_as(client, admin)
    body = client.get(f"/institutions/lu/runs/{run.id}").get_data(as_text=True)
    assert "Publications/812348" in body and "no title" in body


def test_an_author_named_only_by_cris_id_is_matched_by_the_orcid_of_the_cris_person(
    app: Flask, db_session: Session, lu_cris: ConnectorConfig
) -> None:
    # Publications/812348 names Jochen Schirrwagen as Persons/2123457 only; the CRIS's
    # person record (harvested after the publications) carries his iD.
    jochen = factories.person(db_session, "Jochen Schirrwagen", "0000-0002-0458-1004")
    db_session.add(
        OrcidToken(
            person_id=jochen.id,
            institution_id=lu_cris.institution_id,
            orcid="0000-0002-0458-1004",
            scopes="/read-limited",
            access_token="token",
        )
    )
    db_session.commit()
    harvest(app, lu_cris)
    paper = works(db_session)["Publications/812348"]
    assert [(p.person.name, p.matched_by) for p in paper.people] == [
        ("Jochen Schirrwagen", "orcid")
    ]
    persons = db_session.scalars(select(StoredPerson)).all()
    assert len(persons) == 18
    assert {p.local_id: p.orcid for p in persons}["Persons/2123457"] == "0000-0002-0458-1004"
