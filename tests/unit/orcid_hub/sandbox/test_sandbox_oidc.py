"""OpenID Connect on the sandbox: a verifiable RS256 id_token, JWKS, userinfo, prompt."""

from __future__ import annotations

import base64
import json
from typing import Any

import requests
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from tests.sandbox_server import TEST_CLIENT, SandboxServer

CALLBACK = "http://127.0.0.1/callback"


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _verify(token: str, jwks: dict[str, Any]) -> dict[str, Any]:
    header_b64, claims_b64, signature_b64 = token.split(".")
    header = json.loads(_unb64(header_b64))
    key = next(k for k in jwks["keys"] if k["kid"] == header["kid"])
    public = rsa.RSAPublicNumbers(
        int.from_bytes(_unb64(key["e"]), "big"), int.from_bytes(_unb64(key["n"]), "big")
    ).public_key()
    public.verify(
        _unb64(signature_b64),
        f"{header_b64}.{claims_b64}".encode(),
        padding.PKCS1v15(),
        hashes.SHA256(),
    )
    claims: dict[str, Any] = json.loads(_unb64(claims_b64))
    return claims


def test_openid_adds_a_signed_id_token(sandbox: SandboxServer) -> None:
    user = sandbox.users[0]
    browser = requests.Session()
    browser.trust_env = False
    form = {
        "client_id": TEST_CLIENT,
        "response_type": "code",
        "scope": "openid",
        "redirect_uri": CALLBACK,
        "nonce": "n-123",
        "orcid": user.orcid,
        "password": user.password,
        "decision": "approve",
    }
    response = browser.post(sandbox.url("/oauth/authorize"), data=form, allow_redirects=False)
    code = response.headers["Location"].split("code=")[1].split("&")[0]
    token = sandbox.exchange(code).json()
    discovery = sandbox.http.get(sandbox.url("/.well-known/openid-configuration"), timeout=5).json()
    jwks = sandbox.http.get(discovery["jwks_uri"], timeout=5).json()
    claims = _verify(token["id_token"], jwks)
    assert claims["sub"] == user.orcid and claims["aud"] == TEST_CLIENT
    assert claims["nonce"] == "n-123" and claims["iss"] == discovery["issuer"]
    info = sandbox.http.get(
        discovery["userinfo_endpoint"],
        headers={"Authorization": f"Bearer {token['access_token']}"},
        timeout=5,
    ).json()
    assert info == {
        "sub": user.orcid,
        "name": user.name,
        "family_name": user.family_name,
        "given_name": user.given_names,
    }


def test_prompt_none_without_a_sign_in_is_login_required(sandbox: SandboxServer) -> None:
    browser = requests.Session()
    browser.trust_env = False
    params = {
        "client_id": TEST_CLIENT,
        "response_type": "code",
        "scope": "openid",
        "redirect_uri": CALLBACK,
        "prompt": "none",
        "state": "p",
    }
    response = browser.get(
        sandbox.url("/oauth/authorize"), params=params, allow_redirects=False, timeout=5
    )
    assert "error=login_required" in response.headers["Location"]
    sandbox.authorize(scopes="openid", browser=browser)
    silent = browser.get(
        sandbox.url("/oauth/authorize"), params=params, allow_redirects=False, timeout=5
    )
    assert "error=interaction_required" in silent.headers["Location"]  # no live token yet
    browser.get(sandbox.url("/signout"), timeout=5)
    again = browser.get(
        sandbox.url("/oauth/authorize"), params=params, allow_redirects=False, timeout=5
    )
    assert "error=login_required" in again.headers["Location"]
