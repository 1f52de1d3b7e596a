"""The sandbox's OAuth endpoints against ORCID's documented behaviour."""

from __future__ import annotations

import base64
import re
import uuid
from urllib.parse import parse_qsl, urlsplit

import requests

from orcid_hub.sandbox.store import TOKEN_LIFETIME
from tests.sandbox_server import OTHER_CLIENT, TEST_CLIENT, SandboxServer

CALLBACK = "http://127.0.0.1/callback"


def _browser() -> requests.Session:
    session = requests.Session()
    session.trust_env = False
    return session


def test_consent_page_names_the_client_and_the_scopes(sandbox: SandboxServer) -> None:
    page = _browser().get(
        sandbox.url("/oauth/authorize"),
        params={
            "client_id": TEST_CLIENT,
            "response_type": "code",
            "scope": "/read-limited /activities/update",
            "redirect_uri": CALLBACK,
            "state": "s1",
        },
        timeout=5,
    )
    assert page.status_code == 200
    assert "Test Member Client" in page.text
    assert 'data-scope="/read-limited"' in page.text
    assert 'data-scope="/activities/update"' in page.text
    for field in ('name="orcid"', 'name="password"', 'value="approve"', 'value="deny"'):
        assert field in page.text


def test_approve_redirects_with_a_six_character_code_and_the_state(sandbox: SandboxServer) -> None:
    query = sandbox.authorize(state="xyz-42")
    assert re.fullmatch(r"[A-Za-z0-9]{6}", query["code"])
    assert query["state"] == "xyz-42"


def test_deny_redirects_with_access_denied_and_the_state(sandbox: SandboxServer) -> None:
    response = _browser().post(
        sandbox.url("/oauth/authorize"),
        data={
            "client_id": TEST_CLIENT,
            "response_type": "code",
            "scope": "/authenticate",
            "redirect_uri": CALLBACK,
            "state": "s2",
            "decision": "deny",
        },
        allow_redirects=False,
        timeout=5,
    )
    assert response.status_code == 302
    location = response.headers["Location"]
    assert location.startswith(CALLBACK + "?")
    assert "error=access_denied&error_description=User%20denied%20access" in location
    assert dict(parse_qsl(urlsplit(location).query))["state"] == "s2"


def test_wrong_password_shows_the_form_again(sandbox: SandboxServer) -> None:
    form = {
        "client_id": TEST_CLIENT,
        "response_type": "code",
        "scope": "/authenticate",
        "redirect_uri": CALLBACK,
        "orcid": sandbox.users[0].orcid,
        "password": "wrong",
        "decision": "approve",
    }
    response = _browser().post(sandbox.url("/oauth/authorize"), data=form, timeout=5)
    assert response.status_code == 401
    assert "Invalid ORCID iD, email or password" in response.text


def test_sign_in_accepts_the_email_instead_of_the_id(sandbox: SandboxServer) -> None:
    user = sandbox.users[1]
    query = sandbox.authorize(orcid=user.email, password=user.password)
    token = sandbox.exchange(query["code"]).json()
    assert token["orcid"] == user.orcid


def test_redirect_uri_must_be_registered_exactly_or_by_host(sandbox: SandboxServer) -> None:
    def ask(uri: str) -> requests.Response:
        return _browser().get(
            sandbox.url("/oauth/authorize"),
            params={"client_id": TEST_CLIENT, "scope": "/authenticate", "redirect_uri": uri},
            timeout=5,
        )

    assert ask("https://hub.example.lv/orcid/callback").status_code == 200  # exact
    assert ask("http://localhost/any/path").status_code == 200  # host-only registration
    refused = ask("https://evil.example.com/callback")
    assert refused.status_code == 400
    assert "Redirect URI doesn't match" in refused.text
    assert ask("https://hub.example.lv/other").status_code == 400  # path registered: exact only


