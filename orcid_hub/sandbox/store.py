"""The sandbox's whole state, in memory, behind one lock.

Handlers take ``state.lock`` for every read-modify-write; the webhook thread takes it
too. Items keep the XML element the client sent (server-set parts stripped), so the
API can answer in XML or JSON from the same source.
"""

from __future__ import annotations

import secrets
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from orcid_hub.orcid import ids
from orcid_hub.sandbox.seed import SandboxClient, SandboxUser, Seed

TOKEN_LIFETIME = 631138518
"""Seconds: the ``expires_in`` ORCID gives long-lived tokens (about 20 years)."""

CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"


@dataclass
class Token:
    access_token: str
    refresh_token: str
    client_id: str
    orcid: str | None
    scopes: frozenset[str]
    expires_at: float
    code: str | None = None

    @property
    def live(self) -> bool:
        return self.expires_at > time.time()


@dataclass
class AuthCode:
    code: str
    client_id: str
    orcid: str
    scopes: frozenset[str]
    redirect_uri: str
    nonce: str | None = None
    used: bool = False
    tokens: list[str] = field(default_factory=list)


@dataclass
class Item:
    kind: str
    put_code: int
    orcid: str
    client_id: str
    client_name: str
    created: float
    modified: float
    visibility: str
    element: etree._Element
    display_index: int = 1


@dataclass
class Webhook:
    orcid: str
    url: str
    client_id: str
    due_at: float | None = None
    attempts: int = 0


@dataclass
class UserStatus:
    """What ORCID's staff or the user did to a record outside the API."""

    deprecated_to: str | None = None
    deactivated: bool = False
    locked: bool = False
    notifications_off: bool = False


@dataclass
class Notification:
    put_code: int
    orcid: str
    client_id: str
    client_name: str
    element: etree._Element
    created: float
    read: float | None = None
    archived: float | None = None


class SandboxState:
    def __init__(self, seed: Seed) -> None:
        self.seed = seed
        self.lock = threading.RLock()
        self.reset()

    def reset(self) -> None:
        with self.lock:
            self.codes: dict[str, AuthCode] = {}
            self.tokens: dict[str, Token] = {}
            self.refresh_index: dict[str, str] = {}
            self.items: dict[tuple[str, int], Item] = {}
            self.webhooks: dict[tuple[str, str], Webhook] = {}
            self.status: dict[str, UserStatus] = {}
            self.faults: dict[str, Any] = {}
            self.deliveries: list[dict[str, Any]] = []
            self.notifications: dict[tuple[str, int], Notification] = {}
            self._next_put_code = 1000

    # Seed look-ups

    def user(self, orcid: str) -> SandboxUser | None:
        return self.seed.user(orcid)

    def find_user(self, login: str) -> SandboxUser | None:
        """The user signing in with an iD (any form people paste) or an email address."""
        login = login.strip()
        try:
            orcid = ids.normalise(login)
        except ids.InvalidOrcidId:
            orcid = ""
        return next(
            (u for u in self.seed.users if u.orcid == orcid or u.email.lower() == login.lower()),
            None,
        )

    def client(self, client_id: str) -> SandboxClient | None:
        return self.seed.client(client_id)

    def user_status(self, orcid: str) -> UserStatus:
        with self.lock:
            return self.status.setdefault(orcid, UserStatus())

    # OAuth

    def new_code(
        self,
        client_id: str,
        orcid: str,
        scopes: frozenset[str],
        redirect_uri: str,
        nonce: str | None = None,
    ) -> str:
        with self.lock:
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
            while code in self.codes:
                code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
            self.codes[code] = AuthCode(code, client_id, orcid, scopes, redirect_uri, nonce)
            return code

    def issue_token(
        self,
        client_id: str,
        orcid: str | None,
        scopes: frozenset[str],
        expires_in: int = TOKEN_LIFETIME,
        code: str | None = None,
    ) -> Token:
        with self.lock:
            token = Token(
                access_token=str(uuid.uuid4()),
                refresh_token=str(uuid.uuid4()),
                client_id=client_id,
                orcid=orcid,
                scopes=scopes,
                expires_at=time.time() + expires_in,
                code=code,
            )
            self.tokens[token.access_token] = token
            self.refresh_index[token.refresh_token] = token.access_token
            return token

    def revoke(self, access_token: str) -> None:
        """Remove a token and its paired refresh token."""
        with self.lock:
            token = self.tokens.pop(access_token, None)
            if token is not None:
                self.refresh_index.pop(token.refresh_token, None)

    def by_refresh(self, refresh_token: str) -> Token | None:
        with self.lock:
            access = self.refresh_index.get(refresh_token)
            return self.tokens.get(access) if access else None

    def revoke_user_tokens(self, orcid: str, client_id: str | None = None) -> int:
        """As if the user removed the client from their trusted organisations."""
        with self.lock:
            doomed = [
                t.access_token
                for t in self.tokens.values()
                if t.orcid == orcid and (client_id is None or t.client_id == client_id)
            ]
            for access in doomed:
                self.revoke(access)
            return len(doomed)

    def live_token_for(self, client_id: str, orcid: str, scopes: frozenset[str]) -> bool:
        with self.lock:
            return any(
                t.client_id == client_id and t.orcid == orcid and t.scopes == scopes and t.live
                for t in self.tokens.values()
            )

    # Record items

    def next_put_code(self) -> int:
        with self.lock:
            self._next_put_code += 1
            return self._next_put_code

    def items_of(self, orcid: str, kind: str | None = None) -> list[Item]:
        with self.lock:
            return sorted(
                (
                    i
                    for i in self.items.values()
                    if i.orcid == orcid and (kind is None or i.kind == kind)
                ),
                key=lambda i: i.put_code,
            )

    @contextmanager
    def locked(self) -> Iterator[SandboxState]:
        with self.lock:
            yield self
