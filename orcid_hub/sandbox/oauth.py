"""ORCID's OAuth 2.0 endpoints: the sign-in and consent page, token exchange, revoke."""

from __future__ import annotations

import base64
import binascii
import hmac
import json
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from flask import Blueprint, Response, current_app, redirect, render_template, request, session

from orcid_hub.sandbox import oidc
from orcid_hub.sandbox.seed import SandboxClient
from orcid_hub.sandbox.store import TOKEN_LIFETIME, SandboxState, Token

bp = Blueprint("sandbox_oauth", __name__)

USER_SCOPES = frozenset(
    {"/authenticate", "openid", "/read-limited", "/activities/update", "/person/update"}
)
CLIENT_SCOPES = frozenset({"/read-public", "/webhook", "/premium-notification"})
PREMIUM_SCOPES = frozenset({"/webhook", "/premium-notification"})
"""Only clients that ORCID enabled for them (the seed's ``premium``) get these."""
SCOPE_LABELS = {
    "/authenticate": "Get your ORCID iD",
    "openid": "Get your ORCID iD",
    "/read-limited": "Read your information with visibility set to Trusted Organizations",
    "/activities/update": "Add/update your research activities (works, affiliations, etc)",
    "/person/update": "Add/update other information about you (country, keywords, etc.)",
}
_FORWARDED = ("client_id", "response_type", "scope", "redirect_uri", "state", "nonce")


def _state() -> SandboxState:
    found: SandboxState = current_app.extensions["orcid_sandbox"]
    return found


def redirect_uri_allowed(client: SandboxClient, uri: str) -> bool:
    """Exact match, or a registration without a path matching any path on its host."""
    asked = urlsplit(uri)
    for registered in client.redirect_uris:
        if uri == registered:
            return True
        reg = urlsplit(registered)
        host_only = reg.path in ("", "/") and not reg.query
        same_host = (reg.scheme, reg.hostname) == (asked.scheme, asked.hostname)
        if host_only and same_host and reg.port in (None, asked.port):
            return True
    return False


def _with_query(uri: str, params: dict[str, str]) -> str:
    parts = urlsplit(uri)
    query = parse_qsl(parts.query, keep_blank_values=True) + list(params.items())
    return urlunsplit(parts._replace(query=urlencode(query, quote_via=quote)))


def _page_error(message: str, status: int = 400) -> Response:
    return Response(
        f"<!doctype html><title>ORCID sandbox error</title><h1>Error</h1><p id='error'>"
        f"{message}</p>",
        status=status,
        mimetype="text/html",
    )


@bp.route("/oauth/authorize", methods=["GET", "POST"])
def authorize() -> Any:
    values = request.values
    client = _state().client(values.get("client_id", ""))
    if client is None:
        return _page_error("Invalid client_id: the client is not registered.")
    redirect_uri = values.get("redirect_uri", "")
    if not redirect_uri_allowed(client, redirect_uri):
        return _page_error("Redirect URI doesn't match your registered redirect URIs.")
    extra = {"state": values["state"]} if "state" in values else {}
    if values.get("response_type", "code") != "code":
        return redirect(_with_query(redirect_uri, {"error": "unsupported_response_type", **extra}))
    scopes = frozenset(values.get("scope", "").split())
    if not scopes or not scopes <= USER_SCOPES:
        bad = " ".join(sorted(scopes - USER_SCOPES)) or "(none)"
        return redirect(
            _with_query(
                redirect_uri,
                {"error": "invalid_scope", "error_description": f"Invalid scope: {bad}", **extra},
            )
        )
    prompt = values.get("prompt", "")
    signed_in = None if prompt == "login" else _state().user(session.get("orcid", ""))
    error = ""
    if prompt == "none" and request.method == "GET":
        # OpenID Connect: answer without showing anything, or say why that is impossible.
        if signed_in is None:
            return redirect(_with_query(redirect_uri, {"error": "login_required", **extra}))
        if not _state().live_token_for(client.client_id, signed_in.orcid, scopes):
            return redirect(_with_query(redirect_uri, {"error": "interaction_required", **extra}))
    if request.method == "POST":
        if values.get("decision") != "approve":
            params = {"error": "access_denied", "error_description": "User denied access"}
            return redirect(_with_query(redirect_uri, {**params, **extra}))
        user = _state().find_user(values.get("orcid", ""))
        if user is not None and signed_in is not None and user.orcid == signed_in.orcid:
            pass  # already signed in to the sandbox: consent needs no password
        elif user is None or not hmac.compare_digest(user.password, values.get("password", "")):
            user, error = None, "Invalid ORCID iD, email or password."
        if user is not None:
            session["orcid"] = user.orcid
            return _approve(client, user.orcid, scopes, redirect_uri, extra)
    elif signed_in is not None and _state().live_token_for(
        client.client_id, signed_in.orcid, scopes
    ):
        return _approve(client, signed_in.orcid, scopes, redirect_uri, extra)
    return render_template(
        "authorize.html",
        client=client,
        scopes=sorted(scopes),
        scope_labels=SCOPE_LABELS,
        params={k: values[k] for k in _FORWARDED if k in values},
        signed_in=signed_in,
        login=values.get("orcid") or values.get("email") or "",
        users=_state().seed.users,
        error=error,
    ), (401 if error else 200)


