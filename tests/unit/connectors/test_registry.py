"""The registry over real entry points, plus fake ones for failure cases."""

from importlib.metadata import EntryPoint

import pytest

from connectors import registry
from connectors.base import Connector
from connectors.registry import ConnectorLoadError

BUILT_INS = {"oai-pmh", "dspace", "pure", "spreadsheet", "push-json"}


def fake_entry_points(monkeypatch: pytest.MonkeyPatch, *eps: EntryPoint) -> None:
    monkeypatch.setattr(registry, "entry_points", lambda group: eps)


def test_built_in_connectors_are_registered() -> None:
    found = registry.available()
    assert set(found) >= BUILT_INS
    for key, cls in found.items():
        assert issubclass(cls, Connector)
        assert cls.key == key


def test_broken_connector_names_entry_point_and_cause(monkeypatch: pytest.MonkeyPatch) -> None:
    ep = EntryPoint("broken", "no_such_module_xyz:Thing", registry.GROUP)
    fake_entry_points(monkeypatch, ep)
    with pytest.raises(ConnectorLoadError) as info:
        registry.available()
    assert "'broken'" in str(info.value)
    assert "no_such_module_xyz" in str(info.value)
    assert "ModuleNotFoundError" in info.value.why


def test_entry_point_that_is_not_a_connector(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_entry_points(monkeypatch, EntryPoint("odd", "json:loads", registry.GROUP))
    with pytest.raises(ConnectorLoadError, match="not a Connector subclass"):
        registry.load("odd")


def test_unknown_name(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_entry_points(monkeypatch)
    with pytest.raises(ConnectorLoadError, match="not registered"):
        registry.create("nothing", {})


def test_connectors_never_import_the_web_app_or_the_database() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from connectors import registry; registry.available(); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'flask', 'sqlalchemy', 'orcid_hub', 'alembic'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
