"""The optional run-time XSD guard, alone and inside the client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import responses

from orcid_hub.orcid import xml_write
from orcid_hub.orcid.client import OrcidClient
from orcid_hub.orcid.ratelimit import TokenBucket
from orcid_hub.orcid.schema import XsdGuard
from orcid_hub.orcid.validation import ValidationError

from .conftest import API, CLIENT_ID, ENDPOINTS, ORCID, SECRET, TOKEN, make_affiliation, make_work

# The XSD's anyURI refuses it; ORCID's semantic rules (and ours) have nothing to say.
XSD_ONLY_PROBLEM = "http://example.lv/[x]"


@pytest.fixture(scope="module")
def guard(orcid_model: Path) -> XsdGuard:
    return XsdGuard(orcid_model)


def test_valid_documents_pass(guard: XsdGuard) -> None:
    guard.check("work", xml_write.work_to_xml(make_work()))
    guard.check("bulk", xml_write.bulk_to_xml([make_work(), make_work()]))
    guard.check("education", xml_write.affiliation_to_xml(make_affiliation(kind="education")))


def test_a_schema_violation_is_named_with_its_line(guard: XsdGuard) -> None:
    document = xml_write.work_to_xml(make_work(url=XSD_ONLY_PROBLEM))
    with pytest.raises(ValidationError, match=r"work XML line 2: .*anyURI") as caught:
        guard.check("work", document)
    assert len(caught.value.problems) == 1


def test_an_employment_is_not_an_education(guard: XsdGuard) -> None:
    with pytest.raises(ValidationError):
        guard.check("education", xml_write.affiliation_to_xml(make_affiliation()))


def test_missing_schema_folder_fails_at_start(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"work-3\.0\.xsd"):
        XsdGuard(tmp_path)


@pytest.fixture
def guarded_client(orcid_model: Path) -> Iterator[OrcidClient]:
    with OrcidClient(
        ENDPOINTS, CLIENT_ID, SECRET, limiter=TokenBucket(0, 1), schema_dir=orcid_model
    ) as client:
        yield client


def test_client_with_schemas_never_sends_an_invalid_document(
    wire: responses.RequestsMock, guarded_client: OrcidClient
) -> None:
    with pytest.raises(ValidationError, match="anyURI"):
        guarded_client.api.create_work(ORCID, TOKEN, make_work(url=XSD_ONLY_PROBLEM))
    assert len(wire.calls) == 0
    wire.post(f"{API}/{ORCID}/work", status=201, headers={"Location": f"/{ORCID}/work/1"})
    assert guarded_client.api.create_work(ORCID, TOKEN, make_work()) == 1
