"""Harvest store (issue 5): connector configurations, runs and their failures, stored works
with identifiers and matched people, people as the CRIS knows them, duplicate links.

Revision ID: fa37a97caff6
Revises: a6b2cf136baf
Create Date: 2026-11-28 17:45:24.259299
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import orcid_hub.crypto
import orcid_hub.db

revision: str = "fa37a97caff6"
down_revision: str | None = "a6b2cf136baf"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "connector_config",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("institution_id", sa.Integer(), nullable=False),
        sa.Column("connector", sa.String(length=60), nullable=False),
        sa.Column("label", sa.String(length=200), nullable=False),
        sa.Column("settings", sa.JSON(), nullable=False),
        sa.Column("secrets", orcid_hub.crypto.EncryptedString(), nullable=True),
        sa.Column("enabled", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.Column("schedule_minutes", sa.Integer(), nullable=True),
        sa.Column("checkpoint", sa.JSON(), nullable=True),
        sa.Column("locked_until", orcid_hub.db.AwareDateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at",
            orcid_hub.db.AwareDateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institution.id"],
            name=op.f("fk_connector_config_institution_id_institution"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_connector_config")),
        sa.UniqueConstraint(
            "institution_id", "label", name=op.f("uq_connector_config_institution_id_label")
        ),
    )
    with op.batch_alter_table("connector_config", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_connector_config_institution_id"), ["institution_id"], unique=False
        )

    op.create_table(
        "harvest_run",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("config_id", sa.Integer(), nullable=False),
        sa.Column("trigger", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("started_at", orcid_hub.db.AwareDateTime(timezone=True), nullable=False),
        sa.Column("finished_at", orcid_hub.db.AwareDateTime(timezone=True), nullable=True),
        sa.Column("resumed", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("pages", sa.Integer(), server_default="0", nullable=False),
        sa.Column("added", sa.Integer(), server_default="0", nullable=False),
        sa.Column("changed", sa.Integer(), server_default="0", nullable=False),
        sa.Column("unchanged", sa.Integer(), server_default="0", nullable=False),
        sa.Column("deleted", sa.Integer(), server_default="0", nullable=False),
        sa.Column("failed", sa.Integer(), server_default="0", nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["config_id"],
            ["connector_config.id"],
            name=op.f("fk_harvest_run_config_id_connector_config"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_harvest_run")),
    )
    with op.batch_alter_table("harvest_run", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_harvest_run_config_id"), ["config_id"], unique=False)

    op.create_table(
        "stored_work",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("institution_id", sa.Integer(), nullable=False),
        sa.Column("config_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("local_id", sa.String(length=300), nullable=False),
        sa.Column("oai_identifier", sa.String(length=500), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("title_key", sa.String(length=200), nullable=True),
        sa.Column("orcid_type", sa.String(length=60), nullable=True),
        sa.Column("coar_type", sa.String(length=200), nullable=True),
        sa.Column("publication_date", sa.String(length=10), nullable=True),
        sa.Column("publication_year", sa.Integer(), nullable=True),
        sa.Column("container_title", sa.Text(), nullable=True),
        sa.Column("language", sa.String(length=20), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("doi", sa.String(length=300), nullable=True),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("first_seen", orcid_hub.db.AwareDateTime(timezone=True), nullable=False),
        sa.Column("last_seen", orcid_hub.db.AwareDateTime(timezone=True), nullable=False),
        sa.Column("last_modified", orcid_hub.db.AwareDateTime(timezone=True), nullable=False),
        sa.Column("source_modified", orcid_hub.db.AwareDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["config_id"],
            ["connector_config.id"],
            name=op.f("fk_stored_work_config_id_connector_config"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institution.id"],
            name=op.f("fk_stored_work_institution_id_institution"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stored_work")),
        sa.UniqueConstraint(
            "config_id", "local_id", name=op.f("uq_stored_work_config_id_local_id")
        ),
    )
    with op.batch_alter_table("stored_work", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stored_work_doi"), ["doi"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_stored_work_institution_id"), ["institution_id"], unique=False
        )
        batch_op.create_index(
            "ix_stored_work_institution_modified", ["institution_id", "last_modified"], unique=False
        )
        batch_op.create_index(
            "ix_stored_work_institution_title_key", ["institution_id", "title_key"], unique=False
        )

    op.create_table(
        "duplicate_link",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("institution_id", sa.Integer(), nullable=False),
        sa.Column("work_id", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("confirmed", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("rejected", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("decided_by_id", sa.Integer(), nullable=True),
        sa.Column(
            "created_at",
            orcid_hub.db.AwareDateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["decided_by_id"],
            ["person.id"],
            name=op.f("fk_duplicate_link_decided_by_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institution.id"],
            name=op.f("fk_duplicate_link_institution_id_institution"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["other_id"],
            ["stored_work.id"],
            name=op.f("fk_duplicate_link_other_id_stored_work"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["work_id"],
            ["stored_work.id"],
            name=op.f("fk_duplicate_link_work_id_stored_work"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_duplicate_link")),
        sa.UniqueConstraint("work_id", "other_id", name=op.f("uq_duplicate_link_work_id_other_id")),
    )
    with op.batch_alter_table("duplicate_link", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_duplicate_link_institution_id"), ["institution_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_duplicate_link_other_id"), ["other_id"], unique=False)

    op.create_table(
        "harvest_failure",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(length=300), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column(
            "created_at",
            orcid_hub.db.AwareDateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["harvest_run.id"],
            name=op.f("fk_harvest_failure_run_id_harvest_run"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_harvest_failure")),
    )
    with op.batch_alter_table("harvest_failure", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_harvest_failure_run_id"), ["run_id"], unique=False)

    op.create_table(
        "stored_person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("config_id", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.String(length=300), nullable=False),
        sa.Column("orcid", sa.String(length=19), nullable=True),
        sa.Column("name", sa.String(length=300), nullable=True),
        sa.Column("record", sa.JSON(), nullable=False),
        sa.Column("last_seen", orcid_hub.db.AwareDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["config_id"],
            ["connector_config.id"],
            name=op.f("fk_stored_person_config_id_connector_config"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stored_person")),
        sa.UniqueConstraint(
            "config_id", "local_id", name=op.f("uq_stored_person_config_id_local_id")
        ),
    )
    with op.batch_alter_table("stored_person", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stored_person_orcid"), ["orcid"], unique=False)

    op.create_table(
        "stored_work_identifier",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("work_id", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("value", sa.String(length=300), nullable=False),
        sa.Column("relation", sa.String(length=20), nullable=False),
        sa.ForeignKeyConstraint(
            ["work_id"],
            ["stored_work.id"],
            name=op.f("fk_stored_work_identifier_work_id_stored_work"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stored_work_identifier")),
        sa.UniqueConstraint(
            "work_id",
            "type",
            "value",
            "relation",
            name=op.f("uq_stored_work_identifier_work_id_type_value_relation"),
        ),
    )
    with op.batch_alter_table("stored_work_identifier", schema=None) as batch_op:
        batch_op.create_index(
            "ix_stored_work_identifier_type_value", ["type", "value"], unique=False
        )

    op.create_table(
        "stored_work_person",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("work_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("matched_by", sa.String(length=20), nullable=False),
        sa.Column("contributor_name", sa.String(length=300), nullable=True),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["person.id"],
            name=op.f("fk_stored_work_person_person_id_person"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["work_id"],
            ["stored_work.id"],
            name=op.f("fk_stored_work_person_work_id_stored_work"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stored_work_person")),
        sa.UniqueConstraint(
            "work_id", "person_id", name=op.f("uq_stored_work_person_work_id_person_id")
        ),
    )
    with op.batch_alter_table("stored_work_person", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_stored_work_person_person_id"), ["person_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("stored_person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stored_person_orcid"))

    op.drop_table("stored_person")
    with op.batch_alter_table("stored_work_person", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stored_work_person_person_id"))

    op.drop_table("stored_work_person")
    with op.batch_alter_table("stored_work_identifier", schema=None) as batch_op:
        batch_op.drop_index("ix_stored_work_identifier_type_value")

    op.drop_table("stored_work_identifier")
    with op.batch_alter_table("harvest_failure", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_harvest_failure_run_id"))

    op.drop_table("harvest_failure")
    with op.batch_alter_table("duplicate_link", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_duplicate_link_other_id"))
        batch_op.drop_index(batch_op.f("ix_duplicate_link_institution_id"))

    op.drop_table("duplicate_link")
    with op.batch_alter_table("stored_work", schema=None) as batch_op:
        batch_op.drop_index("ix_stored_work_institution_title_key")
        batch_op.drop_index("ix_stored_work_institution_modified")
        batch_op.drop_index(batch_op.f("ix_stored_work_institution_id"))
        batch_op.drop_index(batch_op.f("ix_stored_work_doi"))

    op.drop_table("stored_work")
    with op.batch_alter_table("harvest_run", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_harvest_run_config_id"))

    op.drop_table("harvest_run")
    with op.batch_alter_table("connector_config", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_connector_config_institution_id"))

    op.drop_table("connector_config")
