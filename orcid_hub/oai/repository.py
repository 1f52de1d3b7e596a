"""What an institution's repository offers: formats, sets, identifiers, Identify facts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from orcid_hub.oai import cerif, dc
from orcid_hub.oai.protocol import OaiError
from orcid_hub.oai.source import OrgUnit
from orcid_hub.oai.vocab import Kind

__all__ = ["FORMATS", "SET_KINDS", "SET_OF", "MetadataFormat", "Repository"]

WORKS = (Kind.PUBLICATION, Kind.PRODUCT, Kind.PATENT)
ALL_KINDS = (*WORKS, Kind.PERSON, Kind.ORGUNIT)


@dataclass(frozen=True, slots=True)
class MetadataFormat:
    prefix: str
    schema: str
    namespace: str
    kinds: tuple[Kind, ...]


FORMATS = (
    MetadataFormat(
        "oai_cerif_openaire",
        "https://www.openaire.eu/schema/cris/1.2/openaire-cerif-profile.xsd",
        cerif.CERIF,
        ALL_KINDS,
    ),
    MetadataFormat("oai_dc", "http://www.openarchives.org/OAI/2.0/oai_dc.xsd", dc.OAI_DC, WORKS),
)
SET_KINDS: dict[str, tuple[str, tuple[Kind, ...]]] = {
    "openaire_cris_publications": ("OpenAIRE_CRIS_publications", (Kind.PUBLICATION,)),
    "openaire_cris_products": ("OpenAIRE_CRIS_products", (Kind.PRODUCT,)),
    "openaire_cris_patents": ("OpenAIRE_CRIS_patents", (Kind.PATENT,)),
    "openaire_cris_persons": ("OpenAIRE_CRIS_persons", (Kind.PERSON,)),
    "openaire_cris_orgunits": ("OpenAIRE_CRIS_orgunits", (Kind.ORGUNIT,)),
    "openaire_cris_projects": ("OpenAIRE_CRIS_projects", ()),
    "openaire_cris_funding": ("OpenAIRE_CRIS_funding", ()),
    "openaire_cris_events": ("OpenAIRE_CRIS_events", ()),
    "openaire_cris_equipments": ("OpenAIRE_CRIS_equipments", ()),
}
SET_OF = {kinds[0]: spec for spec, (_, kinds) in SET_KINDS.items() if kinds}


@dataclass(frozen=True, slots=True)
class Repository:
    """What Identify says about one institution's endpoint."""

    slug: str
    domain: str  # the repositoryIdentifier, and the CERIF Service's Acronym
    base_url: str
    website: str
    admin_email: str
    org: OrgUnit
    org_key: int
    org_datestamp: dt.datetime

    def entity_id(self, kind: Kind, key: int) -> str:
        return f"{self.slug}/{kind.value}/{key}"

    def oai_identifier(self, kind: Kind, key: int) -> str:
        return f"oai:{self.domain}:{self.entity_id(kind, key)}"

    def parse_identifier(self, identifier: str) -> tuple[Kind, int]:
        prefix = f"oai:{self.domain}:{self.slug}/"
        kind_name, _, key = identifier.removeprefix(prefix).partition("/")
        if not identifier.startswith(prefix) or not key.isdigit():
            raise OaiError(
                "idDoesNotExist", f"{identifier!r} is not an identifier of this repository"
            )
        try:
            return Kind(kind_name), int(key)
        except ValueError:
            raise OaiError("idDoesNotExist", f"{identifier!r} names no known entity type") from None
