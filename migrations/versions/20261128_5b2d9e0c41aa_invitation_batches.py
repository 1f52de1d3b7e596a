"""Invitation batches: an uploaded spreadsheet kept between preview and confirmation.

Revision ID: 5b2d9e0c41aa
Revises: 17f62c1c1b9e
Create Date: 2026-11-28 17:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import orcid_hub.db

revision: str = "5b2d9e0c41aa"
down_revision: str | None = "17f62c1c1b9e"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "invitation_batch",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("institution_id", sa.Integer(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("filename", sa.String(length=300), nullable=False),
        sa.Column("rows", sa.JSON(), nullable=False),
        sa.Column(
            "created_at",
            orcid_hub.db.AwareDateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("confirmed_at", orcid_hub.db.AwareDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"],
            ["person.id"],
            name=op.f("fk_invitation_batch_created_by_id_person"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institution.id"],
            name=op.f("fk_invitation_batch_institution_id_institution"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitation_batch")),
    )
    with op.batch_alter_table("invitation_batch", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_invitation_batch_institution_id"), ["institution_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("invitation_batch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invitation_batch_institution_id"))
    op.drop_table("invitation_batch")
