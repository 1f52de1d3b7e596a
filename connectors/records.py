"""The canonical records every connector returns: plain frozen dataclasses.

Nothing here knows about a database or a web framework. The hub maps these
to its own store; other connectors build them from whatever their source
speaks. Identifier values are expected already normalised (see
:mod:`connectors.identifiers`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime
from enum import StrEnum
from typing import Any

__all__ = [
    "Affiliation",
    "Contributor",
    "ExternalId",
    "FuzzyDate",
    "Person",
    "Relationship",
    "Title",
    "Tombstone",
    "Work",
    "to_dict",
]


class Relationship(StrEnum):
    SELF = "self"
    PART_OF = "part-of"
    VERSION_OF = "version-of"
    FUNDED_BY = "funded-by"


@dataclass(frozen=True, slots=True)
class Title:
    value: str
    lang: str | None = None


_FUZZY = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T\s].*)?\s*$")


@dataclass(frozen=True, slots=True, order=True)
class FuzzyDate:
    """A year with an optional month and day, as ORCID's publication date."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if self.day is not None and self.month is None:
            raise ValueError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} is out of range")
        if self.day is not None and self.month is not None:
            date(self.year, self.month, self.day)  # raises on 30 February

    @classmethod
    def parse(cls, text: str | None) -> FuzzyDate | None:
        """Read ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` (a time part is ignored); else None."""
        if not text:
            return None
        if len(text) == 10:  # the common YYYY-MM-DD, read in C
            try:
                whole = date.fromisoformat(text)
                return cls(whole.year, whole.month, whole.day)
            except ValueError:
                pass
        match = _FUZZY.match(text)
        if not match:
            return None
        year, month, day = (int(g) if g else None for g in match.groups())
        assert year is not None
        try:
            return cls(year, month, day)
        except ValueError:
            return cls(year) if month is None or not 1 <= month <= 12 else cls(year, month)

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)


@dataclass(frozen=True, slots=True)
class ExternalId:
    """An identifier as ORCID models it: type, normalised value and relationship."""

    type: str
    value: str
    relationship: Relationship = Relationship.SELF


@dataclass(frozen=True, slots=True)
class Contributor:
    name: str
    orcid: str | None = None
    role: str = "author"
    local_id: str | None = None
    sequence: int | None = None


@dataclass(frozen=True, slots=True)
class Work:
    """One research output as the hub understands it, whatever the source."""

    source: str
    local_id: str
    titles: tuple[Title, ...]
    orcid_type: str
    coar_type: str | None = None
    subtitle: str | None = None
    publication_date: FuzzyDate | None = None
    container_title: str | None = None
    issn: tuple[str, ...] = ()
    isbn: tuple[str, ...] = ()
    external_ids: tuple[ExternalId, ...] = ()
    contributors: tuple[Contributor, ...] = ()
    language: str | None = None
    url: str | None = None
    oai_identifier: str | None = None
    deleted: bool = False
    last_modified: datetime | None = None

    @property
    def title(self) -> str | None:
        """The first title: the one the source lists as main."""
        return self.titles[0].value if self.titles else None

    @property
    def doi(self) -> str | None:
        """The work's own DOI (relationship self), not its journal's or book's."""
        found = (
            i.value
            for i in self.external_ids
            if i.type == "doi" and i.relationship is Relationship.SELF
        )
        return next(found, None)

    def ids_of(self, kind: str) -> tuple[str, ...]:
        return tuple(i.value for i in self.external_ids if i.type == kind)


@dataclass(frozen=True, slots=True)
class Affiliation:
    organisation: str
    local_id: str | None = None
    role: str | None = None
    start: FuzzyDate | None = None
    end: FuzzyDate | None = None


@dataclass(frozen=True, slots=True)
class Person:
    """A researcher as a CRIS knows them, for matching to hub users."""

    source: str
    local_id: str
    family_name: str | None = None
    given_names: str | None = None
    orcid: str | None = None
    other_ids: tuple[ExternalId, ...] = ()
    affiliations: tuple[Affiliation, ...] = ()
    oai_identifier: str | None = None
    last_modified: datetime | None = None

    @property
    def display_name(self) -> str:
        return " ".join(p for p in (self.given_names, self.family_name) if p)


@dataclass(frozen=True, slots=True)
class Tombstone:
    """The source deleted a record; the hub should forget or retract it."""

    source: str
    local_id: str
    kind: str = "work"  # work, person or unknown (OAI deletions carry no type)
    oai_identifier: str | None = None
    last_modified: datetime | None = None


def _plain(value: Any) -> Any:
    if isinstance(value, StrEnum):
        return value.value
    if isinstance(value, FuzzyDate | date | datetime):
        return value.isoformat() if not isinstance(value, FuzzyDate) else str(value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if hasattr(value, "__dataclass_fields__"):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    return value


def to_dict(record: Work | Person | Tombstone) -> Mapping[str, Any]:
    """A JSON-ready mapping of a record (dates as ISO strings, enums as values)."""
    data: dict[str, Any] = _plain(record)
    data["record_type"] = type(record).__name__.lower()
    return data
