"""The public OAI-PMH endpoint of each institution, ``/oai/<slug>``.

No sign-in: harvesters are machines, and the endpoint shows only what the
institution's endpoint is for. Both GET and POST are accepted, as the
protocol requires; errors are OAI error elements with HTTP 200.
"""

from __future__ import annotations

import datetime as dt
import email.utils
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from flask import Blueprint, Flask, Response, abort, current_app, request, url_for
from sqlalchemy import select
from sqlalchemy.orm import Session

from orcid_hub import db
from orcid_hub.institutions.models import Institution
from orcid_hub.oai.envelope import envelope, error_response, serialize
from orcid_hub.oai.protocol import OaiError, Tokens, parse_request
from orcid_hub.oai.repository import Repository
from orcid_hub.oai.services import Endpoint
from orcid_hub.oai.source import OrgUnit, RecordSource
from orcid_hub.oai.store import DatabaseSource

__all__ = ["OaiOptions", "bp", "init_app", "repository_domain"]

bp = Blueprint("oai", __name__, url_prefix="/oai")

SourceFactory = Callable[[Session, Institution], RecordSource]


@dataclass
class OaiOptions:
    """The endpoint's knobs, kept in ``app.extensions["oai"]`` (tests change them there)."""

    page_size: int = 100
    token_ttl: dt.timedelta = dt.timedelta(hours=24)
    source: SourceFactory = field(default=DatabaseSource)


def repository_domain(base_url: str) -> str:
    """The hub's host as an OAI repositoryIdentifier, which must contain a dot."""
    host = urlsplit(base_url).hostname or "localhost"
    return host if "." in host else f"{host}.localdomain"


def _repository(institution: Institution) -> Repository:
    settings = current_app.config["SETTINGS"]
    website = settings.app.base_url.rstrip("/")
    _, admin = email.utils.parseaddr(settings.mail.from_address)
    return Repository(
        slug=institution.slug,
        domain=repository_domain(website),
        base_url=website + url_for("oai.endpoint", slug=institution.slug),
        website=website + "/",
        admin_email=admin or "orcid-hub@localhost.localdomain",
        org=OrgUnit(
            name_lv=institution.name_lv,
            name_en=institution.name_en,
            acronym=institution.slug.upper(),
            ror_id=institution.ror_id,
        ),
        org_key=institution.id,
        org_datestamp=institution.created_at,
    )


@bp.route("/<slug>", methods=["GET", "POST"])
def endpoint(slug: str) -> Response:
    session = db.session()
    institution = session.scalar(
        select(Institution).where(Institution.slug == slug, Institution.active.is_(True))
    )
    if institution is None:
        abort(404)
    options: OaiOptions = current_app.extensions["oai"]
    repository = _repository(institution)
    tokens = Tokens(current_app.config["SECRET_KEY"], institution.slug, options.token_ttl)
    now = dt.datetime.now(dt.UTC)
    served = Endpoint(
        repository, options.source(session, institution), tokens, options.page_size, now
    )
    values = request.form if request.method == "POST" else request.args
    arguments = {name: given for name, given in values.lists()}
    try:
        oai_request = parse_request(arguments)
        root = envelope(repository.base_url, now, oai_request.verb, oai_request.arguments)
        served.handle(oai_request, root)
    except OaiError as error:
        verb = arguments.get("verb", [None])[0]
        single = {k: v[0] for k, v in arguments.items() if k != "verb" and len(v) == 1}
        root = error_response(repository.base_url, now, error, verb, single)
    return Response(serialize(root), content_type="text/xml; charset=utf-8")


def init_app(app: Flask) -> None:
    from orcid_hub.web.views import csrf

    app.extensions["oai"] = OaiOptions()
    csrf.exempt(bp)  # harvesters POST without a session; nothing here changes state
    app.register_blueprint(bp)
