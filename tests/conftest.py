"""Shared fixtures: a test database built by the migrations, an app, a rolled-back session.

The database is SQLite in a temporary folder unless ORCID_HUB_TEST_DATABASE_URL names
another (CI runs the suite once more on PostgreSQL that way).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from orcid_hub import create_app, crypto, db, migrate
from orcid_hub.config import Settings

pytest_plugins = ["tests.sandbox_server"]

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FIXTURES = SHARED / "fixtures"

TEST_KEY = "hYh4I4hdgWVFtOKUGYNAfV1dqUkaDkS08jmcxGEzHK0="
OTHER_KEY = "qS0mDyc5Y3WfVsbEF-vuR7fgb0hjLgvQJ4eL5Pz6zNo="


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    if not FIXTURES.is_dir():
        pytest.skip(f"shared fixtures not found at {FIXTURES} (they live beside the checkout)")
    return FIXTURES


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = os.environ.get("ORCID_HUB_TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def migrated_database(database_url: str) -> str:
    migrate.upgrade(database_url)
    return database_url


def make_settings(database_url: str, instance: Path, **sections: dict[str, Any]) -> Settings:
    data: dict[str, Any] = {
        "app": {"secret_key": "test-secret", "instance_path": str(instance)},
        "security": {"encryption_keys": [TEST_KEY]},
        "database": {"url": database_url},
    }
    for name, values in sections.items():
        data[name] = {**data.get(name, {}), **values}
    return Settings.from_mapping(data)


HUB_CLIENT = "APP-TESTCLIENT000002"  # the hub's own sign-in client in the sandbox seed


def sandbox_orcid_settings(base_url: str) -> dict[str, Any]:
    """Point every ORCID endpoint at a running local sandbox."""
    return {
        "environment": "local",
        "authorize_url": f"{base_url}/oauth/authorize",
        "token_url": f"{base_url}/oauth/token",
        "revoke_url": f"{base_url}/oauth/revoke",
        "member_api_base": f"{base_url}/v3.0",
        "public_api_base": f"{base_url}/pub/v3.0",
        "client_id": HUB_CLIENT,
        "client_secret": "test-secret-2",
        "max_retries": 2,
    }


@pytest.fixture(scope="session")
def settings(
    migrated_database: str, tmp_path_factory: pytest.TempPathFactory, orcid_sandbox: Any
) -> Settings:
    return make_settings(
        migrated_database,
        tmp_path_factory.mktemp("instance"),
        app={"base_url": "http://localhost"},
        orcid=sandbox_orcid_settings(orcid_sandbox.base_url),
    )


@pytest.fixture(scope="session")
def app(settings: Settings) -> Iterator[Flask]:
    app = create_app(settings)
    app.config.update(TESTING=True)
    yield app
    db.database(app).engine.dispose()


@pytest.fixture
def engine(app: Flask) -> Engine:
    return db.database(app).engine


@pytest.fixture
def db_session(app: Flask) -> Iterator[Session]:
    """A session whose every commit is a savepoint inside one rolled-back transaction."""
    crypto.configure(app.config["SETTINGS"].security.encryption_keys)
    database = db.database(app)
    connection = database.engine.connect()
    outer = connection.begin()
    database.bind_to(connection, join_transaction_mode="create_savepoint")
    # No app context stays pushed: each request of the test client gets its own, as
    # in production, and shares this connection through the session factory.
    session = database.sessionmaker()
    try:
        yield session
        session.close()
    finally:
        outer.rollback()
        connection.close()
        database.bind_to(database.engine, join_transaction_mode="conservative_savepoint")


@pytest.fixture
def client(app: Flask, db_session: Session) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def scratch_database_url(database_url: str, tmp_path: Path) -> Iterator[str]:
    """An empty database of the same kind as the test database, dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        yield f"sqlite:///{tmp_path / 'scratch.sqlite3'}"
        return
    name = f"{url.database}_scratch_{os.getpid()}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def run_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Run ``orcid-hub ARGS`` in-process in an empty working folder with a given environment."""
    from click.testing import CliRunner

    from orcid_hub.cli import cli

    monkeypatch.chdir(tmp_path)
    for name in list(os.environ):
        if name.startswith("ORCID_HUB_"):
            monkeypatch.delenv(name)

    def run(*args: str, env: dict[str, str] | None = None) -> Any:
        result = CliRunner().invoke(cli, list(args), env=env or {}, catch_exceptions=False)
        return result

    return run
