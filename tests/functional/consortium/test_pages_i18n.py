"""Every consortium page in Latvian (the default) and in English."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from orcid_hub.consortium.registry import REGISTRY
from orcid_hub.consortium.services import LEAD
from tests.functional.consortium.conftest import World

assert LEAD is not None
# (record type, Latvian title, English title)
TITLES = [
    ("institutions", "Institūcijas", "Institutions"),
    ("memberships", "Dalība konsorcijā", "Consortium memberships"),
    ("contacts", "Kontaktpersonas un lomas", "Contacts and roles"),
    ("working-group", "ORCID darba grupa", "ORCID working group"),
    ("events", "Pasākumi", "Events"),
    ("participants", "Dalībnieki", "Participants"),
    ("minutes", "Sanāksmju protokoli", "Meeting minutes"),
    ("outcomes", "Rezultāti", "Outcomes"),
    ("materials", "Materiāli", "Materials"),
    ("positions", "Prezentētās pozīcijas", "Positions presented"),
    ("proposals", "Rīcībpolitikas priekšlikumi", "Policy proposals"),
    ("trainings", "Apmācības", "Trainings"),
    ("integrations", "Integrācijas", "Integrations"),
    ("networks", "Dalība tīklos", "Network memberships"),
    ("services", "Pakalpojumu grozs", "Service basket"),
    ("service-funding", "Pakalpojumu finansējums", "Service funding"),
    ("plan", "Attīstības plāns", "Development plan"),
    ("digital-services", "Ekosistēma: digitālie pakalpojumi", "Ecosystem: digital services"),
    ("needs", "Ekosistēma: vajadzības", "Ecosystem: needs"),
]


def test_every_type_has_titles_here() -> None:
    assert sorted(kind for kind, _lv, _en in TITLES) == sorted(REGISTRY)


@pytest.mark.parametrize(("kind", "lv", "en"), TITLES)
def test_pages_in_latvian_and_english(
    client: FlaskClient, world: World, kind: str, lv: str, en: str
) -> None:
    with client.session_transaction() as session:
        session["person_id"] = world.lead.id
    for page in ("/", "/new", "/import"):
        latvian = client.get(f"/consortium/{kind}{page}").get_data(as_text=True)
        assert lv in latvian and '<html lang="lv">' in latvian
    with client.session_transaction() as session:
        session["lang"] = "en"
    for page in ("/", "/new", "/import"):
        english = client.get(f"/consortium/{kind}{page}").get_data(as_text=True)
        assert en in english and '<html lang="en">' in english
    detail = client.get(f"/consortium/institutions/{world.inst_a.id}").get_data(as_text=True)
    assert "University of Latvia" in detail and "Changes" in detail
