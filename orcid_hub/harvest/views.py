"""Institution admins' pages for connectors, harvest runs, stored works and duplicates.

Every page is scoped by ``auth.institution_from_slug``; an id that belongs to
another institution answers 403 like a foreign slug does.
"""

from __future__ import annotations

from typing import Any

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload
from werkzeug.wrappers import Response

from connectors import Connector, ConnectorError
from orcid_hub import db
from orcid_hub.accounts import auth
from orcid_hub.harvest import jobs, matching, runs, services, uploads
from orcid_hub.harvest.models import (
    ConnectorConfig,
    DuplicateLink,
    HarvestRun,
    StoredWork,
    WorkPerson,
)
from orcid_hub.institutions.models import Institution

bp = Blueprint("harvest", __name__, url_prefix="/institutions/<slug>")
PAGE = 100


def _config(institution: Institution, config_id: int) -> ConnectorConfig:
    config = db.session().get(ConnectorConfig, config_id)
    # Another institution's connector answers like a missing one: ids reveal nothing.
    if config is None or config.institution_id != institution.id:
        abort(404)
    return config


def _run(institution: Institution, run_id: int) -> HarvestRun:
    run = db.session().get(HarvestRun, run_id)
    if run is None or run.config.institution_id != institution.id:
        abort(404)
    return run


@bp.get("/connectors")
@auth.login_required
def index(slug: str) -> str:
    institution = auth.institution_from_slug(slug)
    store = db.session()
    configs = services.configs_of(store, institution.id)
    latest = {c.id: runs.last_run(store, c.id) for c in configs}
    counts: dict[int, int] = {
        config_id: n
        for config_id, n in store.execute(
            select(StoredWork.config_id, func.count())
            .where(StoredWork.institution_id == institution.id, StoredWork.deleted.is_(False))
            .group_by(StoredWork.config_id)
        )
    }
    return render_template(
        "harvest/index.html",
        institution=institution,
        configs=configs,
        latest=latest,
        counts=counts,
        types=services.connector_types(),
    )


def _form_values(
    cls: type[Connector], institution: Institution, config: ConnectorConfig | None
) -> dict[str, Any]:
    values = {s.name: request.form.get(s.name, "") for s in cls.settings}
    if any(s.name == uploads.FILE_SETTING for s in cls.settings):
        # Never a typed path: an uploaded file, or the one uploaded before.
        upload = request.files.get(uploads.FILE_SETTING)
        kept = config.settings.get(uploads.FILE_SETTING, "") if config else ""
        values[uploads.FILE_SETTING] = kept
        if upload is not None and upload.filename:
            settings = current_app.config["SETTINGS"]
            path = uploads.save(
                settings.instance_dir, institution.id, upload.filename, upload.read()
            )
            values[uploads.FILE_SETTING] = str(path)
    return values


def _save(institution: Institution, config: ConnectorConfig | None, kind: str) -> Response | None:
    """Create or update from the posted form; None (with flashed problems) when invalid."""
    form = request.form
    cls = services.connector_types()[kind]
    schedule, enabled = form.get("schedule_minutes", ""), form.get("enabled") == "on"
    store = db.session()
    try:
        values = _form_values(cls, institution, config)
    except uploads.UploadError as exc:
        flash(f"{uploads.FILE_SETTING}: {exc}", "error")
        return None
    try:
        if config is None:
            config = services.create_config(
                store,
                institution.id,
                kind,
                form.get("label", ""),
                values,
                schedule_minutes=schedule,
                enabled=enabled,
            )
        else:
            services.update_config(
                store,
                config,
                form.get("label", ""),
                values,
                schedule_minutes=schedule,
                enabled=enabled,
            )
    except services.InvalidSettings as exc:
        store.rollback()
        for field, problem in exc.problems.items():
            flash(f"{field}: {problem}", "error")
        return None
    store.commit()
    flash(_("Connector saved."))
    return redirect(url_for("harvest.edit", slug=institution.slug, config_id=config.id))


@bp.route("/connectors/new/<kind>", methods=["GET", "POST"])
@auth.login_required
def new(slug: str, kind: str) -> Response | str | tuple[str, int]:
    institution = auth.institution_from_slug(slug)
    cls = services.connector_types().get(kind)
    if cls is None:
        abort(404)
    if request.method == "POST":
        saved = _save(institution, None, kind)
        if saved is not None:
            return saved
    page = render_template(
        "harvest/edit.html", institution=institution, cls=cls, kind=kind, config=None, runs=()
    )
    return (page, 400) if request.method == "POST" else page


