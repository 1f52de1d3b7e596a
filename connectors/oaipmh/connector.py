"""The OAI-PMH connector: incremental, resumable harvests into canonical records.

State between pages lives in :class:`~connectors.base.Checkpoint` objects
yielded after every page. A checkpoint in the middle of a run holds the
resumption token; the last one of a run (``complete=True``) holds
``next_from``, the server's own ``responseDate`` of the run's first page, so
the next incremental run starts there without trusting our clock.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from connectors.base import Checkpoint, Connector, HarvestItem, Setting, SettingType, SourceInfo
from connectors.errors import ConfigurationError, ProtocolError
from connectors.http import HttpClient
from connectors.oaipmh import formats
from connectors.oaipmh.client import OaiClient
from connectors.oaipmh.formats import Format, RecordContext
from connectors.oaipmh.protocol import (
    SECOND_GRANULARITY as SECONDS,
)
from connectors.oaipmh.protocol import (
    Header,
    OaiError,
    PageReader,
    RawRecord,
    format_datestamp,
    parse_datestamp,
)
from connectors.records import Person, Tombstone, Work

__all__ = ["OaiPmhConnector", "convert", "local_id_of"]

log = logging.getLogger(__name__)

MAX_TOKEN_RESTARTS = 3
_FORMAT_NAMES = ("auto", "cerif-1.2", "cerif-1.1", "oai_openaire", "oai_dc")


def local_id_of(oai_identifier: str) -> str:
    """``oai:cris.example.org:Publications/1`` → ``Publications/1`` (the CRIS's own id)."""
    parts = oai_identifier.split(":", 2)
    if len(parts) == 3 and parts[0] == "oai" and parts[2]:
        return parts[2]
    return oai_identifier


def _kind(local_id: str, sets: tuple[str, ...], fmt: Format) -> str:
    if not fmt.name.startswith("cerif"):
        return "work"
    if "openaire_cris_persons" in sets or local_id.startswith("Persons/"):
        return "person"
    if any(s.endswith(("_publications", "_products", "_patents")) for s in sets):
        return "work"
    return "unknown"


def convert(
    raw: RawRecord, fmt: Format, source: str, set_spec: str | None = None
) -> Work | Person | Tombstone | None:
    """One OAI record as a canonical record; None for entities the hub does not keep."""
    header = raw.header
    local_id = local_id_of(header.identifier)
    if header.deleted or raw.metadata is None:
        if not header.deleted:
            log.warning("%s: record without metadata skipped", header.identifier)
            return None
        sets = header.sets or ((set_spec,) if set_spec else ())
        kind = _kind(local_id, sets, fmt)
        return Tombstone(source, local_id, kind, header.identifier, header.datestamp)
    ctx = RecordContext(source, local_id, header.identifier, header.datestamp)
    try:
        return fmt.parse(raw.metadata, ctx)
    except (ValueError, TypeError) as exc:  # one odd record must not stop the run
        log.warning("%s: record skipped, cannot be read: %s", header.identifier, exc)
        return None


class OaiPmhConnector(Connector):
    key = "oai-pmh"
    title = "OAI-PMH repository (OpenAIRE CERIF 1.1/1.2, oai_openaire, oai_dc)"
    settings = (
        Setting("base_url", SettingType.URL, required=True, help="OAI-PMH base URL"),
        Setting("source", required=True, help="Short name stored on every harvested record"),
        Setting(
            "metadata_format",
            SettingType.CHOICE,
            choices=_FORMAT_NAMES,
            default="auto",
            help="auto picks the richest format the endpoint offers, by namespace",
        ),
        Setting("metadata_prefix", help="Override the prefix found in ListMetadataFormats"),
        Setting(
            "sets",
            help="Comma-separated set specs; empty means the CERIF entity sets for CERIF "
            "(publications, products, patents, persons) and the whole repository otherwise",
        ),
        Setting("timeout", SettingType.FLOAT, default=60.0, help="Seconds per HTTP read"),
        Setting("attempts", SettingType.INTEGER, default=4, help="Tries per HTTP request"),
        Setting(
            "max_retry_wait",
            SettingType.FLOAT,
            default=120.0,
            help="Longest Retry-After (seconds) honoured before giving up",
        ),
    )

    def __init__(self, config: Mapping[str, Any]) -> None:
        super().__init__(config)
        http = HttpClient(
            timeout=self.config["timeout"],
            attempts=self.config["attempts"],
            max_wait=self.config["max_retry_wait"],
        )
        self.client = OaiClient(self.config["base_url"], http)
        self.source: str = self.config["source"]

    def _format(self) -> tuple[str, Format]:
        offered = {f.prefix: f.namespace for f in self.client.list_metadata_formats()}
        wanted = self.config["metadata_format"]
        if wanted == "auto":
            chosen = formats.choose(offered)
            if chosen is None:
                raise ConfigurationError(
                    self.client.base_url,
                    "offers none of CERIF 1.1/1.2, oai_openaire, oai_dc "
                    f"(it offers {', '.join(sorted(offered)) or 'nothing'})",
                )
            prefix, fmt = chosen
        else:
            found = formats.by_name(wanted)
            assert found is not None  # the setting's choices are the format names
            fmt = found
            matching = [p for p, ns in offered.items() if formats.by_namespace(ns) == fmt]
            if not matching and not self.config["metadata_prefix"]:
                raise ConfigurationError(self.client.base_url, f"does not offer {wanted}")
            prefix = matching[0] if matching else ""
        return self.config["metadata_prefix"] or prefix, fmt

    def identify(self) -> SourceInfo:
        info = self.client.identify()
        prefix, fmt = self._format()
        return SourceInfo(
            name=info.repository_name,
            base_url=info.base_url,
            formats=(prefix,),
            granularity=info.granularity,
            deleted_record=info.deleted_record,
            earliest=info.earliest,
            details={"format": fmt.name, "namespace": fmt.namespace},
        )

    def _fresh_state(self, start: str | None) -> dict[str, Any]:
        info = self.client.identify()
        prefix, fmt = self._format()
        configured = [s.strip() for s in (self.config["sets"] or "").split(",") if s.strip()]
        sets = configured or list(fmt.default_sets) or [""]
        return {
            "format": fmt.name,
            "prefix": prefix,
            "granularity": info.granularity,
            "sets": sets,
            "set_index": 0,
            "from": start,
            "token": None,
            "run_started": None,
            "pages": 0,
            "skipped": 0,
        }

    def _start(self, since: datetime | None, checkpoint: Checkpoint | None) -> dict[str, Any]:
        if since is not None:
            return self._fresh_state(format_datestamp(since, SECONDS))
        if checkpoint is None:
            return self._fresh_state(None)
        if checkpoint.complete:
            return self._fresh_state(checkpoint.state.get("next_from"))
        return dict(checkpoint.state)

    def harvest(
        self, since: datetime | None = None, checkpoint: Checkpoint | None = None
    ) -> Iterator[HarvestItem]:
        """Yield records and a checkpoint after each page; see the module docstring."""
        state = self._start(since, checkpoint)
        fmt = formats.by_name(state["format"])
        if fmt is None:
            raise ProtocolError(self.key, f"checkpoint names unknown format {state['format']!r}")
        restarts = 0
        while state["set_index"] < len(state["sets"]):
            set_spec = state["sets"][state["set_index"]] or None
            params = OaiClient.list_params(
                "ListRecords",
                state["prefix"],
                set_spec=set_spec,
                from_=parse_datestamp(state["from"]),
                granularity=state["granularity"],
                token=state["token"],
            )
            reader: PageReader | None = None
            try:
                with self.client.page(params) as reader:
                    for raw in reader:
                        item = convert(raw, fmt, self.source, set_spec)
                        if item is None:
                            state["skipped"] += 1
                        else:
                            yield item
                token = reader.token
            except OaiError as exc:
                if exc.code == "noRecordsMatch":
                    token = None
                elif exc.code == "badResumptionToken" and state["token"]:
                    restarts += 1
                    if restarts > MAX_TOKEN_RESTARTS:
                        raise
                    log.warning("%s; restarting set %r from %s", exc, set_spec, state["from"])
                    state["token"] = None
                    continue
                else:
                    raise
            if state["run_started"] is None and reader and reader.response_date:
                state["run_started"] = format_datestamp(reader.response_date, SECONDS)
            state["pages"] += 1
            state["skipped"] += reader.skipped if reader else 0
            state["token"] = token
            if token is None:
                state["set_index"] += 1
            if state["set_index"] < len(state["sets"]):
                yield Checkpoint(dict(state))
        yield Checkpoint(self._final(state), complete=True)

    @staticmethod
    def _final(state: dict[str, Any]) -> dict[str, Any]:
        return {
            "format": state["format"],
            "prefix": state["prefix"],
            "sets": state["sets"],
            "next_from": state["run_started"] or state["from"],
            "pages": state["pages"],
            "skipped": state["skipped"],
        }

    def fetch(self, oai_identifier: str) -> Work | Person | Tombstone | None:
        """Re-read one record by its OAI identifier (None when unknown or not a work/person)."""
        prefix, fmt = self._format()
        raw = self.client.get_record(oai_identifier, prefix)
        return None if raw is None else convert(raw, fmt, self.source, None)

    def identifiers(self, set_spec: str | None = None) -> Iterator[Header]:
        """Every header the repository lists now (ListIdentifiers, all pages).

        For repositories that keep no deletions (``deletedRecord=no``): the hub
        compares these identifiers with what it holds and retracts the rest.
        """
        prefix, _fmt = self._format()
        token: str | None = None
        while True:
            params = OaiClient.list_params(
                "ListIdentifiers", prefix, set_spec=set_spec, token=token
            )
            try:
                with self.client.page(params) as reader:
                    for raw in reader:
                        yield raw.header
                    token = reader.token
            except OaiError as exc:
                if exc.code != "noRecordsMatch":
                    raise
                token = None
            if not token:
                return
