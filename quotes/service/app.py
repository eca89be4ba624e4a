"""The Flask application factory: settings, logging, the one NLP pipeline, blueprints."""

from __future__ import annotations

import logging

from flask import Flask

from quotes.common.nlp import NLP, ModelError
from quotes.common.settings import Settings

log = logging.getLogger("quotes.api")


def create_app(settings: Settings | None = None, nlp: NLP | None = None, load: bool = True) -> Flask:
    """Build the app. With ``load`` the model is loaded now (before gunicorn
    forks its workers when preloading); a model that fails to load leaves the
    app up but not ready, with the reason on ``/readyz``."""
    from quotes.service import admission, logs
    from quotes.service.api import attributions, docs, health, observe, security, ui

    settings = settings or Settings.from_env()
    logs.configure(settings.log_level)
    app = Flask("quotes")
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.json.sort_keys = False  # keep the contract's field order
    app.json.ensure_ascii = False  # “quotes” as written, not \u201c escapes
    app.extensions["quotes.settings"] = settings
    app.extensions["quotes.nlp"] = nlp = nlp or NLP(settings)
    app.extensions["quotes.admission"] = admission.Admission(settings.max_pending)
    if load:
        try:
            nlp.load()
            _warm_up(nlp)
        except ModelError as exc:
            log.error("model not loaded: %s", exc)
    if settings.cors_origins:
        from flask_cors import CORS

        CORS(
            app,
            resources={r"/v1/*": {"origins": "*" if "*" in settings.cors_origins else list(settings.cors_origins)}},
            allow_headers=["Content-Type", "Authorization", observe.REQUEST_ID],
            expose_headers=[observe.REQUEST_ID],
            max_age=600,
        )
    api = docs.init(app)
    api.register_blueprint(observe.bp)
    api.register_blueprint(health.bp)
    api.register_blueprint(attributions.bp)
    api.register_blueprint(ui.bp)
    docs.document_limits(api, settings)
    security.init(app, settings)  # after observe: a 401 carries the request id
    return app


# Touches every word list the engine reads on first use (cues, roles, names, given names, the rule
# tokenizer's abbreviations), so that with preload they are read once, in the master, and shared.
_WARM_UP = "\u201cWe will win,\u201d Mayor Ann Lee, a former teacher, told reporters in Leeds. The council said the plan was fine."


def _warm_up(nlp: NLP) -> None:
    """One small document through the whole engine before gunicorn forks the workers. Only an
    optimisation: should it fail, the service still starts (and logs why)."""
    from quotes.engine.extract import extract_stanza
    from quotes.engine.tables import load_tables

    try:
        load_tables()  # the tables a small document does not reach (WordNet roles, places)
        extract_stanza(nlp(_WARM_UP), _WARM_UP)
    except Exception:  # noqa: BLE001 - any failure here must not keep the service down
        log.exception("warm-up document failed; the word lists will be read by each worker")
