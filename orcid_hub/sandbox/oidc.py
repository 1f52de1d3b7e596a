"""OpenID Connect on the sandbox: RS256 ``id_token``, JWKS, userinfo and discovery."""

from __future__ import annotations

import base64
import hashlib
import json
import time
import uuid
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from flask import Blueprint, Response, current_app, jsonify, request

from orcid_hub.sandbox import access
from orcid_hub.sandbox.seed import SandboxUser
from orcid_hub.sandbox.store import SandboxState

bp = Blueprint("sandbox_oidc", __name__)
KEY_ID = "sandbox-rs256"
ID_TOKEN_LIFETIME = 600


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _uint(number: int) -> str:
    return _b64(number.to_bytes((number.bit_length() + 7) // 8, "big"))


def new_key() -> rsa.RSAPrivateKey:
    """A fresh signing key per sandbox process; clients fetch it from ``/oauth/jwks``."""
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _key() -> rsa.RSAPrivateKey:
    found: rsa.RSAPrivateKey = current_app.extensions["orcid_sandbox_oidc_key"]
    return found


def issuer() -> str:
    return request.host_url.rstrip("/")


def id_token(client_id: str, user: SandboxUser, nonce: str | None, access_token: str) -> str:
    now = int(time.time())
    digest = hashlib.sha256(access_token.encode("ascii")).digest()
    claims: dict[str, Any] = {
        "at_hash": _b64(digest[: len(digest) // 2]),
        "aud": client_id,
        "sub": user.orcid,
        "auth_time": now,
        "amr": "pwd",
        "iss": issuer(),
        "exp": now + ID_TOKEN_LIFETIME,
        "given_name": user.given_names,
        "family_name": user.family_name,
        "iat": now,
        "jti": str(uuid.uuid4()),
    }
    if nonce:
        claims["nonce"] = nonce
    header = {"kid": KEY_ID, "alg": "RS256"}
    signing_input = ".".join(
        _b64(json.dumps(part, separators=(",", ":")).encode("utf-8")) for part in (header, claims)
    )
    signature = _key().sign(signing_input.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
    return f"{signing_input}.{_b64(signature)}"


@bp.get("/oauth/jwks")
def jwks() -> Response:
    numbers = _key().public_key().public_numbers()
    key = {
        "kty": "RSA",
        "e": _uint(numbers.e),
        "use": "sig",
        "kid": KEY_ID,
        "alg": "RS256",
        "n": _uint(numbers.n),
    }
    return jsonify({"keys": [key]})


@bp.get("/.well-known/openid-configuration")
def discovery() -> Response:
    base = issuer()
    return jsonify(
        {
            "issuer": base,
            "authorization_endpoint": f"{base}/oauth/authorize",
            "token_endpoint": f"{base}/oauth/token",
            "userinfo_endpoint": f"{base}/oauth/userinfo",
            "jwks_uri": f"{base}/oauth/jwks",
            "scopes_supported": ["openid"],
            "response_types_supported": ["code", "id_token", "id_token token"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "claims_supported": ["family_name", "given_name", "name", "auth_time", "iss", "sub"],
            "token_endpoint_auth_methods_supported": ["client_secret_post"],
        }
    )


@bp.route("/oauth/userinfo", methods=["GET", "POST"])
def userinfo() -> Response:
    state: SandboxState = current_app.extensions["orcid_sandbox"]
    token = access.bearer(request, state)
    assert token is not None
    user = state.user(token.orcid or "")
    if user is None or "openid" not in token.scopes:
        return Response(
            json.dumps({"error": "insufficient_scope", "error_description": "Needs openid"}),
            status=403,
            mimetype="application/json",
        )
    return jsonify(
        {
            "sub": user.orcid,
            "name": user.name,
            "family_name": user.family_name,
            "given_name": user.given_names,
        }
    )
