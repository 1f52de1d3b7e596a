"""OAuth at the wire: the authorize URL, token requests, errors, and what is logged."""

from __future__ import annotations

import json
import logging
from urllib.parse import parse_qs, parse_qsl, urlsplit

import pytest
import requests
import responses

from orcid_hub.orcid.client import OrcidClient
from orcid_hub.orcid.errors import OAuthError, ServerError

from .conftest import CLIENT_ID, ENDPOINTS, ORCID, SECRET

TOKEN_BODY = {
    "access_token": "f5af9f51-07e6-4332-8f1a-c0c11c1e3728",
    "token_type": "bearer",
    "refresh_token": "f725f747-3a65-49f6-a231-3e8944ce464d",
    "expires_in": 631138518,
    "scope": "/activities/update /read-limited",
    "name": "Sofia Garcia",
    "orcid": ORCID,
}


def form(wire: responses.RequestsMock, index: int = -1) -> dict[str, str]:
    request = wire.calls[index].request
    assert isinstance(request, requests.PreparedRequest)
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert request.headers["Accept"] == "application/json"
    body = request.body
    return dict(parse_qsl(body if isinstance(body, str) else (body or b"").decode()))


def test_authorize_url(client: OrcidClient) -> None:
    url = client.oauth.authorize_url(
        redirect_uri="https://hub.example.lv/orcid/callback",
        scopes=["/activities/update", "/read-limited"],
        state="s-123",
        lang="lv",
        given_names="Anna",
        family_names="Bērziņa",
        email="anna@example.lv",
        orcid=ORCID,
    )
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == ENDPOINTS.authorize_url
    assert "scope=/activities/update%20/read-limited" in parts.query
    query = {key: values[0] for key, values in parse_qs(parts.query).items()}
    assert query == {
        "client_id": CLIENT_ID,
        "response_type": "code",
        "scope": "/activities/update /read-limited",
        "redirect_uri": "https://hub.example.lv/orcid/callback",
        "state": "s-123",
        "lang": "lv",
        "given_names": "Anna",
        "family_names": "Bērziņa",
        "email": "anna@example.lv",
        "orcid": ORCID,
    }


def test_authorize_url_needs_state(client: OrcidClient) -> None:
    with pytest.raises(ValueError, match="state"):
        client.oauth.authorize_url(
            redirect_uri="https://x.lv/cb", scopes=["/authenticate"], state=""
        )


def test_code_exchange(wire: responses.RequestsMock, client: OrcidClient) -> None:
    wire.post(ENDPOINTS.token_url, json=TOKEN_BODY)
    token = client.oauth.exchange_code("Wk1Yjn", "https://hub.example.lv/orcid/callback")
    assert form(wire) == {
        "client_id": CLIENT_ID,
        "client_secret": SECRET,
        "grant_type": "authorization_code",
        "code": "Wk1Yjn",
        "redirect_uri": "https://hub.example.lv/orcid/callback",
    }
    assert token.access_token == TOKEN_BODY["access_token"]
    assert token.refresh_token == TOKEN_BODY["refresh_token"]
    assert token.orcid == ORCID and token.name == "Sofia Garcia"
    assert token.scope == {"/activities/update", "/read-limited"}
    assert token.expires_in == 631138518


def test_reused_code_is_an_oauth_error_and_not_retried(
    wire: responses.RequestsMock, client: OrcidClient
) -> None:
    body = {"error": "invalid_grant", "error_description": "Reused authorization code: Wk1Yjn"}
    wire.post(ENDPOINTS.token_url, json=body, status=400)
    with pytest.raises(OAuthError) as caught:
        client.oauth.exchange_code("Wk1Yjn", "https://hub.example.lv/cb")
    assert caught.value.oauth_error == "invalid_grant"
    assert len(wire.calls) == 1