def _approve(
    client: SandboxClient, orcid: str, scopes: frozenset[str], uri: str, extra: dict[str, str]
) -> Any:
    code = _state().new_code(client.client_id, orcid, scopes, uri, request.values.get("nonce"))
    return redirect(_with_query(uri, {"code": code, **extra}))


def _json(body: dict[str, Any], status: int = 200) -> Response:
    return Response(json.dumps(body), status=status, mimetype="application/json")


def _oauth_error(error: str, description: str, status: int = 400) -> Response:
    return _json({"error": error, "error_description": description}, status)


def _authenticated_client() -> SandboxClient | None:
    client_id, secret = request.form.get("client_id", ""), request.form.get("client_secret", "")
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("basic "):
        try:
            decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
        client_id, _, secret = decoded.partition(":")
        client_id, secret = unquote(client_id), unquote(secret)
    client = _state().client(client_id)
    if client is None or not hmac.compare_digest(client.secret, secret):
        return None
    return client


def token_body(token: Token, name: str | None, expires_in: int) -> dict[str, Any]:
    body: dict[str, Any] = {
        "access_token": token.access_token,
        "token_type": "bearer",
        "refresh_token": token.refresh_token,
        "expires_in": expires_in,
        "scope": " ".join(sorted(token.scopes)),
    }
    if token.orcid is not None:
        body["name"] = name
    body["orcid"] = token.orcid
    return body


@bp.post("/oauth/token")
def token() -> Response:
    client = _authenticated_client()
    if client is None:
        return _oauth_error("invalid_client", "Bad client credentials", 401)
    grant = request.form.get("grant_type", "")
    state = _state()
    if grant == "client_credentials":
        scopes = frozenset(request.form.get("scope", "/read-public").split())
        for scope in sorted(scopes):
            if scope not in CLIENT_SCOPES or (scope in PREMIUM_SCOPES and not client.premium):
                return _oauth_error("invalid_scope", f"Invalid scope: {scope}")
        issued = state.issue_token(client.client_id, None, scopes)
        return _json(token_body(issued, None, TOKEN_LIFETIME))
    if grant == "authorization_code":
        return _exchange_code(client, request.form.get("code", ""))
    if grant == "refresh_token":
        return _refresh(client)
    return _oauth_error("unsupported_grant_type", f"Unsupported grant type: {grant}")


def _exchange_code(client: SandboxClient, code: str) -> Response:
    state = _state()
    with state.lock:
        found = state.codes.get(code)
        if found is None or found.client_id != client.client_id:
            return _oauth_error("invalid_grant", f"Invalid authorization code: {code}")
        if found.used:
            for access_token in found.tokens:
                state.revoke(access_token)
            return _oauth_error("invalid_grant", f"Reused authorization code: {code}")
        uri = request.form.get("redirect_uri")
        if uri is not None and uri != found.redirect_uri:
            return _oauth_error("invalid_grant", "Redirect URI mismatch.")
        found.used = True
        issued = state.issue_token(client.client_id, found.orcid, found.scopes, code=code)
        found.tokens.append(issued.access_token)
        user = state.user(found.orcid)
    body = token_body(issued, user.name if user else None, TOKEN_LIFETIME)
    if "openid" in issued.scopes and user is not None:
        body["id_token"] = oidc.id_token(client.client_id, user, found.nonce, issued.access_token)
    return _json(body)


def _refresh(client: SandboxClient) -> Response:
    state = _state()
    refresh_token = request.form.get("refresh_token", "")
    with state.lock:
        old = state.by_refresh(refresh_token)
        if old is None or old.client_id != client.client_id:
            return _oauth_error("invalid_grant", f"Invalid refresh token: {refresh_token}")
        scopes = frozenset(request.form.get("scope", "").split()) or old.scopes
        if not scopes <= old.scopes:
            return _oauth_error("invalid_scope", "The scope must be a subset of the original")
        try:
            expires_in = int(request.form.get("expires_in", TOKEN_LIFETIME))
        except ValueError:
            return _oauth_error("invalid_request", "expires_in must be a number of seconds")
        if request.form.get("revoke_old", "").lower() == "true":
            state.revoke(old.access_token)
        issued = state.issue_token(client.client_id, old.orcid, scopes, expires_in)
        user = state.user(old.orcid) if old.orcid else None
    return _json(token_body(issued, user.name if user else None, expires_in))


@bp.post("/oauth/revoke")
def revoke() -> Response:
    client = _authenticated_client()
    if client is None:
        return _oauth_error("invalid_client", "Bad client credentials", 401)
    value = request.form.get("token", "")
    state = _state()
    with state.lock:
        found = state.tokens.get(value) or state.by_refresh(value)
        if found is not None and found.client_id == client.client_id:
            state.revoke(found.access_token)
    return Response(b"", status=200)


@bp.route("/signout", methods=["GET", "POST"])
def signout() -> Response:
    """End the sandbox sign-in, so the next consent asks who is there."""
    session.pop("orcid", None)
    return Response("Signed out of the local ORCID sandbox.", mimetype="text/plain")
