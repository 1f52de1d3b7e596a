"""Helpers for the sandbox tests: ORCID's write samples and an authorised API caller."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.sandbox_server import TEST_CLIENT, SandboxServer

XML = "application/vnd.orcid+xml"
JSON = "application/vnd.orcid+json"


@pytest.fixture(scope="session")
def samples(fixtures_dir: Path) -> Path:
    return fixtures_dir / "orcid-model" / "record_3.0" / "samples" / "write_samples"


@dataclass
class Caller:
    """A client holding a user's token, calling the Member API as the hub would."""

    sandbox: SandboxServer
    orcid: str
    token: str
    client_id: str

    def headers(self, media: str = XML, accept: str | None = None) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {self.token}",
            "Content-Type": media,
            "Accept": accept or media,
        }

    def url(self, path: str, orcid: str | None = None) -> str:
        return self.sandbox.url(f"/v3.0/{orcid or self.orcid}{path}")

    def post(self, path: str, body: bytes | str, media: str = XML, **kw: Any) -> requests.Response:
        data = body.encode() if isinstance(body, str) else body
        return self.sandbox.http.post(
            self.url(path, kw.pop("orcid", None)),
            data=data,
            headers=kw.pop("headers", None) or self.headers(media),
            timeout=5,
        )

    def put(self, path: str, body: bytes | str, media: str = XML) -> requests.Response:
        data = body.encode() if isinstance(body, str) else body
        return self.sandbox.http.put(
            self.url(path), data=data, headers=self.headers(media), timeout=5
        )

    def get(self, path: str, media: str = XML, orcid: str | None = None) -> requests.Response:
        return self.sandbox.http.get(self.url(path, orcid), headers=self.headers(media), timeout=5)

    def delete(self, path: str) -> requests.Response:
        return self.sandbox.http.delete(self.url(path), headers=self.headers(), timeout=5)

    def create(self, kind: str, body: bytes | str, media: str = XML) -> int:
        response = self.post(f"/{kind}", body, media)
        assert response.status_code == 201, response.text
        return int(response.headers["Location"].rsplit("/", 1)[1])


def make_caller(
    sandbox: SandboxServer,
    orcid: str | None = None,
    client_id: str = TEST_CLIENT,
    scopes: str = "/read-limited /activities/update",
) -> Caller:
    token = sandbox.user_token(orcid, scopes, client_id)
    return Caller(sandbox, token["orcid"], token["access_token"], client_id)


@pytest.fixture
def caller(sandbox: SandboxServer) -> Caller:
    return make_caller(sandbox)


def error_code(response: requests.Response) -> int:
    """ORCID's numeric error code from an XML or JSON error body."""
    if "json" in response.headers.get("Content-Type", ""):
        return int(response.json()["error-code"])
    from lxml import etree

    root = etree.fromstring(response.content)
    found = root.find("{http://www.orcid.org/ns/error}error-code")
    assert found is not None, response.text
    return int(found.text or 0)


def work_xml(doi: str, title: str = "A work", put_code: int | None = None, **extra: str) -> str:
    """A minimal valid work with one ``self`` DOI (and optional extra ids)."""
    attr = f' put-code="{put_code}"' if put_code is not None else ""
    ids = "".join(
        f"<common:external-id><common:external-id-type>doi</common:external-id-type>"
        f"<common:external-id-value>{value}</common:external-id-value>"
        f"<common:external-id-relationship>{rel}</common:external-id-relationship>"
        f"</common:external-id>"
        for rel, value in [("self", doi), *((k.replace("_", "-"), v) for k, v in extra.items())]
    )
    return (
        f'<work:work xmlns:work="http://www.orcid.org/ns/work"'
        f' xmlns:common="http://www.orcid.org/ns/common"{attr}>'
        f"<work:title><common:title>{title}</common:title></work:title>"
        f"<work:type>journal-article</work:type>"
        f"<common:external-ids>{ids}</common:external-ids></work:work>"
    )
