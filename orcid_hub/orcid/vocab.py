"""ORCID's controlled vocabularies (v3.0), as the server enforces them.

Sources are named in ``docs/orcid-api.md``: ``WorkType.java``, ``Relationship.java``,
``identifiers_en.properties``, ``common-3.0.xsd`` and friends. Kept as data so
that a new ORCID value is a one-line change.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.replace(",", " ").split())


WORK_TYPES = _words(
    """
    annotation artistic-performance blog-post book-chapter book-review book
    cartographic-material clinical-study conference-abstract conference-output
    conference-paper conference-poster conference-presentation conference-proceedings
    data-management-plan data-set design dictionary-entry disclosure dissertation-thesis
    edited-book encyclopedia-entry image invention journal-article journal-issue
    learning-object lecture-speech license magazine-article manual moving-image
    musical-composition newsletter-article newspaper-article online-resource other
    patent physical-object preprint public-speech registered-copyright report
    research-technique research-tool review software sound spin-off-company
    standards-and-policy supervised-student-publication technical-standard test
    trademark transcription translation website working-paper undefined
    """
)
WORK_TYPE_ALIASES = {
    "article-journal": "journal-article",
    "chapter": "book-chapter",
    "dataset": "data-set",
    "standard": "technical-standard",
}
"""Accepted by ORCID as input; we send the canonical value."""

RELATIONSHIPS = _words("self part-of version-of funded-by")

EXTERNAL_ID_TYPES = _words(
    """
    agr arxiv asin asin-tld authenticusid ark bibcode cba cienciaiul cit cgn cstr ctx
    dnb doi eid emdb empiar ethos grant-number hal handle hir isbn ismn issn jfm jstor
    k10plus kuid lccn lensid mr oclc ol osti other-id pat pdb pmc pmid ppr proposal-id
    raid rfc rrid source-work-id ssrn uri urn wosuid zbl
    grant_number
    """
)
"""``grant_number`` (underscore) is what ORCID's own funding samples and records use."""

CITATION_TYPES = _words(
    """
    bibtex formatted-apa formatted-chicago formatted-harvard formatted-ieee formatted-mla
    formatted-vancouver formatted-unspecified ris
    """
)

CONTRIBUTOR_SEQUENCES = _words("first additional")

LEGACY_ROLES = _words(
    """
    author assignee editor chair-or-translator co-investigator co-inventor
    graduate-student other-inventor principal-investigator postdoctoral-researcher
    support-staff
    """
)
CREDIT_ROLE_PREFIX = "http://credit.niso.org/contributor-roles/"
CREDIT_ROLES = _words(
    """
    conceptualization data-curation formal-analysis funding-acquisition investigation
    methodology project-administration resources software supervision validation
    visualization writing-original-draft writing-review-editing
    """
)
FUNDING_CONTRIBUTOR_ROLES = _words("lead co-lead supported-by other-contribution")
FUNDING_TYPES = _words("award contract grant salary-award")

VISIBILITIES = _words("public limited registered-only private")

DISAMBIGUATION_SOURCES = _words("ROR RINGGOLD GRID FUNDREF LEI")

LANGUAGE_CODES = _words(
    """
    ab aa af ak sq am ar an hy as av ae ay az bm ba eu be bn bh bi bs br bg my ca ch ce
    zh_CN zh_TW cu cv kw co cr hr cs da dv nl dz en eo et ee fo fj fi fr fy ff gl lg ka
    de el kl gn gu ht ha iw hz hi ho hu is io ig in ia ie iu ik ga it ja jv kn kr ks kk
    km ki rw ky kv kg ko ku kj lo la lv li ln lt lu lb mk mg ms ml mt gv mi mr mh mo mn
    na nv ng ne nd se no nb nn ny oc oj or om os pi pa fa pl pt ps qu rm ro rn ru sm sg
    sa sc gd sr sn ii sd si sk sl so nr st es su sw ss sv tl ty tg ta tt te th bo ti to
    ts tn tr tk tw ug uk ur uz ve vi vo wa cy wo xh ji yo za zu
    """
)
"""The list in ``common-3.0.xsd`` (Java-style: ``zh_CN``, legacy ``iw``/``in``/``ji``)."""

COUNTRIES = _words(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN
    BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ
    DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL
    GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM
    JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME
    MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP
    NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD
    SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO
    TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XK YE YT ZA ZM ZW
    """
)
"""ISO 3166-1 alpha-2, plus ``XK`` (Kosovo), which ORCID's ``Iso3166Country`` also lists."""


def is_valid_role(role: str, *, funding: bool = False) -> bool:
    """A CRediT URI, or a legacy work role (funding: ``lead``, ``co-lead``, ...)."""
    if role in (FUNDING_CONTRIBUTOR_ROLES if funding else LEGACY_ROLES):
        return True
    if role.startswith(CREDIT_ROLE_PREFIX):
        return role[len(CREDIT_ROLE_PREFIX) :].rstrip("/") in CREDIT_ROLES
    return False
