"""Whole-record documents: ``record``, ``person`` and ``activities-summary``."""

from __future__ import annotations

from lxml import etree

from orcid_hub.sandbox.codec import qname, xml_datetime
from orcid_hub.sandbox.kinds import IDENTITY_HOST, KINDS, NS
from orcid_hub.sandbox.records import group_list
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


def person(user: SandboxUser) -> etree._Element:
    root = etree.Element(qname("person", "person"), nsmap=_nsmap())
    root.set("path", f"/{user.orcid}/person")
    name = etree.SubElement(root, qname("person", "name"), visibility="public")
    name.set("path", user.orcid)
    etree.SubElement(name, qname("personal-details", "given-names")).text = user.given_names
    etree.SubElement(name, qname("personal-details", "family-name")).text = user.family_name
    # The user's email is private to them; the list ORCID returns to clients is empty.
    etree.SubElement(root, qname("email", "emails"), path=f"/{user.orcid}/email")
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
    root.append(person(user))
    root.append(activities(user.orcid, items, host))
    return root
