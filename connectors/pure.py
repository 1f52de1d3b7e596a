"""Elsevier Pure web services (``/ws/api``): research outputs and persons.

Every request carries the institution's key in the ``api-key`` header.
Lists are read with ``size``/``offset`` paging; the checkpoint keeps which
family (research outputs, then persons) and the offset. Pure answers in two
shapes across versions (``title`` as a string or as ``{"value": …}``,
``personAssociations`` or ``contributors``); both are read.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from connectors.base import (
    Checkpoint,
    Connector,
    HarvestItem,
    PersonRef,
    Setting,
    SettingType,
    SourceInfo,
)
from connectors.http import HttpClient
from connectors.identifiers import InvalidIdentifier, external_id, normalise_orcid
from connectors.records import (
    Affiliation,
    Contributor,
    ExternalId,
    FuzzyDate,
    Person,
    Relationship,
    Title,
    Work,
)
from connectors.worktypes import COAR, coar_to_orcid

__all__ = ["PureConnector", "output_to_work", "person_to_person"]

FAMILIES = ("research-outputs", "persons")
CLOCK_MARGIN = timedelta(minutes=15)

# Last segment of Pure's research output type URI to a COAR concept.
_TYPES = {
    "article": "c_6501",
    "letter": "c_545b",
    "editorial": "c_b239",
    "review": "c_efa0",
    "bookreview": "c_ba08",
    "book": "c_2f33",
    "anthology": "c_2f33",
    "chapter": "c_3248",
    "entry": "c_3248",
    "paper": "c_5794",
    "conference": "c_5794",
    "abstract": "c_c94f",
    "poster": "c_6670",
    "doc": "c_db06",
    "master": "c_bdcc",
    "workingpaper": "c_8042",
    "preprint": "c_816b",
    "commissioned": "c_93fc",
    "patent": "c_15cd",
    "software": "c_5ce6",
}


def _text(value: Any) -> str | None:
    """Pure localised text: a string, {"value": …}, {"text": [{"value": …}]} or {"en_GB": …}."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list):
        return next((t for t in (_text(v) for v in value) if t), None)
    if isinstance(value, dict):
        for key in ("value", "title", "text", "formatted"):
            if key in value:
                return _text(value[key])
        return next((t for t in (_text(v) for v in value.values()) if t), None)
    return None


def _orcid(value: Any) -> str | None:
    try:
        return normalise_orcid(str(value)) if value else None
    except InvalidIdentifier:
        return None


def _when(text: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(text).replace("Z", "+00:00")) if text else None
    except ValueError:
        return None


def _date(output: Mapping[str, Any]) -> FuzzyDate | None:
    statuses = output.get("publicationStatuses") or []
    current = next((s for s in statuses if s.get("current")), statuses[0] if statuses else None)
    parts = (current or {}).get("publicationDate") or {}
    if not parts.get("year"):
        return None
    try:
        return FuzzyDate(int(parts["year"]), parts.get("month"), parts.get("day"))
    except (TypeError, ValueError):
        return FuzzyDate(int(parts["year"]))


def output_to_work(output: Mapping[str, Any], source: str) -> Work:
    """One Pure research output as a canonical work."""
    type_uri = str((output.get("type") or {}).get("uri") or "")
    concept = _TYPES.get(type_uri.rstrip("/").rsplit("/", 1)[-1])
    coar = COAR + concept if concept else None
    ids: list[ExternalId] = []
    for version in output.get("electronicVersions") or []:
        found = external_id("doi", str(version.get("doi") or "")) if version.get("doi") else None
        if found:
            ids.append(found)
    journal = output.get("journalAssociation") or {}
    issn = _text(journal.get("issn"))
    found = external_id("issn", issn, Relationship.PART_OF) if issn else None
    if found:
        ids.append(found)
    for isbn in output.get("isbns") or []:
        found = external_id("isbn", str(_text(isbn) or ""))
        if found:
            ids.append(found)
    people = []
    for n, assoc in enumerate(
        output.get("contributors") or output.get("personAssociations") or [], 1
    ):
        name = assoc.get("name") or {}
        label = " ".join(p for p in (name.get("firstName"), name.get("lastName")) if p)
        role = str((assoc.get("role") or assoc.get("personRole") or {}).get("uri") or "author")
        person = assoc.get("person") or assoc.get("externalPerson") or {}
        people.append(
            Contributor(
                label, _orcid(assoc.get("orcid")), role.rsplit("/", 1)[-1], person.get("uuid"), n
            )
        )
    title = _text(output.get("title"))
    return Work(
        source=source,
        local_id=str(output.get("uuid") or output.get("pureId")),
        titles=(Title(title),) if title else (),
        orcid_type=coar_to_orcid(coar),
        coar_type=coar,
        subtitle=_text(output.get("subTitle")),
        publication_date=_date(output),
        container_title=_text(journal.get("title")),
        issn=tuple(i.value for i in ids if i.type == "issn"),
        isbn=tuple(i.value for i in ids if i.type == "isbn"),
        external_ids=tuple(dict.fromkeys(ids)),
        contributors=tuple(people),
        last_modified=_when(
            output.get("modifiedDate") or (output.get("info") or {}).get("modifiedDate")
        ),
    )


