"""One JSON error envelope for every failure:
``{"error": {"code", "message", "details"?}, "request_id"}``. Never an HTML page, never a trace."""

from __future__ import annotations

import logging
import re
from typing import Any

from flask import Flask, Response, current_app, g, jsonify
from werkzeug.exceptions import HTTPException, MethodNotAllowed

log = logging.getLogger("quotes.api")


class ApiError(Exception):
    """An error a view raises on purpose, with its HTTP status and a stable code."""

    def __init__(self, status: int, code: str, message: str, details: Any = None, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        """The inner ``error`` object (also a failed batch document's slot)."""
        body: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.details is not None:
            body["details"] = self.details
        return body


# Stable machine-readable codes for the statuses werkzeug raises itself.
CODES = {
    400: "bad_request",
    401: "unauthorized",
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",
    415: "unsupported_media_type",
    422: "invalid_input",
    500: "internal_error",
    503: "not_ready",
    504: "timeout",
}


_PATH = re.compile(r"(?<![\w.])(?:[A-Za-z]:)?(?:[\\/][^\s\\/'\":]+)+[\\/]?")


def public(message: str) -> str:
    """A message fit for a client: file system paths (which the logs keep) left out."""
    return _PATH.sub("(path withheld)", message)


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
        message = f"request body is larger than the limit of {current_app.config['MAX_CONTENT_LENGTH']} bytes (QUOTES_MAX_BODY_BYTES)"
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
