"""Institution admins: invitations one by one and from spreadsheets, settings, credentials.

Every admin URL is tried by an admin of another institution, a researcher and a
stranger: institution data is scoped to the institution of the admin asking.
"""

from __future__ import annotations

import email
import io
import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openpyxl import Workbook
from sqlalchemy import select
from sqlalchemy.orm import Session

from orcid_hub.institutions.models import Institution
from orcid_hub.invitations.models import Invitation
from orcid_hub.mail import outbox
from tests import factories
from tests.helpers import consent_at_orcid, csrf_token, login_as
from tests.sandbox_server import SandboxServer

GOOD_CSV = (
    "email,given_names,family_name,local_person_id,affiliation,start_date\n"
    "anna.ozolina@example.lv,Anna,Ozoliņa,LU-1,employment,2021-09\n"
    "martins.liepins@example.lv,Mārtiņš,Liepiņš,LU-2,education,2020\n"
)
BAD_CSV = (
    "email,given_names,family_name,start_date,orcid\n"
    "anna.ozolina@example.lv,Anna,Ozoliņa,2021-13,\n"
    "not-an-address,Mārtiņš,Liepiņš,,0000-0002-1825-0098\n"
    "anna.ozolina@example.lv,Anna,,,\n"
)


@pytest.fixture
def lu_admin(client: FlaskClient, db_session: Session) -> Institution:
    lu = factories.institution(db_session)
    admin = factories.person(db_session, "Jānis Kalniņš", admin_of=lu)
    db_session.commit()
    login_as(client, admin)
    return lu


def invitations_in(db_session: Session) -> list[Invitation]:
    db_session.expire_all()
    return list(db_session.scalars(select(Invitation).order_by(Invitation.id)))


def upload(client: FlaskClient, name: str, content: bytes) -> object:
    return client.post(
        "/institutions/lu/invitations/upload",
        data={
            "file": (io.BytesIO(content), name),
            "csrf_token": csrf_token(client, "/institutions/lu/invitations"),
        },
        content_type="multipart/form-data",
    )


def latest_mail(app: Flask) -> email.message.Message:
    with app.app_context():
        newest = outbox(app)[0]
    return email.message_from_bytes(Path(newest).read_bytes())


def test_invite_one_sends_a_bilingual_email_with_a_working_link(
    app: Flask,
    client: FlaskClient,
    db_session: Session,
    lu_admin: Institution,
    sandbox: SandboxServer,
) -> None:
    form = {
        "email": "anna.ozolina@example.lv",
        "given_names": "Anna",
        "family_name": "Ozoliņa",
        "department": "Fizikas fakultāte",
        "csrf_token": csrf_token(client, "/institutions/lu/invitations"),
    }
    response = client.post("/institutions/lu/invitations", data=form)
    assert response.status_code == 302
    [invitation] = invitations_in(db_session)
    assert invitation.sent_at is not None and invitation.send_count == 1
    message = latest_mail(app)
    assert message["To"] == "anna.ozolina@example.lv"
    body = message.get_payload(decode=True).decode()  # type: ignore[union-attr]
    assert "aicina jūs piesaistīt" in body and "invites you to link your ORCID iD" in body
    link = re.search(r"http://localhost(/invite/\S+)", body)
    assert link is not None
    token = link.group(1).rsplit("/", 1)[1]
    assert token not in invitation.token_hash  # only a hash is kept
    # The researcher (another browser) follows the e-mailed link all the way.
    with app.test_client() as researcher:
        page = researcher.get(link.group(1))
        assert page.status_code == 200 and "Fizikas fakultāte" in page.get_data(as_text=True)
        redirect = researcher.post(
            link.group(1), data={"csrf_token": csrf_token(researcher, link.group(1))}
        )
        callback = consent_at_orcid(sandbox, redirect, "0009-0000-0000-0033")
        assert researcher.get(callback).headers["Location"] == "/me"
    overview = client.get("/institutions/lu").get_data(as_text=True)
    assert "0009-0000-0000-0033" in overview


def test_resend_replaces_the_link_and_revoke_stops_it(
    app: Flask, client: FlaskClient, db_session: Session, lu_admin: Institution
) -> None:
    _, old_token = factories.invitation(db_session, lu_admin)
    db_session.commit()
    [invitation] = invitations_in(db_session)
    token = csrf_token(client, "/institutions/lu/invitations")
    assert (
        client.post(
            f"/institutions/lu/invitations/{invitation.id}/resend", data={"csrf_token": token}
        ).status_code
        == 302
    )
    assert client.get(f"/invite/{old_token}").status_code == 404
    new_link = re.search(r"/invite/(\S+)", latest_mail(app).get_payload(decode=True).decode())  # type: ignore[union-attr]
    assert new_link is not None and client.get(f"/invite/{new_link.group(1)}").status_code == 200
    client.post(f"/institutions/lu/invitations/{invitation.id}/revoke", data={"csrf_token": token})
    assert client.get(f"/invite/{new_link.group(1)}").status_code == 410