@bp.route("/connectors/<int:config_id>", methods=["GET", "POST"])
@auth.login_required
def edit(slug: str, config_id: int) -> Response | str | tuple[str, int]:
    institution = auth.institution_from_slug(slug)
    config = _config(institution, config_id)
    cls = services.connector_types().get(config.connector)
    if cls is None:
        abort(404)
    if request.method == "POST":
        saved = _save(institution, config, config.connector)
        if saved is not None:
            return saved
    page = render_template(
        "harvest/edit.html",
        institution=institution,
        cls=cls,
        kind=config.connector,
        config=config,
        runs=runs.recent(db.session(), config.id),
    )
    return (page, 400) if request.method == "POST" else page


@bp.post("/connectors/<int:config_id>/test")
@auth.login_required
def check(slug: str, config_id: int) -> Response:
    institution = auth.institution_from_slug(slug)
    config = _config(institution, config_id)
    try:
        info = services.check_connection(config)
    except ConnectorError as exc:
        flash(_("The connection failed: %(error)s", error=str(exc)), "error")
    else:
        flash(_("Connected to %(name)s.", name=info.name))
    return redirect(url_for("harvest.edit", slug=slug, config_id=config.id))


@bp.post("/connectors/<int:config_id>/run")
@auth.login_required
def run_now(slug: str, config_id: int) -> Response:
    institution = auth.institution_from_slug(slug)
    config = _config(institution, config_id)
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    # The run writes through its own sessions; end this request's transaction first so
    # that nothing here holds a snapshot (or, under test, a savepoint) around them.
    db.session().commit()
    try:
        started = jobs.begin(app, config.id, "manual", full=request.form.get("full") == "on")
    except jobs.AlreadyRunning:
        flash(_("A harvest of this connector is already running."), "warning")
        return redirect(url_for("harvest.edit", slug=slug, config_id=config.id))
    jobs.runner(app)(app, started.run_id)
    return redirect(url_for("harvest.run", slug=slug, run_id=started.run_id))


@bp.get("/runs/<int:run_id>")
@auth.login_required
def run(slug: str, run_id: int) -> str:
    institution = auth.institution_from_slug(slug)
    return render_template(
        "harvest/run.html", institution=institution, run=_run(institution, run_id)
    )


@bp.get("/runs/<int:run_id>/status")
@auth.login_required
def status(slug: str, run_id: int) -> Response:
    institution = auth.institution_from_slug(slug)
    found = _run(institution, run_id)
    fields = ("status", "pages", "added", "changed", "unchanged", "deleted", "failed")
    return jsonify({name: getattr(found, name) for name in fields} | {"error": found.error})


@bp.get("/works")
@auth.login_required
def works(slug: str) -> str:
    institution = auth.institution_from_slug(slug)
    page = max(1, request.args.get("page", 1, type=int))
    query = (
        select(StoredWork)
        .where(StoredWork.institution_id == institution.id)
        .options(
            selectinload(StoredWork.people).selectinload(WorkPerson.person),
            selectinload(StoredWork.config),
        )
        .order_by(StoredWork.last_modified.desc(), StoredWork.id.desc())
        .limit(PAGE + 1)
        .offset((page - 1) * PAGE)
    )
    rows = list(db.session().scalars(query))
    return render_template(
        "harvest/works.html",
        institution=institution,
        rows=rows[:PAGE],
        page=page,
        more=len(rows) > PAGE,
    )


@bp.get("/duplicates")
@auth.login_required
def duplicates(slug: str) -> str:
    institution = auth.institution_from_slug(slug)
    links = db.session().scalars(
        select(DuplicateLink)
        .where(DuplicateLink.institution_id == institution.id)
        .options(
            selectinload(DuplicateLink.work).selectinload(StoredWork.config),
            selectinload(DuplicateLink.other).selectinload(StoredWork.config),
        )
        .order_by(DuplicateLink.confirmed, DuplicateLink.id.desc())
        .limit(500)
    )
    return render_template("harvest/duplicates.html", institution=institution, links=list(links))


@bp.post("/duplicates/<int:link_id>")
@auth.login_required
def decide(slug: str, link_id: int) -> Response:
    institution = auth.institution_from_slug(slug)
    link = db.session().get(DuplicateLink, link_id)
    if link is None or link.institution_id != institution.id:
        abort(404)
    person = auth.current_person()
    assert person is not None
    matching.decide(link, confirm=request.form.get("decision") == "confirm", person_id=person.id)
    db.session().commit()
    flash(_("Confirmed as the same work.") if link.confirmed else _("Marked as different works."))
    return redirect(url_for("harvest.duplicates", slug=slug))


def init_app(app: Flask) -> None:
    from orcid_hub.harvest import file_views, orcid_views  # noqa: F401  (their routes join bp)

    app.register_blueprint(bp)
    services.check_enabled_at_start(db.database(app).engine)
