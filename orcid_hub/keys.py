"""Key rotation: every encrypted column of every table, re-encrypted under the first key."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import Text, select, type_coerce, update

from orcid_hub import crypto, db
from orcid_hub.models import Base


def encrypted_columns() -> list[tuple[str, str]]:
    return [
        (table.name, column.name)
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, crypto.EncryptedString)
    ]


def rotate_all(app: Flask) -> dict[str, int]:
    """Rotate in one transaction: either every secret moves to the new key or none does."""
    keyring = crypto.active_keyring()
    counts: dict[str, int] = {}
    with db.transaction(app) as session:
        for table_name, column_name in encrypted_columns():
            table = Base.metadata.tables[table_name]
            raw = type_coerce(table.c[column_name], Text)
            pk = next(iter(table.primary_key.columns))
            rows = session.execute(select(pk, raw).where(table.c[column_name].is_not(None)))
            count = 0
            for row_id, ciphertext in rows.all():
                session.execute(
                    update(table)
                    .where(pk == row_id)
                    .values({column_name: type_coerce(keyring.rotate(ciphertext), Text)})
                )
                count += 1
            counts[f"{table_name}.{column_name}"] = count
    return counts
