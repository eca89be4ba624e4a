"""The editor's page at ``GET /``: paste an article, see its quotations and speakers.

The page is plain HTML, CSS and JavaScript in ``quotes/static/`` (served by
Flask's own ``/static/`` route; no CDN, no build step). It calls the public
``POST /v1/attributions`` exactly as a CMS would: there is no private endpoint.
"""

from __future__ import annotations

from flask import Response, current_app, send_from_directory
from flask_smorest import Blueprint

bp = Blueprint("ui", __name__, description="The editor's page")


@bp.route("/", methods=["GET"])
@bp.doc(
    summary="Editor's page",
    description="An HTML page that calls POST /v1/attributions and shows the article with every attribution highlighted.",
    responses={"200": {"description": "HTML page", "content": {"text/html": {"schema": {"type": "string"}}}}},
)
def index() -> Response:
    static = current_app.static_folder
    assert static is not None
    response = send_from_directory(static, "index.html", max_age=0)
    response.headers["Cache-Control"] = "no-cache"
    return response
