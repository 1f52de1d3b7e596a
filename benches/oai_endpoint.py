"""Benchmark: the hub's OAI-PMH endpoint listing an institution's stored works.

A scratch SQLite database (built by the migrations) gets one institution
and N stored works (a CERIF-shaped journal article each, a second apart);
the Flask app then answers a full ``ListRecords`` in ``oai_cerif_openaire``
through its resumption tokens, in process (no HTTP). It prints:

* records/second of the whole list, and the number of pages;
* the time of the first page (it also counts the list) and of a later one.

Run: .venv/bin/python benches/oai_endpoint.py [--works N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import tempfile
import time
from pathlib import Path

from flask import Flask

from connectors.records import (
    Contributor,
    ExternalId,
    FuzzyDate,
    Relationship,
    Title,
    Work,
    to_dict,
)
from orcid_hub import create_app, db, migrate
from orcid_hub.harvest.models import ConnectorConfig, StoredWork
from orcid_hub.institutions.models import Institution

TOKEN = re.compile(rb"<resumptionToken[^>]*>([^<]+)</resumptionToken>")
KEY = "hYh4I4hdgWVFtOKUGYNAfV1dqUkaDkS08jmcxGEzHK0="  # a throwaway Fernet key


def article(n: int) -> Work:
    return Work(
        source="cris",
        local_id=f"Publications/{n}",
        titles=(Title(f"Study no. {n}", "en"),),
        orcid_type="journal-article",
        coar_type="http://purl.org/coar/resource_type/c_6501",
        publication_date=FuzzyDate(2025, 5),
        container_title="Latvian Journal of Physics",
        issn=("0868-8257",),
        external_ids=(
            ExternalId("doi", f"10.2478/lpts-2025-{n:06d}"),
            ExternalId("issn", "0868-8257", Relationship.PART_OF),
        ),
        contributors=tuple(Contributor(f"Author {i}", sequence=i) for i in range(1, 6)),
    )


def fill(app: Flask, works: int) -> None:
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    with db.transaction(app) as session:
        inst = Institution(
            slug="lu", name_lv="Latvijas Universitāte", name_en="University of Latvia"
        )
        session.add(inst)
        session.flush()
        config = ConnectorConfig(
            institution_id=inst.id, connector="oai-pmh", label="C", settings={}
        )
        session.add(config)
        session.flush()
        for n in range(works):
            work = article(n)
            session.add(
                StoredWork(
                    institution_id=inst.id,
                    config_id=config.id,
                    source="cris",
                    local_id=work.local_id,
                    orcid_type=work.orcid_type,
                    coar_type=work.coar_type,
                    record=dict(to_dict(work)),
                    content_hash="-",
                    last_modified=start + dt.timedelta(seconds=n),
                )
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--works", type=int, default=20_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="oai-bench-"))
    url = f"sqlite:///{folder / 'bench.sqlite3'}"
    migrate.upgrade(url)
    app = create_app(
        {
            "app": {
                "secret_key": "bench",
                "instance_path": str(folder),
                "base_url": "https://orcid.lv",
            },
            "security": {"encryption_keys": [KEY]},
            "database": {"url": url},
        }
    )
    fill(app, args.works)
    client = app.test_client()
    pages = records = 0
    timings: list[float] = []
    params = {"verb": "ListRecords", "metadataPrefix": "oai_cerif_openaire"}
    started = time.perf_counter()
    while True:
        before = time.perf_counter()
        body = client.get("/oai/lu", query_string=params).data
        timings.append(time.perf_counter() - before)
        pages += 1
        records += body.count(b"<record>")
        found = TOKEN.search(body)
        if not found:
            break
        params = {"verb": "ListRecords", "resumptionToken": found.group(1).decode()}
    elapsed = time.perf_counter() - started
    print(f"{records} records in {pages} pages: {elapsed:.1f} s, {records / elapsed:.0f} records/s")
    later = timings[len(timings) // 2]
    print(
        f"first page (counts the list) {timings[0] * 1000:.0f} ms,"
        f" a middle page {later * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
