"""The Connectors tab's "Read works from ORCID now" action."""

from __future__ import annotations

from flask import current_app, flash, redirect, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response

from orcid_hub import db
from orcid_hub.accounts import auth
from orcid_hub.harvest import jobs, orcid_jobs
from orcid_hub.harvest.views import bp


@bp.post("/connectors/orcid/pull")
@auth.login_required
def pull_orcid(slug: str) -> Response:
    institution = auth.institution_from_slug(slug)
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    # The pull writes through its own sessions; end this request's transaction first
    # (as "run now" of a connector does) so nothing here holds a snapshot around them.
    db.session().commit()
    try:
        started = orcid_jobs.begin(app, institution.id, "manual")
    except jobs.AlreadyRunning:
        flash(_("Works are already being read from ORCID."), "warning")
        return redirect(url_for("harvest.index", slug=slug))
    orcid_jobs.start(app, started.run_id)
    return redirect(url_for("harvest.run", slug=slug, run_id=started.run_id))
