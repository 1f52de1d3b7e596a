"""Every route of the hub, enumerated from ``app.url_map``: CSRF, GET without effect, scoping.

A route added later is checked here without anyone remembering to list it; the
only exceptions are named below with the reason.
"""

from __future__ import annotations

from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from orcid_hub.consortium.registry import REGISTRY
from orcid_hub.db import Base
from orcid_hub.web.views import csrf
from tests.helpers import csrf_token, login_as
from tests.security.conftest import World, fill, routes

ROUTES = routes()
CHANGING = [r for r in ROUTES if r[2] != "GET"]
READING = [r for r in ROUTES if r[2] == "GET"]
SCOPED = [r for r in ROUTES if "<slug>" in r[0] and r[1] != "oai.endpoint"]

# The OAI-PMH endpoint is public and CSRF-exempt by design: harvesters POST
# without a session, and the protocol only reads (checked below).
CSRF_EXEMPT_BLUEPRINTS = {"oai"}
# Asks ORCID at most every ten minutes whether each link still works and keeps the
# answer: a refresh of what ORCID already decided, nothing a third party chooses.
GET_MAY_UPDATE = {"linking.dashboard": {"orcid_token": {"checked_at", "revoked_at"}}}


def ids(routes_: list[tuple[str, str, str]]) -> list[str]:
    return [f"{method} {rule}" for rule, _endpoint, method in routes_]


def snapshot(session: Session, ignore: dict[str, set[str]] | None = None) -> dict[str, Any]:
    """Every row of every table (columns in ``ignore`` left out), to compare before/after."""
    session.expire_all()
    state: dict[str, Any] = {}
    for table in Base.metadata.sorted_tables:
        skipped = (ignore or {}).get(table.name, set())
        columns = [c for c in table.columns if c.name not in skipped]
        query = select(*columns)
        if table.name == "audit_entry" and ignore:
            # The audit trail of the columns allowed to change, changes with them.
            query = query.where(table.c.entity.not_in(list(ignore)))
        rows = session.execute(query).all()
        state[table.name] = sorted(repr(tuple(row)) for row in rows)
    return state


def test_the_routes_are_enumerated() -> None:
    # Guards the enumeration itself: an empty or partial list would pass everything.
    endpoints = {endpoint for _rule, endpoint, _method in ROUTES}
    assert {"institutions.credentials", "harvest.edit", "linking.link_callback"} <= endpoints
    assert len(CHANGING) > 25 and len(SCOPED) >= 40


def test_only_the_oai_endpoint_is_exempt_from_csrf(app: Flask) -> None:
    assert app.config.get("WTF_CSRF_ENABLED", True) is True
    assert app.config.get("WTF_CSRF_CHECK_DEFAULT", True) is True
    assert set(csrf._exempt_views) == set()
    assert {bp.name for bp in csrf._exempt_blueprints} == CSRF_EXEMPT_BLUEPRINTS


@pytest.mark.parametrize(("rule", "endpoint", "method"), CHANGING, ids=ids(CHANGING))
def test_a_state_changing_request_without_csrf_token_is_refused(
    client: FlaskClient,
    db_session: Session,
    world: World,
    rule: str,
    endpoint: str,
    method: str,
) -> None:
    login_as(client, world.lead)
    with client.session_transaction() as session:
        session["lang"] = "en"
    url = fill(rule, endpoint, world.values)
    before = snapshot(db_session)
    response = client.open(url, method=method, data={"lang": "en", "next": "/"})
    if endpoint == "oai.endpoint":
        assert response.status_code == 200  # exempt: public protocol, read-only
    else:
        assert response.status_code == 400, response.get_data(as_text=True)[:300]
        assert "nothing was changed" in response.get_data(as_text=True)
        wrong = client.open(url, method=method, data={"csrf_token": "forged"})
        assert wrong.status_code == 400
    assert snapshot(db_session) == before


def _get_urls(rule: str, endpoint: str, values: dict[str, Any]) -> list[str]:
    if endpoint.startswith("consortium.") and "<kind>" in rule and "<slug>" not in rule:
        return [fill(rule, endpoint, {**values, "kind": kind}) for kind in REGISTRY]
    return [fill(rule, endpoint, values)]


@pytest.mark.parametrize(("rule", "endpoint", "method"), READING, ids=ids(READING))
def test_a_get_changes_nothing(
    client: FlaskClient,
    db_session: Session,
    world: World,
    rule: str,
    endpoint: str,
    method: str,
) -> None:
    ignore = GET_MAY_UPDATE.get(endpoint)
    for person in (world.lead, world.lu_admin, world.researcher):
        login_as(client, person)
        for url in _get_urls(rule, endpoint, world.values):
            before = snapshot(db_session, ignore)
            response = client.get(url)
            assert response.status_code < 500, url
            assert snapshot(db_session, ignore) == before, url


def test_the_oai_endpoint_changes_nothing_either_way(
    client: FlaskClient, db_session: Session, world: World
) -> None:
    before = snapshot(db_session)
    for verb in ("Identify", "ListRecords", "ListIdentifiers", "ListSets", "Nonsense"):
        for method in ("GET", "POST"):
            arguments = {"verb": verb, "metadataPrefix": "oai_cerif_openaire"}
            if method == "GET":
                response = client.get("/oai/lu", query_string=arguments)
            else:
                response = client.post("/oai/lu", data=arguments)
            assert response.status_code == 200
    assert snapshot(db_session) == before


@pytest.mark.parametrize(("rule", "endpoint", "method"), SCOPED, ids=ids(SCOPED))
def test_an_institution_url_is_closed_to_strangers_and_other_admins(
    client: FlaskClient,
    db_session: Session,
    world: World,
    rule: str,
    endpoint: str,
    method: str,
) -> None:
    url = fill(rule, endpoint, world.values)
    before = snapshot(db_session)

    def send() -> Any:
        data = {"csrf_token": csrf_token(client)} if method != "GET" else None
        return client.open(url, method=method, data=data)

    stranger = send()
    assert stranger.status_code == 302, url
    assert stranger.headers["Location"].startswith("/signin?next="), url

    login_as(client, world.rtu_admin)
    assert send().status_code == 403, url
    researcher_of_lu = world.researcher
    login_as(client, researcher_of_lu)
    assert send().status_code == 403, url
    assert snapshot(db_session) == before
