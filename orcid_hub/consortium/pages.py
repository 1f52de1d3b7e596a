"""What the generic pages need beyond the services: values as shown and as typed."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from flask import url_for
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from orcid_hub.consortium import services
from orcid_hub.consortium.fields import SEPARATOR, Field, display, to_text
from orcid_hub.consortium.registry import REGISTRY, RecordType
from orcid_hub.consortium.services import Scope


def shower(session: Session, lang: str) -> Callable[[RecordType, Any, str], str]:
    """``show(record_type, record, field_name)``: a field's value as a person reads it."""
    ref_label = services.ref_label(session, lang)

    def show(record_type: RecordType, record: Any, name: str) -> str:
        return display(record_type.field(name), getattr(record, name), ref_label)

    return show


def audit_shower(session: Session, lang: str) -> Callable[[RecordType, str, Any], str]:
    """``show_logged(record_type, column, value)``: a value as the audit log kept it."""
    ref_label = services.ref_label(session, lang)

    def show_logged(record_type: RecordType, name: str, value: Any) -> str:
        field = next((f for f in record_type.fields if f.name == name), None)
        if value is None or value == "":
            return "—"
        if field is None or field.kind not in ("choice", "multi", "bool", "ref"):
            return str(value)  # dates are logged as ISO text already
        return display(field, value, ref_label) or "—"

    return show_logged


def linker(scope: Scope) -> Callable[[Field, Any], str | None]:
    """``link(field, value)``: the page of the record a reference points at, if allowed."""
    slug = scope.institution.slug if scope.institution is not None else None

    def link(field: Field, value: Any) -> str | None:
        if field.kind != "ref" or value is None:
            return None
        target = REGISTRY[field.ref]
        if scope.scoped and not target.scoped:
            return None
        return url_for("consortium.detail", kind=target.key, slug=slug, record_id=value)

    return link


def _by_id(_field: Field, record_id: Any) -> str:
    return str(record_id)


def initial(
    record_type: RecordType, scope: Scope, record: Any, args: Mapping[str, str]
) -> dict[str, Any]:
    """The text a form starts with: the record's values, or those given in the address."""
    raw: dict[str, Any] = {}
    for field in record_type.form_fields(scope.scoped):
        if record is not None:
            text = to_text(field, getattr(record, field.name), _by_id)
        else:
            default = "" if field.default is None else field.default
            text = args.get(field.name, to_text(field, default, _by_id) if default != "" else "")
        raw[field.name] = text
    return raw


def form_text(record_type: RecordType, scope: Scope, form: Any) -> dict[str, str]:
    """A submitted form as the text :func:`~.fields.parse` reads (checkboxes included)."""
    text: dict[str, str] = {}
    for field in record_type.form_fields(scope.scoped):
        if field.kind == "multi":
            text[field.name] = SEPARATOR.join(form.getlist(field.name))
        elif field.kind == "bool":
            text[field.name] = "yes" if form.get(field.name) else "no"
        else:
            text[field.name] = form.get(field.name, "")
    return text


def checked(raw: Any, field: Field) -> set[str]:
    """The codes of a multi-choice field or the state of a checkbox, for the form."""
    if hasattr(raw, "getlist"):
        values = raw.getlist(field.name)
        return set(values) if field.kind == "multi" else ({"yes"} if values else set())
    text = str(raw.get(field.name, ""))
    if field.kind == "multi":
        return set(text.split(SEPARATOR))
    return {"yes"} if text.lower() in {"yes", "true", "1", "jā"} else set()


def _parent_url(record_type: RecordType, scope: Scope, record: Any) -> str | None:
    parent = record_type.parent
    if not parent or getattr(record, parent, None) is None:
        return None
    owner = REGISTRY[record_type.field(parent).ref]
    if scope.scoped and not owner.scoped:
        return None
    slug = scope.institution.slug if scope.institution is not None else None
    return url_for(
        "consortium.detail", kind=owner.key, slug=slug, record_id=getattr(record, parent)
    )


def after_save(record_type: RecordType, scope: Scope, record: Any) -> str:
    """A sub-record returns to its parent's page (an event's participant to the event)."""
    slug = scope.institution.slug if scope.institution is not None else None
    if record_type.parent and record_type.parent != "institution_id":
        url = _parent_url(record_type, scope, record)
        if url:
            return url
    return url_for("consortium.detail", kind=record_type.key, slug=slug, record_id=record.id)


def after_delete(record_type: RecordType, scope: Scope, record: Any) -> str:
    slug = scope.institution.slug if scope.institution is not None else None
    if record_type.parent and record_type.parent != "institution_id":
        url = _parent_url(record_type, scope, record)
        if url:
            return url
    return url_for("consortium.list_view", kind=record_type.key, slug=slug)


def counts(session: Session) -> dict[str, int]:
    return {
        key: session.scalar(select(func.count()).select_from(rt.model)) or 0
        for key, rt in REGISTRY.items()
    }


def ref_keys(record_type: RecordType, scope: Scope) -> dict[str, str]:
    """For each reference column of a file: the column of the referenced type it holds."""
    keys = {}
    for field in record_type.csv_fields(scope.scoped):
        if field.kind == "ref":
            target = REGISTRY[field.ref]
            keys[field.name] = target.field(target.key_field or "id").csv_name
    return keys
