"""Reading request bodies.

``BodyParser`` is the webargs parser behind flask-smorest's ``arguments``: the
``json`` location accepts only a JSON object, and the ``document`` location also
takes a raw ``text/plain`` or ``text/html`` body as ``{"text", "format"}``. Bodies
that cannot be read get their own statuses (400, 415) before any field is
validated (422).
"""

from __future__ import annotations

import json
import time
from typing import Any

from flask import Request, current_app
from webargs.flaskparser import FlaskParser
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from quotes.common.errors import ApiError
from quotes.common.inputs import check_shape

RAW_TYPES = {"text/plain": "text", "text/html": "html"}

# What is read and thrown away of a body over the limit before the 413 goes out, at most: a client
# that sends its whole body before it reads (Python's urllib and requests do) then reads the 413,
# where a connection closed on unread bytes would give it a broken pipe or a reset instead.
DRAIN_MIN_BYTES = 64 * 1024 * 1024  # or 4 x QUOTES_MAX_BODY_BYTES, whichever is more
DRAIN_SECONDS = 10.0
_DRAIN_CHUNK = 64 * 1024


def drain(environ: dict[str, Any], limit: int | None) -> int:
    """Read and discard what is left of a request body (one over ``limit``, about to get its
    413), up to a bound of bytes and of seconds; the bytes read. A body past the bound is left
    unread: gunicorn then closes the connection, as it does today."""
    stream = environ.get("wsgi.input")
    if stream is None:
        return 0
    try:
        length = int(environ.get("CONTENT_LENGTH") or -1)
    except ValueError:
        length = -1
    if length < 0 and not environ.get("wsgi.input_terminated"):
        return 0  # no length and no end-of-input mark: reading on could wait forever
    bound = max(DRAIN_MIN_BYTES, 4 * (limit or 0))
    if length >= 0:
        bound = min(bound, length)
    read, until = 0, time.monotonic() + DRAIN_SECONDS
    try:
        while read < bound and time.monotonic() < until:
            chunk = stream.read(min(_DRAIN_CHUNK, bound - read))
            if not chunk:
                break
            read += len(chunk)
    except Exception:  # a broken or cut connection: nothing more to read anyway
        pass
    return read


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
