"""A believable year (2025 and the start of 2026) of consortium records for the demo.

Names and e-mails are fictitious; institutions are the demo's (orcid_hub.demo.data).
"""

from __future__ import annotations

# slug: (register no., type, website, tier, member since)
INSTITUTIONS = {
    "lu": ("361010", "university", "https://www.lu.lv", "large", "2019-01-01"),
    "rtu": ("361011", "university", "https://www.rtu.lv", "large", "2019-01-01"),
    "rsu": ("361012", "university", "https://www.rsu.lv", "large", "2020-03-01"),
    "lbtu": ("361013", "university", "https://www.lbtu.lv", "small", "2021-06-01"),
    "du": ("361014", "university", "https://du.lv", "small", "2023-09-01"),
}

# slug, name, e-mail, position, ORCID roles, local roles
CONTACTS = [
    (
        "lu",
        "Inese Kalniņa",
        "inese.kalnina@lu.example.lv",
        "Bibliotēkas direktore",
        "main;voting",
        "",
    ),
    (
        "lu",
        "Raimonds Ozols",
        "raimonds.ozols@lu.example.lv",
        "IT departamenta vadītājs",
        "technical",
        "it_unit",
    ),
    (
        "rtu",
        "Sandra Liepa",
        "sandra.liepa@rtu.example.lv",
        "Zinātnes prorektora vietniece",
        "signatory;main;voting",
        "lzp",
    ),
    (
        "rtu",
        "Toms Briedis",
        "toms.briedis@rtu.example.lv",
        "Sistēmu arhitekts",
        "technical;product",
        "it_unit;eosc",
    ),
    (
        "rsu",
        "Laura Vanaga",
        "laura.vanaga@rsu.example.lv",
        "Zinātnes departamenta vadītāja",
        "main;voting;invoice",
        "",
    ),
    (
        "lbtu",
        "Gints Sproģis",
        "gints.sprogis@lbtu.example.lv",
        "Bibliotekārs",
        "main;voting;comms",
        "",
    ),
    (
        "du",
        "Olga Petrova",
        "olga.petrova@du.example.lv",
        "Zinātņu daļas vadītāja",
        "main;voting",
        "geant",
    ),
]

# contact e-mail, role, since
WORKING_GROUP = [
    ("inese.kalnina@lu.example.lv", "chair", "2024-01-15"),
    ("sandra.liepa@rtu.example.lv", "secretary", "2024-01-15"),
    ("laura.vanaga@rsu.example.lv", "member", "2024-01-15"),
    ("gints.sprogis@lbtu.example.lv", "member", "2024-09-01"),
    ("olga.petrova@du.example.lv", "member", "2025-02-01"),
]

# ref, type, title, start, place, online, organiser, deliverables, participants (slug/e-mail)
EVENTS = [
    (
        "2025-02-11-wg",
        "working_group",
        "ORCID darba grupas sanāksme: 2025. gada plāns",
        "2025-02-11",
        "Rīga, Raiņa bulvāris 19",
        False,
        "VPC",
        "1.2.1;3.2.3",
        ["lu", "rtu", "rsu", "lbtu", "du"],
    ),
    (
        "2025-03-18-training",
        "training",
        "ORCID integrācija ar CRIS: praktiskais seminārs",
        "2025-03-18",
        "Tiešsaistē",
        True,
        "VPC",
        "3.2.3",
        ["lu", "rtu", "rsu", "du"],
    ),
    (
        "2025-04-09-consultation",
        "consultation",
        "Konsultācija par atvērtās zinātnes ietvaru",
        "2025-04-09",
        "Rīga",
        False,
        "VPC",
        "1.2.1;1.2.2",
        ["lu", "rtu", "lbtu"],
    ),
    (
        "2025-05-20-eosc-ga",
        "eosc",
        "EOSC Association General Assembly",
        "2025-05-20",
        "Brisele",
        False,
        "EOSC Association",
        "2.1;2.2",
        [],
    ),
    (
        "2025-06-10-it",
        "it_units",
        "Tikšanās ar IT struktūrvienībām par ORCID un AAI",
        "2025-06-10",
        "Tiešsaistē",
        True,
        "VPC",
        "1.3",
        ["lu", "rtu", "rsu"],
    ),
    (
        "2025-06-16-tnc25",
        "geant",
        "GÉANT TNC25 konference",
        "2025-06-16",
        "Braitona",
        False,
        "GÉANT",
        "3.2.2",
        [],
    ),
    (
        "2025-09-23-wg",
        "working_group",
        "ORCID darba grupas sanāksme: integrāciju statuss",
        "2025-09-23",
        "Jelgava",
        False,
        "VPC",
        "1.2.1;3.2.3",
        ["lu", "rtu", "rsu", "lbtu"],
    ),
    (
        "2025-10-14-lzp",
        "lzp",
        "Tikšanās ar Latvijas Zinātnes padomi par ORCID projektu pieteikumos",
        "2025-10-14",
        "Rīga",
        False,
        "VPC",
        "1.3;1.2.3",
        ["rtu"],
    ),
    (
        "2025-11-12-training",
        "training",
        "ORCID iD pētniekiem: reģistrācija un atļaujas",
        "2025-11-12",
        "Daugavpils",
        False,
        "VPC",
        "3.2.3",
        ["du", "lbtu"],
    ),
    (
        "2025-11-20-eosc-symposium",
        "eosc",
        "EOSC Symposium 2025",
        "2025-11-20",
        "Varšava",
        False,
        "EOSC Association",
        "2.1;2.2",
        [],
    ),
    (
        "2026-02-10-wg",
        "working_group",
        "ORCID darba grupas sanāksme: 2026. gada plāns",
        "2026-02-10",
        "Rīga",
        False,
        "VPC",
        "1.2.1;3.2.3",
        ["lu", "rtu", "rsu", "lbtu", "du"],
    ),
    (
        "2026-03-17-training",
        "training",
        "Afiliāciju ierakstīšana ORCID no personāla sistēmas",
        "2026-03-17",
        "Tiešsaistē",
        True,
        "VPC",
        "3.2.3",
        ["lu", "rsu"],
    ),
]

