"""The sandbox's seed (users and clients) and its command line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from orcid_hub.demo.data import INSTITUTIONS, PEOPLE
from orcid_hub.orcid import ids
from orcid_hub.sandbox import create_sandbox_app
from orcid_hub.sandbox.seed import SeedError, load_seed


def test_default_seed_has_every_demo_person_as_an_orcid_user() -> None:
    seed = load_seed()
    for person in PEOPLE:
        user = seed.user(person.orcid)
        assert user is not None, person.orcid
        assert (user.given_names, user.family_name, user.email) == (
            person.given_names,
            person.family_name,
            person.email,
        )
    assert all(ids.is_valid(user.orcid) for user in seed.users)


def test_default_seed_has_a_member_client_per_demo_institution() -> None:
    seed = load_seed()
    for institution in INSTITUTIONS:
        client = seed.client(f"APP-DEMO0{institution.slug.upper()}".ljust(19, "0") + "1")
        assert client is not None, institution.slug
        assert client.name == institution.name_en and client.redirect_uris
    premium = {c.client_id: c.premium for c in seed.clients}
    assert premium["APP-TESTCLIENT000001"] and not premium["APP-TESTCLIENT000002"]


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            '[[users]]\norcid = "0000-0002-1825-0098"\ngiven_names="A"\nfamily_name="B"\n'
            'email="a@b"',
            "wrong check digit",
        ),
        ('[[clients]]\nclient_id = "APP-123"\nsecret="s"\nname="n"', "APP- and 16"),
        ("users = [", "not valid TOML"),
    ],
)
def test_bad_seed_files_are_refused_with_a_reason(tmp_path: Path, toml: str, message: str) -> None:
    path = tmp_path / "seed.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(SeedError, match=message):
        load_seed(path)


def test_a_custom_seed_file_replaces_the_default(tmp_path: Path) -> None:
    path = tmp_path / "seed.toml"
    path.write_text(
        '[defaults]\npassword = "pw"\n[[users]]\norcid = "0000-0002-1825-0097"\n'
        'given_names = "Josiah"\nfamily_name = "Carberry"\nemail = "j@example.org"\n'
        '[[clients]]\nclient_id = "APP-ABCDEFGHIJKLMNOP"\nsecret = "s"\nname = "Mine"\n'
        'redirect_uris = ["https://example.org/cb"]\n',
        encoding="utf-8",
    )
    app = create_sandbox_app(path, start_dispatcher=False)
    seed = app.extensions["orcid_sandbox"].seed
    assert [u.orcid for u in seed.users] == ["0000-0002-1825-0097"]
    assert seed.users[0].password == "pw" and seed.clients[0].name == "Mine"


def test_cli_sandbox_command_is_registered_and_needs_no_hub_settings(
    run_cli: Any, tmp_path: Path
) -> None:
    helped = run_cli("sandbox", "--help")
    assert helped.exit_code == 0 and "--schema-dir" in helped.output and "--seed" in helped.output
    bad = tmp_path / "bad.toml"
    bad.write_text("users = [", encoding="utf-8")
    refused = run_cli("sandbox", "--seed", str(bad))
    assert refused.exit_code != 0 and "not valid TOML" in refused.output


def test_cli_refuses_a_schema_dir_without_orcids_schemas(run_cli: Any, tmp_path: Path) -> None:
    refused = run_cli("sandbox", "--schema-dir", str(tmp_path))
    assert refused.exit_code != 0 and "does not hold ORCID's schemas" in refused.output