def person_to_person(person: Mapping[str, Any], source: str) -> Person:
    name = person.get("name") or {}
    affiliations = []
    for assoc in (
        person.get("staffOrganizationAssociations")
        or person.get("staffOrganisationAssociations")
        or []
    ):
        org = assoc.get("organization") or assoc.get("organisationalUnit") or {}
        label = _text(org.get("name")) or str(org.get("uuid") or "")
        affiliations.append(Affiliation(label, org.get("uuid"), _text(assoc.get("jobTitle"))))
    return Person(
        source=source,
        local_id=str(person.get("uuid") or person.get("pureId")),
        family_name=name.get("lastName"),
        given_names=name.get("firstName"),
        orcid=_orcid(person.get("orcid")),
        affiliations=tuple(affiliations),
        last_modified=_when(
            person.get("modifiedDate") or (person.get("info") or {}).get("modifiedDate")
        ),
    )


class PureConnector(Connector):
    key = "pure"
    title = "Elsevier Pure web services"
    can_look_up_person = True
    settings = (
        Setting(
            "api_url",
            SettingType.URL,
            required=True,
            help="e.g. https://pure.example.lv/ws/api/524",
        ),
        Setting(
            "api_key", required=True, secret=True, help="Pure API key (sent as api-key header)"
        ),
        Setting("source", required=True, help="Short name stored on every record"),
        Setting("page_size", SettingType.INTEGER, default=100, help="Items per page"),
        Setting("timeout", SettingType.FLOAT, default=30.0, help="Seconds per request"),
    )

    def __init__(self, config: Mapping[str, Any]) -> None:
        super().__init__(config)
        headers = {"api-key": self.config["api_key"], "Accept": "application/json"}
        self.http = HttpClient(
            timeout=self.config["timeout"], headers=headers, follow_redirects=False
        )
        self.api = self.config["api_url"].rstrip("/")
        self.source: str = self.config["source"]

    def _list(self, path: str, offset: int) -> tuple[list[dict[str, Any]], int]:
        params = {"size": str(self.config["page_size"]), "offset": str(offset), "order": "modified"}
        body = self.http.json("GET", f"{self.api}/{path}", params=params)
        return list(body.get("items") or []), int(body.get("count") or 0)

    def identify(self) -> SourceInfo:
        _items, count = self._list("research-outputs", 0)
        return SourceInfo(
            name="Pure",
            base_url=self.api,
            formats=("json",),
            details={"research_outputs": str(count)},
        )

    def harvest(
        self, since: datetime | None = None, checkpoint: Checkpoint | None = None
    ) -> Iterator[HarvestItem]:
        """All outputs then all persons; ``since`` filters by modified date on our side."""
        state: dict[str, Any] = {
            "family": 0,
            "offset": 0,
            "since": since.isoformat() if since else None,
        }
        if since is None and checkpoint is not None:
            state = dict(checkpoint.state)
            if checkpoint.complete:
                state = {"family": 0, "offset": 0, "since": state.get("next_since")}
        # Filtering is on our side with our clock: step back so skew loses nothing.
        state.setdefault("started", (datetime.now(UTC) - CLOCK_MARGIN).isoformat())
        floor = _when(state["since"])
        while state["family"] < len(FAMILIES):
            family = FAMILIES[state["family"]]
            items, count = self._list(family, state["offset"])
            for item in items:
                record = (
                    output_to_work(item, self.source)
                    if family == "research-outputs"
                    else person_to_person(item, self.source)
                )
                if floor is None or record.last_modified is None or record.last_modified >= floor:
                    yield record
            state["offset"] += len(items)
            if not items or state["offset"] >= count:
                state = {**state, "family": state["family"] + 1, "offset": 0}
            if state["family"] < len(FAMILIES):
                yield Checkpoint(dict(state))
        yield Checkpoint({"next_since": state["started"]}, complete=True)

    def works_of_person(self, person: PersonRef) -> Iterator[Work]:
        uuid = person.local_id or self._uuid_for(person.orcid or "")
        if uuid is None:
            return
        offset = 0
        while True:
            items, count = self._list(f"persons/{uuid}/research-outputs", offset)
            yield from (output_to_work(i, self.source) for i in items)
            offset += len(items)
            if not items or offset >= count:
                return

    def _uuid_for(self, orcid: str) -> str | None:
        body = self.http.json("GET", f"{self.api}/persons", params={"q": orcid, "size": "10"})
        for item in body.get("items") or []:
            if _orcid(item.get("orcid")) == _orcid(orcid):
                return str(item["uuid"])
        return None
