"""Errors with an HTTP status and a stable code, shared by the service, the CLI and the
archive batch: the service wraps them in its JSON envelope (:mod:`quotes.service.api.errors`),
the batch writes ``error.body()`` into a failed document's row."""

from __future__ import annotations

import re
from typing import Any


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
