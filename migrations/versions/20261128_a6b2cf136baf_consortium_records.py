"""Consortium records (issue 6).

Memberships, contacts, working group, events and their outcomes, trainings,
integrations, networks, service basket, development plan, ecosystem map; register
number, type, website, parent and active flag of institutions.

Revision ID: a6b2cf136baf
Revises: 5b2d9e0c41aa
Create Date: 2026-11-28 17:29:04.611199
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import orcid_hub.db

revision: str = "a6b2cf136baf"
down_revision: str | None = "5b2d9e0c41aa"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "basket_service",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("recipient_groups", sa.String(length=200), nullable=False),
        sa.Column(
            "created_at",
            orcid_hub.db.AwareDateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_basket_service")),
        sa.UniqueConstraint("name", name=op.f("uq_basket_service_name")),
    )
    op.create_table(
        "consortium_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=60), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=True),
        sa.Column("online", sa.Boolean(), nullable=False),
        sa.Column("organiser", sa.String(length=200), nullable=True),
        sa.Column("deliverables", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("agenda", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            orcid_hub.db.AwareDateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consortium_event")),
        sa.UniqueConstraint("ref", name=op.f("uq_consortium_event_ref")),
    )
    with op.batch_alter_table("consortium_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consortium_event_starts_on"), ["starts_on"], unique=False
        )

    op.create_table(
        "network_membership",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("network", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("representative", sa.String(length=200), nullable=True),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            orcid_hub.db.AwareDateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_network_membership")),
    )
    op.create_table(
        "plan_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("objective", sa.String(length=300), nullable=False),
        sa.Column("activity", sa.String(length=300), nullable=False),
        sa.Column("years", sa.String(length=40), nullable=False),
        sa.Column("responsible", sa.String(length=200), nullable=True),
        sa.Column("milestone", sa.String(length=300), nullable=True),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            orcid_hub.db.AwareDateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_item")),
    )
    with op.batch_alter_table("plan_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_item_revision"), ["revision"], unique=False)

    op.create_table(
        "basket_service_funding",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("amount_eur", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column(
            "created_at",
            orcid_hub.db.AwareDateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["service_id"],
            ["basket_service.id"],
            name=op.f("fk_basket_service_funding_service_id_basket_service"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_basket_service_funding")),
        sa.UniqueConstraint(
            "service_id",
            "year",
            "source",
            name=op.f("uq_basket_service_funding_service_id_year_source"),
        ),
    )
    with op.batch_alter_table("basket_service_funding", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_basket_service_funding_service_id"), ["service_id"], unique=False
        )

    op.create_table(
        "consortium_contact",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("institution_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("position", sa.String(length=200), nullable=True),
        sa.Column("orcid", sa.String(length=19), nullable=True),
        sa.Column("orcid_roles", sa.String(length=200), nullable=False),
        sa.Column("local_roles", sa.String(length=200), nullable=False),
        sa.Column(
            "created_at",
            orcid_hub.db.AwareDateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institution.id"],
            name=op.f("fk_consortium_contact_institution_id_institution"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consortium_contact")),
        sa.UniqueConstraint("email", name=op.f("uq_consortium_contact_email")),
    )
    with op.batch_alter_table("consortium_contact", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consortium_contact_institution_id"), ["institution_id"], unique=False
        )

    op.create_table(
        "consortium_membership",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("institution_id", sa.Integer(), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("tier", sa.String(length=30), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("portal_id", sa.String(length=100), nullable=True),
        sa.Column("integration_plans", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            orcid_hub.db.AwareDateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institution.id"],
            name=op.f("fk_consortium_membership_institution_id_institution"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consortium_membership")),
    )
    with op.batch_alter_table("consortium_membership", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consortium_membership_institution_id"), ["institution_id"], unique=False
        )

    op.create_table(
        "digital_service",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("institution_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("category", sa.String(length=30), nullable=False),
        sa.Column("url", sa.String(length=500), nullable=True),
        sa.Column("eosc_relevance", sa.String(length=30), nullable=False),
        sa.Column("ds4skills_relevance", sa.String(length=30), nullable=False),
        sa.Column("compliance", sa.String(length=200), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            orcid_hub.db.AwareDateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institution.id"],
            name=op.f("fk_digital_service_institution_id_institution"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_digital_service")),
    )
    with op.batch_alter_table("digital_service", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_digital_service_institution_id"), ["institution_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_digital_service_year"), ["year"], unique=False)

    op.create_table(
        "ecosystem_need",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("institution_id", sa.Integer(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("priority", sa.String(length=30), nullable=False),
        sa.Column("source", sa.String(length=30), nullable=False),
        sa.Column(
            "created_at",
            orcid_hub.db.AwareDateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institution.id"],
            name=op.f("fk_ecosystem_need_institution_id_institution"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ecosystem_need")),
    )
    with op.batch_alter_table("ecosystem_need", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_ecosystem_need_institution_id"), ["institution_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_ecosystem_need_year"), ["year"], unique=False)

    op.create_table(
        "event_material",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("direction", sa.String(length=30), nullable=False),
        sa.Column("dated_on", sa.Date(), nullable=True),
        sa.Column("recipients", sa.Text(), nullable=True),
        sa.Column("url", sa.String(length=500), nullable=True),
        sa.Column(
            "created_at",
            orcid_hub.db.AwareDateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["consortium_event.id"],
            name=op.f("fk_event_material_event_id_consortium_event"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_material")),
    )
    with op.batch_alter_table("event_material", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_material_event_id"), ["event_id"], unique=False)

    op.create_table(
        "event_minutes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=200), nullable=True),
        sa.Column("approved_on", sa.Date(), nullable=True),
        sa.Column(
            "created_at",
            orcid_hub.db.AwareDateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["consortium_event.id"],
            name=op.f("fk_event_minutes_event_id_consortium_event"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_minutes")),
        sa.UniqueConstraint("event_id", "version", name=op.f("uq_event_minutes_event_id_version")),
    )
    with op.batch_alter_table("event_minutes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_minutes_event_id"), ["event_id"], unique=False)

    op.create_table(
        "event_outcome",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("owner", sa.String(length=200), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column(
            "created_at",
            orcid_hub.db.AwareDateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["consortium_event.id"],
            name=op.f("fk_event_outcome_event_id_consortium_event"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_outcome")),
    )
    with op.batch_alter_table("event_outcome", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_outcome_event_id"), ["event_id"], unique=False)

    op.create_table(
        "event_position",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(length=300), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("presented_by", sa.String(length=200), nullable=True),
        sa.Column("agreed_with", sa.String(length=200), nullable=True),
        sa.Column("document_url", sa.String(length=500), nullable=True),
        sa.Column(
            "created_at",
            orcid_hub.db.AwareDateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["consortium_event.id"],
            name=op.f("fk_event_position_event_id_consortium_event"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_position")),
    )
    with op.batch_alter_table("event_position", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_position_event_id"), ["event_id"], unique=False)

    op.create_table(
        "integration",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("institution_id", sa.Integer(), nullable=False),
        sa.Column("system_kind", sa.String(length=30), nullable=False),
        sa.Column("product", sa.String(length=200), nullable=False),
        sa.Column("vendor", sa.String(length=200), nullable=True),
        sa.Column("client_id", sa.String(length=40), nullable=True),
        sa.Column("workflows", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("go_live", sa.Date(), nullable=True),
        sa.Column("connector_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            orcid_hub.db.AwareDateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institution.id"],
            name=op.f("fk_integration_institution_id_institution"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_integration")),
    )
    with op.batch_alter_table("integration", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_integration_institution_id"), ["institution_id"], unique=False
        )

    op.create_table(
        "policy_proposal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=True),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("made_on", sa.Date(), nullable=False),
        sa.Column("addressee", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column(
            "created_at",
            orcid_hub.db.AwareDateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["consortium_event.id"],
            name=op.f("fk_policy_proposal_event_id_consortium_event"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_policy_proposal")),
    )
    with op.batch_alter_table("policy_proposal", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_policy_proposal_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_policy_proposal_made_on"), ["made_on"], unique=False)

    op.create_table(
        "training",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("topic", sa.String(length=300), nullable=False),
        sa.Column("audience", sa.String(length=300), nullable=False),
        sa.Column("materials", sa.Text(), nullable=True),
        sa.Column("feedback_score", sa.Float(), nullable=True),
        sa.Column(
            "created_at",
            orcid_hub.db.AwareDateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["consortium_event.id"],
            name=op.f("fk_training_event_id_consortium_event"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_training")),
        sa.UniqueConstraint("event_id", name=op.f("uq_training_event_id")),
    )
    op.create_table(
        "event_participant",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("institution_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=30), nullable=False),
        sa.Column("attended", sa.Boolean(), nullable=False),
        sa.Column("headcount", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            orcid_hub.db.AwareDateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["consortium_contact.id"],
            name=op.f("fk_event_participant_contact_id_consortium_contact"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["consortium_event.id"],
            name=op.f("fk_event_participant_event_id_consortium_event"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institution.id"],
            name=op.f("fk_event_participant_institution_id_institution"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_participant")),
    )
    with op.batch_alter_table("event_participant", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_event_participant_event_id"), ["event_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_event_participant_institution_id"), ["institution_id"], unique=False
        )

    op.create_table(
        "working_group_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("institution_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=30), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("until", sa.Date(), nullable=True),
        sa.Column("appointment", sa.String(length=200), nullable=True),
        sa.Column(
            "created_at",
            orcid_hub.db.AwareDateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.ForeignKeyConstraint(
            ["contact_id"],
            ["consortium_contact.id"],
            name=op.f("fk_working_group_member_contact_id_consortium_contact"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["institution_id"],
            ["institution.id"],
            name=op.f("fk_working_group_member_institution_id_institution"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_working_group_member")),
    )
    with op.batch_alter_table("working_group_member", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_working_group_member_contact_id"), ["contact_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_working_group_member_institution_id"), ["institution_id"], unique=False
        )

    with op.batch_alter_table("institution", schema=None) as batch_op:
        batch_op.add_column(sa.Column("register_no", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("kind", sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column("website", sa.String(length=500), nullable=True))
        batch_op.add_column(sa.Column("parent_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("active", sa.Boolean(), server_default=sa.true(), nullable=False)
        )
        batch_op.create_index(batch_op.f("ix_institution_parent_id"), ["parent_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_institution_parent_id_institution"),
            "institution",
            ["parent_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("institution", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_institution_parent_id_institution"), type_="foreignkey"
        )
        batch_op.drop_index(batch_op.f("ix_institution_parent_id"))
        batch_op.drop_column("active")
        batch_op.drop_column("parent_id")
        batch_op.drop_column("website")
        batch_op.drop_column("kind")
        batch_op.drop_column("register_no")

    with op.batch_alter_table("working_group_member", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_working_group_member_institution_id"))
        batch_op.drop_index(batch_op.f("ix_working_group_member_contact_id"))

    op.drop_table("working_group_member")
    with op.batch_alter_table("event_participant", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_participant_institution_id"))
        batch_op.drop_index(batch_op.f("ix_event_participant_event_id"))

    op.drop_table("event_participant")
    op.drop_table("training")
    with op.batch_alter_table("policy_proposal", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_policy_proposal_made_on"))
        batch_op.drop_index(batch_op.f("ix_policy_proposal_event_id"))

    op.drop_table("policy_proposal")
    with op.batch_alter_table("integration", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_integration_institution_id"))

    op.drop_table("integration")
    with op.batch_alter_table("event_position", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_position_event_id"))

    op.drop_table("event_position")
    with op.batch_alter_table("event_outcome", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_outcome_event_id"))

    op.drop_table("event_outcome")
    with op.batch_alter_table("event_minutes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_minutes_event_id"))

    op.drop_table("event_minutes")
    with op.batch_alter_table("event_material", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_material_event_id"))

    op.drop_table("event_material")
    with op.batch_alter_table("ecosystem_need", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ecosystem_need_year"))
        batch_op.drop_index(batch_op.f("ix_ecosystem_need_institution_id"))

    op.drop_table("ecosystem_need")
    with op.batch_alter_table("digital_service", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_digital_service_year"))
        batch_op.drop_index(batch_op.f("ix_digital_service_institution_id"))

    op.drop_table("digital_service")
    with op.batch_alter_table("consortium_membership", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consortium_membership_institution_id"))

    op.drop_table("consortium_membership")
    with op.batch_alter_table("consortium_contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consortium_contact_institution_id"))

    op.drop_table("consortium_contact")
    with op.batch_alter_table("basket_service_funding", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_basket_service_funding_service_id"))

    op.drop_table("basket_service_funding")
    with op.batch_alter_table("plan_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_item_revision"))

    op.drop_table("plan_item")
    op.drop_table("network_membership")
    with op.batch_alter_table("consortium_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consortium_event_starts_on"))

    op.drop_table("consortium_event")
    op.drop_table("basket_service")
