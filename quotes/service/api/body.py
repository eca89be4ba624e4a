"""Reading request bodies.

``BodyParser`` is the webargs parser behind flask-smorest's ``arguments``: the
``json`` location accepts only a JSON object, and the ``document`` location also
takes a raw ``text/plain`` or ``text/html`` body as ``{"text", "format"}``. Bodies
that cannot be read get their own statuses (400, 415) before any field is
validated (422).
"""

from __future__ import annotations

import json
from typing import Any

from flask import Request, current_app
from webargs.flaskparser import FlaskParser
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from quotes.common.errors import ApiError
from quotes.common.inputs import check_shape

RAW_TYPES = {"text/plain": "text", "text/html": "html"}


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
    check_shape(data, max_batch)
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
