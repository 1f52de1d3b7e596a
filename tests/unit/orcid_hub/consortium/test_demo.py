from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from orcid_hub.consortium import demo
from orcid_hub.consortium.event_models import Event, Training
from orcid_hub.demo.seed import SeedSummary
from orcid_hub.demo.seed import seed as seed_all


def test_demo_seeds_a_year_once(db_session: Session) -> None:
    first = seed_all(db_session)
    assert first.created["events"] >= 10 and first.created["integrations"] == 5
    years = {e.starts_on.year for e in db_session.scalars(select(Event))}
    assert years == {2025, 2026}
    assert db_session.scalar(select(func.count()).select_from(Training)) == 3
    again = SeedSummary()
    demo.seed(db_session, again)
    assert again.created == {}