def test_batch_upload_previews_then_sends_all(
    app: Flask, client: FlaskClient, db_session: Session, lu_admin: Institution
) -> None:
    preview = upload(client, "people.csv", GOOD_CSV.encode())
    assert preview.status_code == 200
    page = preview.get_data(as_text=True)
    assert "martins.liepins@example.lv" in page and invitations_in(db_session) == []
    confirm = re.search(r'action="(/institutions/lu/invitations/batches/\d+)"', page)
    assert confirm is not None
    client.post(
        confirm.group(1), data={"csrf_token": csrf_token(client, "/institutions/lu/invitations")}
    )
    sent = invitations_in(db_session)
    assert [i.email for i in sent] == ["anna.ozolina@example.lv", "martins.liepins@example.lv"]
    assert sent[0].local_person_id == "LU-1" and sent[1].affiliation == "education"
    assert all(i.sent_at is not None for i in sent)
    again = client.post(
        confirm.group(1), data={"csrf_token": csrf_token(client, "/institutions/lu/invitations")}
    )
    assert again.status_code == 302 and len(invitations_in(db_session)) == 2  # not twice


def test_batch_upload_with_bad_rows_names_row_and_column_and_stores_nothing(
    client: FlaskClient, db_session: Session, lu_admin: Institution
) -> None:
    preview = upload(client, "people.csv", BAD_CSV.encode())
    assert preview.status_code == 400
    page = preview.get_data(as_text=True)
    for row, column in (
        (2, "start_date"),
        (3, "email"),
        (3, "orcid"),
        (4, "family_name"),
        (4, "email"),
    ):
        assert re.search(rf"row {row}, column {column}|{row}\. rinda, kolonna {column}", page), (
            row,
            column,
        )
    assert "nav e-pasta adrese" in page  # says why, in the page's language
    assert "batches/" not in page
    assert invitations_in(db_session) == []


def test_xlsx_upload_and_unreadable_files(
    client: FlaskClient, db_session: Session, lu_admin: Institution
) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["email", "given_names", "family_name"])
    sheet.append(["dace.lapina@example.lv", "Dace", "Lapiņa"])
    buffer = io.BytesIO()
    book.save(buffer)
    assert upload(client, "people.xlsx", buffer.getvalue()).status_code == 200
    for name, content, expected in (
        ("people.xlsx", b"PK\x03\x04 not really a workbook", "not a readable XLSX"),
        ("people.csv", b"email;given_names\nx@y.lv;X\n", "trūkst kolonnas family_name"),
        ("people.csv", b"email,given_names,family_name\n\xff\xfe,A,B\n", "not UTF-8"),
        ("people.pdf", b"%PDF-1.4", "var nolasīt tikai .csv un .xlsx"),
    ):
        response = upload(client, name, content)
        assert response.status_code == 400
        assert expected in response.get_data(as_text=True), expected
    assert invitations_in(db_session) == []


def test_credentials_are_checked_with_orcid_before_saving(
    client: FlaskClient, db_session: Session, sandbox: SandboxServer
) -> None:
    rtu = factories.institution(db_session, "rtu", None)
    admin = factories.person(db_session, "Līga Krūmiņa", admin_of=rtu)
    db_session.commit()
    login_as(client, admin)
    url = "/institutions/rtu/credentials"
    wrong = client.post(
        url,
        data={
            "client_id": "APP-TESTCLIENT000001",
            "client_secret": "wrong",
            "csrf_token": csrf_token(client, url),
        },
    )
    assert wrong.status_code == 400
    db_session.expire_all()
    assert db_session.get(Institution, rtu.id).credentials is None  # type: ignore[union-attr]
    right = client.post(
        url,
        data={
            "client_id": "APP-TESTCLIENT000001",
            "client_secret": "test-secret-1",
            "csrf_token": csrf_token(client, url),
        },
    )
    assert right.status_code == 302
    db_session.expire_all()
    saved = db_session.get(Institution, rtu.id).credentials  # type: ignore[union-attr]
    assert saved is not None and saved.client_secret == "test-secret-1"
    assert "test-secret-1" not in client.get(url).get_data(as_text=True)


