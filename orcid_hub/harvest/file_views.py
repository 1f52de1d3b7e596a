"""Pages of file-based connectors: the blank templates, and a preview before importing."""

from __future__ import annotations

from flask import Response, abort, render_template

from connectors import ConnectorError, spreadsheet
from orcid_hub.accounts import auth
from orcid_hub.harvest import services
from orcid_hub.harvest.views import _config, bp

PREVIEW_ROWS = 200


@bp.get("/connectors/templates/<kind>.<ext>")
@auth.login_required
def template(slug: str, kind: str, ext: str) -> Response:
    auth.institution_from_slug(slug)
    if kind not in spreadsheet.TEMPLATES or ext not in ("csv", "xlsx"):
        abort(404)
    if ext == "csv":
        body: bytes = spreadsheet.template_csv(kind).encode("utf-8-sig")
        mimetype = "text/csv"
    else:
        body = spreadsheet.template_xlsx(kind)
        mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return Response(
        body,
        mimetype=mimetype,
        headers={"Content-Disposition": f'attachment; filename="{kind}-template.{ext}"'},
    )


@bp.get("/connectors/<int:config_id>/preview")
@auth.login_required
def preview(slug: str, config_id: int) -> str:
    institution = auth.institution_from_slug(slug)
    config = _config(institution, config_id)
    problem, result = "", None
    try:
        connector = services.build(config)
        if not isinstance(connector, spreadsheet.SpreadsheetConnector):
            abort(404)
        result = connector.preview()
    except ConnectorError as exc:
        problem = str(exc)
    return render_template(
        "harvest/preview.html",
        institution=institution,
        config=config,
        result=result,
        records=result.records[:PREVIEW_ROWS] if result else (),
        problem=problem,
        describe=spreadsheet.describe(config.settings.get("record_type") or "works"),
    )
