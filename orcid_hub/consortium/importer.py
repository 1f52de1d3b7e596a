"""Importing a CSV/XLSX file of records: check every row first, then store all or none.

A row whose key (e.g. an institution's short name) matches an existing record updates
it; other rows add records. References are written as the referenced record's key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from orcid_hub.consortium import services
from orcid_hub.consortium.fields import Field, FieldError, parse
from orcid_hub.consortium.registry import REGISTRY, RecordError, RecordType
from orcid_hub.consortium.services import Scope
from orcid_hub.tabular import CellError, Table


@dataclass(frozen=True)
class Pending:
    """A reference to a record added earlier in the same file."""

    key: str


@dataclass
class Plan:
    rows: list[tuple[int, dict[str, Any], Any]] = field(default_factory=list)
    """(row number, parsed values, existing record to update or None)."""
    errors: list[CellError] = field(default_factory=list)

    @property
    def updates(self) -> int:
        return sum(1 for _n, _v, existing in self.rows if existing is not None)


def _by_key(session: Session, target: RecordType, key: str, scope: Scope) -> Any:
    column = getattr(target.model, target.key_field or "id")
    statement = services.query(target, scope if target.scoped else services.LEAD)
    return session.scalars(statement.where(column == key)).first()


def plan(session: Session, record_type: RecordType, table: Table, scope: Scope) -> Plan:
    """Every row parsed and checked; nothing is stored."""
    result = Plan()
    fields = record_type.csv_fields(scope.scoped)
    key = record_type.key_field
    key_column = record_type.field(key).csv_name if key else ""
    file_keys = {values.get(key_column, "") for _n, values in table.rows} - {""}
    seen: dict[Any, int] = {}

    def resolve(ref_field: Field, text: str) -> Any:
        target = REGISTRY[ref_field.ref]
        if target is record_type and text in file_keys:
            return Pending(text)
        row = _by_key(session, target, text, scope)
        if row is None:
            raise FieldError(_("No record “%(key)s” to refer to.", key=text))
        return row.id

    for number, text in table.rows:
        values: dict[str, Any] = {}
        row_errors: list[CellError] = []
        for f in fields:
            try:
                values[f.name] = parse(f, text.get(f.csv_name, ""), resolve)
            except FieldError as exc:
                row_errors.append(CellError(number, f.csv_name, str(exc)))
        existing = None
        if not row_errors:
            existing = _by_key(session, record_type, values[key], scope) if key else None
            identity = values[key] if key else _identity(record_type, values)
            if identity is not None and identity in seen:
                column = key_column or record_type.field(record_type.unique[-1]).csv_name
                message = _("Repeats row %(row)d.", row=seen[identity])
                row_errors.append(CellError(number, column, message))
            elif identity is not None:
                seen[identity] = number
            row_errors += _check(session, record_type, values, existing, number, scope)
        result.errors += row_errors
        result.rows.append((number, values, existing))
    return result


def _identity(record_type: RecordType, values: dict[str, Any]) -> Any:
    """What may not repeat within one file, for types without a key."""
    if not record_type.unique or any(values.get(n) is None for n in record_type.unique):
        return None
    return tuple(values[n] for n in record_type.unique)


def _check(
    session: Session,
    record_type: RecordType,
    values: dict[str, Any],
    existing: Any,
    number: int,
    scope: Scope,
) -> list[CellError]:
    if any(isinstance(v, Pending) for v in values.values()):
        return []  # checked again when the referenced row exists
    if scope.institution is not None:
        values = {**values, "institution_id": scope.institution.id}
    try:
        services.check(session, record_type, dict(values), existing)
    except RecordError as exc:
        return [CellError(number, record_type.field(exc.field).csv_name, str(exc))]
    return []


def apply(session: Session, record_type: RecordType, checked: Plan, scope: Scope) -> int:
    """Store every row of a plan without errors; return how many rows were stored."""
    assert not checked.errors, "apply() is only for a plan without errors"
    stored: dict[str, Any] = {}
    deferred: list[tuple[Any, str, str]] = []  # (record, attribute, key in this file)
    for _number, values, existing in checked.rows:
        pending = {k: v.key for k, v in values.items() if isinstance(v, Pending)}
        ready = {k: None if k in pending else v for k, v in values.items()}
        if record_type.before_save is not None:
            record_type.before_save(session, ready, existing)
        if existing is None:
            record = services.create(session, record_type, ready, scope)
        else:
            record = services.update(session, record_type, existing, ready)
        if record_type.key_field:
            stored[str(getattr(record, record_type.key_field))] = record
        deferred += [(record, name, key) for name, key in pending.items()]
    for record, name, key in deferred:
        setattr(record, name, stored[key].id)
    session.flush()
    return len(checked.rows)