def test_consent_is_skipped_for_a_signed_in_user_with_a_live_token(
    sandbox: SandboxServer,
) -> None:
    browser = _browser()
    first = sandbox.authorize(browser=browser)
    assert sandbox.exchange(first["code"]).status_code == 200
    again = browser.get(
        sandbox.url("/oauth/authorize"),
        params={
            "client_id": TEST_CLIENT,
            "response_type": "code",
            "scope": "/read-limited /activities/update",
            "redirect_uri": CALLBACK,
            "state": "again",
        },
        allow_redirects=False,
        timeout=5,
    )
    assert again.status_code == 302
    assert "code=" in again.headers["Location"] and "state=again" in again.headers["Location"]
    other_scopes = browser.get(
        sandbox.url("/oauth/authorize"),
        params={"client_id": TEST_CLIENT, "scope": "/authenticate", "redirect_uri": CALLBACK},
        timeout=5,
    )
    assert other_scopes.status_code == 200  # different scopes: consent shown again


def test_token_response_has_orcids_exact_fields(sandbox: SandboxServer) -> None:
    user = sandbox.users[2]
    query = sandbox.authorize(orcid=user.orcid, scopes="/activities/update /read-limited")
    response = sandbox.exchange(query["code"], redirect_uri=CALLBACK)
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {
        "access_token",
        "token_type",
        "refresh_token",
        "expires_in",
        "scope",
        "name",
        "orcid",
    }
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == TOKEN_LIFETIME == 631138518
    assert set(body["scope"].split()) == {"/activities/update", "/read-limited"}
    assert body["name"] == user.name and body["orcid"] == user.orcid
    uuid.UUID(body["access_token"]), uuid.UUID(body["refresh_token"])


def test_token_endpoint_accepts_http_basic_client_auth(sandbox: SandboxServer) -> None:
    query = sandbox.authorize()
    client = sandbox.client()
    basic = base64.b64encode(f"{client.client_id}:{client.secret}".encode()).decode()
    response = sandbox.http.post(
        sandbox.url("/oauth/token"),
        data={"grant_type": "authorization_code", "code": query["code"]},
        headers={"Authorization": f"Basic {basic}"},
        timeout=5,
    )
    assert response.status_code == 200, response.text
    assert response.json()["orcid"] == sandbox.users[0].orcid


def test_bad_client_credentials_are_invalid_client(sandbox: SandboxServer) -> None:
    response = sandbox.http.post(
        sandbox.url("/oauth/token"),
        data={
            "client_id": TEST_CLIENT,
            "client_secret": "not-it",
            "grant_type": "client_credentials",
            "scope": "/read-public",
        },
        timeout=5,
    )
    assert response.status_code == 401
    assert response.json()["error"] == "invalid_client"


def test_reused_code_is_refused_and_revokes_the_tokens_it_gave(sandbox: SandboxServer) -> None:
    query = sandbox.authorize()
    token = sandbox.exchange(query["code"]).json()
    reuse = sandbox.exchange(query["code"])
    assert reuse.status_code == 400
    assert reuse.json() == {
        "error": "invalid_grant",
        "error_description": f"Reused authorization code: {query['code']}",
    }
    read = sandbox.http.get(
        sandbox.url(f"/v3.0/{token['orcid']}/works"),
        headers={"Authorization": f"Bearer {token['access_token']}"},
        timeout=5,
    )
    assert read.status_code == 401
    assert read.json()["error"] == "invalid_token"


def test_code_is_bound_to_its_client(sandbox: SandboxServer) -> None:
    query = sandbox.authorize()
    response = sandbox.exchange(query["code"], client_id=OTHER_CLIENT)
    assert response.status_code == 400 and response.json()["error"] == "invalid_grant"


def _refresh(sandbox: SandboxServer, refresh_token: str, **extra: str) -> requests.Response:
    client = sandbox.client()
    return sandbox.http.post(
        sandbox.url("/oauth/token"),
        data={
            "client_id": client.client_id,
            "client_secret": client.secret,
            "grant_type": "refresh_token",
            "refresh_token": refresh_token,
            **extra,
        },
        timeout=5,
    )