def test_code_exchange_retries_only_a_503(
    wire: responses.RequestsMock, client: OrcidClient
) -> None:
    wire.post(ENDPOINTS.token_url, status=503)
    wire.post(ENDPOINTS.token_url, json=TOKEN_BODY)
    assert client.oauth.exchange_code("c", "https://x.lv/cb").orcid == ORCID
    wire.post(ENDPOINTS.token_url, status=500)
    with pytest.raises(ServerError):  # a 500 may have consumed the code: not retried
        client.oauth.exchange_code("c", "https://x.lv/cb")
    assert len(wire.calls) == 3


def test_refresh_with_options(wire: responses.RequestsMock, client: OrcidClient) -> None:
    wire.post(ENDPOINTS.token_url, json={**TOKEN_BODY, "scope": "/read-limited"})
    token = client.oauth.refresh(
        "f725f747", revoke_old=True, scopes=["/read-limited"], expires_in=3600
    )
    assert form(wire) == {
        "client_id": CLIENT_ID,
        "client_secret": SECRET,
        "grant_type": "refresh_token",
        "refresh_token": "f725f747",
        "revoke_old": "true",
        "scope": "/read-limited",
        "expires_in": "3600",
    }
    assert token.scope == {"/read-limited"}


def test_client_credentials(wire: responses.RequestsMock, client: OrcidClient) -> None:
    wire.post(
        ENDPOINTS.token_url,
        json={"access_token": "a1", "token_type": "bearer", "scope": "/webhook", "orcid": None},
    )
    token = client.oauth.client_credentials("/webhook")
    assert form(wire)["grant_type"] == "client_credentials"
    assert form(wire)["scope"] == "/webhook"
    assert token.orcid is None and token.has_scope("/webhook")


def test_revoke(wire: responses.RequestsMock, client: OrcidClient) -> None:
    wire.post(ENDPOINTS.revoke_url, status=200)
    client.oauth.revoke("f5af9f51")
    assert form(wire) == {"client_id": CLIENT_ID, "client_secret": SECRET, "token": "f5af9f51"}


def test_bad_client(wire: responses.RequestsMock, client: OrcidClient) -> None:
    body = {"error": "invalid_client", "error_description": "Bad client credentials"}
    wire.post(ENDPOINTS.token_url, body=json.dumps(body), status=401)
    with pytest.raises(OAuthError, match="invalid_client") as caught:
        client.oauth.client_credentials()
    assert caught.value.status == 401


def test_no_secret_code_or_token_in_the_log(
    wire: responses.RequestsMock, client: OrcidClient, caplog: pytest.LogCaptureFixture
) -> None:
    wire.post(ENDPOINTS.token_url, json=TOKEN_BODY)
    wire.post(ENDPOINTS.token_url, json={"error": "invalid_grant"}, status=400)
    caplog.set_level(logging.DEBUG)
    token = client.oauth.exchange_code("Wk1Yjn", "https://hub.example.lv/cb")
    with pytest.raises(OAuthError):
        client.oauth.refresh(token.refresh_token or "")
    calls = [r for r in caplog.records if r.name == "orcid_hub.orcid.calls"]
    assert [r.getMessage().split(" -> ")[0] for r in calls] == [
        "POST /oauth/token",
        "POST /oauth/token",
    ]
    logged = "\n".join(r.getMessage() for r in caplog.records) + repr(token) + repr(client.oauth)
    for secret in (SECRET, "Wk1Yjn", TOKEN_BODY["access_token"], TOKEN_BODY["refresh_token"]):
        assert str(secret) not in logged


def test_callback_gives_the_code_only_for_our_state(client: OrcidClient) -> None:
    assert client.oauth.parse_callback({"code": "Wk1Yjn", "state": "s1"}, "s1") == "Wk1Yjn"
    with pytest.raises(OAuthError) as caught:
        client.oauth.parse_callback({"code": "Wk1Yjn", "state": "forged"}, "s1")
    assert caught.value.oauth_error == "state_mismatch"


def test_callback_reports_a_denial(client: OrcidClient) -> None:
    denied = {"error": "access_denied", "error_description": "User denied access", "state": "s1"}
    with pytest.raises(OAuthError, match="User denied access") as caught:
        client.oauth.parse_callback(denied, "s1")
    assert caught.value.oauth_error == "access_denied"
