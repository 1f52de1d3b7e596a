"""Reading and changing consortium records of any registered type. Never commits.

A :class:`Scope` says whose records the caller may touch: everything (the consortium
lead), or one institution's records of the types its admins manage.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from flask import abort
from flask_babel import gettext as _
from sqlalchemy import Select, func, literal, select
from sqlalchemy.orm import Session

from orcid_hub.audit.models import AuditEntry
from orcid_hub.consortium import event_records, records  # noqa: F401  (they register the types)
from orcid_hub.consortium.fields import SEPARATOR, Field, FieldError, parse
from orcid_hub.consortium.registry import REGISTRY, RecordError, RecordType
from orcid_hub.institutions.models import Institution


@dataclass(frozen=True)
class Scope:
    institution: Institution | None = None
    """Set on an institution's own pages: only its records, institution implied."""

    @property
    def scoped(self) -> bool:
        return self.institution is not None


LEAD = Scope()


def query(record_type: RecordType, scope: Scope) -> Select[Any]:
    statement = select(record_type.model)
    if scope.institution is not None:
        if not record_type.scoped:
            abort(403)
        statement = statement.where(
            record_type.model.institution_id == scope.institution.id  # type: ignore[attr-defined]
        )
    return statement


def list_records(
    session: Session,
    record_type: RecordType,
    scope: Scope,
    year: int | None = None,
    filters: Mapping[str, str] | None = None,
) -> list[Any]:
    """Records in the scope, of a year and with the chosen codes (unknown codes ignored)."""
    statement = query(record_type, scope).order_by(*record_type.order_by)
    if year is not None and record_type.year is not None:
        statement = statement.where(record_type.year(year))
    for name, code in (filters or {}).items():
        field = record_type.field(name)
        if name not in record_type.filters or code not in dict(field.choices):
            continue
        column = getattr(record_type.model, name)
        if field.kind == "multi":
            # Whole codes only: ";1.2.1;" is in ";1.2.1;3.2.3;", "1.2" is in nothing.
            statement = statement.where(
                (literal(SEPARATOR) + column + literal(SEPARATOR)).contains(
                    f";{code};", autoescape=True
                )
            )
        else:
            statement = statement.where(column == code)
    return list(session.scalars(statement))


def get_record(session: Session, record_type: RecordType, record_id: int, scope: Scope) -> Any:
    """The record; 404 if the lead asks for a missing one, 403 for anything outside a scope.

    Like :func:`~orcid_hub.accounts.auth.institution_from_slug`, an institution admin
    never learns whether another institution's record exists.
    """
    statement = query(record_type, scope).where(record_type.model.id == record_id)  # type: ignore[attr-defined]
    record = session.scalars(statement).first()
    if record is None:
        abort(403 if scope.scoped else 404)
    return record


def children(
    session: Session, record_type: RecordType, record: Any, scope: Scope
) -> list[tuple[RecordType, list[Any]]]:
    """The records that belong to ``record`` (an event's participants, ...), by type."""
    found = []
    for key in record_type.children:
        child = REGISTRY[key]
        if scope.scoped and not child.scoped:
            continue
        column = getattr(child.model, child.parent or "")
        statement = query(child, scope).where(column == record.id).order_by(*child.order_by)
        found.append((child, list(session.scalars(statement))))
    return found


def options(session: Session, key: str, scope: Scope, lang: str) -> list[tuple[int, str]]:
    """What a reference to a ``key`` record may point at, as (id, label)."""
    target = REGISTRY[key]
    rows: list[Any]
    if scope.institution is None:
        rows = list_records(session, target, LEAD)
    elif target.scoped:
        rows = list_records(session, target, scope)
    elif key == "institutions":
        rows = [scope.institution]
    else:
        rows = []  # an institution's admin refers to nothing outside their institution
    return [(row.id, target.label(row, lang)) for row in rows]


def referenced(session: Session, field: Field, record_id: Any) -> Any:
    return session.get(REGISTRY[field.ref].model, record_id)


def ref_label(session: Session, lang: str) -> Any:
    def label(field: Field, record_id: Any) -> str:
        row = referenced(session, field, record_id)
        return REGISTRY[field.ref].label(row, lang) if row is not None else str(record_id)

    return label


