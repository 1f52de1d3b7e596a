"""Who may open which consortium page: every page and action, for every role."""

from __future__ import annotations

import io
import json

import pytest
from flask.testing import FlaskClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from orcid_hub.consortium.models import Contact
from orcid_hub.consortium.registry import REGISTRY
from orcid_hub.consortium.services import LEAD
from tests.functional.consortium.conftest import World, samples
from tests.helpers import csrf_token, login_as

KINDS = sorted(REGISTRY)
assert LEAD is not None and KINDS
SCOPED = sorted(k for k, rt in REGISTRY.items() if rt.scoped)


def _record_id(client: FlaskClient, db_session: Session, kind: str, world: World) -> int:
    """A record of ``kind`` made by the lead, so that every record page has one to show."""
    login_as(client, world.lead)
    token = csrf_token(client, f"/consortium/{kind}/new")
    form = {**samples(world)[kind], "csrf_token": token}
    assert client.post(f"/consortium/{kind}/new", data=form).status_code == 302
    with client.session_transaction() as session:
        session.clear()
    model = REGISTRY[kind].model
    return int(db_session.scalar(select(func.max(model.id))))  # type: ignore[attr-defined]


def _pages(prefix: str, record_id: int) -> list[tuple[str, str]]:
    return [
        ("GET", f"{prefix}/"),
        ("GET", f"{prefix}/?year=2025"),
        ("GET", f"{prefix}/new"),
        ("POST", f"{prefix}/new"),
        ("GET", f"{prefix}/{record_id}"),
        ("GET", f"{prefix}/{record_id}/edit"),
        ("POST", f"{prefix}/{record_id}/edit"),
        ("GET", f"{prefix}/{record_id}/delete"),
        ("POST", f"{prefix}/{record_id}/delete"),
        ("GET", f"{prefix}/export.csv"),
        ("GET", f"{prefix}/export.xlsx"),
        ("GET", f"{prefix}/import"),
        ("POST", f"{prefix}/import"),
        ("POST", f"{prefix}/import/confirm"),
    ]


def _status(client: FlaskClient, method: str, url: str, token: str) -> int:
    if method == "GET":
        return client.get(url).status_code
    return client.post(url, data={"csrf_token": token}).status_code


@pytest.mark.parametrize("kind", KINDS)
def test_lead_pages_refuse_everyone_but_the_lead(
    client: FlaskClient, world: World, db_session: Session, kind: str
) -> None:
    pages = _pages(f"/consortium/{kind}", _record_id(client, db_session, kind, world))
    token = csrf_token(client)
    for method, url in pages:
        response = (
            client.get(url) if method == "GET" else client.post(url, data={"csrf_token": token})
        )
        assert response.status_code == 302, url
        assert "/signin" in response.headers["Location"]
    for person in (world.researcher_a, world.admin_a):
        login_as(client, person)
        for method, url in pages:
            assert _status(client, method, url, token) == 403, (person.name, method, url)
    login_as(client, world.lead)
    for method, url in pages:
        if method == "GET" and not url.endswith("/delete"):
            assert _status(client, method, url, token) == 200, url
    # A lead asking for a record that does not exist is told so.
    assert client.get(f"/consortium/{kind}/999999").status_code == 404


def test_index_and_unknown_kinds(client: FlaskClient, world: World) -> None:
    assert "/signin" in client.get("/consortium/").headers["Location"]
    login_as(client, world.admin_a)
    assert client.get("/consortium/").status_code == 403
    login_as(client, world.lead)
    page = client.get("/consortium/").get_data(as_text=True)
    assert "Konsorcija uzskaite" in page and 'href="/consortium/"' in page  # top-bar link
    assert client.get("/consortium/no-such-kind/").status_code == 404