# event ref: (kind, text, owner, due, status)
OUTCOMES: dict[str, list[tuple[str, str, str | None, str | None, str]]] = {
    "2025-02-11-wg": [
        ("decision", "Apstiprināts darba grupas 2025. gada darba plāns.", None, None, "done"),
        ("action", "Sagatavot CRIS integrācijas vadlīnijas.", "VPC", "2025-05-31", "done"),
    ],
    "2025-04-09-consultation": [
        ("conclusion", "Institūcijām trūkst vienota PID lietošanas apraksta.", None, None, "done"),
        (
            "recommendation",
            "Iekļaut ROR un ORCID prasības institucionālajās politikās.",
            "LU",
            "2025-12-31",
            "in_progress",
        ),
    ],
    "2025-06-10-it": [
        (
            "recommendation",
            "Pieslēgt ORCID pierakstīšanos caur eduGAIN federāciju.",
            "RTU",
            "2026-06-30",
            "open",
        ),
    ],
    "2025-09-23-wg": [
        (
            "conclusion",
            "Trīs institūcijās integrācija ir ražošanā, divās plānota.",
            None,
            None,
            "done",
        ),
        ("action", "Organizēt apmācību Daugavpilī.", "VPC", "2025-11-30", "done"),
    ],
    "2025-10-14-lzp": [
        (
            "decision",
            "LZP projektu pieteikumos prasīs vadītāja ORCID iD.",
            "LZP",
            "2026-01-01",
            "in_progress",
        ),
    ],
}

POSITIONS = {
    "2025-05-20-eosc-ga": (
        "EOSC Federation: valstu mezgli",
        "Latvija atbalsta vienotu nacionālo mezglu ar VPC kā koordinatoru.",
        "VPC pārstāvis",
        "Izglītības un zinātnes ministrija",
    ),
    "2025-11-20-eosc-symposium": (
        "PID politika EOSC",
        "Latvija aicina ORCID un ROR iekļaut EOSC minimālajās prasībās.",
        "VPC pārstāvis",
        "ORCID darba grupa",
    ),
}

MATERIALS: dict[str, list[tuple[str, str, str | None]]] = {
    "2025-05-20-eosc-ga": [
        ("EOSC Association: dalības iespējas 2025", "received", None),
        (
            "EOSC Association: dalības iespējas 2025",
            "distributed",
            "ORCID darba grupa; IT struktūrvienības",
        ),
    ],
    "2025-03-18-training": [
        ("Prezentācija: ORCID integrācija ar CRIS", "distributed", "Semināra dalībnieki")
    ],
}

# event ref: (topic, audience, feedback)
TRAININGS = {
    "2025-03-18-training": ("ORCID Member API un CRIS", "IT speciālisti", 4.6),
    "2025-11-12-training": ("ORCID iD reģistrācija un atļaujas", "Pētnieki un doktoranti", 4.8),
    "2026-03-17-training": ("Afiliāciju ierakstīšana", "Personāla daļas un bibliotēkas", None),
}