def parse_form(
    session: Session, record_type: RecordType, form: Mapping[str, str], scope: Scope, lang: str
) -> tuple[dict[str, Any], dict[str, str]]:
    """Values from a submitted form (references by id), and errors by field name."""
    allowed: dict[str, set[str]] = {}

    def resolve(field: Field, text: str) -> int:
        if field.name not in allowed:
            allowed[field.name] = {str(i) for i, _label in options(session, field.ref, scope, lang)}
        if text not in allowed[field.name]:
            raise FieldError(_("Choose one of the listed records."))
        return int(text)

    values: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for field in record_type.form_fields(scope.scoped):
        try:
            values[field.name] = parse(field, form.get(field.name, ""), resolve)
        except FieldError as exc:
            errors[field.name] = str(exc)
    return values, errors


def check(
    session: Session, record_type: RecordType, values: dict[str, Any], record: Any = None
) -> None:
    """Rules beyond one field: unique keys and the type's own checks; raise RecordError."""
    key = record_type.key_field
    if key and values.get(key):
        column = getattr(record_type.model, key)
        statement = select(record_type.model.id).where(column == values[key])  # type: ignore[attr-defined]
        other = session.scalars(statement).first()
        if other is not None and (record is None or other != record.id):
            raise RecordError(key, _("Another record already has this value."))
    if record_type.unique and all(values.get(name) is not None for name in record_type.unique):
        model: Any = record_type.model
        statement = select(model.id).where(
            *(getattr(model, name) == values[name] for name in record_type.unique)
        )
        other = session.scalars(statement).first()
        if other is not None and (record is None or record_type.versioned or other != record.id):
            message = _("A record with these values already exists.")
            raise RecordError(record_type.unique[-1], message)
    if record_type.before_save is not None:
        record_type.before_save(session, values, record)


def save(
    session: Session,
    record_type: RecordType,
    form: Mapping[str, str],
    scope: Scope,
    lang: str,
    record: Any = None,
) -> tuple[Any, dict[str, str]]:
    """Create (or change) a record from form text: the record, or errors by field name."""
    values, errors = parse_form(session, record_type, form, scope, lang)
    if not errors:
        try:
            check(session, record_type, values, record)
        except RecordError as exc:
            errors[exc.field] = str(exc)
    if errors:
        return None, errors
    if record is None:
        return create(session, record_type, values, scope), {}
    return update(session, record_type, record, values), {}


def create(session: Session, record_type: RecordType, values: dict[str, Any], scope: Scope) -> Any:
    values = dict(values)
    if scope.institution is not None:
        values["institution_id"] = scope.institution.id
    if record_type.versioned and not values.get("version"):
        values["version"] = next_version(session, record_type, values)
    record = record_type.model(**values)
    session.add(record)
    session.flush()
    return record


def update(session: Session, record_type: RecordType, record: Any, values: dict[str, Any]) -> Any:
    """Change ``record``; a versioned record gets a new version and keeps the old one."""
    if record_type.versioned:
        carried = {f.name: getattr(record, f.name) for f in record_type.fields}
        carried.update(values)
        carried["version"] = next_version(session, record_type, carried)
        return create(session, record_type, carried, LEAD)
    for name, value in values.items():
        setattr(record, name, value)
    session.flush()
    return record


def dependants(
    session: Session, record_type: RecordType, record: Any
) -> list[tuple[RecordType, list[Any]]]:
    """The records that cannot outlive ``record`` (their reference to it is required)."""
    return [
        (child, rows)
        for child, rows in children(session, record_type, record, LEAD)
        if child.field(child.parent or "").required and rows
    ]


def delete(session: Session, record_type: RecordType, record: Any) -> None:
    """Delete ``record`` and its dependants one by one, so each gets an audit entry.

    (The database would cascade them too, but silently.) Optional references, such
    as a policy proposal's event, are cleared by the database instead.
    """
    for _child, rows in dependants(session, record_type, record):
        for row in rows:
            session.delete(row)
    session.delete(record)
    session.flush()


def next_version(session: Session, record_type: RecordType, values: Mapping[str, Any]) -> int:
    parent = record_type.parent or ""
    model: Any = record_type.model
    latest = session.scalar(
        select(func.max(model.version)).where(getattr(model, parent) == values.get(parent))
    )
    return int(latest or 0) + 1


def audit_trail(session: Session, record_type: RecordType, record: Any) -> list[AuditEntry]:
    statement = (
        select(AuditEntry)
        .where(
            AuditEntry.entity == record_type.model.__tablename__,
            AuditEntry.entity_id == record.id,
        )
        .order_by(AuditEntry.at, AuditEntry.id)
    )
    return list(session.scalars(statement))
