"""ORCID Member API v3.0 over XML: records, works, affiliations, fundings, webhooks.

Every method takes the user's access token and iD; the client itself holds
no per-user state, so one instance serves all threads and users of a member
client. Every document is validated (and its identifiers normalised) before it
is sent, so the hub never sends ORCID something ORCID would refuse.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar
from urllib.parse import quote, urlsplit

import requests

from orcid_hub.config import OrcidEndpoints
from orcid_hub.orcid import ids, json_read, validation, xml_read, xml_write
from orcid_hub.orcid.errors import (
    MalformedResponseError,
    NotFoundError,
    OrcidError,
    error_from_info,
)
from orcid_hub.orcid.model import (
    ActivitiesSummary,
    Affiliation,
    AffiliationKind,
    BulkItem,
    Funding,
    Record,
    Work,
    WorksSummary,
)
from orcid_hub.orcid.schema import XsdGuard
from orcid_hub.orcid.transport import Transport
from orcid_hub.orcid.xml import XmlError

XML = "application/vnd.orcid+xml"
READ = {"Accept": XML}
# The XML declaration names the encoding; the bare media type is what ORCID documents.
WRITE = {"Accept": XML, "Content-Type": XML}
MAX_PER_REQUEST = 100
"""ORCID's limit for put-codes in one read and works in one bulk create."""

T = TypeVar("T")


