"""ORCID iDs: the ISO 7064 MOD 11-2 check digit and the forms people paste."""

from __future__ import annotations

import re

_URI_PREFIX = re.compile(r"^(?:https?://)?(?:www\.)?(?:sandbox\.)?orcid\.org/", re.IGNORECASE)


class InvalidOrcidId(ValueError):
    """Not an ORCID iD; the message says why."""


def check_digit(base_digits: str) -> str:
    """The check character for the first 15 digits of an iD."""
    total = 0
    for char in base_digits:
        total = (total + int(char)) * 2
    result = (12 - total % 11) % 11
    return "X" if result == 10 else str(result)


def normalise(value: str) -> str:
    """``https://orcid.org/0000-0002-1825-0097 `` -> ``0000-0002-1825-0097``, or raise."""
    text = _URI_PREFIX.sub("", value.strip())
    compact = re.sub(r"[\s-]", "", text).upper()
    if not re.fullmatch(r"\d{15}[\dX]", compact):
        raise InvalidOrcidId(f"{value.strip()!r} is not an ORCID iD (16 digits, the last may be X)")
    expected = check_digit(compact[:15])
    if compact[15] != expected:
        raise InvalidOrcidId(
            f"{value.strip()!r} has a wrong check digit (expected {expected}); it is mistyped"
        )
    return "-".join(compact[i : i + 4] for i in range(0, 16, 4))


def is_valid(value: str) -> bool:
    try:
        normalise(value)
    except InvalidOrcidId:
        return False
    return True


def uri(orcid: str, *, sandbox: bool = False) -> str:
    host = "sandbox.orcid.org" if sandbox else "orcid.org"
    return f"https://{host}/{orcid}"
