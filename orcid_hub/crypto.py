"""Secrets at rest: Fernet encryption keyed from configuration, with rotation.

The keys come from ``security.encryption_keys``: the first encrypts, every key
decrypts, so an operator adds a new key in front, runs ``orcid-hub rotate-key``,
and then drops the old one.
"""

from __future__ import annotations

import threading
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from sqlalchemy import Text
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class SecretKeyError(Exception):
    """A key is malformed, missing, or cannot decrypt a stored value."""


class Keyring:
    def __init__(self, keys: tuple[str, ...] | list[str]) -> None:
        if not keys:
            raise SecretKeyError("security.encryption_keys is empty: at least one key is needed")
        fernets = []
        for index, key in enumerate(keys):
            try:
                fernets.append(Fernet(key.encode()))
            except (ValueError, TypeError):
                raise SecretKeyError(
                    f"security.encryption_keys[{index}] is not a Fernet key"
                    " (32 url-safe base64-encoded bytes; `orcid-hub generate-key` makes one)"
                ) from None
        self._multi = MultiFernet(fernets)

    def encrypt(self, plaintext: str) -> str:
        return self._multi.encrypt(plaintext.encode()).decode("ascii")

    def decrypt(self, ciphertext: str) -> str:
        try:
            return self._multi.decrypt(ciphertext.encode("ascii")).decode()
        except InvalidToken:
            raise SecretKeyError(
                "a stored secret cannot be decrypted with any configured key"
            ) from None

    def rotate(self, ciphertext: str) -> str:
        try:
            return self._multi.rotate(ciphertext.encode("ascii")).decode("ascii")
        except InvalidToken:
            raise SecretKeyError(
                "a stored secret cannot be decrypted with any configured key"
            ) from None


def generate_key() -> str:
    return Fernet.generate_key().decode("ascii")


# Column types are built when models are imported, long before configuration is
# read, so they reach the keys through this process-wide holder set by init_app.
_lock = threading.Lock()
_active: Keyring | None = None


def configure(keys: tuple[str, ...] | list[str]) -> Keyring:
    global _active
    keyring = Keyring(keys)
    with _lock:
        _active = keyring
    return keyring


def active_keyring() -> Keyring:
    if _active is None:
        raise SecretKeyError("encryption keys are not configured (call create_app first)")
    return _active


class EncryptedString(TypeDecorator[str]):
    """Text stored as a Fernet token; Python code only ever sees the clear text."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return active_keyring().encrypt(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return active_keyring().decrypt(str(value))
