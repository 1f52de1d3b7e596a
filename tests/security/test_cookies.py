"""The session cookie: HttpOnly and SameSite always, Secure when the config says so."""

from __future__ import annotations

from pathlib import Path

from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from orcid_hub import create_app
from tests import factories
from tests.conftest import make_settings
from tests.helpers import consent_at_orcid, csrf_token
from tests.sandbox_server import SandboxServer

JANIS = "0009-0000-0000-0025"


def session_cookie(response: object) -> str:
    headers = response.headers.getlist("Set-Cookie")  # type: ignore[attr-defined]
    found = [h for h in headers if h.startswith("orcid_hub_session=")]
    assert found, headers
    return found[-1]


def test_the_cookie_set_at_sign_in_is_http_only_and_same_site(
    client: FlaskClient, db_session: Session, sandbox: SandboxServer
) -> None:
    factories.person(db_session, "Jānis Kalniņš", JANIS)
    db_session.commit()
    started = client.post(
        "/signin/orcid", data={"csrf_token": csrf_token(client, "/signin"), "next": ""}
    )
    done = client.get(consent_at_orcid(sandbox, started, JANIS))
    cookie = session_cookie(done)
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    assert "Secure" not in cookie  # the test config serves plain http


def test_the_cookie_is_secure_when_configured(database_url: str, tmp_path: Path) -> None:
    settings = make_settings(
        database_url, tmp_path, app={"session_cookie_secure": True, "base_url": "https://hub.lv"}
    )
    app = create_app(settings)
    app.config.update(TESTING=True)
    client = app.test_client()
    page = client.get("/")  # any page that starts a session with a CSRF token
    cookie = session_cookie(page)
    assert "Secure" in cookie and "HttpOnly" in cookie and "SameSite=Lax" in cookie
    from orcid_hub import db

    db.database(app).engine.dispose()
