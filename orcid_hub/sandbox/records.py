"""Record items: create, update, delete with ORCID's rules, and the XML the API returns."""

from __future__ import annotations

import copy
import time
from collections.abc import Iterable

from lxml import etree

from orcid_hub.sandbox.codec import children, local, qname, xml_datetime
from orcid_hub.sandbox.errors import ApiError
from orcid_hub.sandbox.kinds import IDENTITY_HOST, NS, Kind, kind_of
from orcid_hub.sandbox.seed import SandboxClient
from orcid_hub.sandbox.store import Item, SandboxState

_SERVER_CHILDREN = frozenset({"created-date", "last-modified-date", "source"})
_SERVER_ATTRIBUTES = ("put-code", "path", "visibility", "display-index")
_DOI_PREFIXES = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/")
GROUPING = frozenset({"self", "version-of"})
WORKS_LIMIT = 10_000


def normalised(id_type: str, value: str) -> tuple[str, str]:
    """ORCID compares ids by lower-cased type and, for DOIs, the bare lower-cased ``10.x/…``."""
    id_type, value = id_type.strip().lower(), value.strip()
    if id_type == "doi":
        value = value.lower()
        for prefix in (*_DOI_PREFIXES, "doi:"):
            value = value.removeprefix(prefix)
    return id_type, value


def external_ids(element: etree._Element) -> list[tuple[tuple[str, str], str, etree._Element]]:
    """``(normalised key, relationship, element)`` for each external id of an item."""
    found = []
    for node in element.iter(qname("common", "external-id")):
        parts = {local(c): (c.text or "").strip() for c in children(node)}
        key = normalised(parts.get("external-id-type", ""), parts.get("external-id-value", ""))
        found.append((key, parts.get("external-id-relationship", ""), node))
    return found


def strip_server_parts(element: etree._Element) -> dict[str, str]:
    """Remove what the server owns (put-code, dates, source…) and return the attributes seen."""
    seen = {
        name: str(element.attrib.pop(name)) for name in _SERVER_ATTRIBUTES if name in element.attrib
    }
    for child in children(element):
        if local(child) in _SERVER_CHILDREN:
            element.remove(child)
    for node in element.iter():
        # Indentation from the client is noise once stored; the answer is re-indented.
        if node.tail is not None and not node.tail.strip():
            node.tail = None
        if len(node) and node.text is not None and not node.text.strip():
            node.text = None
    return seen


def find_duplicate(
    state: SandboxState,
    item_orcid: str,
    client_id: str,
    kind: Kind,
    element: etree._Element,
    exclude: int | None = None,
) -> Item | None:
    """An item of the same source with a ``self`` id equal to one of ``element``'s."""
    wanted = {key for key, rel, _ in external_ids(element) if rel == "self"}
    for item in state.items_of(item_orcid, kind.name):
        if item.client_id != client_id or item.put_code == exclude:
            continue
        if wanted & {key for key, rel, _ in external_ids(item.element) if rel == "self"}:
            return item
    return None


def duplicate_error(kind: Kind, existing: Item) -> ApiError:
    return ApiError(
        409,
        9021,
        f"409 Conflict: You have already added this activity (matched by external identifiers),"
        f" please see element with put-code {existing.put_code}. If you are trying to edit the"
        f" item, please use PUT instead of POST.",
        f"This {kind.name} is already on the record.",
    )


def create(
    state: SandboxState, orcid: str, client: SandboxClient, kind: Kind, element: etree._Element
) -> Item:
    with state.lock:
        existing = find_duplicate(state, orcid, client.client_id, kind, element)
        if existing is not None:
            raise duplicate_error(kind, existing)
        limit = int(state.faults.get("works_limit", WORKS_LIMIT))
        if kind.name == "work" and len(state.items_of(orcid, "work")) >= limit:
            raise ApiError(
                409,
                9048,
                f"The record has reached the limit of {limit} works; no more can be added",
            )
        user = state.user(orcid)
        now = time.time()
        item = Item(
            kind=kind.name,
            put_code=state.next_put_code(),
            orcid=orcid,
            client_id=client.client_id,
            client_name=client.name,
            created=now,
            modified=now,
            visibility=user.visibility if user else "public",
            element=element,
        )
        state.items[(orcid, item.put_code)] = item
        return item


