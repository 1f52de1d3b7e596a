"""The connector interface: declared settings in, canonical records out.

A connector is constructed with a plain mapping of settings (secrets already
decrypted by the hub) and never touches the hub's database. The hub:

* builds forms from :attr:`Connector.settings`;
* calls :meth:`Connector.identify` as a health check;
* iterates :meth:`Connector.harvest`, storing every :class:`Work`,
  :class:`Person` and :class:`Tombstone`, and persisting each
  :class:`Checkpoint` (together with the records before it, in one
  transaction) so that a stopped harvest resumes where it left off;
* optionally asks for one person's works, or pushes works back.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, ClassVar

from connectors.errors import ConfigurationError, UnsupportedOperation
from connectors.records import Person, Tombstone, Work

__all__ = [
    "Checkpoint",
    "Connector",
    "HarvestItem",
    "PersonRef",
    "PushResult",
    "Setting",
    "SettingType",
    "SourceInfo",
]


class SettingType(StrEnum):
    STRING = "string"
    TEXT = "text"
    URL = "url"
    INTEGER = "integer"
    FLOAT = "float"
    BOOLEAN = "boolean"
    CHOICE = "choice"


@dataclass(frozen=True, slots=True)
class Setting:
    """One configuration field a connector needs, described for forms and the CLI."""

    name: str
    type: SettingType = SettingType.STRING
    required: bool = False
    secret: bool = False
    help: str = ""
    default: Any = None
    choices: tuple[str, ...] = ()

    def coerce(self, value: Any) -> Any:
        where = f"setting {self.name!r}"
        if value is None or value == "":
            if self.required:
                raise ConfigurationError(where, "is required")
            return self.default
        try:
            match self.type:
                case SettingType.INTEGER:
                    return int(value)
                case SettingType.FLOAT:
                    return float(value)
                case SettingType.BOOLEAN:
                    if isinstance(value, str):
                        return value.strip().lower() in {"1", "true", "yes", "on"}
                    return bool(value)
                case SettingType.URL:
                    text = str(value).strip()
                    if not text.startswith(("http://", "https://")):
                        raise ConfigurationError(where, f"{text!r} is not an http(s) URL")
                    return text
                case SettingType.CHOICE:
                    if str(value) not in self.choices:
                        raise ConfigurationError(where, f"must be one of {', '.join(self.choices)}")
                    return str(value)
                case _:
                    return str(value)
        except (TypeError, ValueError) as exc:
            raise ConfigurationError(where, f"{value!r} is not a valid {self.type}") from exc


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """What :meth:`Connector.identify` learnt about the remote system."""

    name: str
    base_url: str | None = None
    formats: tuple[str, ...] = ()
    granularity: str | None = None
    deleted_record: str | None = None
    earliest: datetime | None = None
    details: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Checkpoint:
    """Resumable harvest state. ``state`` is JSON-safe; store it as the connector gave it.

    ``complete`` is true on the last checkpoint of a harvest: passing it back
    to the next :meth:`Connector.harvest` starts an incremental run.
    """

    state: Mapping[str, Any]
    complete: bool = False

    def to_json(self) -> str:
        return json.dumps({"state": dict(self.state), "complete": self.complete}, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Checkpoint:
        data = json.loads(text)
        return cls(state=data["state"], complete=bool(data["complete"]))


HarvestItem = Work | Person | Tombstone | Checkpoint


@dataclass(frozen=True, slots=True)
class PersonRef:
    """Who to look up: an ORCID iD, the CRIS's own id, or both."""

    orcid: str | None = None
    local_id: str | None = None

    def __post_init__(self) -> None:
        if not (self.orcid or self.local_id):
            raise ValueError("a PersonRef needs an ORCID iD or a local id")


@dataclass(frozen=True, slots=True)
class PushResult:
    remote_id: str | None
    status: int
    body: str = ""


class Connector(ABC):
    """Base class of every connector; subclasses declare ``key``, ``title`` and ``settings``."""

    key: ClassVar[str]
    title: ClassVar[str]
    settings: ClassVar[tuple[Setting, ...]] = ()
    can_harvest: ClassVar[bool] = True
    can_look_up_person: ClassVar[bool] = False
    can_push: ClassVar[bool] = False

    def __init__(self, config: Mapping[str, Any]) -> None:
        self.config = self.validate(config)

    @classmethod
    def validate(cls, config: Mapping[str, Any]) -> dict[str, Any]:
        """Coerce ``config`` to the declared settings; unknown keys are an error."""
        known = {s.name for s in cls.settings}
        unknown = sorted(set(config) - known)
        if unknown:
            raise ConfigurationError(cls.key, f"unknown setting(s): {', '.join(unknown)}")
        return {s.name: s.coerce(config.get(s.name)) for s in cls.settings}

    def __repr__(self) -> str:
        secret = {s.name for s in self.settings if s.secret}
        shown = {k: ("***" if k in secret else v) for k, v in self.config.items()}
        return f"<{type(self).__name__} {shown}>"

    @abstractmethod
    def identify(self) -> SourceInfo:
        """Contact the source and describe it; raises a ConnectorError when unhealthy."""

    def harvest(
        self, since: datetime | None = None, checkpoint: Checkpoint | None = None
    ) -> Iterator[HarvestItem]:
        """Yield records changed since ``since`` (or resume from ``checkpoint``)."""
        raise UnsupportedOperation(self.key, "this connector does not harvest")

    def works_of_person(self, person: PersonRef) -> Iterator[Work]:
        """Yield the works the source attributes to one person."""
        raise UnsupportedOperation(self.key, "this source cannot look works up by person")

    def push(self, work: Work, remote_id: str | None = None) -> PushResult:
        """Create (or, with ``remote_id``, update) a work in the remote system."""
        raise UnsupportedOperation(self.key, "this source does not accept writes")

    def delete(self, remote_id: str) -> PushResult:
        """Remove a work the hub pushed earlier."""
        raise UnsupportedOperation(self.key, "this source does not accept writes")
