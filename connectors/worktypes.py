"""COAR resource types ↔ ORCID work types.

COAR (http://purl.org/coar/resource_type/) is what CERIF, OpenAIRE and most
repositories send; ORCID has its own flat list. The map is many-to-one from
COAR to ORCID; the reverse picks the most general COAR concept.
"""

from __future__ import annotations

from functools import lru_cache

__all__ = ["COAR", "ORCID_WORK_TYPES", "coar_to_orcid", "eurepo_to_coar", "orcid_to_coar"]

COAR = "http://purl.org/coar/resource_type/"

ORCID_WORK_TYPES = frozenset(
    [
        "annotation",
        "artistic-performance",
        "blog-post",
        "book-chapter",
        "book-review",
        "book",
        "cartographic-material",
        "clinical-study",
        "conference-abstract",
        "conference-output",
        "conference-paper",
        "conference-poster",
        "conference-presentation",
        "conference-proceedings",
        "data-management-plan",
        "data-set",
        "design",
        "dictionary-entry",
        "disclosure",
        "dissertation-thesis",
        "edited-book",
        "encyclopedia-entry",
        "image",
        "invention",
        "journal-article",
        "journal-issue",
        "learning-object",
        "lecture-speech",
        "license",
        "magazine-article",
        "manual",
        "moving-image",
        "musical-composition",
        "newsletter-article",
        "newspaper-article",
        "online-resource",
        "other",
        "patent",
        "physical-object",
        "preprint",
        "public-speech",
        "registered-copyright",
        "report",
        "research-technique",
        "research-tool",
        "review",
        "software",
        "sound",
        "spin-off-company",
        "standards-and-policy",
        "supervised-student-publication",
        "technical-standard",
        "test",
        "trademark",
        "transcription",
        "translation",
        "website",
        "working-paper",
    ]
)

# COAR concept id -> ORCID work type. The first entry for an ORCID type is
# the one orcid_to_coar() returns, so general concepts come first.
_COAR_TO_ORCID: dict[str, str] = {
    "c_6501": "journal-article",
    "c_2df8fbb1": "journal-article",  # research article
    "c_3e5a": "journal-article",  # contribution to journal
    "c_beb9": "journal-article",  # data paper
    "c_dcae04bc": "review",  # review article
    "c_efa0": "review",
    "c_ba08": "book-review",
    "c_b239": "other",  # editorial: ORCID has no closer type
    "c_545b": "other",  # letter to the editor
    "c_0640": "journal-issue",  # a journal as a whole
    "c_998f": "newspaper-article",
    "c_2f33": "book",
    "c_3248": "book-chapter",
    "c_c94f": "conference-output",
    "c_5794": "conference-paper",
    "c_f744": "conference-proceedings",
    "c_6670": "conference-poster",
    "c_R60J": "conference-presentation",
    "c_8544": "lecture-speech",
    "c_93fc": "report",
    "c_18ws": "report",  # research report
    "c_18gh": "report",  # technical report
    "c_18wq": "report",  # other type of report
    "c_8042": "working-paper",
    "c_816b": "preprint",
    "c_46ec": "dissertation-thesis",
    "c_db06": "dissertation-thesis",  # doctoral
    "c_bdcc": "dissertation-thesis",  # master
    "c_7a1f": "supervised-student-publication",  # bachelor
    "c_ddb1": "data-set",
    "c_5ce6": "software",
    "c_15cd": "patent",
    "c_12cd": "cartographic-material",
    "c_c513": "image",
    "c_ecc8": "image",  # still image
    "c_8a7e": "moving-image",
    "c_18cc": "sound",
    "c_7ad9": "website",
    "c_1162": "annotation",
    "c_18cf": "other",  # text
    "c_1843": "other",
}

_ORCID_TO_COAR: dict[str, str] = {}
for _id, _orcid in _COAR_TO_ORCID.items():
    _ORCID_TO_COAR.setdefault(_orcid, COAR + _id)

# info:eu-repo/semantics/* types, used by oai_dc and DRIVER repositories.
_EUREPO_TO_COAR: dict[str, str] = {
    "article": "c_6501",
    "bachelorthesis": "c_7a1f",
    "masterthesis": "c_bdcc",
    "doctoralthesis": "c_db06",
    "book": "c_2f33",
    "bookpart": "c_3248",
    "review": "c_efa0",
    "conferenceobject": "c_c94f",
    "lecture": "c_8544",
    "workingpaper": "c_8042",
    "preprint": "c_816b",
    "report": "c_93fc",
    "annotation": "c_1162",
    "contributiontoperiodical": "c_3e5a",
    "patent": "c_15cd",
    "dataset": "c_ddb1",
    "other": "c_1843",
}


def _concept(uri: str) -> str:
    return uri.strip().rstrip("/").rsplit("/", 1)[-1]


@lru_cache(maxsize=1024)  # a harvest sees the same few type URIs over and over
def coar_to_orcid(uri: str | None) -> str:
    """The ORCID work type for a COAR URI (or bare concept id); ``other`` when unknown."""
    if not uri:
        return "other"
    return _COAR_TO_ORCID.get(_concept(uri), "other")


def orcid_to_coar(work_type: str) -> str | None:
    """The most general COAR URI for an ORCID work type, or None when COAR has none."""
    return _ORCID_TO_COAR.get(work_type)


def eurepo_to_coar(value: str) -> str | None:
    """A COAR URI for ``info:eu-repo/semantics/<type>`` (or a bare DRIVER type name)."""
    name = value.strip().rsplit("/", 1)[-1].lower()
    concept = _EUREPO_TO_COAR.get(name)
    return COAR + concept if concept else None
