"""The six verbs over one institution's :class:`~orcid_hub.oai.source.RecordSource`.

:class:`Endpoint` turns a checked request into the verb's XML element (or
raises :class:`~orcid_hub.oai.protocol.OaiError`). Lists are cut into pages
in a fixed order of kinds (publications, products, patents, persons, the
institution) and, within a kind, by (datestamp, key); the resumption token
carries where a page ended. A record changed while a list is being paged
moves to the end of its kind: it comes again rather than being skipped (a
kind already passed shows it to the next incremental harvest).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from lxml import etree

from connectors.records import Person, Work
from orcid_hub.oai import cerif, cerif_agents, dc
from orcid_hub.oai.envelope import add, header, oai_identifier_description, token_element
from orcid_hub.oai.protocol import (
    OaiError,
    OaiRequest,
    Tokens,
    TokenState,
    format_datestamp,
    window_of,
)
from orcid_hub.oai.repository import FORMATS, SET_KINDS, SET_OF, MetadataFormat, Repository
from orcid_hub.oai.source import Item, OrgUnit, Position, RecordSource, Window
from orcid_hub.oai.vocab import Kind

__all__ = ["Endpoint"]


class Endpoint:
    """One institution's OAI-PMH repository."""

    def __init__(
        self,
        repository: Repository,
        source: RecordSource,
        tokens: Tokens,
        page_size: int = 100,
        now: dt.datetime | None = None,
    ) -> None:
        self.repository = repository
        self.source = source
        self.tokens = tokens
        self.page_size = page_size
        self.now = now or dt.datetime.now(dt.UTC)
        self._org = Item(
            Kind.ORGUNIT, repository.org_key, repository.org_datestamp, record=repository.org
        )

    def handle(self, request: OaiRequest, parent: etree._Element) -> None:
        """Append the verb's answer to the envelope ``parent`` (or raise OaiError)."""
        handlers = {
            "Identify": self._identify,
            "ListMetadataFormats": self._list_metadata_formats,
            "ListSets": self._list_sets,
            "GetRecord": self._get_record,
            "ListIdentifiers": self._list_identifiers,
            "ListRecords": self._list_records,
        }
        handlers[request.verb](request, parent)

    # -- reading, with the institution as the one OrgUnit --------------------

    def _changed(
        self, kind: Kind, window: Window, after: Position | None, limit: int
    ) -> Sequence[Item]:
        if kind is Kind.ORGUNIT:
            org = self._org
            fits = window.holds(org.datestamp) and (
                after is None or Position(org.datestamp, org.key) > after
            )
            return [org][:limit] if fits else []
        return self.source.changed(kind, window, after, limit)

    def _count(self, kind: Kind, window: Window) -> int:
        if kind is Kind.ORGUNIT:
            return int(window.holds(self._org.datestamp))
        return self.source.count(kind, window)

    def _get(self, kind: Kind, key: int) -> Item | None:
        if kind is Kind.ORGUNIT:
            return self._org if key == self._org.key else None
        return self.source.get(kind, key)

    # -- verbs ---------------------------------------------------------------

    def _identify(self, request: OaiRequest, parent: etree._Element) -> None:
        repo = self.repository
        node = add(parent, "Identify")
        add(node, "repositoryName", f"ORCID Hub: {repo.org.name_lv}")
        add(node, "baseURL", repo.base_url)
        add(node, "protocolVersion", "2.0")
        add(node, "adminEmail", repo.admin_email)
        earliest = min(d for d in (self.source.earliest(), repo.org_datestamp) if d is not None)
        add(node, "earliestDatestamp", format_datestamp(earliest))
        add(node, "deletedRecord", self.source.deleted_record)
        add(node, "granularity", "YYYY-MM-DDThh:mm:ssZ")
        sample = repo.oai_identifier(Kind.PUBLICATION, 1)
        add(node, "description").append(oai_identifier_description(repo.domain, sample))
        org_id = repo.entity_id(Kind.ORGUNIT, repo.org_key)
        service = cerif_agents.service_element(
            f"{repo.slug}/Services/1", repo.domain, repo.org, org_id, repo.website, repo.base_url
        )
        add(node, "description").append(service)

    def _list_metadata_formats(self, request: OaiRequest, parent: etree._Element) -> None:
        offered: Iterable[MetadataFormat] = FORMATS
        if (identifier := request.get("identifier")) is not None:
            kind, key = self.repository.parse_identifier(identifier)
            if self._get(kind, key) is None:
                raise OaiError("idDoesNotExist", f"no record {identifier!r}")
            offered = [f for f in FORMATS if kind in f.kinds]
            if not offered:
                raise OaiError("noMetadataFormats", f"no format is available for {identifier!r}")
        node = add(parent, "ListMetadataFormats")
        for fmt in offered:
            entry = add(node, "metadataFormat")
            add(entry, "metadataPrefix", fmt.prefix)
            add(entry, "schema", fmt.schema)
            add(entry, "metadataNamespace", fmt.namespace)

    def _list_sets(self, request: OaiRequest, parent: etree._Element) -> None:
        if request.get("resumptionToken") is not None:
            raise OaiError("badResumptionToken", "ListSets is never paged here")
        node = add(parent, "ListSets")
        for spec, (name, _) in SET_KINDS.items():
            entry = add(node, "set")
            add(entry, "setSpec", spec)
            add(entry, "setName", name)

    def _get_record(self, request: OaiRequest, parent: etree._Element) -> None:
        fmt = self._format(request.arguments["metadataPrefix"])
        identifier = request.arguments["identifier"]
        kind, key = self.repository.parse_identifier(identifier)
        item = self._get(kind, key)
        if item is None:
            raise OaiError("idDoesNotExist", f"no record {identifier!r}")
        if kind not in fmt.kinds:
            raise OaiError(
                "cannotDisseminateFormat", f"{identifier!r} is not available as {fmt.prefix}"
            )
        node = add(parent, "GetRecord")
        self._record(node, item, fmt, self._persons([item]))

    def _list_records(self, request: OaiRequest, parent: etree._Element) -> None:
        self._list(request, parent, with_metadata=True)

    def _list_identifiers(self, request: OaiRequest, parent: etree._Element) -> None:
        self._list(request, parent, with_metadata=False)

    # -- lists ---------------------------------------------------------------

    def _format(self, prefix: str) -> MetadataFormat:
        found = next((f for f in FORMATS if f.prefix == prefix), None)
        if found is None:
            raise OaiError(
                "cannotDisseminateFormat", f"the metadata format {prefix!r} is not offered"
            )
        return found

    def _kinds(self, fmt: MetadataFormat, set_spec: str | None) -> tuple[Kind, ...]:
        if set_spec is None:
            return fmt.kinds
        if set_spec not in SET_KINDS:
            raise OaiError("badArgument", f"there is no set {set_spec!r}")
        return tuple(k for k in SET_KINDS[set_spec][1] if k in fmt.kinds)

    def _start(self, request: OaiRequest) -> TokenState:
        token = request.get("resumptionToken")
        if token is not None:
            return self.tokens.read(token, request.verb)
        fmt = self._format(request.arguments["metadataPrefix"])
        set_spec = request.get("set")
        window = window_of(request)
        kinds = self._kinds(fmt, set_spec)
        size = sum(self._count(k, window) for k in kinds)
        if size == 0:
            raise OaiError("noRecordsMatch", "no records match the request")
        return TokenState(
            verb=request.verb,
            prefix=fmt.prefix,
            set_spec=set_spec,
            start=window.start.isoformat() if window.start else None,
            end=window.end.isoformat() if window.end else None,
            kind_index=0,
            after_stamp="",
            after_key=0,
            cursor=0,
            size=size,
        )

    def _page(self, state: TokenState, kinds: Sequence[Kind]) -> list[tuple[int, Item]]:
        """Up to page_size + 1 items (one more tells whether another page follows)."""
        found: list[tuple[int, Item]] = []
        wanted = self.page_size + 1
        index = state.kind_index
        after = state.after if state.after_stamp else None
        window = state.window
        while index < len(kinds) and len(found) < wanted:
            asked = wanted - len(found)
            got = self._changed(kinds[index], window, after, asked)
            found.extend((index, item) for item in got)
            if len(got) < asked:
                index, after = index + 1, None
        return found

    def _list(self, request: OaiRequest, parent: etree._Element, *, with_metadata: bool) -> None:
        state = self._start(request)
        fmt = self._format(state.prefix)
        kinds = self._kinds(fmt, state.set_spec)
        found = self._page(state, kinds)
        page = found[: self.page_size]
        if not page:
            # Only a resumed list can come out empty, when the records it still
            # had to show were removed meanwhile; a list must hold a record.
            raise OaiError("noRecordsMatch", "no records match the request")
        node = add(parent, request.verb)
        persons = self._persons([item for _, item in page]) if with_metadata else {}
        for _, item in page:
            if with_metadata:
                self._record(node, item, fmt, persons)
            else:
                self._header(node, item)
        cursor = state.cursor + len(page)
        if len(found) > self.page_size:
            index, last = page[-1]
            following = _advance(state, index, last, cursor)
            expires = self.now + self.tokens.ttl
            token_element(
                node,
                self.tokens.issue(following),
                expires,
                max(state.size, cursor + 1),
                state.cursor,
            )
        elif state.cursor > 0:  # the last page of a list that had several
            token_element(node, "", None, max(state.size, cursor), state.cursor)

    # -- records -------------------------------------------------------------

    def _persons(self, items: Iterable[Item]) -> Mapping[str, str]:
        orcids = {
            c.orcid
            for item in items
            if isinstance(item.record, Work)
            for c in item.record.contributors
            if c.orcid
        }
        if not orcids:
            return {}
        keys = self.source.person_keys(orcids)
        return {orcid: self.repository.entity_id(Kind.PERSON, key) for orcid, key in keys.items()}

    def _header(self, parent: etree._Element, item: Item) -> etree._Element:
        return header(
            parent,
            self.repository.oai_identifier(item.kind, item.key),
            item.datestamp,
            SET_OF[item.kind],
            item.deleted,
        )

    def _record(
        self, parent: etree._Element, item: Item, fmt: MetadataFormat, persons: Mapping[str, str]
    ) -> None:
        node = add(parent, "record")
        self._header(node, item)
        if item.deleted or item.record is None:
            return
        add(node, "metadata").append(self._metadata(item, fmt, persons))

    def _metadata(
        self, item: Item, fmt: MetadataFormat, persons: Mapping[str, str]
    ) -> etree._Element:
        repo = self.repository
        entity_id = repo.entity_id(item.kind, item.key)
        record = item.record
        if isinstance(record, Work):
            if fmt.prefix == "oai_dc":
                return dc.dc_element(record)
            return cerif.work_element(record, item.kind, entity_id, persons)
        org_id = repo.entity_id(Kind.ORGUNIT, repo.org_key)
        if isinstance(record, Person):
            return cerif_agents.person_element(record, entity_id, repo.org, org_id)
        assert isinstance(record, OrgUnit)
        return cerif_agents.orgunit_element(record, entity_id)


def _advance(state: TokenState, index: int, last: Item, cursor: int) -> TokenState:
    return TokenState(
        verb=state.verb,
        prefix=state.prefix,
        set_spec=state.set_spec,
        start=state.start,
        end=state.end,
        kind_index=index,
        after_stamp=last.datestamp.isoformat(),
        after_key=last.key,
        cursor=cursor,
        size=state.size,
    )
