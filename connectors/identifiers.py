"""Normalisation of the persistent identifiers a CRIS hands us.

Each ``normalise_*`` function returns the canonical spelling or raises
:class:`InvalidIdentifier`; :func:`external_id` picks the function by type.
Canonical forms follow what ORCID stores: a DOI lower-cased without resolver,
a bare handle, digits for PMID, hyphenated ISSN, compact ISBN.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from connectors.records import ExternalId, Relationship

__all__ = [
    "InvalidIdentifier",
    "external_id",
    "normalise",
    "normalise_doi",
    "normalise_eid",
    "normalise_handle",
    "normalise_isbn",
    "normalise_issn",
    "normalise_orcid",
    "normalise_pmc",
    "normalise_pmid",
    "normalise_wosuid",
]


class InvalidIdentifier(ValueError):
    """The value cannot be a valid identifier of the stated type."""

    def __init__(self, kind: str, value: str, why: str) -> None:
        super().__init__(f"invalid {kind} {value!r}: {why}")
        self.kind = kind
        self.value = value
        self.why = why


_DOI_PREFIXES = re.compile(
    r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*|info:doi/|urn:doi:)", re.IGNORECASE
)
_DOI = re.compile(r"^10\.\d{4,9}/\S+$")
_HANDLE_PREFIXES = re.compile(r"^(?:https?://hdl\.handle\.net/|hdl:|info:hdl/)", re.IGNORECASE)
_HANDLE = re.compile(r"^[^/\s]+/\S+$")
_ORCID_PREFIX = re.compile(r"^(?:https?://(?:sandbox\.)?orcid\.org/)", re.IGNORECASE)
_ORCID = re.compile(r"^(\d{4})-?(\d{4})-?(\d{4})-?(\d{3}[\dX])$")
_PMID_PREFIXES = re.compile(r"^(?:pmid:?\s*|https?://pubmed\.ncbi\.nlm\.nih\.gov/)", re.I)
_EID = re.compile(r"^2-s2\.0-\d{8,}$")
_WOS = re.compile(r"^(?:WOS:)?([A-Z\d]{15})$", re.IGNORECASE)


def _clean(value: str) -> str:
    return value.strip().replace("\u00a0", " ")


def normalise_doi(value: str) -> str:
    text = _DOI_PREFIXES.sub("", _clean(value)).strip()
    if not _DOI.match(text):
        raise InvalidIdentifier("doi", value, "a DOI starts with '10.', a registrant and '/'")
    return text.lower()


def normalise_handle(value: str) -> str:
    text = _HANDLE_PREFIXES.sub("", _clean(value)).strip()
    if not _HANDLE.match(text):
        raise InvalidIdentifier("handle", value, "a handle is a prefix, '/' and a suffix")
    return text


def normalise_pmid(value: str) -> str:
    text = _PMID_PREFIXES.sub("", _clean(value)).strip().rstrip("/")
    if not text.isdigit():
        raise InvalidIdentifier("pmid", value, "a PubMed id is digits only")
    return str(int(text))


def normalise_pmc(value: str) -> str:
    text = _clean(value).upper().removeprefix("PMCID:").strip()
    digits = text.removeprefix("PMC")
    if not digits.isdigit():
        raise InvalidIdentifier("pmc", value, "a PubMed Central id is 'PMC' and digits")
    return f"PMC{digits}"


def normalise_eid(value: str) -> str:
    text = _clean(value)
    if not _EID.match(text):
        raise InvalidIdentifier("eid", value, "a Scopus EID looks like 2-s2.0-84900000000")
    return text


def normalise_wosuid(value: str) -> str:
    match = _WOS.match(_clean(value).replace(" ", ""))
    if not match:
        raise InvalidIdentifier("wosuid", value, "a Web of Science UID is 15 letters or digits")
    return f"WOS:{match.group(1).upper()}"


@lru_cache(maxsize=4096)  # a journal's ISSN repeats on every article of a harvest
def normalise_issn(value: str) -> str:
    text = re.sub(r"[\s-]", "", _clean(value)).upper()
    if not re.fullmatch(r"\d{7}[\dX]", text):
        raise InvalidIdentifier("issn", value, "an ISSN is 7 digits and a check character")
    total = sum(int(d) * w for d, w in zip(text[:7], range(8, 1, -1), strict=True))
    check = (11 - total % 11) % 11
    if text[7] != ("X" if check == 10 else str(check)):
        raise InvalidIdentifier("issn", value, "the check digit does not match")
    return f"{text[:4]}-{text[4:]}"


@lru_cache(maxsize=4096)
def normalise_isbn(value: str) -> str:
    text = re.sub(r"[\s-]", "", _clean(value)).upper().removeprefix("ISBN")
    text = text.lstrip(":")
    if re.fullmatch(r"\d{9}[\dX]", text):
        total = sum((10 - i) * (10 if c == "X" else int(c)) for i, c in enumerate(text))
        if total % 11:
            raise InvalidIdentifier("isbn", value, "the ISBN-10 check digit does not match")
        return text
    if re.fullmatch(r"97[89]\d{10}", text):
        total = sum(int(c) * (3 if i % 2 else 1) for i, c in enumerate(text))
        if total % 10:
            raise InvalidIdentifier("isbn", value, "the ISBN-13 check digit does not match")
        return text
    raise InvalidIdentifier("isbn", value, "an ISBN has 10 or 13 characters")


@lru_cache(maxsize=8192)  # the same researchers appear on many works
def normalise_orcid(value: str) -> str:
    """Return the bare 16-character iD after checking its ISO 7064 11,2 check digit."""
    text = _ORCID_PREFIX.sub("", _clean(value)).strip().rstrip("/").upper()
    match = _ORCID.match(text)
    if not match:
        raise InvalidIdentifier("orcid", value, "an ORCID iD is four groups of four characters")
    digits = "".join(match.groups())
    total = 0
    for char in digits[:-1]:
        total = (total + int(char)) * 2
    check = (12 - total % 11) % 11
    if digits[-1] != ("X" if check == 10 else str(check)):
        raise InvalidIdentifier("orcid", value, "the check digit does not match")
    return "-".join(match.groups())


def _identity(value: str) -> str:
    text = _clean(value)
    if not text:
        raise InvalidIdentifier("identifier", value, "it is empty")
    return text


_NORMALISERS: dict[str, Callable[[str], str]] = {
    "doi": normalise_doi,
    "handle": normalise_handle,
    "pmid": normalise_pmid,
    "pmc": normalise_pmc,
    "eid": normalise_eid,
    "wosuid": normalise_wosuid,
    "issn": normalise_issn,
    "isbn": normalise_isbn,
}

# Spellings seen in CRIS exports for the ORCID external-id types.
_ALIASES = {
    "scp-number": "eid",
    "scopus": "eid",
    "isi-number": "wosuid",
    "wos": "wosuid",
    "pmcid": "pmc",
    "eissn": "issn",
    "url": "uri",
    "patent": "pat",
    "patentnumber": "pat",
    "arxiv": "arxiv",
}


def normalise(kind: str, value: str) -> tuple[str, str]:
    """Return ``(orcid_type, canonical_value)`` for a raw type name and value."""
    key = kind.strip().lower()
    key = _ALIASES.get(key, key)
    if key == "pmid" and _clean(value).upper().startswith("PMC"):
        key = "pmc"  # PMCIDs are often filed as PMIDs
    return key, _NORMALISERS.get(key, _identity)(value)


def external_id(
    kind: str, value: str, relationship: Relationship | None = None
) -> ExternalId | None:
    """A normalised :class:`ExternalId`, or ``None`` when the value is not valid.

    ISSN defaults to ``part-of`` (it names the journal, never the article);
    everything else to ``self``.
    """
    try:
        key, text = normalise(kind, value)
    except InvalidIdentifier:
        return None
    if relationship is None:
        relationship = Relationship.PART_OF if key == "issn" else Relationship.SELF
    return ExternalId(key, text, relationship)
