"""The read side the endpoint needs, as a small interface.

The endpoint never touches the store's tables directly: it asks a
:class:`RecordSource` scoped to one institution for the items of one kind
changed in a time window, in a stable order, after a keyset position. That
keeps the protocol code testable with an in-memory source and lets the store
change underneath (see :mod:`orcid_hub.oai.store` for the database binding).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from connectors.records import Person, Work
from orcid_hub.oai.vocab import Kind

__all__ = ["Item", "MemorySource", "OrgUnit", "Position", "RecordSource", "Window"]


@dataclass(frozen=True, slots=True)
class OrgUnit:
    """The institution itself, as the one organisation unit an endpoint describes."""

    name_lv: str
    name_en: str
    acronym: str
    ror_id: str | None = None


@dataclass(frozen=True, slots=True)
class Item:
    """One record: its kind and key (``Publications/12``), datestamp and content.

    ``record`` is None exactly when ``deleted`` is true. ``datestamp`` keeps
    its full precision; the protocol truncates it to seconds when it shows it.
    """

    kind: Kind
    key: int
    datestamp: dt.datetime
    deleted: bool = False
    record: Work | Person | OrgUnit | None = None


@dataclass(frozen=True, slots=True, order=True)
class Position:
    """Where a page ended: items come in (datestamp, key) order within a kind."""

    datestamp: dt.datetime
    key: int


@dataclass(frozen=True, slots=True)
class Window:
    """Datestamps from ``start`` (inclusive) to ``end`` (exclusive); None is open."""

    start: dt.datetime | None = None
    end: dt.datetime | None = None

    def holds(self, moment: dt.datetime) -> bool:
        return (self.start is None or moment >= self.start) and (
            self.end is None or moment < self.end
        )


class RecordSource(Protocol):
    """The items one institution's endpoint serves."""

    @property
    def deleted_record(self) -> str:
        """``persistent`` or ``transient``, as Identify declares it."""
        ...

    def changed(
        self, kind: Kind, window: Window, after: Position | None, limit: int
    ) -> Sequence[Item]:
        """Up to ``limit`` items of ``kind`` in ``window`` after ``after``, in position order."""
        ...

    def count(self, kind: Kind, window: Window) -> int: ...

    def get(self, kind: Kind, key: int) -> Item | None: ...

    def earliest(self) -> dt.datetime | None:
        """The oldest datestamp of any item (None when there is none)."""
        ...

    def person_keys(self, orcids: Iterable[str]) -> Mapping[str, int]:
        """Keys of the served (not deleted) persons with these ORCID iDs."""
        ...


@dataclass
class MemorySource:
    """A :class:`RecordSource` over a list, for tests and for previews."""

    items: list[Item] = field(default_factory=list)
    deleted_record: str = "persistent"

    def _of(self, kind: Kind, window: Window) -> list[Item]:
        found = [i for i in self.items if i.kind is kind and window.holds(i.datestamp)]
        return sorted(found, key=lambda i: (i.datestamp, i.key))

    def changed(
        self, kind: Kind, window: Window, after: Position | None, limit: int
    ) -> Sequence[Item]:
        found = self._of(kind, window)
        if after is not None:
            found = [i for i in found if Position(i.datestamp, i.key) > after]
        return found[:limit]

    def count(self, kind: Kind, window: Window) -> int:
        return len(self._of(kind, window))

    def get(self, kind: Kind, key: int) -> Item | None:
        return next((i for i in self.items if i.kind is kind and i.key == key), None)

    def earliest(self) -> dt.datetime | None:
        return min((i.datestamp for i in self.items), default=None)

    def person_keys(self, orcids: Iterable[str]) -> Mapping[str, int]:
        wanted = set(orcids)
        return {
            i.record.orcid: i.key
            for i in self.items
            if i.kind is Kind.PERSON
            and not i.deleted
            and isinstance(i.record, Person)
            and i.record.orcid in wanted
        }
