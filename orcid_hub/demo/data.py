"""Demo people and institutions. The iDs are valid (correct check digit) and fictitious;
the local ORCID sandbox knows the same people, so they can sign in there."""

from __future__ import annotations

from dataclasses import dataclass

from orcid_hub.orcid.ids import check_digit


def fake_orcid(serial: int) -> str:
    """A valid-looking iD in the 0009-0000 block, which ORCID does not issue to our demo."""
    base = f"000900000000{serial:03d}"
    digits = base + check_digit(base)
    return "-".join(digits[i : i + 4] for i in range(0, 16, 4))


@dataclass(frozen=True)
class DemoInstitution:
    slug: str
    name_lv: str
    name_en: str
    ror_id: str | None
    client_id: str | None = None
    """Its member client in the local sandbox's seed (None: it still has to onboard)."""
    client_secret: str | None = None


@dataclass(frozen=True)
class DemoPerson:
    orcid: str
    given_names: str
    family_name: str
    email: str
    institution: str | None
    role: str = "researcher"
    consortium_lead: bool = False

    @property
    def name(self) -> str:
        return f"{self.given_names} {self.family_name}"


INSTITUTIONS = [
    DemoInstitution(
        "lu",
        "Latvijas Universitāte",
        "University of Latvia",
        "05g3mes96",
        "APP-DEMO0LU000000001",
        "demo-secret-lu",
    ),
    DemoInstitution(
        "rtu",
        "Rīgas Tehniskā universitāte",
        "Riga Technical University",
        "00twb6c09",
        "APP-DEMO0RTU00000001",
        "demo-secret-rtu",
    ),
    DemoInstitution(
        "rsu",
        "Rīgas Stradiņa universitāte",
        "Rīga Stradiņš University",
        "03nadks56",
        "APP-DEMO0RSU00000001",
        "demo-secret-rsu",
    ),
    DemoInstitution(
        "lbtu",
        "Latvijas Biozinātņu un tehnoloģiju universitāte",
        "Latvia University of Life Sciences and Technologies",
        None,
    ),
    DemoInstitution("du", "Daugavpils Universitāte", "Daugavpils University", None),
]

PEOPLE = [
    DemoPerson(
        fake_orcid(1), "Ilze", "Bērziņa", "ilze.berzina@example.lv", None, consortium_lead=True
    ),
    DemoPerson(fake_orcid(2), "Jānis", "Kalniņš", "janis.kalnins@example.lv", "lu", role="admin"),
    DemoPerson(fake_orcid(3), "Anna", "Ozoliņa", "anna.ozolina@example.lv", "lu"),
    DemoPerson(fake_orcid(4), "Mārtiņš", "Liepiņš", "martins.liepins@example.lv", "lu"),
    DemoPerson(fake_orcid(5), "Līga", "Krūmiņa", "liga.krumina@example.lv", "rtu", role="admin"),
    DemoPerson(fake_orcid(6), "Edgars", "Vītols", "edgars.vitols@example.lv", "rtu"),
    DemoPerson(
        fake_orcid(7), "Kristīne", "Zariņa", "kristine.zarina@example.lv", "rsu", role="admin"
    ),
    DemoPerson(fake_orcid(8), "Pēteris", "Jansons", "peteris.jansons@example.lv", "rsu"),
    DemoPerson(fake_orcid(9), "Dace", "Lapiņa", "dace.lapina@example.lv", "lbtu", role="admin"),
    DemoPerson(fake_orcid(10), "Artūrs", "Ozols", "arturs.ozols@example.lv", "du", role="admin"),
]


# The hub's own sign-in client in the local sandbox's seed (fake demo values).
HUB_CLIENT_ID = "APP-DEMO0HUB00000001"
HUB_CLIENT_SECRET = "demo-secret-hub"  # noqa: S105 - public fake, only the local sandbox knows it
