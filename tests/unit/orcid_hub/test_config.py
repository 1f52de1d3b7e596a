from __future__ import annotations

import logging
from pathlib import Path

import pytest

from orcid_hub import create_app
from orcid_hub.config import ORCID_PRESETS, ConfigError, Settings, load_settings

REQUIRED = {
    "ORCID_HUB_APP__SECRET_KEY": "s",
    "ORCID_HUB_SECURITY__ENCRYPTION_KEYS": "hYh4I4hdgWVFtOKUGYNAfV1dqUkaDkS08jmcxGEzHK0=",
}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_factory_builds_an_app_from_a_mapping(tmp_path: Path) -> None:
    app = create_app(
        {
            "app": {"secret_key": "x", "instance_path": str(tmp_path)},
            "security": {"encryption_keys": ["hYh4I4hdgWVFtOKUGYNAfV1dqUkaDkS08jmcxGEzHK0="]},
        }
    )
    settings = app.config["SETTINGS"]
    assert app.secret_key == "x"
    assert settings.database_url == f"sqlite:///{tmp_path.resolve() / 'orcid-hub.sqlite3'}"
    assert "web.index" in app.view_functions


def test_file_overrides_defaults_and_environment_overrides_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        '[orcid]\nenvironment = "sandbox"\nrate_per_second = 10\n[logging]\nlevel = "DEBUG"\n',
    )
    env = {**REQUIRED, "ORCID_HUB_ORCID__RATE_PER_SECOND": "5"}
    settings = load_settings(path, environ=env)
    assert settings.orcid.rate_per_second == 5.0  # environment beats file
    assert settings.orcid.environment == "sandbox"  # file beats default
    assert settings.logging.level == "DEBUG"
    assert settings.orcid.burst == 40  # default kept
    assert settings.orcid.endpoints.token_url == "https://sandbox.orcid.org/oauth/token"


def test_config_file_path_comes_from_the_environment(tmp_path: Path) -> None:
    path = write(tmp_path, '[database]\nurl = "postgresql+psycopg://h/db"\n')
    settings = load_settings(environ={**REQUIRED, "ORCID_HUB_CONFIG": str(path)})
    assert settings.database_url == "postgresql+psycopg://h/db"


def test_missing_required_key_is_named(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"app\.secret_key.*ORCID_HUB_APP__SECRET_KEY"):
        load_settings(environ={"ORCID_HUB_SECURITY__ENCRYPTION_KEYS": "k"})
    with pytest.raises(ConfigError, match=r"security\.encryption_keys"):
        load_settings(environ={"ORCID_HUB_APP__SECRET_KEY": "s"})


def test_bad_values_are_rejected_with_the_key(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"orcid\.burst: expected a number"):
        load_settings(environ={**REQUIRED, "ORCID_HUB_ORCID__BURST": "lots"})
    with pytest.raises(ConfigError, match=r"unknown preset 'staging'"):
        load_settings(environ={**REQUIRED, "ORCID_HUB_ORCID__ENVIRONMENT": "staging"})
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_settings(write(tmp_path, "[app\n"), environ=REQUIRED)


def test_unknown_keys_are_warned(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = write(tmp_path, "[database]\nurll = 'typo'\n")
    with caplog.at_level(logging.WARNING):
        load_settings(path, environ=REQUIRED)
    assert "Unknown setting database.urll" in caplog.text


def test_endpoint_keys_override_the_preset() -> None:
    settings = Settings.from_mapping(
        {
            "app": {"secret_key": "s"},
            "security": {"encryption_keys": ["k"]},
            "orcid": {"environment": "production", "token_url": "https://proxy.example/token"},
        }
    )
    endpoints = settings.orcid.endpoints
    assert endpoints.token_url == "https://proxy.example/token"
    assert endpoints.authorize_url == "https://orcid.org/oauth/authorize"
    assert endpoints.api_root == "https://api.orcid.org"
    assert ORCID_PRESETS["local"].member_api_base == "http://127.0.0.1:8089/v3.0"


def test_settings_are_frozen() -> None:
    settings = Settings.from_mapping(
        {"app": {"secret_key": "s"}, "security": {"encryption_keys": ["k"]}}
    )
    with pytest.raises(AttributeError):
        settings.app.secret_key = "other"  # type: ignore[misc]


def test_example_config_documents_every_key() -> None:
    import dataclasses
    import tomllib
    import typing

    example = Path(__file__).resolve().parents[3] / "config.example.toml"
    data = tomllib.loads(example.read_text(encoding="utf-8"))
    for name, section_type in typing.get_type_hints(Settings).items():
        documented = data.get(name, {})
        for field in dataclasses.fields(section_type):
            assert field.name in documented, f"config.example.toml lacks {name}.{field.name}"
