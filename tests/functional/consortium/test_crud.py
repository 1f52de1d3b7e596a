"""Create, view, edit and delete every record type through its pages, with the audit trail."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from orcid_hub.audit.models import AuditEntry
from orcid_hub.consortium.registry import REGISTRY, RecordType
from orcid_hub.consortium.services import LEAD  # importing the services registers every type
from tests.functional.consortium.conftest import World, samples
from tests.helpers import csrf_token, login_as

KINDS = sorted(REGISTRY)
assert LEAD is not None and KINDS


def _count(db_session: Session, record_type: RecordType) -> int:
    return db_session.scalar(select(func.count()).select_from(record_type.model)) or 0


def _editable_text(record_type: RecordType) -> str:
    return next(
        f.name
        for f in record_type.fields
        if f.kind in ("text", "textarea") and f.editable and f.name != record_type.key_field
    )


@pytest.mark.parametrize("kind", KINDS)
def test_create_view_edit_delete_with_audit_trail(
    client: FlaskClient, world: World, db_session: Session, kind: str
) -> None:
    record_type = REGISTRY[kind]
    login_as(client, world.lead)
    token = csrf_token(client, f"/consortium/{kind}/new")
    before = _count(db_session, record_type)

    created = client.post(
        f"/consortium/{kind}/new", data={**samples(world)[kind], "csrf_token": token}
    )
    assert created.status_code == 302, created.get_data(as_text=True)
    assert _count(db_session, record_type) == before + 1
    record = db_session.scalars(
        select(record_type.model).order_by(record_type.model.id.desc())  # type: ignore[attr-defined]
    ).first()
    assert record is not None
    record_id = record.id
    page = client.get(f"/consortium/{kind}/{record_id}").get_data(as_text=True)
    assert "Ilze Bērziņa" in page and "izveidoja" in page  # who created it, in Latvian

    listed = client.get(f"/consortium/{kind}/").get_data(as_text=True)
    assert f"/consortium/{kind}/{record_id}" in listed

    field = _editable_text(record_type)
    form = {**samples(world)[kind], field: "Labots ā", "csrf_token": token}
    edited = client.post(f"/consortium/{kind}/{record_id}/edit", data=form)
    assert edited.status_code == 302, edited.get_data(as_text=True)
    db_session.expire_all()
    if record_type.versioned:
        assert _count(db_session, record_type) == before + 2  # the old version is kept
    else:
        assert getattr(db_session.get(record_type.model, record_id), field) == "Labots ā"
        assert "Labots ā" in client.get(f"/consortium/{kind}/{record_id}").get_data(as_text=True)

    confirm = client.get(f"/consortium/{kind}/{record_id}/delete")
    assert confirm.status_code == 200 and "Dzēst" in confirm.get_data(as_text=True)
    assert db_session.get(record_type.model, record_id) is not None  # asking deletes nothing
    deleted = client.post(f"/consortium/{kind}/{record_id}/delete", data={"csrf_token": token})
    assert deleted.status_code == 302
    db_session.expire_all()
    assert db_session.get(record_type.model, record_id) is None

    actions = db_session.scalars(
        select(AuditEntry.action)
        .where(AuditEntry.entity == record_type.model.__tablename__)
        .where(AuditEntry.entity_id == record_id)
        .order_by(AuditEntry.id)
    ).all()
    expected = ["insert", "delete"] if record_type.versioned else ["insert", "update", "delete"]
    assert actions == expected
    actors = db_session.scalars(
        select(AuditEntry.actor_id)
        .where(AuditEntry.entity_id == record_id)
        .where(AuditEntry.entity == record_type.model.__tablename__)
    ).all()
    assert set(actors) == {world.lead.id}


@pytest.mark.parametrize("kind", KINDS)
def test_invalid_form_is_refused_field_by_field(
    client: FlaskClient, world: World, db_session: Session, kind: str
) -> None:
    record_type = REGISTRY[kind]
    login_as(client, world.lead)
    token = csrf_token(client, f"/consortium/{kind}/new")
    before = _count(db_session, record_type)
    response = client.post(f"/consortium/{kind}/new", data={"csrf_token": token})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Nekas netika saglabāts" in page
    for field in record_type.form_fields(False):
        if field.required:
            assert f'id="error-{field.name}"' in page
    assert _count(db_session, record_type) == before


def test_repeated_values_are_refused_not_crashed_on(
    client: FlaskClient, world: World, db_session: Session
) -> None:
    login_as(client, world.lead)
    token = csrf_token(client, "/consortium/service-funding/new")
    form = {**samples(world)["service-funding"], "csrf_token": token}
    assert client.post("/consortium/service-funding/new", data=form).status_code == 302
    again = client.post("/consortium/service-funding/new", data=form)
    assert again.status_code == 400
    assert "Ieraksts ar šādām vērtībām jau ir" in again.get_data(as_text=True)
    contact = {**samples(world)["contacts"], "email": "inese@lu.example.lv", "csrf_token": token}
    taken = client.post("/consortium/contacts/new", data=contact)
    assert taken.status_code == 400 and "jau ir citam ierakstam" in taken.get_data(as_text=True)


def test_a_record_links_to_what_it_refers_to(client: FlaskClient, world: World) -> None:
    login_as(client, world.lead)
    page = client.get(f"/consortium/contacts/{world.contact_a.id}").get_data(as_text=True)
    assert f'<a href="/consortium/institutions/{world.inst_a.id}">Latvijas Universitāte</a>' in page
