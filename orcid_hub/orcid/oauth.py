"""ORCID OAuth 2.0: the authorize URL, code exchange, refresh, revoke, client credentials.

Requests go through :class:`~orcid_hub.orcid.transport.Transport` rather than
requests-oauthlib's ``OAuth2Session``: oauthlib refuses plain-HTTP endpoints
(the local sandbox on loopback) unless a process-wide environment flag is set,
raises a ``Warning`` when ORCID grants fewer scopes than asked (which the test
suite turns into an error), and would bypass our retry, rate-limit and
error-mapping rules. ORCID's token endpoint is plain form POST; there is
nothing oauthlib would add.

Client credentials are sent as form fields (``client_secret_post``), the one
method ORCID's discovery document advertises.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from urllib.parse import quote, urlencode

from orcid_hub.config import OrcidEndpoints
from orcid_hub.orcid.errors import OAuthError
from orcid_hub.orcid.model import TokenResponse
from orcid_hub.orcid.transport import RETRY_STATUSES, Transport

JSON = {"Accept": "application/json"}

# A code is single-use: if ORCID processed the exchange and the answer was
# lost, a retry gets invalid_grant and revokes the tokens just issued. Only a
# 503 (ORCID's burst rejection, nothing processed) is safe to repeat.
_CODE_EXCHANGE_RETRY = frozenset({503})


class OAuthClient:
    """OAuth calls for one member client."""

    def __init__(
        self,
        endpoints: OrcidEndpoints,
        client_id: str,
        client_secret: str,
        transport: Transport,
    ) -> None:
        self.endpoints = endpoints
        self.client_id = client_id
        self._client_secret = client_secret
        self.transport = transport

    def __repr__(self) -> str:
        return f"OAuthClient(client_id={self.client_id!r})"

    def authorize_url(
        self,
        *,
        redirect_uri: str,
        scopes: Iterable[str],
        state: str,
        lang: str | None = None,
        given_names: str | None = None,
        family_names: str | None = None,
        email: str | None = None,
        orcid: str | None = None,
        prompt: str | None = None,
        nonce: str | None = None,
    ) -> str:
        """Where to send the browser. ``state`` is required: every callback must check it.

        ``given_names``/``family_names``/``email``/``orcid`` pre-fill ORCID's
        sign-in or registration form; ``lang`` picks its language.
        """
        if not state:
            raise ValueError("state is required (it protects the callback from CSRF)")
        params = {
            "client_id": self.client_id,
            "response_type": "code",
            "scope": " ".join(scopes),
            "redirect_uri": redirect_uri,
            "state": state,
        }
        optional = {
            "lang": lang,
            "given_names": given_names,
            "family_names": family_names,
            "email": email,
            "orcid": orcid,
            "prompt": prompt,
            "nonce": nonce,
        }
        params.update({key: value for key, value in optional.items() if value})
        # ORCID documents scopes as "/activities/update%20/read-limited"; keep that form.
        query = urlencode(params, safe="/", quote_via=quote)
        return f"{self.endpoints.authorize_url}?{query}"

    @staticmethod
    def parse_callback(params: Mapping[str, str], expected_state: str) -> str:
        """The ``code`` from ORCID's redirect back, after checking ``state``.

        Raises :class:`OAuthError` when the state does not match (``oauth_error``
        is ``state_mismatch``; link nothing), when the user denied access
        (``access_denied``), or for any other ``error`` ORCID sent.
        """
        if not expected_state or not hmac.compare_digest(params.get("state", ""), expected_state):
            raise _oauth_error("state_mismatch", "the callback's state is not the one we sent")
        if "error" in params:
            description = params.get("error_description") or params["error"]
            raise _oauth_error(params["error"], description)
        code = params.get("code", "")
        if not code:
            raise _oauth_error("invalid_request", "the callback carries no code")
        return code

    def _token(self, form: dict[str, str], retry: frozenset[int] = RETRY_STATUSES) -> TokenResponse:
        body = {"client_id": self.client_id, "client_secret": self._client_secret, **form}
        response = self.transport.request(
            "POST", self.endpoints.token_url, headers=JSON, data=body, retry_statuses=retry
        )
        try:
            data = response.json()
        except ValueError:
            raise OAuthError(
                "token endpoint answered without JSON", status=response.status_code
            ) from None
        if not isinstance(data, dict) or "access_token" not in data:
            raise OAuthError("token endpoint answered without an access token")
        return TokenResponse.from_json(data, received_at=datetime.now(UTC))

    def exchange_code(self, code: str, redirect_uri: str) -> TokenResponse:
        """Trade the ``code`` from the callback for the user's tokens."""
        return self._token(
            {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri},
            retry=_CODE_EXCHANGE_RETRY,
        )

    def refresh(
        self,
        refresh_token: str,
        *,
        revoke_old: bool = False,
        scopes: Iterable[str] | None = None,
        expires_in: int | None = None,
    ) -> TokenResponse:
        """A new access token from a refresh token (optionally fewer scopes, a shorter life)."""
        form = {"grant_type": "refresh_token", "refresh_token": refresh_token}
        if revoke_old:
            form["revoke_old"] = "true"
        if scopes is not None:
            form["scope"] = " ".join(scopes)
        if expires_in is not None:
            form["expires_in"] = str(int(expires_in))
        return self._token(form, retry=_CODE_EXCHANGE_RETRY if revoke_old else RETRY_STATUSES)

    def client_credentials(self, scope: str = "/read-public") -> TokenResponse:
        """A 2-legged token (``/read-public``, ``/webhook``, ``/premium-notification``)."""
        return self._token({"grant_type": "client_credentials", "scope": scope})

    def revoke(self, token: str) -> None:
        """Revoke an access or refresh token (its pair goes with it)."""
        body = {"client_id": self.client_id, "client_secret": self._client_secret, "token": token}
        self.transport.request("POST", self.endpoints.revoke_url, headers=JSON, data=body)


def _oauth_error(code: str, description: str) -> OAuthError:
    error = OAuthError(f"{code}: {description}", developer_message=description)
    error.oauth_error = code
    return error
