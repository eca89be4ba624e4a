"""What operators see: the request id, one JSON log line per request, Prometheus metrics."""

from __future__ import annotations

import logging
import re
import time
import uuid

from flask import Response, g, request
from flask_smorest import Blueprint

from quotes.service import metrics

bp = Blueprint("observability", __name__, description="Metrics for Prometheus")
log = logging.getLogger("quotes.request")

REQUEST_ID = "X-Request-ID"
_UNSAFE = re.compile(r"[^A-Za-z0-9._:-]")


def request_id(raw: str | None) -> str:
    """The client's id with anything that could forge a log line removed, at most
    128 characters; a fresh one when none is usable."""
    clean = _UNSAFE.sub("", raw or "")[:128]
    return clean or uuid.uuid4().hex


def note(*, words: int = 0, documents: int = 0, timings_ms: dict[str, float] | None = None) -> None:
    """Views report the work done; it goes into the request's log line and the metrics."""
    g.words, g.documents, g.timings_ms = words, documents, timings_ms or {}
    metrics.observe_documents(documents, words)


@bp.before_app_request
def _start() -> None:
    g.started = time.monotonic()
    g.request_id = request_id(request.headers.get(REQUEST_ID))
    g.words, g.documents, g.timings_ms = 0, 0, {}  # g can outlive a request (an app context pushed by a test)


@bp.after_app_request
def _finish(response: Response) -> Response:
    seconds = time.monotonic() - g.get("started", time.monotonic())
    route = request.url_rule.rule if request.url_rule else "unmatched"  # bounded label values
    response.headers[REQUEST_ID] = g.get("request_id") or request_id(None)
    metrics.observe_request(request.method, route, response.status_code, seconds)
    log.log(
        logging.WARNING if response.status_code >= 500 else logging.INFO,
        "request",
        extra={
            "method": request.method,
            "route": route,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": round(seconds * 1000, 1),
            "documents": g.get("documents", 0),
            "words": g.get("words", 0),
            "timings_ms": g.get("timings_ms", {}),
        },
    )
    return response


@bp.route("/metrics", methods=["GET"])
@bp.doc(
    summary="Prometheus metrics",
    description="Requests and latency by route and status, documents and words parsed; summed over all gunicorn workers.",
    responses={"200": {"description": "Prometheus text format", "content": {"text/plain": {"schema": {"type": "string"}}}}},
)
def prometheus_metrics() -> Response:
    body, content_type = metrics.exposition()
    return Response(body, content_type=content_type)
