"""Yearly revisions of the development plan (deliverable 3.1.1).

A revision is a full set of plan rows for one year. Starting a new revision copies
the latest earlier one, so that the lead edits a copy and the earlier year's plan
stays as it was submitted.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from orcid_hub.consortium.models import PlanItem

COPIED = ("objective", "activity", "years", "responsible", "milestone", "status", "notes")


class RevisionExists(ValueError):
    """The year already has a revision of the plan."""


def start_revision(session: Session, year: int) -> int:
    """Copy the latest revision before ``year`` as revision ``year``; return rows copied."""
    if session.scalar(select(PlanItem.id).where(PlanItem.revision == year).limit(1)) is not None:
        raise RevisionExists(year)
    latest = session.scalar(select(func.max(PlanItem.revision)).where(PlanItem.revision < year))
    if latest is None:
        return 0
    rows = session.scalars(
        select(PlanItem).where(PlanItem.revision == latest).order_by(PlanItem.id)
    ).all()
    for row in rows:
        session.add(PlanItem(revision=year, **{name: getattr(row, name) for name in COPIED}))
    session.flush()
    return len(rows)
