"""Liveness and readiness for load balancers and orchestrators."""

from __future__ import annotations

import logging
import time

from flask import current_app
from flask_smorest import Blueprint

from quotes.common.deadline import DeadlineExceeded
from quotes.common.errors import ApiError, public
from quotes.common.nlp import ModelError
from quotes.common.schemas import HealthSchema, ReadySchema

log = logging.getLogger("quotes.api")
PROBE_SECONDS = 5.0  # the longest /readyz waits for a pipeline another request holds

bp = Blueprint("health", __name__, description="Liveness and readiness probes")


@bp.get("/healthz")
@bp.response(200, HealthSchema)
def healthz():
    """The process answers; no model work."""
    return {"status": "ok"}


@bp.get("/readyz")
@bp.response(200, ReadySchema)
@bp.alt_response(503, response="SERVICE_UNAVAILABLE")
def readyz():
    """The pipeline is loaded and a tiny parse works; 503 with the reason otherwise."""
    nlp = current_app.extensions["quotes.nlp"]
    if not nlp.ready:
        raise ApiError(503, "not_ready", public(nlp.error or "the NLP pipeline is not loaded yet"))
    # A pipeline at work is evidently fit; the probe must not queue behind a long parse.
    if not current_app.extensions["quotes.admission"].busy:
        try:
            nlp.parse_many(["Ready, he said."], time.monotonic() + PROBE_SECONDS)
        except DeadlineExceeded:
            pass  # another request holds the pipeline: busy, so alive
        except (ModelError, RuntimeError) as exc:
            log.exception("readiness test parse failed")
            raise ApiError(503, "not_ready", "the NLP pipeline failed a test parse") from exc
    return {"status": "ready", "model": {"source": nlp.choice.source, "name": nlp.choice.name}}
