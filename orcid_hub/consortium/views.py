"""Generic pages for every registered record type, for the lead and for institution admins.

Each view is registered twice: under ``/consortium/<kind>/`` (the consortium lead, all
institutions) and under ``/institutions/<slug>/consortium/<kind>/`` (an institution's
admins, for the types they manage, only their institution's records).
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

from flask import Blueprint, Flask, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response

from orcid_hub import db
from orcid_hub.accounts import auth
from orcid_hub.accounts.models import InstitutionRole, Person
from orcid_hub.consortium import importer, io, pages, plan, services
from orcid_hub.consortium.registry import REGISTRY, RecordType, get
from orcid_hub.consortium.services import LEAD, Scope
from orcid_hub.tabular import MAX_ROWS, Table, TableError
from orcid_hub.web.views import add_nav_link

bp = Blueprint("consortium", __name__)
View = Callable[..., Any]


def _lang() -> str:
    return str(get_locale() or "lv")


def record_view(view: View) -> View:
    """Sign-in, then the lead (no slug) or an admin of the slug's institution; else 403."""

    @functools.wraps(view)
    def wrapper(kind: str, slug: str | None = None, **kwargs: Any) -> Any:
        person = auth.current_person()
        if person is None:
            return redirect(url_for("auth.signin", next=request.full_path))
        scope = LEAD
        if slug is None:
            if not person.is_consortium_lead:
                abort(403)
        else:
            scope = Scope(auth.institution_from_slug(slug))
        record_type = get(kind)
        if scope.scoped and not record_type.scoped:
            abort(403)
        return view(record_type, scope, **kwargs)

    return wrapper


_WRAPPED: dict[str, View] = {}


def _route(rule: str, view: View, methods: tuple[str, ...] = ("GET",)) -> None:
    endpoint = view.__name__
    wrapped = _WRAPPED.setdefault(endpoint, record_view(view))
    bp.add_url_rule(f"/consortium/<kind>{rule}", endpoint, wrapped, methods=methods)
    bp.add_url_rule(
        f"/institutions/<slug>/consortium/<kind>{rule}", endpoint, wrapped, methods=methods
    )


def _here(record_type: RecordType, scope: Scope, endpoint: str, **values: Any) -> str:
    slug = scope.institution.slug if scope.institution is not None else None
    return url_for(f"consortium.{endpoint}", kind=record_type.key, slug=slug, **values)


def _render(template: str, record_type: RecordType, scope: Scope, **context: Any) -> str:
    session = db.session()
    return render_template(
        f"consortium/{template}",
        rt=record_type,
        scope=scope,
        here=functools.partial(_here, record_type, scope),
        show=pages.shower(session, _lang()),
        checked=pages.checked,
        link=pages.linker(scope),
        ref_keys=pages.ref_keys(record_type, scope),
        **context,
    )


def _filters(record_type: RecordType) -> dict[str, str]:
    # Prefixed in the address: a field may be called like a URL part ("kind").
    args = request.args
    return {name: args[f"f_{name}"] for name in record_type.filters if args.get(f"f_{name}")}


def list_view(record_type: RecordType, scope: Scope) -> str:
    year = request.args.get("year", type=int)
    chosen = _filters(record_type)
    rows = services.list_records(db.session(), record_type, scope, year, chosen)
    filter_args = {f"f_{name}": code for name, code in chosen.items()}
    return _render(
        "list.html",
        record_type,
        scope,
        rows=rows,
        year=year,
        chosen=chosen,
        filter_args=filter_args,
    )


def detail(record_type: RecordType, scope: Scope, record_id: int) -> str:
    session = db.session()
    record = services.get_record(session, record_type, record_id, scope)
    return _render(
        "detail.html",
        record_type,
        scope,
        record=record,
        children=services.children(session, record_type, record, scope),
        trail=services.audit_trail(session, record_type, record),
        show_logged=pages.audit_shower(session, _lang()),
    )


def edit(
    record_type: RecordType, scope: Scope, record_id: int | None = None
) -> tuple[str, int] | Response:
    session = db.session()
    record = services.get_record(session, record_type, record_id, scope) if record_id else None
    if request.method == "GET":
        raw = pages.initial(record_type, scope, record, request.args)
        return _form(record_type, scope, record, raw, {})
    form = pages.form_text(record_type, scope, request.form)
    saved, errors = services.save(session, record_type, form, scope, _lang(), record)
    if errors:
        return _form(record_type, scope, record, request.form, errors)
    session.commit()
    flash(_("Saved."))
    return redirect(pages.after_save(record_type, scope, saved))


def _form(
    record_type: RecordType, scope: Scope, record: Any, raw: Any, errors: dict[str, str]
) -> tuple[str, int]:
    session = db.session()
    refs = {
        f.name: services.options(session, f.ref, scope, _lang())
        for f in record_type.form_fields(scope.scoped)
        if f.kind == "ref"
    }
    page = _render(
        "form.html", record_type, scope, record=record, raw=raw, errors=errors, refs=refs
    )
    return page, 400 if errors else 200


