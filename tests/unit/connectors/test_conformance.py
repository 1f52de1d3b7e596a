"""One conformance test over every registered connector (the entry points).

Each connector gets a fake of its remote system at the wire: the loopback
OAI-PMH server, ``responses`` for JSON APIs, a temporary file. A connector
registered without a fake here fails, on purpose: add one.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pytest
import responses

from connectors import registry
from connectors.base import Checkpoint, Connector, Setting, SettingType
from connectors.errors import UnsupportedOperation
from connectors.records import Person, Tombstone, Work
from connectors.spreadsheet import template_csv
from connectors.worktypes import ORCID_WORK_TYPES
from tests.oai_server import CerifRepository, serve

Fake = Callable[[Path, Path], AbstractContextManager[dict[str, Any]]]


@contextmanager
def oai_fake(fixtures: Path, tmp: Path) -> Iterator[dict[str, Any]]:
    with serve(CerifRepository(fixtures)) as running:
        yield {"base_url": running.url, "source": "conf"}


@contextmanager
def dspace_fake(fixtures: Path, tmp: Path) -> Iterator[dict[str, Any]]:
    api = "https://dspace.example.lv/server/api"
    item = {"uuid": "u1", "metadata": {"dc.title": [{"value": "T"}]}, "withdrawn": False}
    result = {"_embedded": {"objects": [{"_embedded": {"indexableObject": item}}]}}
    result["page"] = {"totalPages": 1}  # type: ignore[assignment]
    with responses.RequestsMock() as mock:
        mock.get(api, json={"dspaceName": "Fake"})
        mock.get(f"{api}/discover/search/objects", json={"_embedded": {"searchResult": result}})
        yield {"api_url": api, "source": "conf"}


@contextmanager
def pure_fake(fixtures: Path, tmp: Path) -> Iterator[dict[str, Any]]:
    api = "https://pure.example.lv/ws/api"
    with responses.RequestsMock() as mock:
        mock.get(
            f"{api}/research-outputs", json={"count": 1, "items": [{"uuid": "o", "title": "T"}]}
        )
        mock.get(f"{api}/persons", json={"count": 1, "items": [{"uuid": "p", "name": {}}]})
        yield {"api_url": api, "api_key": "conformance-api-key", "source": "conf"}


@contextmanager
def spreadsheet_fake(fixtures: Path, tmp: Path) -> Iterator[dict[str, Any]]:
    path = tmp / "works.csv"
    path.write_text(template_csv("works"), encoding="utf-8")
    yield {"path": str(path), "source": "conf"}


@contextmanager
def push_fake(fixtures: Path, tmp: Path) -> Iterator[dict[str, Any]]:
    url = "https://cris.example.lv/hub"
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.post(url, json={"ok": True})
        yield {"url": url, "secret": "conformance-push-secret"}


FAKES: dict[str, Fake] = {
    "oai-pmh": oai_fake,
    "dspace": dspace_fake,
    "pure": pure_fake,
    "spreadsheet": spreadsheet_fake,
    "push-json": push_fake,
}


@pytest.fixture(params=registry.names())
def connector_class(request: pytest.FixtureRequest) -> type[Connector]:
    return registry.load(request.param)


def test_settings_are_declared_properly(connector_class: type[Connector]) -> None:
    assert connector_class.title and connector_class.key
    names = [s.name for s in connector_class.settings]
    assert names and len(names) == len(set(names))
    for setting in connector_class.settings:
        assert isinstance(setting, Setting)
        assert setting.help, f"{setting.name} needs help text for the form"
        assert not (setting.required and setting.default is not None)
        if setting.type is SettingType.CHOICE:
            assert setting.default in setting.choices
        if setting.secret:
            assert setting.type in (SettingType.STRING, SettingType.TEXT)


def test_identify_and_harvest_against_a_fake(
    connector_class: type[Connector], fixtures_dir: Path, tmp_path: Path
) -> None:
    fake = FAKES.get(connector_class.key)
    if fake is None:
        pytest.fail(f"no conformance fake for connector {connector_class.key!r}: add one")
    with fake(fixtures_dir, tmp_path) as config:
        connector = connector_class(config)
        secrets = [config[s.name] for s in connector.settings if s.secret]
        assert not any(s in repr(connector) for s in secrets)
        info = connector.identify()
        assert info.name
        if not connector.can_harvest:
            with pytest.raises(UnsupportedOperation):
                list(connector.harvest())
            return
        items = list(connector.harvest())
    assert items and isinstance(items[-1], Checkpoint) and items[-1].complete
    for item in items:
        assert isinstance(item, Work | Person | Tombstone | Checkpoint)
        if isinstance(item, Checkpoint):
            json.dumps(dict(item.state))  # the hub stores it as JSON
        elif isinstance(item, Work):
            assert item.source == config["source"] and item.local_id
            assert item.orcid_type in ORCID_WORK_TYPES
    assert any(isinstance(i, Work | Person) for i in items)
