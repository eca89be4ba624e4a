"""The Flask application factory: settings, the one NLP pipeline, blueprints."""

from __future__ import annotations

import logging

from flask import Flask

from quotes.nlp import NLP, ModelError
from quotes.settings import Settings


def create_app(settings: Settings | None = None, nlp: NLP | None = None, load: bool = True) -> Flask:
    """Build the app. With ``load`` the model is loaded now (before gunicorn
    forks its workers when preloading); a model that fails to load leaves the
    app up but not ready, with the reason on ``/readyz``."""
    from quotes.api import attributions, errors, health

    settings = settings or Settings.from_env()
    logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = Flask("quotes")
    app.config["MAX_CONTENT_LENGTH"] = settings.max_body_bytes
    app.json.sort_keys = False  # keep the contract's field order
    app.extensions["quotes.settings"] = settings
    app.extensions["quotes.nlp"] = nlp = nlp or NLP(settings)
    if load:
        try:
            nlp.load()
        except ModelError as exc:
            app.logger.error("model not loaded: %s", exc)
    errors.register(app)
    app.register_blueprint(health.bp)
    app.register_blueprint(attributions.bp)
    return app
