"""Every OAI-PMH error the endpoint can give, each in a response that validates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from flask.testing import FlaskClient
from lxml import etree
from sqlalchemy.orm import Session

from tests import factories
from tests.functional.oai.conftest import Ask, error_of, q
from tests.oai_schema import assert_valid

CERIF = "oai_cerif_openaire"


def first_token(ask: Ask, verb: str = "ListRecords") -> str:
    root = ask(verb=verb, metadataPrefix=CERIF)
    token = root.find(f".//{q('resumptionToken')}")
    assert token is not None and token.text
    return token.text


def test_bad_verb(ask: Ask) -> None:
    assert error_of(ask()) == "badVerb"
    assert error_of(ask(verb="ListEverything")) == "badVerb"


def test_repeated_verb_or_argument(
    client: FlaskClient, oai_schema: etree.XMLSchema, ask: Ask
) -> None:
    def code(query: str) -> str | None:
        return error_of(assert_valid(oai_schema, client.get(f"/oai/lu?{query}").data))

    assert code("verb=Identify&verb=ListSets") == "badVerb"
    assert code("verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc") == "badArgument"


def test_bad_arguments_are_not_echoed(ask: Ask) -> None:
    cases = [
        {"verb": "Identify", "set": "x"},
        {"verb": "ListRecords"},
        {"verb": "GetRecord", "metadataPrefix": "oai_dc"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "x"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "yesterday"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-02-30"},
        {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2026-03-01T09:00:00"},
        {
            "verb": "ListRecords",
            "metadataPrefix": "oai_dc",
            "from": "2026-03-01",
            "until": "2026-03-02T00:00:00Z",
        },
        {
            "verb": "ListRecords",
            "metadataPrefix": "oai_dc",
            "from": "2026-03-02",
            "until": "2026-03-01",
        },
        {"verb": "ListIdentifiers", "metadataPrefix": "oai_dc", "set": "openaire_cris_nothing"},
    ]
    for params in cases:
        root = ask(**params)
        assert error_of(root) == "badArgument", params
        assert root.find(q("request")).attrib == {}  # type: ignore[union-attr]


def test_other_errors_echo_the_request(ask: Ask) -> None:
    root = ask(verb="ListRecords", metadataPrefix="marc21")
    assert error_of(root) == "cannotDisseminateFormat"
    assert root.find(q("request")).attrib == {"verb": "ListRecords", "metadataPrefix": "marc21"}  # type: ignore[union-attr]


def test_bad_resumption_tokens(ask: Ask, serve: Callable[..., None]) -> None:
    serve(page_size=2)
    token = first_token(ask)
    assert error_of(ask(verb="ListRecords", resumptionToken=token)) is None
    for bad in ("nonsense", token[:-2] + "xx", token + "x", ""):
        assert error_of(ask(verb="ListRecords", resumptionToken=bad)) == "badResumptionToken"
    # A ListRecords token does not continue ListIdentifiers, and ListSets is never paged.
    assert error_of(ask(verb="ListIdentifiers", resumptionToken=token)) == "badResumptionToken"
    assert error_of(ask(verb="ListSets", resumptionToken=token)) == "badResumptionToken"


def test_expired_resumption_token(ask: Ask, serve: Callable[..., None]) -> None:
    serve(page_size=2, token_ttl=dt.timedelta(seconds=-1))
    token = first_token(ask)
    root = ask(verb="ListRecords", resumptionToken=token)
    assert error_of(root) == "badResumptionToken"
    assert "expired" in (root.findtext(q("error")) or "")


def test_a_token_of_one_institution_is_refused_by_another(
    client: FlaskClient, db_session: Session, ask: Ask, serve: Callable[..., None]
) -> None:
    factories.institution(db_session, slug="rtu", client_id=None)
    db_session.commit()
    serve(page_size=2)
    token = first_token(ask)
    response = client.get(
        "/oai/rtu", query_string={"verb": "ListRecords", "resumptionToken": token}
    )
    assert b'code="badResumptionToken"' in response.data


def test_no_records_match(ask: Ask) -> None:
    root = ask(verb="ListIdentifiers", metadataPrefix="oai_dc", set="openaire_cris_persons")
    assert error_of(root) == "noRecordsMatch"


def test_characters_xml_cannot_carry_are_not_echoed(ask: Ask) -> None:
    root = ask(verb="ListRecords", metadataPrefix="oai\x01dc")
    assert error_of(root) == "cannotDisseminateFormat"
    assert root.find(q("request")).get("metadataPrefix") == "oaidc"  # type: ignore[union-attr]