def source_element(item: Item, host_url: str) -> etree._Element:
    """``common:source`` naming the client.

    ORCID's schema only accepts ``https://…orcid.org/client/…`` here, so the sandbox
    names itself sandbox.orcid.org in identities (``host_url`` is kept for symmetry).
    """
    del host_url
    source = etree.Element(qname("common", "source"))
    client = etree.SubElement(source, qname("common", "source-client-id"))
    for name, value in (
        ("uri", f"https://{IDENTITY_HOST}/client/{item.client_id}"),
        ("path", item.client_id),
        ("host", IDENTITY_HOST),
    ):
        etree.SubElement(client, qname("common", name)).text = value
    etree.SubElement(source, qname("common", "source-name")).text = item.client_name
    return source


def _item_element(
    item: Item, host: str, tag: str, content: Iterable[etree._Element]
) -> etree._Element:
    kind = kind_of(item.kind)
    root = etree.Element(tag, nsmap={kind.name: kind.ns, "common": NS["common"]})
    root.set("put-code", str(item.put_code))
    root.set("path", f"/{item.orcid}/{item.kind}/{item.put_code}")
    root.set("visibility", item.visibility)
    if tag.endswith("-summary"):
        root.set("display-index", str(item.display_index))
    etree.SubElement(root, qname("common", "created-date")).text = xml_datetime(item.created)
    etree.SubElement(root, qname("common", "last-modified-date")).text = xml_datetime(item.modified)
    root.append(source_element(item, host))
    for child in content:
        if local(child) != "contributor-email":
            root.append(copy.deepcopy(child))
    for email in root.iter(
        qname(item.kind, "contributor-email"), qname("common", "contributor-email")
    ):
        parent = email.getparent()
        if parent is not None:
            parent.remove(email)
    return root


def full_element(item: Item, host: str) -> etree._Element:
    return _item_element(item, host, qname(item.kind, item.kind), children(item.element))


def summary_element(item: Item, host: str) -> etree._Element:
    kind = kind_of(item.kind)
    by_name = {local(c): c for c in children(item.element)}
    content = [by_name[name] for name in kind.summary if name in by_name]
    return _item_element(item, host, qname(item.kind, f"{item.kind}-summary"), content)


def _groups(items: list[Item], kind: Kind) -> list[list[Item]]:
    """Items sharing a ``self`` or ``version-of`` id fall in one group (any source)."""
    parent = list(range(len(items)))

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    owner: dict[tuple[str, str], int] = {}
    for n, item in enumerate(items):
        for key, rel, _ in external_ids(item.element):
            if rel in GROUPING:
                if key in owner:
                    parent[root(n)] = root(owner[key])
                else:
                    owner[key] = n
    grouped: dict[int, list[Item]] = {}
    for n, item in enumerate(items):
        grouped.setdefault(root(n), []).append(item)
    return list(grouped.values())


def group_list(items: list[Item], kind: Kind, orcid: str, host: str) -> etree._Element:
    """``activities:works`` (or fundings, employments, educations) with grouped summaries."""
    root = etree.Element(
        qname("activities", kind.plural),
        nsmap={"activities": NS["activities"], kind.name: kind.ns, "common": NS["common"]},
    )
    root.set("path", f"/{orcid}/{kind.plural}")
    if items:
        latest = max(i.modified for i in items)
        etree.SubElement(root, qname("common", "last-modified-date")).text = xml_datetime(latest)
    group_tag = "affiliation-group" if kind.affiliation else "group"
    for members in _groups(items, kind):
        group = etree.SubElement(root, qname("activities", group_tag))
        latest = max(i.modified for i in members)
        etree.SubElement(group, qname("common", "last-modified-date")).text = xml_datetime(latest)
        ids = etree.SubElement(group, qname("common", "external-ids"))
        seen: set[tuple[str, str]] = set()
        for member in members:
            for key, rel, node in external_ids(member.element):
                if (rel in GROUPING or group_tag == "affiliation-group") and key not in seen:
                    seen.add(key)
                    ids.append(copy.deepcopy(node))
        for member in members:
            group.append(summary_element(member, host))
    return root
