"""Metadata formats the harvester can read, chosen by namespace, never by prefix."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import NamedTuple

from lxml import etree

from connectors.records import Person, Work

__all__ = [
    "CERIF_1_1",
    "CERIF_1_2",
    "OAIRE",
    "OAI_DC",
    "Format",
    "RecordContext",
    "by_name",
    "by_namespace",
    "choose",
]

CERIF_1_1 = "https://www.openaire.eu/cerif-profile/1.1/"
CERIF_1_2 = "https://www.openaire.eu/cerif-profile/1.2/"
OAIRE = "http://namespace.openaire.eu/schema/oaire/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"


class RecordContext(NamedTuple):
    """What the OAI envelope tells a metadata parser about the record."""

    source: str
    local_id: str
    oai_identifier: str
    last_modified: datetime | None


Parser = Callable[[etree._Element, RecordContext], Work | Person | None]


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    namespace: str
    parse: Parser
    default_sets: tuple[str, ...] = ()


CERIF_SETS = (
    "openaire_cris_publications",
    "openaire_cris_products",
    "openaire_cris_patents",
    "openaire_cris_persons",
)


def _formats() -> list[Format]:
    # Imported here so each parser module can import RecordContext from this one.
    from connectors.oaipmh import cerif, dc, openaire

    return [
        Format("cerif-1.2", CERIF_1_2, cerif.parse, CERIF_SETS),
        Format("cerif-1.1", CERIF_1_1, cerif.parse, CERIF_SETS),
        Format("oai_openaire", OAIRE, openaire.parse),
        Format("oai_dc", OAI_DC, dc.parse),
    ]


def by_namespace(namespace: str) -> Format | None:
    wanted = namespace.strip().rstrip("/")
    return next((f for f in _formats() if f.namespace.rstrip("/") == wanted), None)


def by_name(name: str) -> Format | None:
    return next((f for f in _formats() if f.name == name), None)


def choose(offered: dict[str, str]) -> tuple[str, Format] | None:
    """Pick the richest format an endpoint offers: ``offered`` maps prefix to namespace."""
    for fmt in _formats():
        for prefix, namespace in sorted(offered.items()):
            if namespace.strip().rstrip("/") == fmt.namespace.rstrip("/"):
                return prefix, fmt
    return None
