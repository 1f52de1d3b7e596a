from collections.abc import Iterator
from datetime import datetime

import pytest

from connectors.base import (
    Checkpoint,
    Connector,
    HarvestItem,
    PersonRef,
    Setting,
    SettingType,
    SourceInfo,
)
from connectors.errors import ConfigurationError, ConnectorError, UnsupportedOperation
from connectors.records import Title, Work


class Dummy(Connector):
    key = "dummy"
    title = "Dummy"
    settings = (
        Setting("base_url", SettingType.URL, required=True, help="Where"),
        Setting("password", secret=True, help="Secret"),
        Setting("page_size", SettingType.INTEGER, default=100),
        Setting("verbose", SettingType.BOOLEAN, default=False),
        Setting("mode", SettingType.CHOICE, choices=("a", "b"), default="a"),
    )

    def identify(self) -> SourceInfo:
        return SourceInfo(name="dummy", base_url=self.config["base_url"])

    def harvest(
        self, since: datetime | None = None, checkpoint: Checkpoint | None = None
    ) -> Iterator[HarvestItem]:
        yield Work("dummy", "1", (Title("T"),), "other")
        yield Checkpoint({"page": 1}, complete=True)


def test_settings_are_coerced_and_secrets_hidden() -> None:
    conn = Dummy({"base_url": "https://cris.example.org", "password": "hunter2", "page_size": "50"})
    assert conn.config == {
        "base_url": "https://cris.example.org",
        "password": "hunter2",
        "page_size": 50,
        "verbose": False,
        "mode": "a",
    }
    assert "hunter2" not in repr(conn)
    assert Dummy({"base_url": "http://x", "verbose": "yes"}).config["verbose"] is True


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({}, "setting 'base_url': is required"),
        ({"base_url": "ftp://x"}, "is not an http"),
        ({"base_url": "http://x", "page_size": "many"}, "not a valid integer"),
        ({"base_url": "http://x", "mode": "c"}, "must be one of a, b"),
        ({"base_url": "http://x", "colour": "red"}, "unknown setting"),
    ],
)
def test_bad_settings_raise_configuration_error(config: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        Dummy(config)


def test_optional_operations_are_unsupported_by_default() -> None:
    conn = Dummy({"base_url": "http://x"})
    with pytest.raises(UnsupportedOperation) as info:
        conn.push(Work("dummy", "1", (Title("T"),), "other"))
    assert info.value.where == "dummy"
    with pytest.raises(UnsupportedOperation):
        next(iter(conn.works_of_person(PersonRef(orcid="0000-0001-7291-3210"))))


def test_checkpoint_round_trips_through_json() -> None:
    cp = Checkpoint({"token": "abc", "from": "2020-01-01"}, complete=False)
    assert Checkpoint.from_json(cp.to_json()) == cp


def test_person_ref_needs_something() -> None:
    with pytest.raises(ValueError, match="needs"):
        PersonRef()


def test_connector_error_carries_where_and_why() -> None:
    err = ConnectorError("GET http://x", "HTTP 500")
    assert str(err) == "GET http://x: HTTP 500"
    assert (err.where, err.why, err.retryable) == ("GET http://x", "HTTP 500", False)
