"""Requests per second of the ORCID client against a running ORCID sandbox.

    .venv/bin/python benches/orcid_client.py                       # starts the local sandbox
    .venv/bin/python benches/orcid_client.py http://127.0.0.1:8089 # one already running

It takes a client-credentials ``/read-public`` token and reads a record's works
through the Public API base, first with the client's rate limit off, then on
(24 req/s, burst 40 by default), from several threads, and prints both
figures. With the limit on, the figure should settle near the configured rate
once the burst is spent; with it off, it shows what the client and the
sandbox can do. Start an external sandbox with ``--no-rate-limit`` so that its
own 503s do not mix into the first figure.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from orcid_hub.config import OrcidEndpoints, OrcidSettings
from orcid_hub.orcid.client import OrcidClient
from orcid_hub.orcid.errors import OrcidError
from orcid_hub.orcid.ratelimit import TokenBucket

DEFAULT_CLIENT = ("APP-TESTCLIENT000001", "test-secret-1")
DEFAULT_ORCID = "0009-0000-0000-0017"


def endpoints_for(base_url: str) -> OrcidEndpoints:
    base = base_url.rstrip("/")
    return OrcidEndpoints(
        authorize_url=f"{base}/oauth/authorize",
        token_url=f"{base}/oauth/token",
        revoke_url=f"{base}/oauth/revoke",
        member_api_base=f"{base}/v3.0",
        public_api_base=f"{base}/pub/v3.0",
    )


@contextmanager
def local_sandbox() -> Iterator[str | None]:
    """Serve ``orcid_hub.sandbox`` on a free loopback port, or yield None if it is missing."""
    try:
        from werkzeug.serving import make_server

        from orcid_hub.sandbox import create_sandbox_app
    except ImportError:
        yield None
        return
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one access-log line per call
    app = create_sandbox_app(rate_limit=False, start_dispatcher=False)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()


def measure(
    endpoints: OrcidEndpoints,
    client_id: str,
    secret: str,
    orcid: str,
    calls: int,
    threads: int,
    limiter: TokenBucket,
    settings: OrcidSettings,
) -> tuple[float, int]:
    """(requests per second, failures) for ``calls`` reads spread over ``threads``."""
    # Reads go to the Public API with a /read-public token, which every client may get.
    public = dataclasses.replace(endpoints, member_api_base=endpoints.public_api_base)
    with OrcidClient(public, client_id, secret, settings, limiter=limiter) as client:
        token = client.oauth.client_credentials("/read-public").access_token
        failures = 0
        lock = threading.Lock()
        per_thread = [calls // threads + (i < calls % threads) for i in range(threads)]

        def run(count: int) -> None:
            nonlocal failures
            for _ in range(count):
                try:
                    client.api.read_works(orcid, token)
                except OrcidError:
                    with lock:
                        failures += 1

        workers = [threading.Thread(target=run, args=(n,)) for n in per_thread]
        started = time.perf_counter()
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        elapsed = time.perf_counter() - started
    return calls / elapsed, failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("base_url", nargs="?", help="a running sandbox (default: start one)")
    parser.add_argument("--client-id", default=DEFAULT_CLIENT[0])
    parser.add_argument("--client-secret", default=DEFAULT_CLIENT[1])
    parser.add_argument("--orcid", default=DEFAULT_ORCID, help="a record on that sandbox")
    parser.add_argument("--calls", type=int, default=200)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--rate", type=float, default=24.0)
    parser.add_argument("--burst", type=int, default=40)
    args = parser.parse_args(argv)

    with local_sandbox() if args.base_url is None else _given(args.base_url) as base_url:
        if base_url is None:
            print(
                "orcid_hub.sandbox is not importable. Start a sandbox and pass its URL:\n"
                "  .venv/bin/orcid-hub sandbox --no-rate-limit --port 8089 &\n"
                "  .venv/bin/python benches/orcid_client.py http://127.0.0.1:8089"
            )
            return 2
        endpoints = endpoints_for(base_url)
        settings = OrcidSettings(
            timeout_seconds=30, rate_per_second=args.rate, burst=args.burst, max_retries=0
        )
        figures = {}
        for label, limiter in (
            ("rate limit off", TokenBucket(0, 1)),
            (
                f"rate limit on ({args.rate:g}/s, burst {args.burst})",
                TokenBucket(args.rate, args.burst),
            ),
        ):
            try:
                figures[label] = measure(
                    endpoints,
                    args.client_id,
                    args.client_secret,
                    args.orcid,
                    args.calls,
                    args.threads,
                    limiter,
                    settings,
                )
            except OrcidError as exc:
                print(f"{label}: the sandbox at {base_url} refused the benchmark: {exc}")
                return 1
        print(f"{args.calls} reads of /{args.orcid}/works, {args.threads} threads, {base_url}")
        for label, (per_second, failures) in figures.items():
            print(f"  {label:<40} {per_second:8.1f} requests/s  ({failures} failed)")
        if args.rate > 0 and args.calls > args.burst:
            # The burst is free, the rest comes at the rate: the best a limited run can do.
            ceiling = args.calls / ((args.calls - args.burst) / args.rate)
            print(f"  {'(ceiling with the limit on)':<40} {ceiling:8.1f} requests/s")
    return 0


@contextmanager
def _given(base_url: str) -> Iterator[str]:
    yield base_url


if __name__ == "__main__":
    sys.exit(main())
