"""Everyone signs in with ORCID (/authenticate through the hub's own client)."""

from __future__ import annotations

from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from orcid_hub.accounts.models import Person
from tests import factories
from tests.helpers import consent_at_orcid, csrf_token
from tests.sandbox_server import SandboxServer

JANIS = "0009-0000-0000-0025"


def start(client: FlaskClient, next_url: str = "") -> object:
    response = client.post(
        "/signin/orcid", data={"csrf_token": csrf_token(client, "/signin"), "next": next_url}
    )
    assert response.status_code == 302
    return response


def test_sign_in_with_orcid_opens_the_admin_pages(
    client: FlaskClient, db_session: Session, sandbox: SandboxServer
) -> None:
    lu = factories.institution(db_session)
    factories.person(db_session, "Jānis Kalniņš", JANIS, admin_of=lu)
    db_session.commit()
    assert client.get("/institutions/lu").status_code == 302  # not signed in yet
    redirect = start(client, "/institutions/lu")
    assert "scope=/authenticate" in redirect.headers["Location"]  # type: ignore[attr-defined]
    with client.session_transaction() as before:
        old_cookie_session = dict(before)
    done = client.get(consent_at_orcid(sandbox, redirect, JANIS))
    assert done.status_code == 302 and done.headers["Location"] == "/institutions/lu"
    with client.session_transaction() as after:
        assert "oauth" not in after and after.get("person_id") is not None
        assert after.get("csrf_token") != old_cookie_session.get("csrf_token")  # fresh session
    assert "Latvijas Universitāte" in client.get("/institutions/lu").get_data(as_text=True)
    # Signing out ends it.
    client.post("/signout", data={"csrf_token": csrf_token(client, "/me")})
    assert client.get("/institutions/lu").status_code == 302


def test_a_first_sign_in_creates_the_person_once(
    client: FlaskClient, db_session: Session, sandbox: SandboxServer
) -> None:
    for _ in range(2):
        client.get(consent_at_orcid(sandbox, start(client), JANIS))
    people = db_session.scalars(select(Person).where(Person.orcid == JANIS)).all()
    assert len(people) == 1 and people[0].name == "Jānis Kalniņš"


def test_denied_sign_in_says_so(client: FlaskClient, sandbox: SandboxServer) -> None:
    page = client.get(consent_at_orcid(sandbox, start(client), JANIS, decision="deny"))
    assert 'data-reason="signin_denied"' in page.get_data(as_text=True)
    assert client.get("/me").status_code == 302


def test_sign_in_callback_without_our_state_is_refused(
    client: FlaskClient, sandbox: SandboxServer
) -> None:
    callback = consent_at_orcid(sandbox, start(client), JANIS)
    other_browser = client.application.test_client()
    page = other_browser.get(callback)
    assert page.status_code == 400
    assert 'data-reason="state_mismatch"' in page.get_data(as_text=True)


def test_each_role_starts_on_its_own_page(
    client: FlaskClient, db_session: Session, sandbox: SandboxServer
) -> None:
    lu = factories.institution(db_session)
    factories.person(db_session, "Ilze Bērziņa", "0009-0000-0000-0017", lead=True)
    factories.person(db_session, "Jānis Kalniņš", JANIS, admin_of=lu)
    db_session.commit()
    landing = {}
    for orcid in ("0009-0000-0000-0017", JANIS, "0009-0000-0000-0033"):
        with client.application.test_client() as browser:
            done = browser.get(consent_at_orcid(sandbox, start(browser), orcid))
            landing[orcid] = done.headers["Location"]
    assert landing == {
        "0009-0000-0000-0017": "/consortium/",
        JANIS: "/institutions",
        "0009-0000-0000-0033": "/me",
    }


def test_the_institutions_page_answers_with_or_without_a_trailing_slash(
    client: FlaskClient, db_session: Session
) -> None:
    from tests.helpers import login_as

    lu = factories.institution(db_session)
    admin = factories.person(db_session, "Jānis Kalniņš", JANIS, admin_of=lu)
    db_session.commit()
    login_as(client, admin)
    for url in ("/institutions", "/institutions/"):
        assert client.get(url).headers["Location"] == "/institutions/lu"
