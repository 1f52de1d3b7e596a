"""The demo's CRIS: a spreadsheet of the University of Latvia's publications, harvested
once, so a newcomer sees works in the store, matched to researchers, on the OAI-PMH
endpoint (/oai/lu) and on the Connectors tab."""

from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from orcid_hub import db, tabular
from orcid_hub.demo.data import fake_orcid
from orcid_hub.harvest import jobs, services, uploads
from orcid_hub.harvest.models import ConnectorConfig
from orcid_hub.institutions.models import Institution

LABEL = "LU publikāciju izklājlapa (demo)"
ANNA, MARTINS = fake_orcid(3), fake_orcid(4)
COLUMNS = (
    "local_id",
    "title",
    "title_lang",
    "type",
    "publication_date",
    "journal",
    "doi",
    "issn",
    "authors",
)
# DOIs use Crossref's test prefix 10.5555: they resolve nowhere, by design.
WORKS = [
    (
        "LU-P-2023-011",
        "Pētnieku identifikatoru izmantošana Latvijas zinātnes sistēmā",
        "lv",
        "journal-article",
        "2023-05",
        "Latvijas Universitātes Raksti",
        "10.5555/lu.2023.011",
        "1407-2157",
        f"Ozoliņa, Anna ({ANNA}); Liepiņš, Mārtiņš ({MARTINS})",
    ),
    (
        "LU-P-2024-003",
        "Open research information in the Baltic states",
        "en",
        "journal-article",
        "2024-02-14",
        "Baltic Journal of Modern Computing",
        "10.5555/bjmc.2024.003",
        "2255-8942",
        f"Liepiņš, Mārtiņš ({MARTINS}); Kalniņš, Jānis",
    ),
    (
        "LU-P-2024-019",
        "CERIF-XML datu apmaiņa starp CRIS un ORCID",
        "lv",
        "conference-paper",
        "2024-10",
        "Latvijas Universitātes 82. starptautiskā konference",
        "10.5555/lu.conf.2024.019",
        "",
        f"Ozoliņa, Anna ({ANNA})",
    ),
    (
        "LU-P-2025-002",
        "Persistent identifiers for datasets: a practical guide",
        "en",
        "report",
        "2025",
        "",
        "",
        "",
        f"Ozoliņa, Anna ({ANNA}); Bērziņa, Ilze",
    ),
    (
        "LU-P-2025-007",
        "Zinātnisko publikāciju metadatu kvalitāte",
        "lv",
        "book-chapter",
        "2025-06",
        "Atvērtā zinātne Latvijā",
        "10.5555/lu.book.2025.007",
        "",
        f"Liepiņš, Mārtiņš ({MARTINS})",
    ),
]


def seed_harvest(app: Flask) -> int | None:
    """Create the demo connector and harvest it once; None when it already exists."""
    settings = app.config["SETTINGS"]
    with db.transaction(app) as session:
        lu = session.scalars(select(Institution).where(Institution.slug == "lu")).first()
        if lu is None:
            return None
        exists = session.scalars(
            select(ConnectorConfig).where(
                ConnectorConfig.institution_id == lu.id, ConnectorConfig.label == LABEL
            )
        ).first()
        if exists is not None:
            return None
        path = uploads.save(
            settings.instance_dir,
            lu.id,
            "lu-publications.csv",
            tabular.write_csv(COLUMNS, WORKS),
        )
        config = services.create_config(
            session,
            lu.id,
            "spreadsheet",
            LABEL,
            {"path": str(path), "source": "LU-CRIS", "record_type": "works"},
        )
        session.flush()
        config_id = config.id
    started = jobs.begin(app, config_id, "demo")
    jobs.carry_on(app, started.run_id)
    return started.run_id
