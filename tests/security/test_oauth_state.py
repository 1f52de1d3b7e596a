"""Both OAuth callbacks refuse a missing, forged, reused or other-purpose ``state``."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
from flask.testing import FlaskClient
from sqlalchemy.orm import Session

from tests.helpers import consent_at_orcid, csrf_token
from tests.sandbox_server import SandboxServer
from tests.security.conftest import World
from tests.security.test_routes import snapshot

JANIS = "0009-0000-0000-0025"
CALLBACKS = ["/signin/callback", "/link/callback"]


def _start_sign_in(client: FlaskClient) -> object:
    return client.post("/signin/orcid", data={"csrf_token": csrf_token(client, "/signin")})


@pytest.mark.parametrize("callback", CALLBACKS)
def test_a_callback_without_a_pending_round_trip_is_refused(
    client: FlaskClient, db_session: Session, world: World, callback: str
) -> None:
    before = snapshot(db_session)
    for query in ({}, {"code": "abc"}, {"code": "abc", "state": "guessed"}, {"error": "x"}):
        response = client.get(callback, query_string=query)
        assert response.status_code == 400
        assert 'data-reason="state_mismatch"' in response.get_data(as_text=True)
    assert snapshot(db_session) == before


@pytest.mark.parametrize("callback", CALLBACKS)
def test_a_forged_or_other_purpose_state_is_refused_and_the_real_one_is_single_use(
    client: FlaskClient,
    db_session: Session,
    world: World,
    sandbox: SandboxServer,
    callback: str,
) -> None:
    before = snapshot(db_session)
    started = _start_sign_in(client)
    real = consent_at_orcid(sandbox, started, JANIS)
    params = dict(parse_qsl(urlsplit(real).query))
    if callback == "/link/callback":
        # A sign-in's state presented to the linking callback: the purpose differs.
        response = client.get(callback, query_string=params)
        assert response.status_code == 400
    else:
        forged = {**params, "state": params["state"] + "x"}
        assert client.get(callback, query_string=forged).status_code == 400
        # The pending state was consumed by the refusal: the real one fails now too.
        assert client.get(callback, query_string=params).status_code == 400
    assert snapshot(db_session) == before
