"""POST /v1/attributions: validate, extract, serialise. Nothing else."""

from __future__ import annotations

import stanza
from flask import Blueprint, current_app, request
from marshmallow import ValidationError

from quotes.api.errors import ApiError
from quotes.extract import analyze
from quotes.schemas import AttributionRequestSchema, dump_result

bp = Blueprint("attributions", __name__, url_prefix="/v1")


def _payload() -> dict:
    """The request as a dict: a JSON object, or a text/plain body as ``{"text": ...}``."""
    mimetype = request.mimetype
    raw = request.get_data(cache=True)  # raises 413 past MAX_CONTENT_LENGTH
    if mimetype == "application/json":
        data = request.get_json(silent=True)
        if data is None:
            raise ApiError(400, "malformed_json", "the body is not valid JSON (UTF-8)")
        if not isinstance(data, dict):
            raise ApiError(422, "invalid_input", "the JSON body must be an object", {"_schema": ["expected an object"]})
        return data
    if mimetype == "text/plain":
        try:
            return {"text": raw.decode(request.mimetype_params.get("charset", "utf-8"))}
        except (UnicodeDecodeError, LookupError) as exc:
            raise ApiError(400, "undecodable_body", f"the body could not be decoded as text: {exc.__class__.__name__}") from exc
    raise ApiError(415, "unsupported_media_type", "send application/json or text/plain", {"content_type": mimetype or None})


@bp.post("/attributions")
def attributions():
    settings = current_app.extensions["quotes.settings"]
    nlp = current_app.extensions["quotes.nlp"]
    try:
        req = AttributionRequestSchema(max_chars=settings.max_chars).load(_payload())
    except ValidationError as exc:
        raise ApiError(422, "invalid_input", "the request failed validation", exc.messages) from exc
    if not nlp.ready:
        raise ApiError(503, "not_ready", nlp.error or "the NLP pipeline is not loaded yet")
    result = analyze(req["text"], nlp)
    model = {"stanza": stanza.__version__, "source": nlp.choice.source, "dir": nlp.choice.dir, "name": nlp.choice.name}
    return dump_result(result, doc_id=req["id"], model=model, options=req["options"])
