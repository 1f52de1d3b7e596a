"""Push to CRIS (issue 5): which stored works each push connector has sent, or failed to.

Revision ID: c7e1d4a9b2f3
Revises: fa37a97caff6
Create Date: 2026-11-28 18:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import orcid_hub.db

revision: str = "c7e1d4a9b2f3"
down_revision: str | None = "fa37a97caff6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "cris_push",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("config_id", sa.Integer(), nullable=False),
        sa.Column("work_id", sa.Integer(), nullable=False),
        sa.Column("remote_id", sa.String(length=300), nullable=True),
        sa.Column("pushed_at", orcid_hub.db.AwareDateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("tried_at", orcid_hub.db.AwareDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["config_id"],
            ["connector_config.id"],
            name=op.f("fk_cris_push_config_id_connector_config"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["work_id"],
            ["stored_work.id"],
            name=op.f("fk_cris_push_work_id_stored_work"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cris_push")),
        sa.UniqueConstraint("config_id", "work_id", name=op.f("uq_cris_push_config_id_work_id")),
    )
    with op.batch_alter_table("cris_push", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cris_push_work_id"), ["work_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("cris_push", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cris_push_work_id"))
    op.drop_table("cris_push")
