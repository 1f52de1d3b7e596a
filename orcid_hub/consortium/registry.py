"""The record-type registry: each kind of consortium record described once.

Generic views, the form parser and the CSV/XLSX importer and exporter are all driven
by a :class:`RecordType`; adding a record type means adding a model and one entry.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import abort
from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from orcid_hub.consortium.fields import Field
from orcid_hub.db import Base

YearFilter = Callable[[int], ColumnElement[bool]]


class RecordError(ValueError):
    """A rule across fields is broken; ``field`` names the field to point at."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class RecordType:
    key: str
    """The URL segment, e.g. ``contacts``."""
    model: type[Base]
    title: Any
    singular: Any
    fields: tuple[Field, ...]
    list_columns: tuple[str, ...]
    label: Callable[[Any, str], str]
    """How a record is named on pages and in references, in a language."""
    order_by: tuple[Any, ...]
    year: YearFilter | None = None
    key_field: str | None = None
    """A unique field by which CSV files refer to (and re-import updates) a record."""
    unique: tuple[str, ...] = ()
    filters: tuple[str, ...] = ()
    """Choice fields the list (and its export) can be narrowed by, besides the year."""
    """Fields that together may not repeat (a database unique constraint, checked first)."""
    scoped: bool = False
    """Institution admins manage their own institution's records of this type."""
    parent: str | None = None
    """The field naming the record this one belongs to (e.g. ``event_id``)."""
    children: tuple[str, ...] = ()
    versioned: bool = False
    """An edit stores a new version (``version`` field) and keeps the older one."""
    before_save: Callable[[Session, dict[str, Any], Any], None] | None = None
    """Completes or checks the parsed values; raises :class:`RecordError`."""

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def label_of(self, name: str) -> Any:
        """A column's label for people (the audit trail also names unlisted columns)."""
        return next((f.label for f in self.fields if f.name == name), name)

    @property
    def institution_field(self) -> Field | None:
        return next((f for f in self.fields if f.name == "institution_id"), None)

    def form_fields(self, scoped: bool) -> list[Field]:
        return [f for f in self.csv_fields(scoped) if f.editable]

    def csv_fields(self, scoped: bool) -> list[Field]:
        # Within one institution's pages the institution is implied by the URL.
        return [f for f in self.fields if not (scoped and f.name == "institution_id")]


REGISTRY: dict[str, RecordType] = {}


def register(*record_types: RecordType) -> None:
    for record_type in record_types:
        REGISTRY[record_type.key] = record_type


def get(key: str) -> RecordType:
    """The record type of a URL segment, or 404."""
    record_type = REGISTRY.get(key)
    if record_type is None:
        abort(404)
    return record_type


def _bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def in_year(column: InstrumentedAttribute[Any]) -> YearFilter:
    """Records dated within the year."""
    return lambda year: column.between(*_bounds(year))


def during(start: InstrumentedAttribute[Any], end: InstrumentedAttribute[Any]) -> YearFilter:
    """Records whose period (open-ended if ``end`` is empty) overlaps the year."""

    def condition(year: int) -> ColumnElement[bool]:
        first, last = _bounds(year)
        return and_(start <= last, or_(end.is_(None), end >= first))

    return condition


def equals_year(column: InstrumentedAttribute[Any]) -> YearFilter:
    return lambda year: column == year


def through(column: InstrumentedAttribute[Any], model: Any, condition: YearFilter) -> YearFilter:
    """Records whose parent row (``column`` refers to ``model``) matches the year."""
    return lambda year: column.in_(select(model.id).where(condition(year)))
