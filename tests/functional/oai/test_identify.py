"""Identify, ListSets and ListMetadataFormats of an institution's endpoint."""

from __future__ import annotations

from flask.testing import FlaskClient
from lxml import etree
from sqlalchemy.orm import Session

from tests import factories
from tests.functional.oai.conftest import Ask, error_of, q
from tests.oai_schema import CERIF, OAI_DC, OAI_IDENTIFIER, assert_valid

C = "{" + CERIF + "}"


def test_identify_describes_the_repository_and_its_cerif_service(ask: Ask) -> None:
    root = ask(verb="Identify")
    identify = root.find(q("Identify"))
    assert identify is not None
    assert identify.findtext(q("baseURL")) == "http://localhost/oai/lu"
    assert identify.findtext(q("protocolVersion")) == "2.0"
    assert identify.findtext(q("deletedRecord")) == "persistent"  # as the source declares
    assert identify.findtext(q("granularity")) == "YYYY-MM-DDThh:mm:ssZ"
    assert identify.findtext(q("earliestDatestamp")) == "2026-03-01T09:00:00Z"
    assert identify.findtext(q("adminEmail")) == "orcid-hub@example.lv"
    descriptions = identify.findall(q("description"))
    oai_ids = [d[0] for d in descriptions if d[0].tag == f"{{{OAI_IDENTIFIER}}}oai-identifier"]
    services = [d[0] for d in descriptions if d[0].tag == C + "Service"]
    assert len(oai_ids) == 1 and len(services) == 1
    repository_id = oai_ids[0].findtext(f"{{{OAI_IDENTIFIER}}}repositoryIdentifier")
    # OpenAIRE's validator: the Service's Acronym equals the repositoryIdentifier.
    assert services[0].findtext(C + "Acronym") == repository_id == "localhost.localdomain"
    assert services[0].findtext(C + "OAIPMHBaseURL") == "http://localhost/oai/lu"
    owner = services[0].find(f"{C}Owner/{C}OrgUnit")
    assert owner is not None and owner.findtext(C + "RORID") == "https://ror.org/05g3mes96"


def test_list_sets_has_every_openaire_set(ask: Ask) -> None:
    root = ask(verb="ListSets")
    specs = [s.findtext(q("setSpec")) for s in root.iter(q("set"))]
    assert specs == [
        f"openaire_cris_{name}"
        for name in [
            "publications",
            "products",
            "patents",
            "persons",
            "orgunits",
            "projects",
            "funding",
            "events",
            "equipments",
        ]
    ]


def test_empty_openaire_sets_are_recognised_and_empty(ask: Ask) -> None:
    for name in ("projects", "funding", "events", "equipments"):
        root = ask(
            verb="ListRecords", metadataPrefix="oai_cerif_openaire", set=f"openaire_cris_{name}"
        )
        assert error_of(root) == "noRecordsMatch"
    assert (
        error_of(ask(verb="ListRecords", metadataPrefix="oai_dc", set="nonsense")) == "badArgument"
    )


def test_metadata_formats_of_the_repository_and_of_one_item(ask: Ask) -> None:
    def prefixes(**params: str) -> list[str | None]:
        root = ask(verb="ListMetadataFormats", **params)
        return [f.findtext(q("metadataPrefix")) for f in root.iter(q("metadataFormat"))]

    assert prefixes() == ["oai_cerif_openaire", "oai_dc"]
    root = ask(verb="ListMetadataFormats")
    namespaces = [f.findtext(q("metadataNamespace")) for f in root.iter(q("metadataFormat"))]
    assert namespaces == [CERIF, OAI_DC]
    assert prefixes(identifier="oai:localhost.localdomain:lu/Publications/1") == [
        "oai_cerif_openaire",
        "oai_dc",
    ]
    # Persons and the institution exist only in CERIF.
    assert prefixes(identifier="oai:localhost.localdomain:lu/Persons/7") == ["oai_cerif_openaire"]
    missing = ask(
        verb="ListMetadataFormats", identifier="oai:localhost.localdomain:lu/Publications/99"
    )
    assert error_of(missing) == "idDoesNotExist"


def test_unknown_or_inactive_institution_is_not_found(
    client: FlaskClient, db_session: Session
) -> None:
    factories.institution(db_session, slug="old", active=False)
    db_session.commit()
    assert client.get("/oai/nowhere?verb=Identify").status_code == 404
    assert client.get("/oai/old?verb=Identify").status_code == 404


def test_post_is_answered_like_get(
    client: FlaskClient, ask: Ask, oai_schema: etree.XMLSchema
) -> None:
    # Harvesters POST without a session or CSRF token; the endpoint changes nothing.
    for verb in ("ListSets", "ListRecords"):
        form = (
            {"verb": verb, "metadataPrefix": "oai_dc"} if verb == "ListRecords" else {"verb": verb}
        )
        response = client.post("/oai/lu", data=form)
        assert response.status_code == 200
        posted = assert_valid(oai_schema, response.data)
        got = ask(**form)
        assert etree.tostring(posted.find(q(verb))) == etree.tostring(got.find(q(verb)))  # type: ignore[arg-type]
