"""One JSON error envelope for every failure:
``{"error": {"code", "message", "details"?}, "request_id"}``. Never an HTML page, never a trace."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, Response, current_app, g, jsonify, request
from werkzeug.exceptions import HTTPException, MethodNotAllowed

from quotes.common.errors import CODES, ApiError
from quotes.service.api.body import drain

log = logging.getLogger("quotes.api")


def envelope(status: int, code: str, message: str, details: Any = None) -> tuple[Response, int]:
    body = {"error": ApiError(status, code, message, details).body(), "request_id": g.get("request_id")}
    return jsonify(body), status


def _validation_details(messages: Any) -> Any:
    """webargs keys its messages by location (``{"json": {...}}``); clients only need the fields."""
    if isinstance(messages, dict) and len(messages) == 1:
        return next(iter(messages.values()))
    return messages


def handle_http_exception(exc: HTTPException) -> tuple[Response, int]:
    status = exc.code or 500
    data = getattr(exc, "data", None) or {}
    if status == 422 and "messages" in data:  # webargs: the body failed its schema
        return envelope(422, "invalid_input", "the request failed validation", _validation_details(data["messages"]))
    message = exc.description or exc.name
    if status == 413:
        limit = current_app.config["MAX_CONTENT_LENGTH"]
        message = f"request body is larger than the limit of {limit} bytes (QUOTES_MAX_BODY_BYTES)"
        drain(request.environ, limit)  # so that a client still sending its body reads this answer
    elif status == 500:
        message = "internal error; the request was not processed"
    response, status = envelope(status, CODES.get(status, "http_error"), message)
    # A 405 names the methods the route has (RFC 9110, 15.5.6): werkzeug puts them in its own
    # page's headers, which the envelope replaces.
    if isinstance(exc, MethodNotAllowed) and exc.valid_methods:
        response.headers["Allow"] = ", ".join(exc.valid_methods)
    return response, status


def register(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError):
        response, status = envelope(exc.status, exc.code, exc.message, exc.details)
        response.headers.update(exc.headers)
        return response, status

    app.register_error_handler(HTTPException, handle_http_exception)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        log.exception("unhandled error")
        return envelope(500, "internal_error", "internal error; the request was not processed")