def test_refresh_with_scope_subset_expiry_and_revoke_old(sandbox: SandboxServer) -> None:
    old = sandbox.user_token()
    response = _refresh(
        sandbox, old["refresh_token"], scope="/read-limited", expires_in="3600", revoke_old="true"
    )
    assert response.status_code == 200, response.text
    new = response.json()
    assert new["scope"] == "/read-limited" and new["expires_in"] == 3600
    assert new["access_token"] != old["access_token"] and new["orcid"] == old["orcid"]
    works = f"/v3.0/{old['orcid']}/works"
    gone = sandbox.http.get(
        sandbox.url(works), headers={"Authorization": f"Bearer {old['access_token']}"}, timeout=5
    )
    assert gone.status_code == 401
    live = sandbox.http.get(
        sandbox.url(works), headers={"Authorization": f"Bearer {new['access_token']}"}, timeout=5
    )
    assert live.status_code == 200


def test_refresh_refuses_a_wider_scope(sandbox: SandboxServer) -> None:
    old = sandbox.user_token(scopes="/read-limited")
    response = _refresh(sandbox, old["refresh_token"], scope="/read-limited /activities/update")
    assert response.status_code == 400 and response.json()["error"] == "invalid_scope"


def test_client_credentials_token_has_null_orcid_and_no_name(sandbox: SandboxServer) -> None:
    client = sandbox.client()
    response = sandbox.http.post(
        sandbox.url("/oauth/token"),
        data={
            "client_id": client.client_id,
            "client_secret": client.secret,
            "grant_type": "client_credentials",
            "scope": "/read-public",
        },
        timeout=5,
    )
    body = response.json()
    assert body["orcid"] is None and "name" not in body
    assert body["scope"] == "/read-public" and body["token_type"] == "bearer"


def test_webhook_scope_only_for_premium_clients(sandbox: SandboxServer) -> None:
    assert sandbox.client_token("/webhook", TEST_CLIENT)
    basic = sandbox.client(OTHER_CLIENT)
    response = sandbox.http.post(
        sandbox.url("/oauth/token"),
        data={
            "client_id": basic.client_id,
            "client_secret": basic.secret,
            "grant_type": "client_credentials",
            "scope": "/webhook",
        },
        timeout=5,
    )
    assert response.status_code == 400
    assert response.json() == {
        "error": "invalid_scope",
        "error_description": "Invalid scope: /webhook",
    }


def test_revoke_returns_200_and_removes_the_paired_token(sandbox: SandboxServer) -> None:
    token = sandbox.user_token()
    client = sandbox.client()
    response = sandbox.http.post(
        sandbox.url("/oauth/revoke"),
        data={
            "client_id": client.client_id,
            "client_secret": client.secret,
            "token": token["access_token"],
        },
        timeout=5,
    )
    assert response.status_code == 200
    refreshed = _refresh(sandbox, token["refresh_token"])
    assert refreshed.status_code == 400 and refreshed.json()["error"] == "invalid_grant"


def test_code_exchange_checks_the_redirect_uri_it_was_issued_for(sandbox: SandboxServer) -> None:
    query = sandbox.authorize(redirect_uri="http://127.0.0.1/callback")
    response = sandbox.exchange(query["code"], redirect_uri="http://127.0.0.1/elsewhere")
    assert response.status_code == 400 and response.json()["error"] == "invalid_grant"


def test_unknown_scope_on_authorize_redirects_with_invalid_scope(sandbox: SandboxServer) -> None:
    response = _browser().get(
        sandbox.url("/oauth/authorize"),
        params={
            "client_id": TEST_CLIENT,
            "response_type": "code",
            "scope": "/webhook",
            "redirect_uri": CALLBACK,
            "state": "sc",
        },
        allow_redirects=False,
        timeout=5,
    )
    assert response.status_code == 302
    query = dict(parse_qsl(urlsplit(response.headers["Location"]).query))
    assert query["error"] == "invalid_scope" and query["state"] == "sc"


def test_sandbox_sign_in_cookie_does_not_clash_with_the_hubs(sandbox: SandboxServer) -> None:
    browser = _browser()
    sandbox.authorize(browser=browser)
    assert "session" not in browser.cookies and "orcid_sandbox_session" in browser.cookies


def test_sign_in_accepts_the_id_as_a_uri(sandbox: SandboxServer) -> None:
    user = sandbox.users[4]
    query = sandbox.authorize(orcid=f"https://orcid.org/{user.orcid}", password=user.password)
    assert sandbox.exchange(query["code"]).json()["orcid"] == user.orcid
