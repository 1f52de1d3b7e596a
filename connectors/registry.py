"""Discovery of connectors through the ``orcid_hub.connectors`` entry-point group.

Built-in connectors are registered in this project's ``pyproject.toml`` the
same way a third-party package registers its own, so the hub has one code
path for both. A connector that cannot be loaded raises
:class:`ConnectorLoadError` naming the entry point and the cause.
"""

from __future__ import annotations

from collections.abc import Mapping
from importlib.metadata import EntryPoint, entry_points
from typing import Any

from connectors.base import Connector
from connectors.errors import ConnectorError

__all__ = ["GROUP", "ConnectorLoadError", "available", "create", "load", "names"]

GROUP = "orcid_hub.connectors"


class ConnectorLoadError(ConnectorError):
    """An entry point exists but does not give a usable connector class."""


def _entry_points() -> dict[str, EntryPoint]:
    return {ep.name: ep for ep in entry_points(group=GROUP)}


def names() -> list[str]:
    """Registered connector keys, without importing them."""
    return sorted(_entry_points())


def _load(ep: EntryPoint) -> type[Connector]:
    where = f"connector entry point {ep.name!r} ({ep.value})"
    try:
        obj = ep.load()
    except Exception as exc:  # any import-time failure must name the entry point
        raise ConnectorLoadError(where, f"{type(exc).__name__}: {exc}") from exc
    if not (isinstance(obj, type) and issubclass(obj, Connector)):
        raise ConnectorLoadError(where, f"{obj!r} is not a Connector subclass")
    if getattr(obj, "key", None) != ep.name:
        raise ConnectorLoadError(
            where, f"the class declares key {getattr(obj, 'key', None)!r}, not {ep.name!r}"
        )
    return obj


def load(name: str) -> type[Connector]:
    """The connector class registered as ``name``."""
    ep = _entry_points().get(name)
    if ep is None:
        raise ConnectorLoadError(
            f"connector {name!r}", f"not registered; known: {', '.join(names()) or 'none'}"
        )
    return _load(ep)


def available() -> dict[str, type[Connector]]:
    """Load every registered connector; the first failure raises (start-up should stop)."""
    return {name: _load(ep) for name, ep in sorted(_entry_points().items())}


def create(name: str, config: Mapping[str, Any]) -> Connector:
    """Load ``name`` and construct it with ``config`` (validated against its settings)."""
    return load(name)(config)
