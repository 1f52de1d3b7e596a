"""The sandbox's users and clients, read from a TOML seed file.

A seed has ``[defaults]`` (``password``), ``[[users]]`` (``orcid``, ``given_names``,
``family_name``, ``email``, optional ``password`` and ``visibility``) and ``[[clients]]``
(``client_id``, ``secret``, ``name``, ``redirect_uris``, optional ``premium``).
Without a file the packaged ``seed.toml`` (the demo people and institutions) is used.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from orcid_hub.orcid import ids

VISIBILITIES = ("public", "limited", "registered-only", "private")
_CLIENT_ID = re.compile(r"APP-[0-9A-Z]{16}")


class SeedError(ValueError):
    """The seed file cannot be used; the message names the entry and why."""


@dataclass(frozen=True)
class SandboxUser:
    orcid: str
    given_names: str
    family_name: str
    email: str
    password: str
    visibility: str = "public"

    @property
    def name(self) -> str:
        return f"{self.given_names} {self.family_name}"


@dataclass(frozen=True)
class SandboxClient:
    client_id: str
    secret: str
    name: str
    redirect_uris: tuple[str, ...]
    premium: bool = False


@dataclass(frozen=True)
class Seed:
    users: tuple[SandboxUser, ...]
    clients: tuple[SandboxClient, ...]

    def user(self, orcid: str) -> SandboxUser | None:
        return next((u for u in self.users if u.orcid == orcid), None)

    def client(self, client_id: str) -> SandboxClient | None:
        return next((c for c in self.clients if c.client_id == client_id), None)


def _text(entry: dict[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value.strip():
        raise SeedError(f"{where}: {key} is required (non-empty text)")
    return value.strip()


def _user(entry: dict[str, Any], default_password: str, where: str) -> SandboxUser:
    try:
        orcid = ids.normalise(_text(entry, "orcid", where))
    except ids.InvalidOrcidId as exc:
        raise SeedError(f"{where}: {exc}") from None
    visibility = str(entry.get("visibility", "public"))
    if visibility not in VISIBILITIES:
        raise SeedError(f"{where}: visibility must be one of {', '.join(VISIBILITIES)}")
    return SandboxUser(
        orcid=orcid,
        given_names=_text(entry, "given_names", where),
        family_name=_text(entry, "family_name", where),
        email=_text(entry, "email", where),
        password=str(entry.get("password", default_password)),
        visibility=visibility,
    )


def _client(entry: dict[str, Any], where: str) -> SandboxClient:
    client_id = _text(entry, "client_id", where)
    if not _CLIENT_ID.fullmatch(client_id):
        raise SeedError(f"{where}: client_id {client_id!r} is not APP- and 16 letters or digits")
    uris = entry.get("redirect_uris", [])
    if not isinstance(uris, list) or not all(isinstance(u, str) for u in uris):
        raise SeedError(f"{where}: redirect_uris must be a list of URLs")
    return SandboxClient(
        client_id=client_id,
        secret=_text(entry, "secret", where),
        name=_text(entry, "name", where),
        redirect_uris=tuple(uris),
        premium=bool(entry.get("premium", False)),
    )


def parse_seed(data: dict[str, Any]) -> Seed:
    default_password = str(data.get("defaults", {}).get("password", ""))
    users = tuple(
        _user(entry, default_password, f"users[{n}]")
        for n, entry in enumerate(data.get("users", []))
    )
    clients = tuple(
        _client(entry, f"clients[{n}]") for n, entry in enumerate(data.get("clients", []))
    )
    for label, keys in (
        ("orcid", [u.orcid for u in users]),
        ("client_id", [c.client_id for c in clients]),
    ):
        duplicates = sorted({k for k in keys if keys.count(k) > 1})
        if duplicates:
            raise SeedError(f"duplicate {label}: {', '.join(duplicates)}")
    return Seed(users=users, clients=clients)


def load_seed(path: str | Path | None = None) -> Seed:
    """The seed in ``path``, or the packaged default seed."""
    try:
        if path:
            raw = Path(path).read_text(encoding="utf-8")
        else:
            raw = resources.files("orcid_hub.sandbox").joinpath("seed.toml").read_text("utf-8")
        data = tomllib.loads(raw)
    except FileNotFoundError:
        raise SeedError(f"seed file {path} does not exist") from None
    except tomllib.TOMLDecodeError as exc:
        raise SeedError(f"seed file {path or 'seed.toml'} is not valid TOML: {exc}") from None
    return parse_seed(data)