ADMIN_PAGES = [
    ("GET", "/institutions/{slug}"),
    ("GET", "/institutions/{slug}/settings"),
    ("POST", "/institutions/{slug}/settings"),
    ("GET", "/institutions/{slug}/credentials"),
    ("POST", "/institutions/{slug}/credentials"),
    ("GET", "/institutions/{slug}/invitations"),
    ("POST", "/institutions/{slug}/invitations"),
    ("POST", "/institutions/{slug}/invitations/upload"),
    ("POST", "/institutions/{slug}/invitations/batches/{batch}"),
    ("POST", "/institutions/{slug}/invitations/{invitation}/resend"),
    ("POST", "/institutions/{slug}/invitations/{invitation}/revoke"),
    ("GET", "/institutions/{slug}/invitations/template.csv"),
    ("POST", "/institutions/{slug}/admins"),
]


def test_an_admin_of_one_institution_cannot_touch_another(
    client: FlaskClient, db_session: Session
) -> None:
    lu = factories.institution(db_session)
    rtu = factories.institution(
        db_session, "rtu", "APP-TESTCLIENT000002", name_lv="RTU", name_en="RTU"
    )
    invitation, _ = factories.invitation(db_session, rtu)
    researcher = factories.person(db_session, "Edgars Vītols")
    rtu_admin = factories.person(db_session, "Līga Krūmiņa", admin_of=rtu)
    lu_admin = factories.person(db_session, "Jānis Kalniņš", admin_of=lu)
    db_session.commit()
    before = (rtu.name_lv, invitation.token_hash)
    for who in (lu_admin, researcher, rtu_admin):
        login_as(client, who)
        token = csrf_token(client)
        for method, pattern in ADMIN_PAGES:
            url = pattern.format(slug="rtu", batch=1, invitation=invitation.id)
            response = client.open(url, method=method, data={"csrf_token": token, "name_lv": "X"})
            if who is rtu_admin:
                assert response.status_code != 403 or pattern.endswith("/admins"), url
            else:
                assert response.status_code == 403, (who.name, method, url, response.status_code)
    db_session.expire_all()
    assert db_session.get(Institution, rtu.id).name_lv == before[0]  # type: ignore[union-attr]
    # A stranger is sent to sign in, and learns nothing.
    with client.session_transaction() as session:
        session.clear()
    response = client.get("/institutions/rtu/invitations")
    assert response.status_code == 302 and "/signin" in response.headers["Location"]


def test_no_token_or_secret_appears_on_any_page(
    client: FlaskClient, db_session: Session, lu_admin: Institution, sandbox: SandboxServer
) -> None:
    pages = [
        "/",
        "/institutions/lu",
        "/institutions/lu/settings",
        "/institutions/lu/credentials",
        "/institutions/lu/invitations",
    ]
    secret = lu_admin.credentials.client_secret  # type: ignore[union-attr]
    for url in pages:
        text = client.get(url).get_data(as_text=True)
        assert secret not in text, url


def test_the_lead_invites_an_institution_admin_who_signs_in_and_administers(
    app: Flask, client: FlaskClient, db_session: Session, sandbox: SandboxServer
) -> None:
    factories.institution(
        db_session,
        "rtu",
        None,
        name_lv="Rīgas Tehniskā universitāte",
        name_en="Riga Technical University",
    )
    lead = factories.person(db_session, "Ilze Bērziņa", lead=True)
    db_session.commit()
    login_as(client, lead)
    form = {
        "email": "liga.krumina@example.lv",
        "given_names": "Līga",
        "family_name": "Krūmiņa",
        "csrf_token": csrf_token(client, "/institutions/rtu"),
    }
    assert client.post("/institutions/rtu/admins", data=form).status_code == 302
    body = latest_mail(app).get_payload(decode=True).decode()  # type: ignore[union-attr]
    assert "pārvaldīt institūciju Rīgas Tehniskā universitāte" in body
    link = re.search(r"http://localhost(/invite/\S+)", body)
    assert link is not None
    with app.test_client() as newcomer:
        assert newcomer.get("/institutions/rtu").status_code == 302
        redirect = newcomer.post(
            link.group(1), data={"csrf_token": csrf_token(newcomer, link.group(1))}
        )
        assert "scope=/authenticate" in redirect.headers["Location"]  # the hub's sign-in client
        newcomer.get(consent_at_orcid(sandbox, redirect, "0009-0000-0000-005X"))
        settings = newcomer.get("/institutions/rtu/credentials")
        assert settings.status_code == 200 and "Rīgas Tehniskā universitāte" in settings.get_data(
            as_text=True
        )
        assert newcomer.get("/institutions/lu").status_code in (403, 404)
        assert newcomer.get(link.group(1)).status_code == 410  # single use
