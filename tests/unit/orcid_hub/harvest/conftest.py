"""A configured connector and a run to store pages into, without any HTTP."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy.orm import Session

from orcid_hub.harvest.models import ConnectorConfig, HarvestRun
from orcid_hub.institutions.models import Institution
from tests import factories


@dataclass
class Source:
    institution: Institution
    config: ConnectorConfig
    run: HarvestRun


def make_source(session: Session, institution: Institution, label: str) -> Source:
    config = ConnectorConfig(
        institution_id=institution.id, connector="oai-pmh", label=label, settings={}
    )
    session.add(config)
    session.flush()
    run = HarvestRun(config_id=config.id, trigger="test")
    session.add(run)
    session.flush()
    return Source(institution, config, run)


@pytest.fixture
def lu(db_session: Session) -> Institution:
    return factories.institution(db_session)


@pytest.fixture
def cris(db_session: Session, lu: Institution) -> Source:
    return make_source(db_session, lu, "CRIS")


@pytest.fixture
def repo(db_session: Session, lu: Institution) -> Source:
    return make_source(db_session, lu, "Repository")
