from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from orcid_hub.accounts.models import Membership, Person
from orcid_hub.db import make_engine
from orcid_hub.demo.data import INSTITUTIONS, PEOPLE
from orcid_hub.institutions.models import Institution
from tests.conftest import TEST_KEY


def counts(url: str) -> tuple[int, int, int]:
    engine = make_engine(url)
    with Session(engine) as session:
        result = tuple(
            session.scalar(select(func.count()).select_from(model)) or 0
            for model in (Institution, Person, Membership)
        )
    engine.dispose()
    return result  # type: ignore[return-value]


def test_demo_seeds_an_empty_database_and_is_idempotent(
    run_cli: Any, scratch_database_url: str, tmp_path: Path
) -> None:
    env = {"ORCID_HUB_DATABASE__URL": scratch_database_url}
    first = run_cli("demo", "--seed-only", env=env)
    assert first.exit_code == 0, first.output
    assert "Wrote development settings to instance/config.toml" in first.output
    assert "Seeded: 5 institutions" in first.output
    assert "Ilze Bērziņa" in first.output
    assert "Harvested the demo CRIS spreadsheet" in first.output
    engine = make_engine(scratch_database_url)
    with engine.connect() as conn:
        works = conn.execute(text("SELECT count(*) FROM stored_work")).scalar_one()
    engine.dispose()
    assert works == 5
    assert (tmp_path / "instance" / "config.toml").stat().st_mode & 0o077 == 0
    seeded = counts(scratch_database_url)
    assert seeded[0] == len(INSTITUTIONS) and seeded[1] == len(PEOPLE)

    second = run_cli("demo", "--seed-only", env=env)
    assert second.exit_code == 0, second.output
    assert "already there; nothing added" in second.output
    assert "Harvested" not in second.output
    assert counts(scratch_database_url) == seeded


def test_commands_explain_themselves(run_cli: Any) -> None:
    result = run_cli("--help")
    for command in ("db", "serve", "demo", "create-admin", "rotate-key", "generate-key"):
        assert command in result.output
    assert "--seed-only" in run_cli("demo", "--help").output
    assert "orcid-hub, version" in run_cli("--version").output


def test_missing_configuration_is_explained(run_cli: Any) -> None:
    result = run_cli("db", "upgrade")
    assert result.exit_code != 0
    assert "missing required setting app.secret_key" in result.output


def test_create_admin_and_rotate_key(run_cli: Any, scratch_database_url: str) -> None:
    env = {
        "ORCID_HUB_DATABASE__URL": scratch_database_url,
        "ORCID_HUB_APP__SECRET_KEY": "s",
        "ORCID_HUB_SECURITY__ENCRYPTION_KEYS": TEST_KEY,
    }
    assert run_cli("db", "upgrade", env=env).exit_code == 0
    bad = run_cli("create-admin", "--orcid", "0000-0002-1825-0098", "--name", "X", env=env)
    assert bad.exit_code != 0 and "wrong check digit" in bad.output
    ok = run_cli(
        "create-admin",
        "--orcid",
        "https://orcid.org/0000-0002-1825-0097",
        "--name",
        "Ilze",
        env=env,
    )
    assert ok.exit_code == 0, ok.output
    engine = make_engine(scratch_database_url)
    with engine.connect() as conn:
        lead = conn.execute(text("SELECT orcid, is_consortium_lead FROM person")).one()
        audit = conn.execute(text("SELECT actor_label FROM audit_entry")).scalars().all()
    engine.dispose()
    assert lead[0] == "0000-0002-1825-0097" and lead[1]
    assert "cli" in audit
    rotated = run_cli("rotate-key", env=env)
    assert rotated.exit_code == 0 and "Re-encrypted" in rotated.output
