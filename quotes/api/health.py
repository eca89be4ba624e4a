"""Liveness and readiness for load balancers and orchestrators."""

from __future__ import annotations

from flask import current_app
from flask_smorest import Blueprint

from quotes.api.errors import ApiError
from quotes.nlp import ModelError
from quotes.schemas import HealthSchema, ReadySchema

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
        raise ApiError(503, "not_ready", nlp.error or "the NLP pipeline is not loaded yet")
    try:
        nlp("Ready, he said.")
    except (ModelError, RuntimeError) as exc:
        raise ApiError(503, "not_ready", f"the NLP pipeline failed a test parse: {exc}") from exc
    return {"status": "ready", "model": {"source": nlp.choice.source, "name": nlp.choice.name}}
