"""Records every insert, update and delete of an audited model in the same transaction.

A model opts in with ``__audited__ = True``. Secret columns are recorded as changed
but never with their values. Who acted comes from :func:`acting_as`, which the
request, CLI or job sets.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import enum
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from orcid_hub.audit.models import AuditEntry
from orcid_hub.crypto import EncryptedString

REDACTED = "<secret>"


@dataclass(frozen=True)
class Actor:
    label: str
    person_id: int | None = None


SYSTEM = Actor("system")
_actor: contextvars.ContextVar[Actor] = contextvars.ContextVar("audit_actor", default=SYSTEM)


@contextmanager
def acting_as(actor: Actor) -> Iterator[None]:
    token = _actor.set(actor)
    try:
        yield
    finally:
        _actor.reset(token)


def set_actor(actor: Actor) -> None:
    """Set the actor for the rest of this context (a request sets it once)."""
    _actor.set(actor)


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def _row_changes(obj: Any, action: str) -> dict[str, Any]:
    state = inspect(obj)
    changes: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        column = attr.columns[0]
        history = state.attrs[attr.key].history
        secret = isinstance(column.type, EncryptedString)
        if action == "update":
            if not history.has_changes():
                continue
            before = history.deleted[0] if history.deleted else None
            after = history.added[0] if history.added else None
            changes[attr.key] = [REDACTED, REDACTED] if secret else [_plain(before), _plain(after)]
        else:
            value = getattr(obj, attr.key)
            if value is not None:
                changes[attr.key] = REDACTED if secret else _plain(value)
    return changes


def _institution_of(obj: Any) -> int | None:
    if type(obj).__name__ == "Institution":
        return getattr(obj, "id", None)
    return getattr(obj, "institution_id", None)


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    actor = _actor.get()
    pending: list[tuple[str, Any]] = []
    pending += [("insert", obj) for obj in session.new]
    pending += [("update", obj) for obj in session.dirty if session.is_modified(obj)]
    pending += [("delete", obj) for obj in session.deleted]
    for action, obj in pending:
        if not getattr(type(obj), "__audited__", False):
            continue
        changes = _row_changes(obj, action)
        if action == "update" and not changes:
            continue
        entry = AuditEntry(
            actor_id=actor.person_id,
            actor_label=actor.label,
            action=action,
            entity=type(obj).__tablename__,
            entity_id=getattr(obj, "id", None),
            institution_id=_institution_of(obj),
            changes=changes,
        )
        session.info.setdefault("audit_new", []).append((entry, obj))
        session.add(entry)


def _after_flush(session: Session, _context: Any) -> None:
    # Inserted rows get their primary key only during the flush; fill it in.
    for entry, obj in session.info.pop("audit_new", []):
        if entry.entity_id is None:
            entry.entity_id = obj.id
            if entry.institution_id is None:
                entry.institution_id = _institution_of(obj)


def install() -> None:
    if not event.contains(Session, "before_flush", _before_flush):
        event.listen(Session, "before_flush", _before_flush)
        event.listen(Session, "after_flush_postexec", _after_flush)
