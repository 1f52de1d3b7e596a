"""Which CERIF entity a work becomes, and the COAR type it may carry there.

The OpenAIRE CERIF 1.2 profile splits results into Publication, Product and
Patent, each with its own closed list of COAR resource types (the profile's
``vocabularies/coar_*_types.xsd``). A type outside its entity's list makes
the record invalid, so the lists are kept here as concept ids.
"""

from __future__ import annotations

from enum import StrEnum

from connectors.records import Work
from connectors.worktypes import COAR, ORCID_WORK_TYPES, orcid_to_coar

__all__ = ["Kind", "cerif_type", "coar_concepts", "kind_of", "orcid_types_of", "work_kind"]


class Kind(StrEnum):
    """An entity type the endpoint serves; the value is the id segment (``Publications/7``)."""

    PUBLICATION = "Publications"
    PRODUCT = "Products"
    PATENT = "Patents"
    PERSON = "Persons"
    ORGUNIT = "OrgUnits"


_PUBLICATION = frozenset(
    """c_1162 c_7a1f c_86bc c_6947 c_2f33 c_3248 c_ba08 c_7877 D97F-VB57 c_c94f c_5794
    c_18cp c_6670 c_18co R60J-J5BD c_f744 c_3e5a c_7acd c_ab20 c_beb9 c_db06 c_b239 c_18ww
    c_0640 c_6501 c_8544 c_0857 c_545b c_2cd9 c_0040 c_bdcc c_18wz c_18cw c_2fe3 c_998f
    QX5C-AR31 c_18wq H9BQ-739P c_2659 c_186u c_816b c_18op c_93fc c_ba1f c_18hj c_2df8fbb1
    c_baaf YZ1N-ZFT9 c_18ws c_efa0 c_dcae04bc c_7bab c_71bd c_18gh c_18cf c_46ec 6NC7-GK9S
    c_8042""".split()  # noqa: SIM905 -- the profile's list, as it reads
)
_PRODUCT = frozenset(
    """ACF7-8YT9 c_12cc c_cb28 FXF3-D3G7 c_ddb1 542X-3S04 AM6W-6QAW 63NG-B465 A8F1-NPV9
    2H0M-X761 c_c513 JBNF-DYAD c_e9a0 H41Y-FW7B BW7T-YM2G c_e059 c_12cd DD58-GFSX c_8a7e
    c_18cd FF4C-28RK c_1843 CQMR-7K63 c_c950 W2XT-7017 c_5ce6 c_18cc QH80-2R4E c_ecc8
    NHD0-W6SY H6QP-SC1X c_12ce c_7ad9 c_393c""".split()  # noqa: SIM905 -- as above
)
_PATENT = frozenset("SB3Y-W4EH C53B-JCY5 c_15cd Z907-YMBB GPQ7-G5VE MW8G-3CR8 9DKX-KSAF".split())  # noqa: SIM905

_TYPES = {Kind.PUBLICATION: _PUBLICATION, Kind.PRODUCT: _PRODUCT, Kind.PATENT: _PATENT}
# What a result of each kind is called when nothing more precise fits: text,
# other (a product that is none of the listed ones), patent.
_FALLBACK = {Kind.PUBLICATION: "c_18cf", Kind.PRODUCT: "c_1843", Kind.PATENT: "c_15cd"}


def _concept(uri: str | None) -> str | None:
    if not uri:
        return None
    text = uri.strip().rstrip("/")
    return text.rsplit("/", 1)[-1] if text.startswith(COAR) or "/" not in text else None


def _orcid_concept(orcid_type: str) -> str | None:
    # "other" maps to COAR's editorial first (worktypes' reverse map): too
    # precise to claim for a work we know nothing more about.
    return None if orcid_type == "other" else _concept(orcid_to_coar(orcid_type))


def kind_of(coar_type: str | None, orcid_type: str) -> Kind:
    """The result entity for a work: by its COAR type, else by its ORCID type."""
    for concept in (_concept(coar_type), _orcid_concept(orcid_type)):
        if concept in _PATENT:
            return Kind.PATENT
        if concept in _PRODUCT:
            return Kind.PRODUCT
        if concept in _PUBLICATION:
            return Kind.PUBLICATION
    return Kind.PATENT if orcid_type == "patent" else Kind.PUBLICATION


def cerif_type(kind: Kind, coar_type: str | None, orcid_type: str) -> str:
    """A COAR URI allowed for ``kind``: the work's own if listed, else the closest listed one."""
    allowed = _TYPES[kind]
    for concept in (_concept(coar_type), _orcid_concept(orcid_type)):
        if concept in allowed:
            return COAR + concept
    return COAR + _FALLBACK[kind]


def work_kind(work: Work) -> Kind:
    """The entity (and so the set) a work is served as."""
    return kind_of(work.coar_type, work.orcid_type)


def coar_concepts(kind: Kind) -> frozenset[str]:
    """The COAR concept ids the profile lists for a result kind."""
    return _TYPES[kind]


def orcid_types_of(kind: Kind) -> frozenset[str]:
    """The ORCID work types whose COAR concept falls in ``kind``'s list."""
    return frozenset(t for t in ORCID_WORK_TYPES if _orcid_concept(t) in _TYPES[kind])
