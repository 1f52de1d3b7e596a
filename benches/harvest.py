"""Benchmark: harvest a CERIF ListRecords stream of 100,000 publications over loopback.

The stream is built from the OpenAIRE CERIF 1.2 sample publications (ids and
DOIs renumbered), cut into pages joined by resumption tokens and served by
a small http.server in a thread. It prints:

* records/second of a full harvest with the OAI-PMH connector over HTTP;
* the connector's parse rate (envelope + CERIF → canonical Work, no HTTP)
  against a bare lxml iterparse of the same bytes, as a ratio (target ≥ 0.5);
* peak traced Python memory for a small and a full run, and peak RSS, to
  show that memory does not grow with the record count.

Run: .venv/bin/python benches/harvest.py [--records N] [--page-size N]
"""

from __future__ import annotations

import argparse
import io
import resource
import threading
import time
import tracemalloc
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from lxml import etree

from connectors.base import Checkpoint
from connectors.oaipmh import OaiPmhConnector, formats
from connectors.oaipmh.connector import convert
from connectors.oaipmh.protocol import PageReader

OAI = "http://www.openarchives.org/OAI/2.0/"
Q = "{" + OAI + "}"
MARK = b"@@N@@"
ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT.parent / "shared" / "fixtures" / "openaire-cerif-1.2" / "samples"


def record_templates(samples: Path) -> list[list[bytes]]:
    """Each sample publication, split at the places where its number goes."""
    tree = etree.parse(str(samples / "openaire_cerif_xml_example_publications.xml"))
    templates = []
    for record in tree.getroot().iter(Q + "record"):
        header = record.find(Q + "header")
        if header is None or header.get("status") == "deleted":
            continue
        ident = header.find(Q + "identifier")
        assert ident is not None and ident.text
        ident.text = "oai:cris.example.org:Publications/@@N@@"
        metadata = record.find(Q + "metadata")
        assert metadata is not None
        publication = metadata[0]
        publication.set("id", "Publications/@@N@@")
        for child in publication:
            if isinstance(child.tag, str) and child.tag.endswith("}DOI"):
                child.text = "10.5555/bench.@@N@@"
        templates.append(etree.tostring(record).split(MARK))
    return templates


class Stream:
    """Pages of ``total`` records, generated on request from the templates."""

    def __init__(self, samples: Path, total: int, page_size: int) -> None:
        self.templates = record_templates(samples)
        self.total = total
        self.page_size = page_size
        self.pages = (total + page_size - 1) // page_size

    def page(self, number: int) -> bytes:
        start = number * self.page_size
        end = min(self.total, start + self.page_size)
        parts = [
            b'<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="' + OAI.encode() + b'">'
            b"<responseDate>2024-05-01T10:00:00Z</responseDate>"
            b"<request>http://127.0.0.1/oai</request><ListRecords>"
        ]
        for n in range(start, end):
            template = self.templates[n % len(self.templates)]
            parts.append(str(n).encode().join(template))
        if number + 1 < self.pages:
            parts.append(b"<resumptionToken>bench:%d</resumptionToken>" % (number + 1))
        parts.append(b"</ListRecords></OAI-PMH>")
        return b"".join(parts)


