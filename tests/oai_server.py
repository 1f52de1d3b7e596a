"""A small OAI-PMH server on 127.0.0.1 for harvester tests.

It serves the shared fixture files (never copies of them): whole files, or
the records of a CERIF sample re-cut into pages with resumption tokens.
Tests can inject failures per request (HTTP 503 with Retry-After, an OAI
error) and read back every request the harvester sent.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from lxml import etree

OAI = "http://www.openarchives.org/OAI/2.0/"
Q = "{" + OAI + "}"


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    # Announce more bytes than are sent, then hang up: a connection lost mid-page.
    truncate: bool = False


Responder = Callable[[dict[str, str]], Reply]


def oai_error(code: str, message: str = "") -> Reply:
    body = (
        f'<?xml version="1.0" encoding="UTF-8"?><OAI-PMH xmlns="{OAI}">'
        f"<responseDate>2024-05-01T10:00:00Z</responseDate><request>http://localhost/oai</request>"
        f'<error code="{code}">{message}</error></OAI-PMH>'
    ).encode()
    return Reply(body=body, headers={"Content-Type": "text/xml"})


def file_reply(path: Path) -> Reply:
    return Reply(body=path.read_bytes(), headers={"Content-Type": "text/xml; charset=utf-8"})


def paged(sample: Path, page_size: int, token_prefix: str, response_date: str) -> list[bytes]:
    """Re-cut the records of a sample ListRecords file into pages joined by tokens."""
    records = etree.parse(str(sample)).getroot().findall(f"{Q}ListRecords/{Q}record")
    pages: list[bytes] = []
    chunks = [records[i : i + page_size] for i in range(0, len(records), page_size)]
    for number, chunk in enumerate(chunks):
        root = etree.Element(Q + "OAI-PMH", nsmap={None: OAI})
        etree.SubElement(root, Q + "responseDate").text = response_date
        etree.SubElement(root, Q + "request").text = "http://localhost/oai"
        body = etree.SubElement(root, Q + "ListRecords")
        for record in chunk:
            body.append(record)
        if number + 1 < len(chunks):
            token = etree.SubElement(body, Q + "resumptionToken")
            token.text = f"{token_prefix}:{number + 1}"
            token.set("cursor", str(number * page_size))
            token.set("completeListSize", str(len(records)))
        pages.append(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return pages


CERIF_SETS = {
    "openaire_cris_publications": "publications",
    "openaire_cris_products": "products",
    "openaire_cris_patents": "patents",
    "openaire_cris_persons": "persons",
}


class CerifRepository:
    """The OpenAIRE CERIF 1.2 samples as an OAI-PMH endpoint, a few records a page."""

    RESPONSE_DATE = "2024-05-01T10:00:00Z"

    def __init__(self, fixtures: Path, page_size: int = 3) -> None:
        self.samples = fixtures / "openaire-cerif-1.2" / "samples"
        self.pages = {
            spec: paged(
                self.samples / f"openaire_cerif_xml_example_{name}.xml",
                page_size,
                spec,
                self.RESPONSE_DATE,
            )
            for spec, name in CERIF_SETS.items()
        }
        # Replies to hand out once, before the normal answer, keyed by a request
        # signature such as "ListRecords" or a resumption token.
        self.once: dict[str, list[Reply]] = {}
        self.empty_from: str | None = None

    def __call__(self, params: dict[str, str]) -> Reply:
        verb = params.get("verb", "")
        key = params.get("resumptionToken") or verb
        if self.once.get(key):
            return self.once[key].pop(0)
        if verb == "Identify":
            return file_reply(self.samples / "openaire_oaipmh_example_Identify.xml")
        if verb == "ListMetadataFormats":
            return file_reply(self.samples / "openaire_oaipmh_example_ListMetadataFormats.xml")
        if verb == "ListRecords":
            if "resumptionToken" in params:
                spec, _, number = params["resumptionToken"].rpartition(":")
                if spec not in self.pages or not number.isdigit():
                    return oai_error("badResumptionToken", "unknown token")
                return Reply(body=self.pages[spec][int(number)])
            if params.get("metadataPrefix") != "oai_cerif_openaire_v1_2":
                return oai_error("cannotDisseminateFormat")
            if self.empty_from and params.get("from") == self.empty_from:
                return oai_error("noRecordsMatch")
            pages = self.pages.get(params.get("set", ""))
            if pages is None:
                return oai_error("badArgument", "unknown set")
            return Reply(body=pages[0])
        return oai_error("badVerb")


class SickleRepository:
    """The sickle sample responses: tokens there are the next file's name."""

    def __init__(self, fixtures: Path) -> None:
        self.folder = fixtures / "oai-pmh-responses"

    def __call__(self, params: dict[str, str]) -> Reply:
        token = params.get("resumptionToken")
        if token:
            return file_reply(self.folder / Path(token).name)
        verb = params.get("verb", "")
        names = {"GetRecord": "GetRecord.xml", "ListSets": "ListSets.xml"}
        return file_reply(self.folder / names.get(verb, f"{verb}.xml"))


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    disable_nagle_algorithm = True  # headers and body go out at once, no ACK stall

    def do_GET(self) -> None:
        params = dict(parse_qsl(urlsplit(self.path).query))
        self.server.log.append(params)
        reply = self.server.responder(params)
        self.send_response(reply.status)
        for name, value in {"Content-Type": "text/xml", **reply.headers}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(reply.body) * (2 if reply.truncate else 1)))
        self.end_headers()
        self.wfile.write(reply.body)
        if reply.truncate:
            self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:
        return  # keep test output clean


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, responder: Responder) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.responder = responder
        self.log: list[dict[str, str]] = []


@dataclass
class Running:
    url: str
    log: list[dict[str, str]]


@contextmanager
def serve(responder: Responder) -> Iterator[Running]:
    """Run ``responder`` on a free loopback port for the duration of the block."""
    server = _Server(responder)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield Running(f"http://127.0.0.1:{server.server_address[1]}/oai", server.log)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)
