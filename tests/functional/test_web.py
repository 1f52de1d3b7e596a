from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from orcid_hub.institutions.models import Institution
from tests.helpers import csrf_token

ROOT = Path(__file__).resolve().parents[2]


def test_front_page_is_latvian_by_default(client: FlaskClient, db_session: Session) -> None:
    db_session.add(
        Institution(slug="lu", name_lv="Latvijas Universitāte", name_en="University of Latvia")
    )
    db_session.commit()
    page = client.get("/").get_data(as_text=True)
    assert "Dalībinstitūcijas" in page
    assert "Latvijas Universitāte" in page
    assert '<html lang="lv">' in page


def test_language_switch_to_english_and_back(client: FlaskClient, db_session: Session) -> None:
    db_session.add(
        Institution(slug="lu", name_lv="Latvijas Universitāte", name_en="University of Latvia")
    )
    db_session.commit()
    token = csrf_token(client)
    response = client.post("/language", data={"lang": "en", "next": "/", "csrf_token": token})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    page = client.get("/").get_data(as_text=True)
    assert "Member institutions" in page and "University of Latvia" in page
    client.post("/language", data={"lang": "lv", "next": "/", "csrf_token": token})
    assert "Dalībinstitūcijas" in client.get("/").get_data(as_text=True)


def test_a_form_without_csrf_token_changes_nothing(client: FlaskClient) -> None:
    response = client.post("/language", data={"lang": "en", "next": "/"})
    assert response.status_code == 400
    assert "nekas netika mainīts" in response.get_data(as_text=True)
    assert "Dalībinstitūcijas" in client.get("/").get_data(as_text=True)


def test_language_switch_never_redirects_off_site(client: FlaskClient) -> None:
    token = csrf_token(client)
    for target in ("https://evil.example/", "//evil.example/x", "javascript:alert(1)"):
        response = client.post(
            "/language", data={"lang": "en", "next": target, "csrf_token": token}
        )
        assert response.headers["Location"] == "/"


def test_unknown_page_says_so_in_the_chosen_language(client: FlaskClient) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Šāda lapa nepastāv" in response.get_data(as_text=True)


def test_health(client: FlaskClient) -> None:
    assert client.get("/healthz").get_json() == {"status": "ok"}


def test_translation_catalogs_are_complete_and_compiled() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "translations.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_outbox_exists_only_against_the_local_sandbox(
    app: Flask, client: FlaskClient, tmp_path: Path
) -> None:
    from orcid_hub import create_app
    from tests.conftest import make_settings

    assert client.get("/outbox").status_code == 200  # tests use the local sandbox
    settings = app.config["SETTINGS"]
    production = create_app(
        make_settings(settings.database_url, tmp_path, orcid={"environment": "sandbox"})
    )
    assert production.test_client().get("/outbox").status_code == 404


def test_next_never_leaves_the_site() -> None:
    from orcid_hub.web.views import safe_next

    for target in ("/\\evil.example", "/\\/evil.example", "/ok\r\nLocation: x", "\\\\evil"):
        assert safe_next(target) == "/"
    assert safe_next("/institutions/lu?tab=1") == "/institutions/lu?tab=1"


def test_pages_forbid_framing_and_keep_invitation_links_out_of_referers(
    client: FlaskClient,
) -> None:
    response = client.get("/invite/some-token")
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
