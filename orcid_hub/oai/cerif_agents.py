"""Persons, the institution and the endpoint itself in OpenAIRE CERIF 1.2 XML."""

from __future__ import annotations

import re

from lxml import etree

from connectors.records import Person
from orcid_hub.oai.cerif import CERIF, VOCAB, add, lang_text, orcid_uri
from orcid_hub.oai.source import OrgUnit
from orcid_hub.oai.xmlns import default_ns, qname

__all__ = ["orgunit_element", "person_element", "service_element"]

_Q = "{" + CERIF + "}"
COMPATIBILITY_NS = VOCAB + "OpenAIRE_Service_Compatibility"
COMPATIBILITY = COMPATIBILITY_NS + "#1.2"
# The profile's pattern for ROR ids (orgunit-identifiers.xsd).
_ROR = re.compile(r"^https://ror\.org/0[\da-hj-km-np-tv-zA-HJ-KM-NP-TV-Z]{6}\d{2}$")


def _orgunit_body(element: etree._Element, org: OrgUnit) -> None:
    add(element, "Acronym", org.acronym)
    lang_text(element, "Name", org.name_lv, "lv")
    if org.name_en:
        lang_text(element, "Name", org.name_en, "en")
    ror = org.ror_id
    if ror and not ror.startswith("https://"):
        ror = f"https://ror.org/{ror}"
    if ror and _ROR.match(ror):
        add(element, "RORID", ror)


def orgunit_element(org: OrgUnit, entity_id: str) -> etree._Element:
    element = etree.Element(_Q + "OrgUnit", {"id": entity_id}, nsmap=default_ns(CERIF))
    _orgunit_body(element, org)
    return element


def person_element(person: Person, entity_id: str, org: OrgUnit, org_id: str) -> etree._Element:
    """A researcher linked to the institution, affiliated with it."""
    element = etree.Element(_Q + "Person", {"id": entity_id}, nsmap=default_ns(CERIF))
    if person.family_name or person.given_names:
        name = add(element, "PersonName")
        if person.family_name:
            add(name, "FamilyNames", person.family_name)
        if person.given_names:
            add(name, "FirstNames", person.given_names)
    uri = orcid_uri(person.orcid, entity_id)
    if uri:
        add(element, "ORCID", uri)
    affiliation = add(element, "Affiliation")
    _orgunit_body(add(affiliation, "OrgUnit", id=org_id), org)
    return element


def service_element(
    service_id: str,
    acronym: str,
    org: OrgUnit,
    org_id: str,
    website: str,
    base_url: str,
) -> etree._Element:
    """The Identify description of the endpoint as a CERIF Service owned by the institution."""
    element = etree.Element(_Q + "Service", {"id": service_id}, nsmap=default_ns(CERIF))
    compatibility = etree.SubElement(
        element, qname(COMPATIBILITY_NS, "Compatibility"), nsmap=default_ns(COMPATIBILITY_NS)
    )
    compatibility.text = COMPATIBILITY
    add(element, "Acronym", acronym)
    lang_text(element, "Name", f"ORCID Hub: {org.name_lv}", "lv")
    if org.name_en:
        lang_text(element, "Name", f"ORCID Hub: {org.name_en}", "en")
    lang_text(
        element,
        "Description",
        "Works that researchers of the institution hold on their ORCID records "
        "or in the institution's systems, as the Latvian ORCID Hub knows them.",
        "en",
    )
    add(element, "WebsiteURL", website)
    add(element, "OAIPMHBaseURL", base_url)
    owner = add(element, "Owner")
    add(owner, "DisplayName", org.name_lv)
    _orgunit_body(add(owner, "OrgUnit", id=org_id), org)
    return element
