"""Canonical works back from the JSON the harvest store keeps (``connectors.records.to_dict``).

The connectors package writes records to plain mappings but has no reader;
this is the hub's, tolerant of fields a future version adds or drops.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any

from connectors.records import Contributor, ExternalId, FuzzyDate, Relationship, Title, Work

__all__ = ["with_orcids", "work_from_dict"]


def _text(value: Any) -> str | None:
    return str(value) if value not in (None, "") else None


def _external_id(data: Mapping[str, Any]) -> ExternalId | None:
    try:
        relationship = Relationship(data.get("relationship") or "self")
    except ValueError:
        return None
    if not data.get("type") or not data.get("value"):
        return None
    return ExternalId(str(data["type"]), str(data["value"]), relationship)


def _contributor(data: Mapping[str, Any]) -> Contributor:
    sequence = data.get("sequence")
    return Contributor(
        name=str(data.get("name") or ""),
        orcid=_text(data.get("orcid")),
        role=str(data.get("role") or "author"),
        local_id=_text(data.get("local_id")),
        sequence=int(sequence) if isinstance(sequence, int) else None,
    )


def work_from_dict(data: Mapping[str, Any]) -> Work:
    modified = data.get("last_modified")
    ids = [_external_id(i) for i in data.get("external_ids") or ()]
    return Work(
        source=str(data.get("source") or ""),
        local_id=str(data.get("local_id") or ""),
        titles=tuple(
            Title(str(t["value"]), _text(t.get("lang")))
            for t in data.get("titles") or ()
            if t.get("value")
        ),
        orcid_type=str(data.get("orcid_type") or "other"),
        coar_type=_text(data.get("coar_type")),
        subtitle=_text(data.get("subtitle")),
        publication_date=FuzzyDate.parse(_text(data.get("publication_date"))),
        container_title=_text(data.get("container_title")),
        issn=tuple(str(v) for v in data.get("issn") or ()),
        isbn=tuple(str(v) for v in data.get("isbn") or ()),
        external_ids=tuple(i for i in ids if i is not None),
        contributors=tuple(_contributor(c) for c in data.get("contributors") or ()),
        language=_text(data.get("language")),
        url=_text(data.get("url")),
        oai_identifier=_text(data.get("oai_identifier")),
        deleted=bool(data.get("deleted")),
        last_modified=dt.datetime.fromisoformat(modified) if isinstance(modified, str) else None,
    )


def with_orcids(work: Work, orcids_by_name: Mapping[str, str]) -> Work:
    """The work with the iDs of matched researchers given to contributors that lack one.

    The store matches contributors to researchers by CRIS person id too; the
    CERIF record should then carry the researcher's ORCID iD, as OpenAIRE
    expects authors to be identified.
    """
    if not orcids_by_name:
        return work
    people = tuple(
        Contributor(c.name, orcids_by_name[c.name], c.role, c.local_id, c.sequence)
        if c.orcid is None and c.name in orcids_by_name
        else c
        for c in work.contributors
    )
    return dataclasses.replace(work, contributors=people)