PROPOSALS = [
    (
        "2025-10-14-lzp",
        "ORCID iD obligāts LZP projektu vadītājiem",
        "2025-10-20",
        "Latvijas Zinātnes padome",
        "Projektu pieteikumos prasīt vadītāja ORCID iD.",
        "accepted",
    ),
    (
        "2025-04-09-consultation",
        "PID prasības zinātniskās darbības bāzes finansējumā",
        "2025-12-05",
        "Izglītības un zinātnes ministrija",
        "Vērtēšanā ņemt vērā ORCID, ROR un DOI lietojumu.",
        "submitted",
    ),
]

# slug, system, product, vendor, workflows, status, go-live
INTEGRATIONS = [
    ("lu", "cris", "LUIS", "LU", "collect_id;write_works;read", "production", "2024-05-01"),
    (
        "rtu",
        "repository",
        "DSpace 7",
        "Atmire",
        "collect_id;write_works",
        "production",
        "2025-04-14",
    ),
    (
        "rsu",
        "cris",
        "Pure",
        "Elsevier",
        "collect_id;write_affiliations;write_works",
        "sandbox",
        None,
    ),
    ("lbtu", "repository", "LLU IR", None, "collect_id", "planned", None),
    ("du", "journal", "OJS", "PKP", "collect_id;read", "planned", None),
]

NETWORKS = [
    ("eosc", "EOSC Association", "mandated", "VPC valdes loceklis", "2022-01-01"),
    ("geant", "GÉANT Community Programme", "member", "VPC tīkla eksperts", "2023-01-01"),
    ("orcid", "ORCID (Latvijas konsorcijs)", "member", "Ilze Bērziņa", "2019-01-01"),
]

# name, description, groups, {year: (EUR, source)}
SERVICES = [
    (
        "ORCID konsorcija dalība",
        "Dalība ORCID caur nacionālo konsorciju, atbalsts un apmācības.",
        "universities;institutes",
        {2025: (42000, "Valsts budžets"), 2026: (44000, "Valsts budžets")},
    ),
    (
        "ORCID Hub",
        "Centralizēts rīks ORCID saistīšanai un ierakstu sinhronizācijai.",
        "universities;institutes;researchers",
        {2025: (15000, "Valsts budžets"), 2026: (18000, "Valsts budžets")},
    ),
    (
        "Identitātes federācija",
        "Vienota pieteikšanās (eduGAIN) zinātnes un izglītības pakalpojumiem.",
        "universities;colleges;institutes",
        {2025: (20000, "Valsts budžets"), 2026: (20000, "ES fondi")},
    ),
]

# objective, activity, years, responsible, milestone, {revision: status}
PLAN = [
    (
        "Paplašināt ORCID lietojumu",
        "Pievienot konsorcijam 3 jaunas institūcijas",
        "2024–2026",
        "VPC",
        "2 jaunas līdz 2025. gada beigām",
        {2025: "in_progress", 2026: "in_progress"},
    ),
    (
        "Paplašināt ORCID lietojumu",
        "ORCID integrācija visās universitāšu CRIS",
        "2024–2026",
        "Darba grupa",
        "3 integrācijas ražošanā 2025",
        {2025: "in_progress", 2026: "in_progress"},
    ),
    (
        "EOSC iesaiste",
        "Nacionālā EOSC mezgla koncepcija",
        "2025–2026",
        "VPC",
        "Koncepcija iesniegta IZM",
        {2025: "planned", 2026: "in_progress"},
    ),
    (
        "Pakalpojumu grozs",
        "Pamatpakalpojumu groza apraksta aktualizācija",
        "2024–2026",
        "VPC",
        "Ikgadēji līdz 1. martam",
        {2025: "done", 2026: "planned"},
    ),
]

# slug, name, category, EOSC, DS4Skills, compliance
DIGITAL_SERVICES = [
    ("lu", "LU repozitorijs", "repository", "high", "low", "orcid;doi;openaire"),
    ("lu", "LUIS zinātne", "cris", "medium", "none", "orcid;ror"),
    ("rtu", "RTU ORTUS", "repository", "high", "medium", "orcid;doi;fair;openaire"),
    ("rsu", "RSU Pure", "cris", "medium", "none", "orcid;ror;doi"),
    ("rsu", "RSU datu repozitorijs", "data_catalogue", "high", "low", "doi;fair"),
    ("lbtu", "LBTU e-studijas", "skills", "low", "high", ""),
    ("du", "DU žurnālu platforma", "repository", "medium", "low", "doi"),
]

# slug, description, priority, source
NEEDS = [
    ("lbtu", "Nepieciešams atbalsts repozitorija OpenAIRE atbilstībai.", "high", "survey"),
    ("du", "Trūkst IT kapacitātes ORCID integrācijai ar OJS.", "high", "meeting"),
    ("rsu", "Vajadzīga ROR lietošana personāla sistēmā.", "medium", "consultation"),
    ("lu", "Apmācības doktorantiem par ORCID atļaujām.", "low", "survey"),
]
