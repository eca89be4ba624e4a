"""Reading request bodies, and turning a validated document into the text to parse.

``BodyParser`` is the webargs parser behind flask-smorest's ``arguments``: the
``json`` location accepts only a JSON object, and the ``document`` location also
takes a raw ``text/plain`` or ``text/html`` body as ``{"text", "format"}``. Bodies
that cannot be read get their own statuses (400, 415) before any field is
validated (422).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any

from flask import Request
from marshmallow import ValidationError
from webargs.flaskparser import FlaskParser

from quotes.api.errors import ApiError
from quotes.model import Result
from quotes.text import html_to_text

RAW_TYPES = {"text/plain": "text", "text/html": "html"}


def _json_object(req: Request) -> dict[str, Any]:
    if req.mimetype != "application/json":
        raise ApiError(415, "unsupported_media_type", "send application/json", {"content_type": req.mimetype or None})
    try:
        data = json.loads(req.get_data(cache=True))  # 413 past MAX_CONTENT_LENGTH
    except ValueError as exc:
        raise ApiError(400, "malformed_json", "the body is not valid JSON") from exc
    if not isinstance(data, dict):
        raise ApiError(422, "invalid_input", "the JSON body must be an object", {"_schema": ["expected an object"]})
    return data


class BodyParser(FlaskParser):
    __location_map__ = {**FlaskParser.__location_map__, "document": "load_document"}

    def load_json(self, req: Request, schema: Any) -> dict[str, Any]:
        return _json_object(req)

    def load_document(self, req: Request, schema: Any) -> dict[str, Any]:
        if req.mimetype not in RAW_TYPES:
            if req.mimetype != "application/json":
                raise ApiError(
                    415,
                    "unsupported_media_type",
                    "send application/json, text/plain or text/html",
                    {"content_type": req.mimetype or None},
                )
            return _json_object(req)
        raw = req.get_data(cache=True)
        try:
            text = raw.decode(req.mimetype_params.get("charset", "utf-8"))
        except (UnicodeDecodeError, LookupError) as exc:
            raise ApiError(400, "undecodable_body", f"the body could not be decoded as text: {exc.__class__.__name__}") from exc
        return {"text": text, "format": RAW_TYPES[req.mimetype]}


@dataclass
class Item:
    """One document of a request on its way through: its text, then its result or its error."""

    id: str | None
    html: bool = False
    text: str = ""
    timings_ms: dict[str, float] = field(default_factory=dict)
    result: Result | None = None
    error: ApiError | None = None


def prepare(doc: dict[str, Any] | ValidationError, max_chars: int) -> Item:
    """The text to parse (HTML turned into text), or the document's own 422: it
    failed its schema, has no text, or more than ``max_chars`` (QUOTES_MAX_CHARS)."""
    if isinstance(doc, ValidationError):  # a batch document that failed BatchDocumentSchema
        valid = doc.valid_data if isinstance(doc.valid_data, dict) else {}
        return Item(valid.get("id"), error=ApiError(422, "invalid_input", "the document failed validation", doc.messages))
    item = Item(doc.get("id"), html=doc["format"] == "html", text=doc["text"])
    if item.html:
        t0 = time.perf_counter()
        item.text = html_to_text(item.text)
        item.timings_ms["html"] = round((time.perf_counter() - t0) * 1000, 1)
        if not item.text.strip():
            item.error = ApiError(422, "invalid_input", "the HTML has no text", {"text": ["the HTML has no text"]})
    if len(item.text) > max_chars:
        message = f"text has {len(item.text)} characters; the limit is {max_chars} (QUOTES_MAX_CHARS)"
        item.error = ApiError(422, "invalid_input", message, {"text": [message]})
    return item
