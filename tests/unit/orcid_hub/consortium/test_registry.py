"""The registry describes every record type consistently with its model."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from orcid_hub.consortium import services
from orcid_hub.consortium.registry import REGISTRY, RecordType

TYPES = list(REGISTRY.values())
assert services.LEAD is not None and TYPES


@pytest.mark.parametrize("record_type", TYPES, ids=lambda rt: rt.key)
def test_fields_match_the_model(record_type: RecordType) -> None:
    columns = {c.key: c for c in inspect(record_type.model).column_attrs}
    names = [f.name for f in record_type.fields]
    assert len(names) == len(set(names))
    csv_names = [f.csv_name for f in record_type.fields]
    assert len(csv_names) == len(set(csv_names))
    for field in record_type.fields:
        assert field.name in columns, field.name
        column = columns[field.name].columns[0]
        if field.required:
            assert not column.nullable, field.name
        if field.kind in ("text", "email", "url") and hasattr(column.type, "length"):
            assert field.max_length <= (column.type.length or 10**6), field.name
        if field.kind == "ref":
            target = REGISTRY[field.ref]
            assert target.key_field, f"{field.ref} needs a key for CSV references"
    for name in record_type.list_columns:
        assert name in names
    assert getattr(record_type.model, "__audited__", False)
    for child in record_type.children:
        assert REGISTRY[child].parent


@pytest.mark.parametrize("record_type", TYPES, ids=lambda rt: rt.key)
def test_required_columns_without_defaults_are_in_the_form(record_type: RecordType) -> None:
    names = {f.name for f in record_type.fields}
    for attr in inspect(record_type.model).column_attrs:
        column = attr.columns[0]
        if column.nullable or column.primary_key or column.default or column.server_default:
            continue
        # Institutions carry other features' columns, which have defaults of their own.
        assert attr.key in names, f"{record_type.key}: {attr.key} cannot be filled in"
