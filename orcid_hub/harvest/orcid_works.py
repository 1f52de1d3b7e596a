"""Researchers' works read from ORCID, as the harvest store's own "orcid" source.

Each institution gets one :class:`ConnectorConfig` with the reserved connector
name ``orcid``, created on demand. It is not in the connector registry: the hub
reads these works with the researchers' own tokens, not with settings an admin
types, so the store, the OAI endpoint, runs and duplicates treat it like any
other source while the connector forms leave it alone.

A work's local id is ``<ORCID iD>/work/<put-code>``; the stored record keeps,
beside the canonical fields, an ``orcid`` object with the put-code and the
item's source (client id, or the researcher's own iD, and name), so a CRIS can
tell what the institution itself wrote.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from connectors import identifiers
from connectors.records import Contributor, ExternalId, FuzzyDate, Relationship, Title, Work
from connectors.worktypes import orcid_to_coar
from orcid_hub.harvest import services
from orcid_hub.harvest.models import ConnectorConfig
from orcid_hub.orcid import model

CONNECTOR = services.ORCID_SOURCE
SOURCE = "orcid"
LABEL = "ORCID"


def local_id(orcid: str, put_code: int) -> str:
    return f"{orcid}/work/{put_code}"


def prefix(orcid: str) -> str:
    """The start of the local ids of every work read from this researcher's record."""
    return f"{orcid}/work/"


def config_for(session: Session, institution_id: int) -> ConnectorConfig:
    """The institution's ORCID source, created (not committed) the first time it is needed."""
    found = session.scalars(
        select(ConnectorConfig).where(
            ConnectorConfig.institution_id == institution_id,
            ConnectorConfig.connector == CONNECTOR,
        )
    ).first()
    if found is not None:
        return found
    label = LABEL
    taken = set(
        session.scalars(
            select(ConnectorConfig.label).where(ConnectorConfig.institution_id == institution_id)
        )
    )
    while label in taken:  # an admin may already have named a connector "ORCID"
        label += " (hub)"
    config = ConnectorConfig(
        institution_id=institution_id, connector=CONNECTOR, label=label, settings={}
    )
    session.add(config)
    session.flush()
    return config


def _external_ids(work: model.Work) -> tuple[ExternalId, ...]:
    found: dict[ExternalId, None] = {}
    for eid in work.external_ids:
        try:
            relation = Relationship(eid.relationship or "self")
        except ValueError:
            relation = Relationship.SELF
        normal = identifiers.external_id(eid.type, eid.value, relation)
        if normal is not None:
            found[normal] = None
    return tuple(found)


def _date(date: model.FuzzyDate | None) -> FuzzyDate | None:
    if date is None or date.year is None:
        return None
    try:
        return FuzzyDate(date.year, date.month, date.day if date.month else None)
    except ValueError:  # ORCID keeps what it was given; the store wants a real date
        return FuzzyDate(date.year)


def _contributors(work: model.Work) -> tuple[Contributor, ...]:
    people = []
    for number, person in enumerate(work.contributors, start=1):
        orcid = None
        if person.orcid:
            try:
                orcid = identifiers.normalise_orcid(person.orcid)
            except identifiers.InvalidIdentifier:
                orcid = None
        people.append(
            Contributor(
                name=person.name or "",
                orcid=orcid,
                role=person.role or "author",
                sequence=number,
            )
        )
    return tuple(people)


def to_work(orcid: str, work: model.Work) -> Work:
    """The canonical work of a full work read from ``orcid``'s record."""
    assert work.put_code is not None
    ids = _external_ids(work)
    titles = [Title(work.title)] if work.title else []
    if work.translated_title:
        titles.append(Title(work.translated_title, work.translated_title_language))
    return Work(
        source=SOURCE,
        local_id=local_id(orcid, work.put_code),
        titles=tuple(titles),
        orcid_type=work.type or "other",
        coar_type=orcid_to_coar(work.type),
        subtitle=work.subtitle,
        publication_date=_date(work.publication_date),
        container_title=work.journal_title,
        issn=tuple(i.value for i in ids if i.type == "issn"),
        isbn=tuple(i.value for i in ids if i.type == "isbn"),
        external_ids=ids,
        contributors=_contributors(work),
        language=work.language_code,
        url=work.url,
        last_modified=work.last_modified,
    )


def origin(orcid: str, work: model.Work) -> dict[str, Any]:
    """What the stored record keeps about the ORCID item itself."""
    source = work.source or model.Source()
    return {
        "orcid": {
            "orcid": orcid,
            "put_code": work.put_code,
            "source_client_id": source.client_id,
            "source_orcid": source.orcid,
            "source_name": source.name,
            "visibility": work.visibility,
        }
    }
