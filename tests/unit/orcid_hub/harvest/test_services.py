"""Connector configurations: settings from forms, secrets write-only and encrypted at rest."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.orm import Session

from orcid_hub.harvest import services
from orcid_hub.harvest.models import ConnectorConfig
from orcid_hub.institutions.models import Institution

API_KEY = "pure-key-5f0c2e9a-do-not-leak"
PURE = {"api_url": "https://pure.example.lv/ws/api", "api_key": API_KEY, "source": "lu-pure"}


def raw_rows(session: Session, table: str) -> str:
    session.flush()
    return repr(session.execute(text(f"SELECT * FROM {table}")).all())  # noqa: S608


def test_secrets_are_encrypted_at_rest_and_kept_out_of_the_audit_trail(
    db_session: Session, lu: Institution
) -> None:
    config = services.create_config(db_session, lu.id, "pure", "Pure", PURE)
    db_session.flush()
    assert API_KEY not in raw_rows(db_session, "connector_config")
    assert API_KEY not in raw_rows(db_session, "audit_entry")
    assert "api_key" not in config.settings and config.settings["source"] == "lu-pure"
    assert services.build(config).config["api_key"] == API_KEY
    assert API_KEY not in repr(services.build(config))


def test_a_blank_secret_keeps_the_stored_one(db_session: Session, lu: Institution) -> None:
    config = services.create_config(db_session, lu.id, "pure", "Pure", PURE)
    services.update_config(
        db_session, config, "Pure (LU)", {**PURE, "api_key": "", "page_size": "20"}
    )
    built = services.build(config)
    assert built.config["api_key"] == API_KEY and built.config["page_size"] == 20
    services.update_config(db_session, config, "Pure (LU)", {**PURE, "api_key": "new-key"})
    assert services.build(config).config["api_key"] == "new-key"


def test_problems_are_reported_by_field(db_session: Session, lu: Institution) -> None:
    with pytest.raises(services.InvalidSettings) as caught:
        services.create_config(
            db_session,
            lu.id,
            "oai-pmh",
            "CRIS",
            {"base_url": "ftp://x", "source": "", "timeout": "soon"},
            schedule_minutes="2",
        )
    assert set(caught.value.problems) == {"base_url", "source", "timeout"}
    with pytest.raises(services.InvalidSettings) as caught:
        services.create_config(db_session, lu.id, "nope", "X", {})
    assert "connector" in caught.value.problems
    good = {"base_url": "https://cris.example.lv/oai", "source": "lu"}
    with pytest.raises(services.InvalidSettings) as caught:
        services.create_config(db_session, lu.id, "oai-pmh", "CRIS", good, schedule_minutes="2")
    assert "schedule_minutes" in caught.value.problems
    services.create_config(db_session, lu.id, "oai-pmh", "CRIS", good, schedule_minutes="60")
    with pytest.raises(services.InvalidSettings) as caught:
        services.create_config(db_session, lu.id, "oai-pmh", "CRIS", good)
    assert "label" in caught.value.problems


def test_every_registered_connector_is_offered() -> None:
    types = services.connector_types()
    assert {"oai-pmh", "dspace", "pure", "spreadsheet", "push-json"} <= set(types)


def test_an_enabled_connector_that_cannot_load_stops_start_up(
    db_session: Session, lu: Institution
) -> None:
    services.check_enabled(db_session)  # nothing configured: fine
    ghost = ConnectorConfig(
        institution_id=lu.id, connector="ghost", label="Old CRIS", settings={}, enabled=False
    )
    db_session.add(ghost)
    db_session.flush()
    services.check_enabled(db_session)  # disabled: fine
    ghost.enabled = True
    db_session.flush()
    with pytest.raises(services.StartupError, match=r"'Old CRIS'.*ghost.*not registered"):
        services.check_enabled(db_session)