def serve(stream: Stream, samples: Path) -> tuple[ThreadingHTTPServer, str]:
    identify = (samples / "openaire_oaipmh_example_Identify.xml").read_bytes()
    listing = (samples / "openaire_oaipmh_example_ListMetadataFormats.xml").read_bytes()

    class Handler(BaseHTTPRequestHandler):
        disable_nagle_algorithm = True  # headers and body go out at once, no ACK stall

        def do_GET(self) -> None:
            params = dict(parse_qsl(urlsplit(self.path).query))
            verb = params.get("verb")
            if verb == "Identify":
                body = identify
            elif verb == "ListMetadataFormats":
                body = listing
            else:
                token = params.get("resumptionToken", "bench:0")
                body = stream.page(int(token.rsplit(":", 1)[1]))
            self.send_response(200)
            self.send_header("Content-Type", "text/xml; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/oai"


def harvest(url: str) -> int:
    connector = OaiPmhConnector(
        {"base_url": url, "source": "bench", "sets": "openaire_cris_publications"}
    )
    count = 0
    for item in connector.harvest():
        if not isinstance(item, Checkpoint):
            count += 1
    return count


def pages(stream: Stream) -> Iterator[bytes]:
    return (stream.page(n) for n in range(stream.pages))


def bare_lxml(data: list[bytes]) -> int:
    count = 0
    for page in data:
        for _, element in etree.iterparse(io.BytesIO(page), events=("end",), tag=Q + "record"):
            count += 1
            element.clear()
            parent = element.getparent()
            while parent is not None and element.getprevious() is not None:
                del parent[0]
    return count


def connector_parse(data: list[bytes]) -> int:
    fmt = formats.by_name("cerif-1.2")
    assert fmt is not None
    count = 0
    for page in data:
        for raw in PageReader(io.BytesIO(page), "bench", "ListRecords"):
            if convert(raw, fmt, "bench") is not None:
                count += 1
    return count


def timed(label: str, func: object, *args: object, cpu: bool = False) -> float:
    """Rate of one run; ``cpu`` counts this process's CPU time, not the wall clock.

    The parse comparison uses CPU time: on a shared machine, time spent
    waiting for a core says nothing about either parser.
    """
    clock = time.process_time if cpu else time.perf_counter
    started = clock()
    count = func(*args)  # type: ignore[operator]
    seconds = clock() - started
    rate = count / seconds
    print(f"{label:<48} {count:>8} records {seconds:7.2f} s {rate:>10,.0f} rec/s")
    return rate


def traced_peak(url: str) -> tuple[int, float]:
    tracemalloc.start()
    count = harvest(url)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return count, peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--page-size", type=int, default=500)
    parser.add_argument("--samples", type=Path, default=SAMPLES)
    args = parser.parse_args()

    full = Stream(args.samples, args.records, args.page_size)
    small = Stream(args.samples, max(args.page_size, args.records // 10), args.page_size)
    server, url = serve(full, args.samples)
    small_server, small_url = serve(small, args.samples)
    page_bytes = len(full.page(0))
    print(
        f"stream: {args.records} records in {full.pages} pages of {args.page_size} "
        f"(~{page_bytes / 2**20:.1f} MiB a page, ~{page_bytes * full.pages / 2**20:.0f} MiB)"
    )
    try:
        cpu_before = time.process_time()
        harvest_rate = timed("harvest over loopback HTTP (connector)", harvest, url)
        cpu = time.process_time() - cpu_before
        print(
            f"  its CPU time {cpu:.2f} s (client and in-process server together): "
            f"{args.records / cpu:,.0f} rec/s of CPU"
        )
        small_count, small_peak = traced_peak(small_url)
        full_count, full_peak = traced_peak(url)
        print(
            f"peak traced memory of a harvest: {small_count} records {small_peak:.1f} MiB, "
            f"{full_count} records {full_peak:.1f} MiB"
        )
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak RSS after the harvests (includes the server thread): {rss:.0f} MiB")
        # The parse comparison holds every page in memory, so it runs last.
        data = list(pages(full))
        # Interleaved so that load from other processes hits both alike.
        bare = parse = 0.0
        for _ in range(5):
            bare = max(
                bare, timed("bare lxml iterparse, same bytes (CPU)", bare_lxml, data, cpu=True)
            )
            parse = max(
                parse,
                timed("connector parse to Work, same bytes (CPU)", connector_parse, data, cpu=True),
            )
        print(f"best rates: bare {bare:,.0f} rec/s, connector parse {parse:,.0f} rec/s")
        print(f"parse ratio connector / bare lxml: {parse / bare:.2f} (target >= 0.5)")
        print(f"harvest ratio (incl. HTTP) / bare lxml: {harvest_rate / bare:.2f}")
    finally:
        server.shutdown()
        small_server.shutdown()


if __name__ == "__main__":
    main()
