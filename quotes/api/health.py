"""Liveness and readiness for load balancers and orchestrators."""

from __future__ import annotations

from flask import Blueprint, current_app

from quotes.api.errors import envelope
from quotes.nlp import ModelError

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """The process answers; no model work."""
    return {"status": "ok"}


@bp.get("/readyz")
def readyz():
    """The pipeline is loaded and a tiny parse works; 503 with the reason otherwise."""
    nlp = current_app.extensions["quotes.nlp"]
    if not nlp.ready:
        return envelope(503, "not_ready", nlp.error or "the NLP pipeline is not loaded yet")
    try:
        nlp("Ready, he said.")
    except (ModelError, RuntimeError) as exc:
        return envelope(503, "not_ready", f"the NLP pipeline failed a test parse: {exc}")
    return {"status": "ready", "model": {"source": nlp.choice.source, "name": nlp.choice.name}}
