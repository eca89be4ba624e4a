"""Reading request bodies, and turning a validated document into the text to parse.

``BodyParser`` is the webargs parser behind flask-smorest's ``arguments``: the
``json`` location accepts only a JSON object, and the ``document`` location also
takes a raw ``text/plain`` or ``text/html`` body as ``{"text", "format"}``. Bodies
that cannot be read get their own statuses (400, 415) before any field is
validated (422).
"""

from __future__ import annotations

import json
import re
import time
from dataclasses import dataclass, field
from typing import Any

from flask import Request, current_app
from marshmallow import ValidationError
from webargs.flaskparser import FlaskParser
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from quotes.api.errors import ApiError
from quotes.model import Result
from quotes.schemas import MAX_DOCUMENT_FIELDS, MAX_OPTION_VALUES
from quotes.text import html_to_text

RAW_TYPES = {"text/plain": "text", "text/html": "html"}


# No object of the contract has more than 5 fields, no list but ``documents`` more than 4 entries.
# Bigger ones are refused before the schema walks them: a 2 MB body could otherwise hold a
# million entries, each validated and each with its own error message (seconds, megabytes).
MAX_FIELDS = MAX_DOCUMENT_FIELDS  # the OpenAPI document says so (quotes.schemas)
_SURROGATE = re.compile("[\ud800-\udfff]")
_TAG = re.compile(r"<[A-Za-z!/?]")


def _invalid(field: str, message: str) -> ApiError:
    return ApiError(422, "invalid_input", message, {field: [message]})


def batch_limit_error(count: int, max_batch: int) -> ApiError:
    return _invalid("documents", f"{count} documents; the limit is {max_batch} per batch (QUOTES_MAX_BATCH)")


def _check_shape(data: dict[str, Any], max_batch: int | None) -> None:
    if len(data) > MAX_FIELDS:
        raise _invalid("_schema", f"the JSON object has {len(data)} fields; the contract has at most 5")
    options = data.get("options")
    if isinstance(options, dict):
        if len(options) > MAX_FIELDS:
            raise _invalid("options", f"options has {len(options)} fields; the contract has 5")
        for key in ("types", "frames"):
            values = options.get(key)
            if isinstance(values, list) and len(values) > MAX_OPTION_VALUES:
                raise _invalid("options", f"options.{key} has {len(values)} entries; at most {MAX_OPTION_VALUES}")
    documents = data.get("documents")
    if max_batch is not None and isinstance(documents, list):
        if len(documents) > max_batch:
            raise batch_limit_error(len(documents), max_batch)
        if any(isinstance(d, dict) and len(d) > MAX_FIELDS for d in documents):
            raise _invalid("documents", f"a document has more than {MAX_FIELDS} fields; the contract has 3")


def _body(req: Request) -> bytes:
    """The raw body; 413 past MAX_CONTENT_LENGTH, 400 when the transfer itself is broken
    (a chunked body with a bad chunk size, a connection cut short)."""
    try:
        data = req.get_data(cache=True)  # 413 from werkzeug when Content-Length is over the limit
        limit = req.max_content_length
        # A body without Content-Length (chunked) is read up to the limit and no further, and
        # werkzeug says nothing: the text would be silently cut. One more byte means too large.
        if limit is not None and len(data) >= limit and req.content_length != len(data) and req.environ["wsgi.input"].read(1):
            raise RequestEntityTooLarge()
        return data
    except HTTPException:
        raise
    except Exception as exc:  # gunicorn's InvalidChunkSize, NoMoreData, ... (OSError and others)
        raise ApiError(400, "unreadable_body", "the request body could not be read (broken chunked encoding or a cut connection)") from exc


def _json_object(req: Request, max_batch: int | None = None) -> dict[str, Any]:
    if req.mimetype != "application/json":
        raise ApiError(415, "unsupported_media_type", "send application/json", {"content_type": req.mimetype or None})
    try:
        data = json.loads(_body(req))
    except ValueError as exc:
        raise ApiError(400, "malformed_json", "the body is not valid JSON") from exc
    except RecursionError as exc:  # [[[[... deeper than the interpreter's recursion limit
        raise ApiError(400, "malformed_json", "the body is JSON nested too deeply") from exc
    if not isinstance(data, dict):
        raise ApiError(422, "invalid_input", "the JSON body must be an object", {"_schema": ["expected an object"]})
    _check_shape(data, max_batch)
    return data


class BodyParser(FlaskParser):
    __location_map__ = {**FlaskParser.__location_map__, "document": "load_document"}

    def load_json(self, req: Request, schema: Any) -> dict[str, Any]:
        # Only the batch reads the "json" location; its document count is checked before the schema runs.
        return _json_object(req, max_batch=current_app.extensions["quotes.settings"].max_batch)

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
        raw = _body(req)
        charset = req.mimetype_params.get("charset", "utf-8")
        try:
            text = raw.decode(charset)
        except LookupError as exc:
            raise ApiError(400, "undecodable_body", "the body's charset is not one this service knows") from exc
        except UnicodeDecodeError as exc:
            raise ApiError(400, "undecodable_body", f"the body is not valid text in its charset ({charset[:40]})") from exc
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


def html_tags(html: str) -> int:
    """Tags (start, end, comments, declarations) in HTML, counted without parsing it."""
    return sum(1 for _ in _TAG.finditer(html))


def check_html_tags(docs: list[Any], max_tags: int) -> None:
    """422 when the HTML documents of one request hold more than ``max_tags`` tags
    together (QUOTES_MAX_HTML_TAGS): turning HTML into text costs time and memory
    per tag, and must not be unbounded (a 2 MB body holds 700,000 ``<b>``)."""
    total = sum(html_tags(d["text"]) for d in docs if isinstance(d, dict) and d.get("format") == "html")
    if total > max_tags:
        raise _invalid("text", f"the HTML has {total} tags; the limit is {max_tags} per request (QUOTES_MAX_HTML_TAGS)")


def _unpaired_surrogate(field: str, value: Any) -> ApiError | None:
    """JSON can spell a lone UTF-16 surrogate (``"\\ud800"``); it is not a character and has no UTF-8."""
    if isinstance(value, str) and _SURROGATE.search(value):
        return _invalid(field, f"{field} holds an unpaired UTF-16 surrogate (\\ud800-\\udfff), which is not a character")
    return None


def prepare(doc: dict[str, Any] | ValidationError, max_chars: int) -> Item:
    """The text to parse (HTML turned into text), or the document's own 422: it
    failed its schema, has no text, or more than ``max_chars`` (QUOTES_MAX_CHARS)."""
    if isinstance(doc, ValidationError):  # a batch document that failed BatchDocumentSchema
        valid = doc.valid_data if isinstance(doc.valid_data, dict) else {}
        doc_id = valid.get("id") if _unpaired_surrogate("id", valid.get("id")) is None else None
        details = doc.messages if isinstance(doc.messages, dict) else {"_schema": doc.messages}  # a null document
        return Item(doc_id, error=ApiError(422, "invalid_input", "the document failed validation", details))
    bad = _unpaired_surrogate("id", doc.get("id"))
    if bad is not None:
        return Item(None, error=bad)
    item = Item(doc.get("id"), html=doc["format"] == "html", text=doc["text"])
    item.error = _unpaired_surrogate("text", item.text)
    if item.error is not None:
        return item
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
