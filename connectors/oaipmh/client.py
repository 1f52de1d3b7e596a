"""The OAI-PMH protocol over HTTP: one method per verb, pages streamed."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from connectors.errors import ProtocolError, TransportError
from connectors.http import HttpClient
from connectors.oaipmh import protocol
from connectors.oaipmh.protocol import (
    IdentifyInfo,
    MetadataFormat,
    OaiSet,
    PageReader,
    RawRecord,
    format_datestamp,
)
from connectors.oaipmh.xml import parse_document

__all__ = ["OaiClient"]

log = logging.getLogger(__name__)


class _Body:
    """The response body for the parser; a dropped connection becomes a TransportError."""

    def __init__(self, raw: Any, where: str) -> None:
        self._raw = raw
        self._where = where

    def read(self, size: int = -1) -> bytes:
        try:
            data: bytes = self._raw.read(size)
        except Exception as exc:  # urllib3 raises its own types mid-body
            raise TransportError(self._where, f"connection lost mid-page: {exc}") from exc
        return data


class OaiClient:
    """Talks to one OAI-PMH base URL. Errors are :class:`~connectors.errors.ConnectorError`."""

    def __init__(self, base_url: str, http: HttpClient, max_bytes: int = 1 << 30) -> None:
        self.base_url = base_url
        self.http = http
        self.max_bytes = max_bytes

    def _where(self, params: dict[str, str]) -> str:
        return f"{self.base_url}?{urlencode(params)}"

    def _document(self, params: dict[str, str]) -> tuple[bytes, str]:
        where = self._where(params)
        response = self.http.get(self.base_url, params=params)
        return response.content, where

    def identify(self) -> IdentifyInfo:
        data, where = self._document({"verb": "Identify"})
        return protocol.read_identify(parse_document(data, where), where)

    def list_metadata_formats(self) -> list[MetadataFormat]:
        data, where = self._document({"verb": "ListMetadataFormats"})
        return protocol.read_formats(parse_document(data, where), where)

    def list_sets(self) -> list[OaiSet]:
        found: list[OaiSet] = []
        params = {"verb": "ListSets"}
        for _ in range(10_000):  # a server that loops on tokens must not hang us
            data, where = self._document(params)
            try:
                sets, token = protocol.read_sets(parse_document(data, where), where)
            except protocol.OaiError as exc:
                if exc.code == "noSetHierarchy":
                    return []
                raise
            found.extend(sets)
            if not token:
                return found
            params = {"verb": "ListSets", "resumptionToken": token}
        raise ProtocolError(self.base_url, "ListSets never ended (more than 10000 pages)")

    @staticmethod
    def list_params(
        verb: str,
        prefix: str,
        *,
        set_spec: str | None = None,
        from_: datetime | None = None,
        until: datetime | None = None,
        granularity: str = protocol.SECOND_GRANULARITY,
        token: str | None = None,
    ) -> dict[str, str]:
        """Request arguments; a resumption token is exclusive, as the protocol says."""
        if token:
            return {"verb": verb, "resumptionToken": token}
        params = {"verb": verb, "metadataPrefix": prefix}
        if set_spec:
            params["set"] = set_spec
        if from_ is not None:
            params["from"] = format_datestamp(from_, granularity)
        if until is not None:
            params["until"] = format_datestamp(until, granularity)
        return params

    @contextmanager
    def page(self, params: dict[str, str]) -> Iterator[PageReader]:
        """Open one list page as a streaming :class:`PageReader`; closes the response."""
        where = self._where(params)
        response = self.http.get(self.base_url, params=params, stream=True)
        try:
            response.raw.decode_content = True
            yield PageReader(_Body(response.raw, where), where, params["verb"])
        finally:
            response.close()

    def get_record(self, identifier: str, prefix: str) -> RawRecord | None:
        """One record by OAI identifier; None when the repository does not know it."""
        params = {"verb": "GetRecord", "identifier": identifier, "metadataPrefix": prefix}
        try:
            with self.page(params) as reader:
                return next(iter(reader), None)
        except protocol.OaiError as exc:
            if exc.code == "idDoesNotExist":
                return None
            raise
