"""Settings: defaults, then ``config.toml``, then ``ORCID_HUB_*`` environment variables.

Everything is validated once into a frozen :class:`Settings` object. Sections are
dataclasses; a field without a default is required. Unknown keys are warned about
(a typo must not pass silently), a missing required key stops start-up naming it.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import tomllib
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

ENV_PREFIX = "ORCID_HUB_"
CONFIG_ENV = "ORCID_HUB_CONFIG"


class ConfigError(Exception):
    """The configuration cannot be used; the message names the key and why."""


@dataclasses.dataclass(frozen=True)
class OrcidEndpoints:
    authorize_url: str
    token_url: str
    revoke_url: str
    member_api_base: str
    public_api_base: str

    @property
    def site(self) -> str:
        """Where people see records (``https://orcid.org``): iD links point here."""
        return self.authorize_url.rsplit("/oauth/", 1)[0]

    @property
    def api_root(self) -> str:
        """The API host without the version, where ORCID keeps webhooks."""
        return self.member_api_base.rsplit("/v3.0", 1)[0]


def _orcid_preset(site: str, api: str, pub: str) -> OrcidEndpoints:
    return OrcidEndpoints(
        authorize_url=f"{site}/oauth/authorize",
        token_url=f"{site}/oauth/token",
        revoke_url=f"{site}/oauth/revoke",
        member_api_base=f"{api}/v3.0",
        public_api_base=f"{pub}/v3.0",
    )


LOCAL_SANDBOX_URL = "http://127.0.0.1:8089"

ORCID_PRESETS: Mapping[str, OrcidEndpoints] = types.MappingProxyType(
    {
        "production": _orcid_preset(
            "https://orcid.org", "https://api.orcid.org", "https://pub.orcid.org"
        ),
        "sandbox": _orcid_preset(
            "https://sandbox.orcid.org",
            "https://api.sandbox.orcid.org",
            "https://pub.sandbox.orcid.org",
        ),
        "local": _orcid_preset(LOCAL_SANDBOX_URL, LOCAL_SANDBOX_URL, f"{LOCAL_SANDBOX_URL}/pub"),
    }
)


@dataclasses.dataclass(frozen=True)
class AppSettings:
    secret_key: str
    """Signs session cookies and CSRF tokens. Required."""
    instance_path: str = "instance"
    base_url: str = "http://127.0.0.1:5000"
    default_language: str = "lv"
    languages: tuple[str, ...] = ("lv", "en")
    session_cookie_secure: bool = False
    session_lifetime_hours: int = 12


@dataclasses.dataclass(frozen=True)
class DatabaseSettings:
    url: str = ""
    """Empty means a SQLite file in the instance folder."""
    echo: bool = False


@dataclasses.dataclass(frozen=True)
class SecuritySettings:
    encryption_keys: tuple[str, ...]
    """Fernet keys; the first encrypts, all of them decrypt. Required."""


@dataclasses.dataclass(frozen=True)
class OrcidSettings:
    environment: str = "local"
    """A preset (production, sandbox, local); the URL keys below override it."""
    authorize_url: str = ""
    token_url: str = ""
    revoke_url: str = ""
    member_api_base: str = ""
    public_api_base: str = ""
    timeout_seconds: float = 15.0
    rate_per_second: float = 24.0
    burst: int = 40
    max_retries: int = 4
    client_id: str = ""
    """The hub's own ORCID client, used only for sign-in (``/authenticate``)."""
    client_secret: str = ""

    @property
    def endpoints(self) -> OrcidEndpoints:
        preset = ORCID_PRESETS[self.environment]
        overrides = {
            f.name: getattr(self, f.name)
            for f in dataclasses.fields(OrcidEndpoints)
            if getattr(self, f.name)
        }
        return dataclasses.replace(preset, **overrides)


@dataclasses.dataclass(frozen=True)
class LoggingSettings:
    level: str = "INFO"
    format: str = "%(asctime)s %(levelname)s %(name)s: %(message)s"


@dataclasses.dataclass(frozen=True)
class MailSettings:
    backend: str = "outbox"
    """``outbox`` writes each message to a folder (development); ``smtp`` sends it."""
    outbox_dir: str = ""
    from_address: str = "ORCID Hub <orcid-hub@example.lv>"
    smtp_host: str = "localhost"
    smtp_port: int = 587
    smtp_username: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = True


@dataclasses.dataclass(frozen=True)
class InvitationSettings:
    ttl_days: int = 14
    """An invitation link stops working this many days after it was (re)sent."""


@dataclasses.dataclass(frozen=True)
class SchedulerSettings:
    harvest_every_minutes: float = 5.0
    """How often to look for connectors whose own schedule is due."""
    token_check_every_hours: float = 24.0
    orcid_pull_every_hours: float = 24.0
    """How often to read linked researchers' works from ORCID (and push them to the CRIS)."""
    standby_poll_seconds: float = 30.0
    """How often a standby scheduler tries to become the active one."""


@dataclasses.dataclass(frozen=True)
class SandboxSettings:
    host: str = "127.0.0.1"
    port: int = 8089
    seed: str = ""
    schema_dir: str = ""
    """Folder holding ORCID's ``record_3.0`` XSDs; empty means semantic checks only."""


@dataclasses.dataclass(frozen=True)
class Settings:
    app: AppSettings
    security: SecuritySettings
    database: DatabaseSettings = DatabaseSettings()
    orcid: OrcidSettings = OrcidSettings()
    logging: LoggingSettings = LoggingSettings()
    mail: MailSettings = MailSettings()
    invitations: InvitationSettings = InvitationSettings()
    scheduler: SchedulerSettings = SchedulerSettings()
    sandbox: SandboxSettings = SandboxSettings()

    @property
    def instance_dir(self) -> Path:
        return Path(self.app.instance_path).resolve()

    @property
    def database_url(self) -> str:
        return self.database.url or f"sqlite:///{self.instance_dir / 'orcid-hub.sqlite3'}"

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> Settings:
        """Validate a nested mapping (defaults fill what it lacks)."""
        settings: Settings = _build(cls, data, "")
        return settings


def _coerce(value: Any, annotation: Any, key: str) -> Any:
    origin = typing.get_origin(annotation)
    if origin is tuple:
        (item_type, _ellipsis) = typing.get_args(annotation)
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        if not isinstance(value, list | tuple):
            raise ConfigError(f"{key}: expected a list, got {value!r}")
        return tuple(_coerce(item, item_type, key) for item in value)
    if annotation is bool:
        if isinstance(value, str):
            lowered = value.strip().lower()
            if lowered in {"1", "true", "yes", "on"}:
                return True
            if lowered in {"0", "false", "no", "off"}:
                return False
        if isinstance(value, bool):
            return value
        raise ConfigError(f"{key}: expected true or false, got {value!r}")
    if annotation in (int, float):
        if isinstance(value, bool):
            raise ConfigError(f"{key}: expected a number, got {value!r}")
        try:
            return annotation(value)
        except (TypeError, ValueError):
            raise ConfigError(f"{key}: expected a number, got {value!r}") from None
    if annotation is str:
        if isinstance(value, str | int | float):
            return str(value)
        raise ConfigError(f"{key}: expected text, got {value!r}")
    raise ConfigError(f"{key}: unsupported setting type {annotation!r}")


def _build(cls: type[Any], data: Mapping[str, Any], prefix: str) -> Any:
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    for unknown in sorted(set(data) - set(fields)):
        log.warning("Unknown setting %s%s is ignored", prefix, unknown)
    values: dict[str, Any] = {}
    for name, field in fields.items():
        key = f"{prefix}{name}"
        annotation = hints[name]
        has_default = (
            field.default is not dataclasses.MISSING
            or field.default_factory is not dataclasses.MISSING
        )
        if dataclasses.is_dataclass(annotation):
            section = data.get(name, {})
            if not isinstance(section, Mapping):
                raise ConfigError(f"{key}: expected a section [{key}]")
            values[name] = _build(typing.cast(type, annotation), section, f"{key}.")
        elif name in data:
            values[name] = _coerce(data[name], annotation, key)
        elif not has_default:
            env = ENV_PREFIX + key.upper().replace(".", "__")
            raise ConfigError(f"missing required setting {key} (set it in config.toml or as {env})")
    settings = cls(**values)
    if cls is OrcidSettings and settings.environment not in ORCID_PRESETS:
        raise ConfigError(
            f"orcid.environment: unknown preset {settings.environment!r};"
            f" use one of {', '.join(ORCID_PRESETS)}"
        )
    return settings


def _deep_merge(base: dict[str, Any], layer: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in layer.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _deep_merge(dict(merged[key]), value)
        else:
            merged[key] = value
    return merged


def env_layer(environ: Mapping[str, str]) -> dict[str, Any]:
    """``ORCID_HUB_DATABASE__URL=x`` becomes ``{"database": {"url": "x"}}``."""
    layer: dict[str, Any] = {}
    for name, value in environ.items():
        if not name.startswith(ENV_PREFIX) or name == CONFIG_ENV:
            continue
        path = name[len(ENV_PREFIX) :].lower().split("__")
        node = layer
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node[path[-1]] = value
    return layer


def load_settings(
    config_file: str | Path | None = None,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Defaults < ``config_file`` (or ``$ORCID_HUB_CONFIG``) < environment < ``overrides``."""
    environ = os.environ if environ is None else environ
    data: dict[str, Any] = {}
    path = config_file or environ.get(CONFIG_ENV)
    if path:
        try:
            with Path(path).open("rb") as handle:
                data = tomllib.load(handle)
        except FileNotFoundError:
            raise ConfigError(f"configuration file {path} does not exist") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"configuration file {path} is not valid TOML: {exc}") from None
    data = _deep_merge(data, env_layer(environ))
    if overrides:
        data = _deep_merge(data, overrides)
    return Settings.from_mapping(data)


def database_url_only(environ: Mapping[str, str] | None = None) -> str:
    """The database URL without validating the rest (migrations need no secrets)."""
    environ = os.environ if environ is None else environ
    data: dict[str, Any] = {}
    path = environ.get(CONFIG_ENV)
    if path and Path(path).exists():
        with Path(path).open("rb") as handle:
            data = tomllib.load(handle)
    data = _deep_merge(data, env_layer(environ))
    url = str(data.get("database", {}).get("url", ""))
    if url:
        return url
    instance = Path(str(data.get("app", {}).get("instance_path", "instance"))).resolve()
    return f"sqlite:///{instance / 'orcid-hub.sqlite3'}"
