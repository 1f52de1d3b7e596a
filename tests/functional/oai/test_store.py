"""End to end: a CRIS harvested into the store, served by the hub, harvested back.

The CERIF samples are served over loopback by tests/oai_server.py, harvested
by the harvest job into StoredWork rows, and the hub's endpoint (with its
real database source) is then harvested by the same OAI-PMH connector.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from lxml import etree
from sqlalchemy import select
from sqlalchemy.orm import Session

from connectors.base import Checkpoint
from connectors.oaipmh import OaiPmhConnector
from connectors.records import Person, Tombstone, Work
from orcid_hub.accounts.models import InstitutionRole, Membership
from orcid_hub.harvest import jobs, services
from orcid_hub.harvest.models import StoredWork
from orcid_hub.institutions.models import Institution
from orcid_hub.linking.models import OrcidToken
from orcid_hub.oai.stored import work_from_dict
from tests import factories
from tests.functional.oai.conftest import error_of, q
from tests.oai_data import carried
from tests.oai_schema import CERIF, assert_valid
from tests.oai_server import CerifRepository, serve

C = "{" + CERIF + "}"
MANGHI = "0000-0001-7291-3210"  # an author of the sample article, with his iD in the CRIS
HOOGERWERF = "0000-0002-1825-0097"  # a co-author the CRIS knows only by its person id


def link(
    session: Session, inst: Institution, name: str, orcid: str, local_id: str | None = None
) -> int:
    someone = factories.person(session, name=name, orcid=orcid)
    session.add(
        Membership(
            person=someone,
            institution=inst,
            role=InstitutionRole.RESEARCHER,
            local_person_id=local_id,
        )
    )
    session.add(
        OrcidToken(
            person=someone,
            institution=inst,
            orcid=orcid,
            name=name,
            scopes="/activities/update /read-limited",
            access_token="token-" + orcid,
        )
    )
    session.flush()
    return someone.id


@pytest.fixture
def harvested(
    app: Flask, db_session: Session, lu: Institution, fixtures_dir: Path
) -> Iterator[dict[str, int]]:
    people = {
        "manghi": link(db_session, lu, "Paolo Manghi", MANGHI),
        "hoogerwerf": link(db_session, lu, "Maarten Hoogerwerf", HOOGERWERF, "Persons/2123455"),
    }
    with serve(CerifRepository(fixtures_dir, page_size=3)) as cris:
        config = services.create_config(
            db_session,
            lu.id,
            "oai-pmh",
            "LU CRIS",
            {"base_url": cris.url, "source": "lu-cris", "timeout": "5"},
        )
        db_session.commit()
        started = jobs.begin(app, config.id, "test")
        jobs.carry_on(app, started.run_id)
    db_session.expire_all()
    yield people


def stored(db_session: Session) -> dict[int, StoredWork]:
    return {w.id: w for w in db_session.scalars(select(StoredWork))}


def test_the_store_harvested_back(
    live_url: str,
    harvested: dict[str, int],
    db_session: Session,
) -> None:
    rows = stored(db_session)
    assert len(rows) == 14
    connector = OaiPmhConnector({"base_url": live_url, "source": "hub", "timeout": 5})
    records = [i for i in connector.harvest() if not isinstance(i, Checkpoint)]
    works = {r.local_id: r for r in records if isinstance(r, Work)}
    assert len(works) == 14
    for row in rows.values():
        back = next(w for key, w in works.items() if key.endswith(f"/{row.id}"))
        original = work_from_dict(row.record)
        if any(c.name == "Maarten Hoogerwerf" for c in original.contributors):
            # Matched by his CRIS person id: the hub adds his ORCID iD.
            author = next(c for c in back.contributors if c.name == "Maarten Hoogerwerf")
            assert author.orcid == HOOGERWERF
            continue
        assert carried(back) == carried(original), row.local_id
    persons = {r.orcid for r in records if isinstance(r, Person)}
    assert persons == {MANGHI, HOOGERWERF}
    assert not any(isinstance(r, Tombstone) for r in records)


def test_store_responses_validate_and_reference_served_persons(
    client: FlaskClient, oai_schema: etree.XMLSchema, harvested: dict[str, int], db_session: Session
) -> None:
    def get(**params: str) -> etree._Element:
        return assert_valid(oai_schema, client.get("/oai/lu", query_string=params).data)

    root = get(verb="ListRecords", metadataPrefix="oai_cerif_openaire")
    assert error_of(root) is None and len(root.findall(f".//{q('record')}")) == 14 + 2 + 1
    refs = {p.get("id") for p in root.iter(C + "Person") if p.getparent().tag == C + "Author"}  # type: ignore[union-attr]
    assert f"lu/Persons/{harvested['manghi']}" in refs
    assert f"lu/Persons/{harvested['hoogerwerf']}" in refs
    assert get(verb="ListRecords", metadataPrefix="oai_dc").find(f".//{q('record')}") is not None
    identify = get(verb="Identify")
    assert identify.findtext(f"{q('Identify')}/{q('deletedRecord')}") == "transient"


def test_deleted_and_revoked_records(
    client: FlaskClient, oai_schema: etree.XMLSchema, harvested: dict[str, int], db_session: Session
) -> None:
    row = next(w for w in stored(db_session).values() if w.orcid_type == "journal-article")
    row.deleted = True
    row.last_modified = dt.datetime(2030, 1, 1, tzinfo=dt.UTC)
    token = db_session.scalars(select(OrcidToken).where(OrcidToken.orcid == MANGHI)).one()
    token.revoked_at = dt.datetime(2030, 1, 2, tzinfo=dt.UTC)
    db_session.commit()
    root = assert_valid(
        oai_schema,
        client.get(
            "/oai/lu",
            query_string={
                "verb": "ListIdentifiers",
                "metadataPrefix": "oai_cerif_openaire",
                "from": "2030-01-01",
            },
        ).data,
    )
    headers = root.findall(f".//{q('header')}")
    assert [(h.findtext(q("identifier")), h.get("status")) for h in headers] == [
        (f"oai:localhost.localdomain:lu/Publications/{row.id}", "deleted"),
        (f"oai:localhost.localdomain:lu/Persons/{harvested['manghi']}", "deleted"),
    ]


def test_references_between_records_hold(
    client: FlaskClient, oai_schema: etree.XMLSchema, harvested: dict[str, int]
) -> None:
    """OpenAIRE's validator: every id a record refers to is itself a record of the endpoint."""
    root = assert_valid(
        oai_schema,
        client.get(
            "/oai/lu", query_string={"verb": "ListRecords", "metadataPrefix": "oai_cerif_openaire"}
        ).data,
    )
    records = {(h.findtext(q("identifier")) or "").split(":", 2)[2] for h in root.iter(q("header"))}
    payloads = root.findall(f".//{q('metadata')}/*")
    assert {p.get("id") for p in payloads} == records  # the OAI id is the CERIF id
    referenced = {
        element.get("id")
        for payload in payloads
        for element in payload.iterdescendants(C + "Person", C + "OrgUnit")
        if element.get("id")
    }
    assert referenced and referenced <= records
    identify = assert_valid(oai_schema, client.get("/oai/lu?verb=Identify").data)
    owner = identify.find(f".//{C}Service/{C}Owner/{C}OrgUnit")
    assert owner is not None and owner.get("id") in records
