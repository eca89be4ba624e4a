"""POST /v1/attributions and /v1/attributions/batch: validate, extract, serialise."""

from __future__ import annotations

import time
from http import HTTPStatus
from typing import Any

from flask import current_app, g
from flask_smorest import Blueprint

from quotes.api.admission import Admission
from quotes.api.analysis import run, timeout_error
from quotes.api.errors import ApiError, public
from quotes.api.inputs import BodyParser, Item, batch_limit_error, check_html_tags, prepare
from quotes.api.observe import note
from quotes.nlp import NLP
from quotes.schemas import (
    NOT_BLANK,
    SCHEMA_VERSION,
    AttributionRequestSchema,
    BatchRequestSchema,
    BatchResultSchema,
    ResultSchema,
    result_document,
)
from quotes.settings import Settings


class _Blueprint(Blueprint):
    ARGUMENTS_PARSER = BodyParser()
    # The "document" location is a JSON body that may also come as raw text or HTML.
    DEFAULT_LOCATION_CONTENT_TYPE_MAPPING = {**Blueprint.DEFAULT_LOCATION_CONTENT_TYPE_MAPPING, "document": "application/json"}


bp = _Blueprint("attributions", __name__, url_prefix="/v1", description="Quotations in news text and who said them")

# Documented as optional: a key is needed only when the service has keys configured.
SECURITY = [{"bearerAuth": []}, {}]

# A raw body has no JSON type: whatever bytes come are read as text in their charset (default
# UTF-8), so the schema gives no `type` (a client that sends `{}` or `0` as text/html sends that
# text, which is accepted); it says what the text must hold.
RAW_TEXT = {
    "minLength": 1,
    "pattern": NOT_BLANK,
    "description": "the body read as text in its charset (default UTF-8; 400 when it does not decode); not blank (422)."
    " HTML is turned into text first: HTML with no text is a 422",
}
RAW_BODIES = {
    "text/plain": {"schema": RAW_TEXT, "example": '"We will win," the mayor said.'},
    "text/html": {"schema": RAW_TEXT, "example": "<p>&ldquo;We will win,&rdquo; the mayor said.</p>"},
}


def errors(*statuses: int):
    """Document the error envelope for these statuses."""

    def decorate(view):
        for status in statuses:
            view = bp.alt_response(status, response=HTTPStatus(status).name)(view)
        return view

    return decorate


def _service() -> tuple[Settings, NLP, float]:
    """Settings, the pipeline (503 when not loaded) and this request's deadline."""
    settings: Settings = current_app.extensions["quotes.settings"]
    nlp: NLP = current_app.extensions["quotes.nlp"]
    if not nlp.ready:
        raise ApiError(503, "not_ready", public(nlp.error or "the NLP pipeline is not loaded yet"))
    return settings, nlp, g.started + settings.request_timeout


def _document(item: Item, model: dict, options: dict) -> dict[str, Any]:
    if item.error is not None:
        return {"id": item.id, "error": item.error.body()}
    assert item.result is not None
    return result_document(item.result, doc_id=item.id, model=model, options=options, text=item.text if item.html else None)


def _admission() -> Admission:
    return current_app.extensions["quotes.admission"]


@bp.post("/attributions")
@bp.arguments(AttributionRequestSchema, location="document", description="JSON, or the article as a raw text/plain or text/html body")
@bp.response(200, ResultSchema)
@errors(400, 401, 413, 415, 422, 500, 503, 504)
@bp.doc(requestBody={"content": RAW_BODIES}, security=SECURITY)
def attributions(req: dict[str, Any]):
    """Attributions of one document

    Quotations (direct, indirect, mixed), their cues and speakers. Offsets
    index the text sent; for HTML input they index the text the HTML was
    turned into, which the response returns as `text`."""
    settings, nlp, deadline_at = _service()
    check_html_tags([req], settings.max_html_tags)
    with _admission().slot():
        item = prepare(req, settings.max_chars)
        run(nlp, [item], deadline_at, settings.request_timeout)
    if item.error is not None:
        raise item.error
    assert item.result is not None
    note(words=item.result.words, documents=1, timings_ms=item.result.timings_ms)
    return _document(item, nlp.model_info(), req["options"])


@bp.post("/attributions/batch")
@bp.arguments(BatchRequestSchema, location="json")
@bp.response(200, BatchResultSchema)
@errors(400, 401, 413, 415, 422, 500, 503, 504)
@bp.doc(security=SECURITY)
def batch(req: dict[str, Any]):
    """Attributions of several documents, parsed in bulk

    Up to QUOTES_MAX_BATCH documents. A document that fails validation (or
    breaks the parser) gets an `error` in its slot; the others are returned."""
    settings, nlp, deadline_at = _service()
    if len(req["documents"]) > settings.max_batch:
        raise batch_limit_error(len(req["documents"]), settings.max_batch)
    check_html_tags(req["documents"], settings.max_html_tags)
    with _admission().slot():
        items = []
        for doc in req["documents"]:
            if time.monotonic() > deadline_at:
                raise timeout_error(settings.request_timeout)
            items.append(prepare(doc, settings.max_chars))
        parse_ms = run(nlp, items, deadline_at, settings.request_timeout)

    parsed = [i.result for i in items if i.result is not None and i.error is None]
    words = sum(r.words for r in parsed)
    timings = {"html": round(sum(r.timings_ms.get("html", 0.0) for r in parsed), 1)} if any(i.html for i in items) else {}
    timings.update(parse=parse_ms, extract=round(sum(r.timings_ms.get("extract", 0.0) for r in parsed), 1))
    note(words=words, documents=len(parsed), timings_ms=timings)
    model = nlp.model_info()
    meta = {"schema_version": SCHEMA_VERSION, "model": model, "documents": len(items), "failed": len(items) - len(parsed)}
    return {
        "results": [_document(i, model, req["options"]) for i in items],
        "meta": {**meta, "words": words, "timings_ms": timings},
    }
