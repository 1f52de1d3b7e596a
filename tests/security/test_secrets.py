"""After a full link flow and a connector with a password: no secret in the database's raw
columns, on any page, in any flash message or in the log."""

from __future__ import annotations

import logging
from urllib.parse import parse_qsl, urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select, text
from sqlalchemy.orm import Session

from orcid_hub.db import Base
from orcid_hub.harvest.models import ConnectorConfig
from orcid_hub.linking.models import OrcidToken
from tests import factories
from tests.functional.test_linking import ANNA, follow_invitation
from tests.helpers import consent_at_orcid, csrf_token, login_as
from tests.sandbox_server import SandboxServer
from tests.security.conftest import fill, routes

CONNECTOR_SECRET = "connector-hmac-secret-93e1f2"
WRONG_CLIENT_SECRET = "a-mistyped-client-secret-55d0"


def raw_text(session: Session) -> str:
    """Every stored value of every table, read with plain SQL (no decrypting column types)."""
    session.expire_all()
    parts = []
    for table in Base.metadata.sorted_tables:
        # Table names come from our own metadata, not from input.
        query = text(f'SELECT * FROM "{table.name}"')  # noqa: S608
        for row in session.execute(query):
            parts.append(repr(tuple(row)))
    return "\n".join(parts)


def every_page(client: FlaskClient, values: dict[str, object]) -> str:
    pages = []
    for rule, endpoint, method in routes():
        if method == "GET" and endpoint != "static":
            pages.append(client.get(fill(rule, endpoint, values)).get_data(as_text=True))
    return "\n".join(pages)


def test_no_secret_is_stored_shown_or_logged(
    app: Flask,
    client: FlaskClient,
    db_session: Session,
    sandbox: SandboxServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    lu = factories.institution(db_session)
    admin = factories.person(db_session, "LU admin", admin_of=lu)
    lead = factories.person(db_session, "Vadītājs", lead=True)
    invitation, invite = factories.invitation(db_session, lu)
    db_session.commit()

    # The researcher links; the authorization code travels through the browser once.
    callback = consent_at_orcid(sandbox, follow_invitation(client, invite), ANNA)
    code = dict(parse_qsl(urlsplit(callback).query))["code"]
    assert client.get(callback).status_code == 302
    researcher_pages = client.get("/me").get_data(as_text=True)

    # An admin saves a connector with a password, tests it (it fails), and mistypes
    # the institution's client secret.
    login_as(client, admin)
    new = "/institutions/lu/connectors/new/push-json"
    saved = client.post(
        new,
        data={
            "csrf_token": csrf_token(client, new),
            "label": "CRIS push",
            "url": "http://127.0.0.1:9/push",
            "secret": CONNECTOR_SECRET,
            "timeout": "1",
            "attempts": "1",
        },
    )
    assert saved.status_code == 302
    config = db_session.scalars(select(ConnectorConfig)).one()
    tested = client.post(
        f"/institutions/lu/connectors/{config.id}/test",
        data={"csrf_token": csrf_token(client, saved.headers["Location"])},
        follow_redirects=True,
    ).get_data(as_text=True)
    refused = client.post(
        "/institutions/lu/credentials",
        data={
            "csrf_token": csrf_token(client, "/institutions/lu/credentials"),
            "client_id": "APP-TESTCLIENT000001",
            "client_secret": WRONG_CLIENT_SECRET,
        },
    )
    assert refused.status_code == 400
    admin_pages = tested + refused.get_data(as_text=True)

    token = db_session.scalars(select(OrcidToken)).one()
    assert token.refresh_token
    secrets = {
        "access token": token.access_token,
        "refresh token": token.refresh_token,
        "institution client secret": factories.SANDBOX_CLIENTS["APP-TESTCLIENT000001"],
        "hub client secret": factories.SANDBOX_CLIENTS["APP-TESTCLIENT000002"],
        "mistyped client secret": WRONG_CLIENT_SECRET,
        "connector password": CONNECTOR_SECRET,
        "authorization code": code,
        "invitation link token": invite,
    }

    values = {
        "slug": "lu",
        "config_id": config.id,
        "run_id": 1,
        "invitation_id": invitation.id,
        "batch_id": 1,
        "token_id": token.id,
        "token": "unknown",
        "link_id": 1,
        "record_id": 1,
        "kind": "contacts",
        "fmt": "csv",
        "ext": "csv",
        "filename": "style.css",
    }
    shown = researcher_pages + admin_pages + every_page(client, values)
    login_as(client, lead)
    shown += every_page(client, values)

    stored = raw_text(db_session)
    logged = caplog.text + "\n".join(
        str(r.exc_text or "") + str(r.exc_info or "") for r in caplog.records
    )
    # The checks below looked at something: pages of the admin, the ORCID calls' log lines.
    assert "CRIS push" in shown and "Latvijas Universitāte" in shown
    assert "/oauth/token" in logged
    for name, secret in secrets.items():
        assert secret not in stored, f"{name} stored in clear"
        if name != "invitation link token":  # the link is the researcher's own page
            assert secret not in shown, f"{name} shown on a page"
        assert secret not in logged, f"{name} in the log"
