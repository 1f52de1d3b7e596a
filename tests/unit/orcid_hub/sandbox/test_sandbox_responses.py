"""What the sandbox answers is what ORCID's schemas and JSON shape describe."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from tests.sandbox_server import OTHER_CLIENT, SandboxServer
from tests.unit.orcid_hub.sandbox.conftest import JSON, Caller, make_caller, work_xml


@pytest.fixture
def filled(caller: Caller, samples: Path) -> Caller:
    caller.create("work", work_xml("10.1/resp"))
    caller.create("employment", (samples / "employment-3.0.xml").read_bytes())
    caller.create("education", (samples / "education-3.0.json").read_bytes(), JSON)
    caller.create("funding", (samples / "funding-3.0.xml").read_bytes())
    caller.create("qualification", (samples / "qualification-3.0.xml").read_bytes())
    caller.create("service", (samples / "service-3.0.json").read_bytes(), JSON)
    return caller


@pytest.mark.parametrize(
    ("path", "schema"),
    [
        ("/record", "record"),
        ("/person", "person"),
        ("/activities", "activities"),
        ("/works", "activities"),
        ("/employments", "activities"),
        ("/educations", "activities"),
        ("/fundings", "activities"),
        ("/qualifications", "activities"),
        ("/services", "activities"),
    ],
)
def test_xml_answers_validate_against_orcids_schema(
    filled: Caller, fixtures_dir: Path, path: str, schema: str
) -> None:
    xsd = etree.XMLSchema(
        etree.parse(str(fixtures_dir / f"orcid-model/record_3.0/{schema}-3.0.xsd"))
    )
    document = etree.fromstring(filled.get(path).content)
    xsd.assertValid(document)


def test_json_record_shape(filled: Caller) -> None:
    record = filled.get("/record", JSON).json()
    assert record["orcid-identifier"]["path"] == filled.orcid
    activities = record["activities-summary"]
    employment_group = activities["employments"]["affiliation-group"][0]
    summary = employment_group["summaries"][0]["employment-summary"]
    assert summary["organization"]["address"]["country"] == "AF"  # plain, inside address
    assert isinstance(summary["put-code"], int)
    assert activities["works"]["group"][0]["work-summary"][0]["type"] == "journal-article"
    assert len(activities["services"]["affiliation-group"]) == 1


def test_affiliations_sharing_a_self_id_are_one_group(
    sandbox: SandboxServer, caller: Caller, samples: Path
) -> None:
    body = (samples / "employment-3.0.xml").read_bytes()
    caller.create("employment", body)
    make_caller(sandbox, caller.orcid, OTHER_CLIENT).create("employment", body)
    groups = caller.get("/employments", JSON).json()["affiliation-group"]
    assert [len(g["summaries"]) for g in groups] == [2]
