"""OAuth through the real client against the sandbox: consent, code, tokens, refresh, revoke."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest
import requests

from orcid_hub.orcid.client import OrcidClient
from orcid_hub.orcid.errors import InvalidTokenError, MissingScopeError, OAuthError
from orcid_hub.orcid.ratelimit import TokenBucket
from tests.integration.conftest import (
    REDIRECT_URI,
    TESS,
    WRITE,
    LinkUser,
    consent,
    make_client,
    sandbox_settings,
    work,
)
from tests.sandbox_server import OTHER_CLIENT, TEST_CLIENT, SandboxServer

LIFETIME = 631138518  # ORCID's ~20 years


def test_authorize_url_is_understood_by_the_sandbox(
    sandbox: SandboxServer, orcid: OrcidClient
) -> None:
    url = orcid.oauth.authorize_url(
        redirect_uri=REDIRECT_URI, scopes=WRITE, state="csrf-7", lang="lv", orcid=TESS
    )
    assert url.startswith(f"{sandbox.base_url}/oauth/authorize?")
    params = dict(parse_qsl(urlsplit(url).query))
    assert params["client_id"] == TEST_CLIENT
    assert params["response_type"] == "code"
    assert params["scope"] == "/read-limited /activities/update"
    assert params["redirect_uri"] == REDIRECT_URI
    assert params["state"] == "csrf-7"
    # The browser opening the exact URL gets the consent page naming the member and scopes.
    with requests.Session() as browser:
        browser.trust_env = False
        page = browser.get(url, timeout=5)
    assert page.status_code == 200
    assert "Test Member Client" in page.text
    assert "Add/update your research activities" in page.text


def test_whole_flow_tokens_refresh_and_revoke(sandbox: SandboxServer, orcid: OrcidClient) -> None:
    url = orcid.oauth.authorize_url(redirect_uri=REDIRECT_URI, scopes=WRITE, state="csrf-1")
    callback = consent(sandbox, url, TESS)
    assert callback["state"] == "csrf-1"
    code = orcid.oauth.parse_callback(callback, "csrf-1")
    assert len(code) == 6

    token = orcid.oauth.exchange_code(code, REDIRECT_URI)
    assert token.orcid == TESS
    assert token.name == "Tess Tester"
    assert token.scope == frozenset(WRITE)
    assert token.expires_in == LIFETIME
    assert token.token_type == "bearer"
    assert token.refresh_token and token.refresh_token != token.access_token
    assert token.expires_at is not None
    assert (token.expires_at - token.received_at).days > 365 * 19
    assert orcid.api.read_record(TESS, token.access_token).family_name == "Tester"

    fresh = orcid.oauth.refresh(token.refresh_token, revoke_old=True)
    assert fresh.access_token != token.access_token
    assert (fresh.orcid, fresh.scope, fresh.expires_in) == (TESS, frozenset(WRITE), LIFETIME)
    assert orcid.api.read_record(TESS, fresh.access_token).orcid == TESS
    with pytest.raises(InvalidTokenError) as old:
        orcid.api.read_record(TESS, token.access_token)
    assert old.value.status == 401
    assert token.access_token not in str(old.value)  # ORCID echoes it; the client hides it

    orcid.oauth.revoke(fresh.access_token)
    with pytest.raises(InvalidTokenError):
        orcid.api.read_record(TESS, fresh.access_token)
    # The refresh token went with its access token.
    assert fresh.refresh_token
    with pytest.raises(OAuthError) as refused:
        orcid.oauth.refresh(fresh.refresh_token)
    assert refused.value.oauth_error == "invalid_grant"
    assert sandbox.inspect(TESS)["tokens"] == []


def test_revoking_the_refresh_token_ends_the_access_token_too(
    orcid: OrcidClient, link: LinkUser
) -> None:
    token = link()
    assert token.refresh_token
    orcid.oauth.revoke(token.refresh_token)
    with pytest.raises(InvalidTokenError):
        orcid.api.read_record(TESS, token.access_token)
    orcid.oauth.revoke(token.access_token)  # revoking twice is harmless (200)


def test_refresh_with_fewer_scopes_and_a_shorter_life(orcid: OrcidClient, link: LinkUser) -> None:
    token = link()
    assert token.refresh_token
    narrow = orcid.oauth.refresh(token.refresh_token, scopes=["/read-limited"], expires_in=3600)
    assert narrow.scope == {"/read-limited"}
    assert narrow.expires_in == 3600
    # Without revoke_old both tokens work; the narrow one cannot write.
    assert orcid.api.read_record(TESS, token.access_token).orcid == TESS
    with pytest.raises(MissingScopeError):
        orcid.api.create_work(TESS, narrow.access_token, work())


def test_denied_consent_reaches_the_hub_as_access_denied(
    sandbox: SandboxServer, orcid: OrcidClient
) -> None:
    url = orcid.oauth.authorize_url(redirect_uri=REDIRECT_URI, scopes=WRITE, state="csrf-2")
    callback = consent(sandbox, url, TESS, decision="deny")
    assert "code" not in callback
    with pytest.raises(OAuthError) as denied:
        orcid.oauth.parse_callback(callback, "csrf-2")
    assert denied.value.oauth_error == "access_denied"
    assert "User denied access" in str(denied.value)
    # A forged callback (someone else's state) is refused before anything else.
    with pytest.raises(OAuthError) as forged:
        orcid.oauth.parse_callback(callback, "csrf-other")
    assert forged.value.oauth_error == "state_mismatch"
    assert sandbox.inspect(TESS)["tokens"] == []


def test_reused_code_is_invalid_grant_and_revokes_the_first_token(
    sandbox: SandboxServer, orcid: OrcidClient
) -> None:
    url = orcid.oauth.authorize_url(redirect_uri=REDIRECT_URI, scopes=WRITE, state="csrf-3")
    code = orcid.oauth.parse_callback(consent(sandbox, url, TESS), "csrf-3")
    first = orcid.oauth.exchange_code(code, REDIRECT_URI)
    assert orcid.api.read_record(TESS, first.access_token).orcid == TESS

    with pytest.raises(OAuthError) as reused:
        orcid.oauth.exchange_code(code, REDIRECT_URI)
    assert reused.value.oauth_error == "invalid_grant"
    assert reused.value.status == 400
    assert "Reused authorization code" in str(reused.value)
    with pytest.raises(InvalidTokenError):
        orcid.api.read_record(TESS, first.access_token)


def test_wrong_secret_is_invalid_client(sandbox: SandboxServer) -> None:
    settings = sandbox_settings(sandbox)
    with (
        OrcidClient(
            settings.endpoints, TEST_CLIENT, "not-the-secret", settings, limiter=TokenBucket(0, 1)
        ) as wrong,
        pytest.raises(OAuthError) as refused,
    ):
        wrong.oauth.client_credentials()
    assert refused.value.oauth_error == "invalid_client"
    assert refused.value.status == 401


def test_client_credentials_tokens(sandbox: SandboxServer, orcid: OrcidClient) -> None:
    token = orcid.oauth.client_credentials()
    assert token.orcid is None
    assert token.name is None
    assert token.scope == {"/read-public"}
    assert token.expires_in == LIFETIME
    assert orcid.oauth.client_credentials("/webhook").scope == {"/webhook"}
    # Only premium members get /webhook; the basic client is refused.
    with make_client(sandbox, OTHER_CLIENT) as basic, pytest.raises(OAuthError) as refused:
        basic.oauth.client_credentials("/webhook")
    assert refused.value.oauth_error == "invalid_scope"
