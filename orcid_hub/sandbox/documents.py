"""Whole-record documents: ``record``, ``person`` and ``activities-summary``."""

from __future__ import annotations

from lxml import etree

from orcid_hub.sandbox.codec import qname, xml_datetime
from orcid_hub.sandbox.kinds import IDENTITY_HOST, KINDS, NS, PERSON_KINDS, PersonKind
from orcid_hub.sandbox.records import full_element, group_list
from orcid_hub.sandbox.seed import SandboxUser
from orcid_hub.sandbox.store import Item

# activities-summary lists its sections in this order (activities-3.0.xsd).
_SECTIONS = (
    "distinction",
    "education",
    "employment",
    "funding",
    "invited-position",
    "membership",
    "qualification",
    "service",
    "work",
)


def _nsmap() -> dict[str, str]:
    return {name: uri for name, uri in NS.items() if name != "error"}


def person_section(kind: PersonKind, orcid: str, items: list[Item], host: str) -> etree._Element:
    """One person section (``researcher-url:researcher-urls`` …) with its items."""
    root = etree.Element(qname(kind.name, kind.container), nsmap=_nsmap())
    root.set("path", f"/{orcid}/{kind.path}")
    mine = [i for i in items if i.kind == kind.name]
    if mine:
        latest = max(i.modified for i in mine)
        etree.SubElement(root, qname("common", "last-modified-date")).text = xml_datetime(latest)
    for item in mine:
        root.append(full_element(item, host))
    return root


def person(user: SandboxUser, items: list[Item], host: str) -> etree._Element:
    root = etree.Element(qname("person", "person"), nsmap=_nsmap())
    root.set("path", f"/{user.orcid}/person")
    name = etree.SubElement(root, qname("person", "name"), visibility="public")
    name.set("path", user.orcid)
    etree.SubElement(name, qname("personal-details", "given-names")).text = user.given_names
    etree.SubElement(name, qname("personal-details", "family-name")).text = user.family_name
    for kind in PERSON_KINDS.values():
        if kind.name == "address":
            # The user's email is private to them; the list ORCID returns to clients is empty.
            etree.SubElement(root, qname("email", "emails"), path=f"/{user.orcid}/email")
        root.append(person_section(kind, user.orcid, items, host))
    return root


def activities(orcid: str, items: list[Item], host: str) -> etree._Element:
    root = etree.Element(qname("activities", "activities-summary"), nsmap=_nsmap())
    root.set("path", f"/{orcid}/activities")
    if items:
        latest = max(i.modified for i in items)
        etree.SubElement(root, qname("common", "last-modified-date")).text = xml_datetime(latest)
    for name in _SECTIONS:
        kind = KINDS[name]
        section = group_list([i for i in items if i.kind == name], kind, orcid, host)
        root.append(section)
    return root


def record(user: SandboxUser, items: list[Item], host: str) -> etree._Element:
    root = etree.Element(qname("record", "record"), nsmap=_nsmap())
    root.set("path", f"/{user.orcid}")
    identifier = etree.SubElement(root, qname("common", "orcid-identifier"))
    for name, value in (
        ("uri", f"https://{IDENTITY_HOST}/{user.orcid}"),
        ("path", user.orcid),
        ("host", IDENTITY_HOST),
    ):
        etree.SubElement(identifier, qname("common", name)).text = value
    root.append(person(user, items, host))
    root.append(activities(user.orcid, items, host))
    return root