def chunks(items: Sequence[T], size: int = MAX_PER_REQUEST) -> Iterator[Sequence[T]]:
    """``items`` in consecutive slices of at most ``size``."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def put_code_from_location(location: str | None) -> int:
    """``.../v3.0/0000-.../work/12345`` -> ``12345`` (ORCID's 201 has no body)."""
    segment = urlsplit(location or "").path.rstrip("/").rsplit("/", 1)[-1]
    if not segment.isdigit():
        raise OrcidError(f"ORCID created the item but its Location {location!r} has no put-code")
    return int(segment)


def _parse(
    response: requests.Response,
    from_xml: Callable[[bytes], T],
    from_json: Callable[[bytes], T] | None = None,
) -> T:
    """The body as a model value; an unreadable body is an ``OrcidError`` like any other."""
    is_json = "json" in response.headers.get("Content-Type", "").lower()
    try:
        if is_json and from_json is not None:
            return from_json(response.content)
        return from_xml(response.content)
    except (XmlError, json_read.JsonError) as exc:
        path = urlsplit(response.url or "").path
        raise MalformedResponseError(
            f"unreadable answer to {path}: {exc}", status=response.status_code
        ) from None


class MemberApi:
    """The Member API for one member client (see :class:`orcid_hub.orcid.client.OrcidClient`)."""

    def __init__(
        self, endpoints: OrcidEndpoints, transport: Transport, xsd: XsdGuard | None = None
    ) -> None:
        self.base = endpoints.member_api_base.rstrip("/")
        self.xsd = xsd
        self.api_root = endpoints.api_root.rstrip("/")
        self.transport = transport
        host = urlsplit(endpoints.authorize_url).hostname or ""
        # Contributor iD URIs must point at orcid.org or sandbox.orcid.org (XSD
        # pattern); a local fake's loopback host would make them invalid.
        self.orcid_host = host if host.endswith("orcid.org") else "orcid.org"

    def _url(self, orcid: str, *parts: str | int) -> str:
        return "/".join([self.base, ids.normalise(orcid), *map(str, parts)])

    def _send(self, method: str, url: str, token: str, kind: str, body: bytes) -> requests.Response:
        if self.xsd is not None:
            self.xsd.check(kind, body)
        return self.transport.request(method, url, token=token, headers=WRITE, data=body)

    def _get(self, token: str, url: str) -> requests.Response:
        return self.transport.request("GET", url, token=token, headers=READ)

    # -- reads --------------------------------------------------------------

    def read_record(self, orcid: str, token: str) -> Record:
        """``GET /{orcid}/record``: name and activity summaries."""
        response = self._get(token, self._url(orcid, "record"))
        return _parse(response, xml_read.parse_record, json_read.record_from_json)

    def read_activities(self, orcid: str, token: str) -> ActivitiesSummary:
        """``GET /{orcid}/activities``: the activity summaries without the person."""
        response = self._get(token, self._url(orcid, "activities"))
        return _parse(response, xml_read.parse_activities, json_read.activities_from_json)

    def read_works(self, orcid: str, token: str) -> WorksSummary:
        """``GET /{orcid}/works``: work summaries, grouped as ORCID groups them."""
        response = self._get(token, self._url(orcid, "works"))
        return _parse(response, xml_read.parse_works_summary, json_read.works_summary_from_json)

    def read_work(self, orcid: str, token: str, put_code: int) -> Work:
        """``GET /{orcid}/work/{put-code}``: one full work."""
        response = self._get(token, self._url(orcid, "work", put_code))
        return _parse(response, xml_read.parse_work, json_read.work_from_json)

    def read_works_by_put_codes(
        self, orcid: str, token: str, put_codes: Sequence[int]
    ) -> list[BulkItem]:
        """Full works for any number of put-codes, fetched 100 at a time, in order.

        A put-code ORCID cannot return comes back as an item with an ``error``.
        """
        items: list[BulkItem] = []
        for batch in chunks(list(put_codes)):
            codes = ",".join(str(int(pc)) for pc in batch)
            response = self._get(token, self._url(orcid, "works", codes))
            items.extend(_parse(response, xml_read.parse_bulk))
        return items

    def read_all_works(self, orcid: str, token: str) -> list[Work]:
        """Every full work on the record: summaries first, then full works by put-code.

        A work deleted between the two reads is skipped; any other per-item
        error raises.
        """
        put_codes = self.read_works(orcid, token).put_codes
        works: list[Work] = []
        for item in self.read_works_by_put_codes(orcid, token, put_codes):
            if item.work is not None:
                works.append(item.work)
            elif item.error is not None:
                error = error_from_info(item.error)
                if not isinstance(error, NotFoundError):
                    raise error
        return works

    # -- works --------------------------------------------------------------

    def create_work(self, orcid: str, token: str, work: Work) -> int:
        """``POST /{orcid}/work``; returns the new put-code."""
        clean = dataclasses.replace(validation.normalised_work(work), put_code=None)
        body = xml_write.work_to_xml(clean, orcid_host=self.orcid_host)
        response = self._send("POST", self._url(orcid, "work"), token, "work", body)
        return put_code_from_location(response.headers.get("Location"))

    def update_work(self, orcid: str, token: str, work: Work) -> Work:
        """``PUT /{orcid}/work/{put-code}`` with the put-code in the body; returns ORCID's copy."""
        if work.put_code is None:
            raise ValueError("updating a work needs its put-code")
        clean = validation.normalised_work(work)
        body = xml_write.work_to_xml(clean, orcid_host=self.orcid_host)
        response = self._send("PUT", self._url(orcid, "work", work.put_code), token, "work", body)
        return _parse(response, xml_read.parse_work) if response.content.strip() else clean

    def delete_work(
        self, orcid: str, token: str, put_code: int, *, missing_ok: bool = False
    ) -> None:
        """``DELETE /{orcid}/work/{put-code}``.

        ``missing_ok`` makes "already gone" a success: a retried DELETE whose
        first answer was lost gets a 404 for a deletion that did happen.
        """
        self._delete(token, self._url(orcid, "work", put_code), missing_ok)

    def _delete(self, token: str, url: str, missing_ok: bool) -> None:
        try:
            self.transport.request("DELETE", url, token=token)
        except NotFoundError:
            if not missing_ok:
                raise

    def create_works(self, orcid: str, token: str, works: Sequence[Work]) -> list[BulkItem]:
        """``POST /{orcid}/works`` (≤ 100): one result per work, in order, work or error.

        Per-item errors (a duplicate, say) do not raise; turn one into an
        exception with :func:`orcid_hub.orcid.errors.error_from_info`.
        """
        if not works:
            return []
        validation.validate_works(works)  # every problem of every work, by index
        clean = [dataclasses.replace(validation.normalised_work(w), put_code=None) for w in works]
        body = xml_write.bulk_to_xml(clean, orcid_host=self.orcid_host)
        response = self._send("POST", self._url(orcid, "works"), token, "bulk", body)
        return list(_parse(response, xml_read.parse_bulk))

    # -- employment and education -------------------------------------------

    def read_affiliations(
        self, orcid: str, token: str, kind: AffiliationKind
    ) -> tuple[Affiliation, ...]:
        """``GET /{orcid}/employments`` or ``/educations`` (summaries)."""
        response = self._get(token, self._url(orcid, f"{kind}s"))
        return _parse(response, xml_read.parse_affiliations)

    def read_affiliation(
        self, orcid: str, token: str, kind: AffiliationKind, put_code: int
    ) -> Affiliation:
        response = self._get(token, self._url(orcid, kind, put_code))
        return _parse(response, xml_read.parse_affiliation)

    def create_affiliation(self, orcid: str, token: str, affiliation: Affiliation) -> int:
        """``POST /{orcid}/employment`` or ``/education``; returns the new put-code."""
        clean = dataclasses.replace(validation.normalised_affiliation(affiliation), put_code=None)
        body = xml_write.affiliation_to_xml(clean)
        response = self._send("POST", self._url(orcid, clean.kind), token, clean.kind, body)
        return put_code_from_location(response.headers.get("Location"))

    def update_affiliation(self, orcid: str, token: str, affiliation: Affiliation) -> Affiliation:
        if affiliation.put_code is None:
            raise ValueError("updating an affiliation needs its put-code")
        clean = validation.normalised_affiliation(affiliation)
        url = self._url(orcid, clean.kind, affiliation.put_code)
        response = self._send("PUT", url, token, clean.kind, xml_write.affiliation_to_xml(clean))
        return _parse(response, xml_read.parse_affiliation) if response.content.strip() else clean

    def delete_affiliation(
        self,
        orcid: str,
        token: str,
        kind: AffiliationKind,
        put_code: int,
        *,
        missing_ok: bool = False,
    ) -> None:
        self._delete(token, self._url(orcid, kind, put_code), missing_ok)

    # -- funding ------------------------------------------------------------

    def read_fundings(self, orcid: str, token: str) -> tuple[Funding, ...]:
        """``GET /{orcid}/fundings`` (summaries)."""
        return _parse(self._get(token, self._url(orcid, "fundings")), xml_read.parse_fundings)

    def read_funding(self, orcid: str, token: str, put_code: int) -> Funding:
        response = self._get(token, self._url(orcid, "funding", put_code))
        return _parse(response, xml_read.parse_funding)

    def create_funding(self, orcid: str, token: str, funding: Funding) -> int:
        """``POST /{orcid}/funding``; returns the new put-code."""
        clean = dataclasses.replace(validation.normalised_funding(funding), put_code=None)
        body = xml_write.funding_to_xml(clean, orcid_host=self.orcid_host)
        response = self._send("POST", self._url(orcid, "funding"), token, "funding", body)
        return put_code_from_location(response.headers.get("Location"))

    def update_funding(self, orcid: str, token: str, funding: Funding) -> Funding:
        if funding.put_code is None:
            raise ValueError("updating a funding needs its put-code")
        clean = validation.normalised_funding(funding)
        body = xml_write.funding_to_xml(clean, orcid_host=self.orcid_host)
        url = self._url(orcid, "funding", funding.put_code)
        response = self._send("PUT", url, token, "funding", body)
        return _parse(response, xml_read.parse_funding) if response.content.strip() else clean

    def delete_funding(
        self, orcid: str, token: str, put_code: int, *, missing_ok: bool = False
    ) -> None:
        self._delete(token, self._url(orcid, "funding", put_code), missing_ok)

    # -- webhooks -----------------------------------------------------------

    def _webhook_url(self, orcid: str, callback_url: str) -> str:
        # Webhooks live on the API host without /v3.0, the callback fully encoded.
        return f"{self.api_root}/{ids.normalise(orcid)}/webhook/{quote(callback_url, safe='')}"

    def register_webhook(self, orcid: str, token: str, callback_url: str) -> bool:
        """Ask ORCID to POST to ``callback_url`` when the record changes.

        ``token`` is a client-credentials ``/webhook`` token. Returns True when
        the webhook is new (201), False when it was already registered (204).
        """
        response = self.transport.request(
            "PUT", self._webhook_url(orcid, callback_url), token=token, headers={"Accept": XML}
        )
        return response.status_code == 201

    def delete_webhook(self, orcid: str, token: str, callback_url: str) -> None:
        """Stop the callbacks; an unknown webhook raises ``NotFoundError``."""
        self.transport.request("DELETE", self._webhook_url(orcid, callback_url), token=token)