def delete(record_type: RecordType, scope: Scope, record_id: int) -> str | Response:
    session = db.session()
    record = services.get_record(session, record_type, record_id, scope)
    if request.method == "GET":
        children = services.dependants(session, record_type, record)
        return _render("delete.html", record_type, scope, record=record, children=children)
    target = pages.after_delete(record_type, scope, record)
    services.delete(session, record_type, record)
    session.commit()
    flash(_("Deleted."))
    return redirect(target)


def export(record_type: RecordType, scope: Scope, fmt: str) -> Response:
    session = db.session()
    year = request.args.get("year", type=int)
    records = services.list_records(session, record_type, scope, year, _filters(record_type))
    head = io.header(record_type, scope.scoped)
    body = io.rows(session, record_type, records, scope.scoped)
    name = record_type.key + (f"-{year}" if year else "")
    if fmt == "csv":
        data, mimetype = io.to_csv(head, body), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        data = io.to_xlsx(head, body, record_type.key)
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        abort(404)
    response = Response(data, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


def import_view(record_type: RecordType, scope: Scope) -> str | tuple[str, int]:
    if request.method == "GET":
        return _render("import.html", record_type, scope, columns=_columns(record_type, scope))
    upload = request.files.get("file")
    try:
        if upload is None or not upload.filename:
            raise TableError(_("Choose a CSV or XLSX file."))
        table = io.read(upload.filename, upload.read(), record_type, scope.scoped)
    except TableError as exc:
        page = _render(
            "import.html", record_type, scope, columns=_columns(record_type, scope), problem=exc
        )
        return page, 400
    return _preview(record_type, scope, table)


def _columns(record_type: RecordType, scope: Scope) -> list[Any]:
    return record_type.csv_fields(scope.scoped)


def _preview(record_type: RecordType, scope: Scope, table: Table) -> str | tuple[str, int]:
    checked = importer.plan(db.session(), record_type, table, scope)
    payload = json.dumps({"header": table.header, "rows": table.rows}, ensure_ascii=False)
    page = _render("preview.html", record_type, scope, table=table, plan=checked, payload=payload)
    return (page, 400) if checked.errors else page


def import_confirm(record_type: RecordType, scope: Scope) -> str | tuple[str, int] | Response:
    try:
        data = json.loads(request.form.get("payload", ""))
        rows = [(int(n), {str(k): str(v) for k, v in dict(v).items()}) for n, v in data["rows"]]
        table = Table(header=[str(name) for name in data["header"]], rows=rows)
    except (ValueError, KeyError, TypeError):
        abort(400)
    if len(table.rows) > MAX_ROWS:
        abort(400)
    session = db.session()
    checked = importer.plan(session, record_type, table, scope)
    if checked.errors:
        return _preview(record_type, scope, table)
    stored = importer.apply(session, record_type, checked, scope)
    session.commit()
    flash(_("Imported %(count)d rows.", count=stored))
    return redirect(_here(record_type, scope, "list_view"))


@bp.get("/consortium/")
@auth.lead_required
def index() -> str:
    counts = pages.counts(db.session())
    return render_template("consortium/index.html", types=REGISTRY.values(), counts=counts)


@bp.post("/consortium/plan/revise")
@auth.lead_required
def revise_plan() -> Response:
    year = request.form.get("year", type=int)
    if year is None or not 2000 <= year <= 2100:
        abort(400)
    try:
        copied = plan.start_revision(db.session(), year)
    except plan.RevisionExists:
        flash(_("The plan already has a revision for %(year)d.", year=year), "error")
    else:
        db.session().commit()
        flash(_("Revision %(year)d started with %(count)d items.", year=year, count=copied))
    return redirect(url_for("consortium.list_view", kind="plan", year=year))


@bp.get("/consortium/mine")
@auth.login_required
def mine() -> str:
    person = auth.current_person()
    assert person is not None
    institutions = auth.admin_institutions(person)
    if not institutions:
        abort(403)
    kinds = [rt for rt in REGISTRY.values() if rt.scoped]
    return render_template("consortium/mine.html", institutions=institutions, kinds=kinds)


_route("/", list_view)
_route("/new", edit, ("GET", "POST"))
_route("/<int:record_id>", detail)
_route("/<int:record_id>/edit", edit, ("GET", "POST"))
_route("/<int:record_id>/delete", delete, ("GET", "POST"))
_route("/export.<fmt>", export)
_route("/import", import_view, ("GET", "POST"))
_route("/import/confirm", import_confirm, ("POST",))


def _is_admin(person: Person) -> bool:
    return not person.is_consortium_lead and any(
        m.role == InstitutionRole.ADMIN for m in person.memberships
    )


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    # Lazy labels: the top bar shows them in the language of each request.
    add_nav_link(app, "consortium.index", _l("Consortium"), lambda p: p.is_consortium_lead)
    add_nav_link(app, "consortium.mine", _l("Contacts and integrations"), _is_admin)