@pytest.mark.parametrize("kind", SCOPED)
def test_institution_admin_sees_only_their_institution(
    client: FlaskClient, world: World, db_session: Session, kind: str
) -> None:
    token = csrf_token(client)
    own = f"/institutions/lu/consortium/{kind}"
    for method, url in _pages(own, world.contact_a.id):
        response = (
            client.get(url) if method == "GET" else client.post(url, data={"csrf_token": token})
        )
        assert response.status_code == 302 and "/signin" in response.headers["Location"], url
    login_as(client, world.admin_a)
    other = f"/institutions/rtu/consortium/{kind}"
    b_contact = world.contact_b.id
    for method, url in _pages(other, b_contact):
        assert _status(client, method, url, token) == 403, url
    # B's record through A's address: refused as if it were not there.
    for suffix in ("", "/edit", "/delete"):
        assert client.get(f"{own}/{b_contact}{suffix}").status_code == 403
    assert client.post(f"{own}/{b_contact}/delete", data={"csrf_token": token}).status_code == 403
    assert client.get(f"{own}/").status_code == 200
    assert client.get(f"{own}/new").status_code == 200
    assert client.get(f"{own}/import").status_code == 200
    login_as(client, world.researcher_a)
    for method, url in _pages(own, b_contact):
        assert _status(client, method, url, token) == 403, url


def test_institution_admin_manages_own_contacts(
    client: FlaskClient, world: World, db_session: Session
) -> None:
    login_as(client, world.admin_a)
    own = "/institutions/lu/consortium/contacts"
    token = csrf_token(client, f"{own}/new")
    page = client.get(f"{own}/").get_data(as_text=True)
    assert "Inese Kalniņa" in page and "Toms Briedis" not in page
    # The institution comes from the address, never from the form.
    form = {"name": "Jauns", "email": "jauns@lu.example.lv", "institution_id": str(world.inst_b.id)}
    response = client.post(f"{own}/new", data={**form, "csrf_token": token})
    assert response.status_code == 302
    contact = db_session.scalars(
        select(Contact).where(Contact.email == "jauns@lu.example.lv")
    ).one()
    assert contact.institution_id == world.inst_a.id
    assert response.headers["Location"] == f"{own}/{contact.id}"
    exported = client.get(f"{own}/export.csv").get_data(as_text=True)
    assert exported.splitlines()[0].lstrip("\ufeff").startswith("name,email")
    assert "toms@rtu" not in exported and "inese@lu" in exported
    # Import within the institution: no institution column, every row lands in A.
    data = "name,email\nImportēts,imp@lu.example.lv\n".encode()
    preview = client.post(
        f"{own}/import",
        data={"csrf_token": token, "file": (io.BytesIO(data), "c.csv")},
        content_type="multipart/form-data",
    )
    assert preview.status_code == 200
    row = {"name": "Importēts", "email": "imp@lu.example.lv"}
    payload = json.dumps({"header": ["name", "email"], "rows": [[2, row]]})
    assert (
        client.post(
            f"{own}/import/confirm", data={"csrf_token": token, "payload": payload}
        ).status_code
        == 302
    )
    imported = db_session.scalars(select(Contact).where(Contact.email == "imp@lu.example.lv")).one()
    assert imported.institution_id == world.inst_a.id
    # An admin may not edit consortium-wide records under their own address either.
    assert client.get("/institutions/lu/consortium/events/").status_code == 403
    assert client.get("/institutions/lu/consortium/institutions/").status_code == 403
    assert "Kontaktpersonas un integrācijas" in client.get("/consortium/mine").get_data(
        as_text=True
    )
    count = db_session.scalar(select(func.count()).select_from(Contact))
    assert count == 4


def test_mine_page(client: FlaskClient, world: World) -> None:
    login_as(client, world.researcher_a)
    assert client.get("/consortium/mine").status_code == 403
    login_as(client, world.admin_a)
    page = client.get("/consortium/mine").get_data(as_text=True)
    assert "/institutions/lu/consortium/contacts/" in page
    assert "/institutions/rtu/" not in page
