from __future__ import annotations

import json
from pathlib import Path

from connectors.records import Contributor, to_dict
from orcid_hub.oai.stored import with_orcids, work_from_dict
from tests.oai_data import article, dataset, patent, sample_works


def test_works_come_back_whole_from_the_stored_json(fixtures_dir: Path) -> None:
    for work in [*sample_works(fixtures_dir), article(1), dataset(2), patent(3)]:
        stored = json.loads(json.dumps(to_dict(work)))  # as the JSON column keeps it
        assert work_from_dict(stored) == work


def test_unknown_or_missing_fields_are_tolerated() -> None:
    data = dict(to_dict(article(1)))
    data["external_ids"] = [
        *data["external_ids"],
        {"type": "doi", "value": "10.1/x", "relationship": "cites"},
    ]
    data["future_field"] = 1
    del data["subtitle"]
    work = work_from_dict(data)
    assert work.external_ids == article(1).external_ids
    assert work_from_dict({"titles": [{"value": "T"}]}).orcid_type == "other"


def test_matched_researchers_lend_their_ids_to_contributors_without_one() -> None:
    work = article(
        1, contributors=(Contributor("A", None), Contributor("B", "0000-0002-1825-0097"))
    )
    given = with_orcids(work, {"A": "0000-0003-1415-9269", "B": "0000-0003-1415-9269"})
    assert [c.orcid for c in given.contributors] == ["0000-0003-1415-9269", "0000-0002-1825-0097"]
    assert with_orcids(work, {}) is work
