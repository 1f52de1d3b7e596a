from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from orcid_hub import migrate
from orcid_hub.db import make_engine
from orcid_hub.models import Base


def test_upgrade_downgrade_upgrade(scratch_database_url: str) -> None:
    engine = make_engine(scratch_database_url)
    migrate.upgrade(scratch_database_url)
    assert {"institution", "person", "orcid_token", "audit_entry"} <= set(
        inspect(engine).get_table_names()
    )
    migrate.downgrade(scratch_database_url, "base")
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(scratch_database_url)
    assert "membership" in inspect(engine).get_table_names()
    engine.dispose()


def test_models_match_the_migrations(migrated_database: str) -> None:
    engine = make_engine(migrated_database)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert diff == [], f"models and migrations differ; write a migration for: {diff}"
