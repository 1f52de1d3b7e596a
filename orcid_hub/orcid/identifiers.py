"""Normalising external identifier values the way ORCID compares them.

ORCID refuses a second item from the same source whose ``self`` id has an
equal *normalised* value (409/9021), and groups works on it. Normalising before
we send means the hub's own duplicate check agrees with ORCID's, and the values
on the record are clean (``10.1000/abc``, not ``https://doi.org/10.1000/ABC``).
"""

from __future__ import annotations

import re

_DOI_PREFIX = re.compile(
    r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/|https?://(?:www\.)?doi\.org/)", re.IGNORECASE
)
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")


class IdentifierError(ValueError):
    """The value cannot be an identifier of that type; the message says why."""


def normalise_doi(value: str) -> str:
    """``https://doi.org/10.1000/ABC`` or ``doi:10.1000/ABC`` -> ``10.1000/abc``."""
    text = value.strip()
    # Prefixes can be stacked by careless exports ("doi: https://doi.org/...").
    while True:
        stripped = _DOI_PREFIX.sub("", text, count=1).strip()
        if stripped == text:
            break
        text = stripped
    text = text.lower()
    if not _DOI.match(text):
        raise IdentifierError(f"{value.strip()!r} is not a DOI (expected 10.<prefix>/<suffix>)")
    return text


def _issn_check(digits: str) -> str:
    total = sum(int(d) * w for d, w in zip(digits, range(8, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


def normalise_issn(value: str) -> str:
    """``1234567X`` or ``issn 1234-567x`` -> ``1234-567X``, checking the check digit."""
    compact = re.sub(r"[\s-]", "", re.sub(r"^issn:?", "", value.strip(), flags=re.I)).upper()
    if not re.fullmatch(r"\d{7}[\dX]", compact):
        raise IdentifierError(f"{value.strip()!r} is not an ISSN (8 characters, NNNN-NNNC)")
    expected = _issn_check(compact[:7])
    if compact[7] != expected:
        raise IdentifierError(
            f"{value.strip()!r} has a wrong ISSN check digit (expected {expected})"
        )
    return f"{compact[:4]}-{compact[4:]}"


def _isbn10_check(digits: str) -> str:
    total = sum(int(d) * w for d, w in zip(digits, range(10, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


def _isbn13_check(digits: str) -> str:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits))
    return str((10 - total % 10) % 10)


def normalise_isbn(value: str) -> str:
    """An ISBN-10 or ISBN-13 without hyphens or spaces, its check digit verified."""
    compact = re.sub(r"[\s-]", "", re.sub(r"^isbn(?:-1[03])?:?", "", value.strip(), flags=re.I))
    compact = compact.upper()
    if re.fullmatch(r"\d{9}[\dX]", compact):
        expected = _isbn10_check(compact[:9])
    elif re.fullmatch(r"97[89]\d{10}", compact):
        expected = _isbn13_check(compact[:12])
    else:
        raise IdentifierError(f"{value.strip()!r} is not an ISBN (10 or 13 digits)")
    if compact[-1] != expected:
        raise IdentifierError(
            f"{value.strip()!r} has a wrong ISBN check digit (expected {expected})"
        )
    return compact


_NORMALISERS = {"doi": normalise_doi, "issn": normalise_issn, "isbn": normalise_isbn}


def normalise(id_type: str, value: str) -> str:
    """The value as the hub sends it: normalised for DOI/ISSN/ISBN, stripped otherwise."""
    normaliser = _NORMALISERS.get(id_type.strip().lower())
    if normaliser is None:
        return value.strip()
    return normaliser(value)
