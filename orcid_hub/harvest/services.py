"""Connector configurations: settings from forms, secrets kept apart and encrypted.

A connector declares its settings (:class:`connectors.Setting`). Secret ones
are stored together as one encrypted JSON object and never shown back: a
blank secret field in a form keeps the stored value.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Engine, create_engine, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from connectors import ConfigurationError, Connector, ConnectorError, SourceInfo, registry
from orcid_hub.harvest.models import ConnectorConfig, HarvestRun

log = logging.getLogger(__name__)

ORCID_SOURCE = "orcid"
"""Reserved: the connector name of the hub's built-in source of works read from ORCID."""


class InvalidSettings(ValueError):
    """The form's values do not make a usable configuration; ``problems`` by field."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in problems.items()))
        self.problems = dict(problems)


def connector_types() -> dict[str, type[Connector]]:
    """Registered connectors that load; one that does not is left out and logged."""
    found: dict[str, type[Connector]] = {}
    for name in registry.names():
        try:
            found[name] = registry.load(name)
        except ConnectorError as exc:
            log.error("%s", exc)
    return found


class StartupError(RuntimeError):
    """An enabled connector's package is missing or broken: the hub must not start."""


def check_enabled(session: Session) -> None:
    """Load the connector class of every enabled configuration, or say which one fails."""
    try:
        rows = session.execute(
            select(ConnectorConfig.id, ConnectorConfig.connector, ConnectorConfig.label).where(
                ConnectorConfig.enabled.is_(True)
            )
        ).all()
    except DBAPIError:
        session.rollback()
        return  # no schema yet (before `orcid-hub db upgrade`): nothing is enabled
    for config_id, name, label in rows:
        if name == ORCID_SOURCE:
            continue  # the hub's built-in ORCID source has no package to load
        try:
            registry.load(name)
        except ConnectorError as exc:
            raise StartupError(
                f"connector {config_id} ({label!r}) is enabled but cannot be loaded: {exc}. "
                "Install or fix the package that provides it, or disable the connector."
            ) from exc


def check_enabled_at_start(engine: Engine) -> None:
    """:func:`check_enabled` on a connection of its own, closed afterwards.

    The app's pool stays empty until the first request, as it would be without
    this check (a test or command that never disposes its engine leaks nothing).
    """
    if engine.dialect.name == "sqlite" and engine.url.database in (None, "", ":memory:"):
        return  # a fresh in-memory database has no connectors yet
    checker = create_engine(engine.url, poolclass=NullPool)
    try:
        with Session(checker) as session:
            check_enabled(session)
    finally:
        checker.dispose()


def stored_secrets(config: ConnectorConfig) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(config.secrets) if config.secrets else {}
    return loaded


def _settings(
    cls: type[Connector], form: Mapping[str, Any], config: ConnectorConfig | None
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Split validated settings into (shown, secret); blank secrets keep stored ones."""
    kept = stored_secrets(config) if config is not None else {}
    values: dict[str, Any] = {}
    for setting in cls.settings:
        value = form.get(setting.name)
        if setting.secret and (value is None or value == ""):
            value = kept.get(setting.name)
        values[setting.name] = value
    problems: dict[str, str] = {}
    for setting in cls.settings:
        try:
            setting.coerce(values[setting.name])
        except ConfigurationError as exc:
            problems[setting.name] = exc.why
    if problems:
        raise InvalidSettings(problems)
    clean = cls.validate(values)
    secret_names = {s.name for s in cls.settings if s.secret}
    shown = {k: v for k, v in clean.items() if k not in secret_names}
    hidden = {k: v for k, v in clean.items() if k in secret_names and v not in (None, "")}
    return shown, hidden


def _schedule(value: Any) -> int | None:
    if value in (None, ""):
        return None
    try:
        minutes = int(value)
    except (TypeError, ValueError):
        raise InvalidSettings({"schedule_minutes": "a whole number of minutes"}) from None
    if minutes < 5:
        raise InvalidSettings({"schedule_minutes": "at least 5 minutes, or empty"})
    return minutes


def create_config(
    session: Session,
    institution_id: int,
    connector: str,
    label: str,
    form: Mapping[str, Any],
    *,
    schedule_minutes: Any = None,
    enabled: bool = True,
) -> ConnectorConfig:
    types = connector_types()
    if connector not in types:
        raise InvalidSettings({"connector": f"unknown connector {connector!r}"})
    config = ConnectorConfig(institution_id=institution_id, connector=connector, settings={})
    update_config(session, config, label, form, schedule_minutes=schedule_minutes, enabled=enabled)
    session.add(config)
    return config


def update_config(
    session: Session,
    config: ConnectorConfig,
    label: str,
    form: Mapping[str, Any],
    *,
    schedule_minutes: Any = None,
    enabled: bool = True,
) -> None:
    label = label.strip()
    if not label or len(label) > 200:
        raise InvalidSettings({"label": "a name of 1 to 200 characters"})
    clash = session.scalar(
        select(ConnectorConfig.id).where(
            ConnectorConfig.institution_id == config.institution_id,
            ConnectorConfig.label == label,
        )
    )
    if clash is not None and clash != config.id:
        raise InvalidSettings({"label": "another connector has this name"})
    shown, hidden = _settings(connector_class(config), form, config)
    config.label = label
    config.settings = shown
    config.secrets = json.dumps(hidden, sort_keys=True) if hidden else None
    config.schedule_minutes = _schedule(schedule_minutes)
    config.enabled = enabled


def connector_class(config: ConnectorConfig) -> type[Connector]:
    return registry.load(config.connector)


def build(config: ConnectorConfig) -> Connector:
    """The configured connector, with its secrets decrypted for it alone."""
    return registry.create(config.connector, {**config.settings, **stored_secrets(config)})


def check_connection(config: ConnectorConfig) -> SourceInfo:
    """Identify the remote system; raises a ConnectorError saying what is wrong."""
    return build(config).identify()


def configs_of(session: Session, institution_id: int) -> list[ConnectorConfig]:
    query = select(ConnectorConfig).where(ConnectorConfig.institution_id == institution_id)
    return list(session.scalars(query.order_by(ConnectorConfig.label)))


def config_of(session: Session, institution_id: int, config_id: int) -> ConnectorConfig | None:
    """The configuration only if it belongs to ``institution_id``."""
    config = session.get(ConnectorConfig, config_id)
    return config if config is not None and config.institution_id == institution_id else None


def run_of(session: Session, institution_id: int, run_id: int) -> HarvestRun | None:
    run = session.get(HarvestRun, run_id)
    if run is None or run.config.institution_id != institution_id:
        return None
    return run
