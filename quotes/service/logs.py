"""Structured logs: one JSON object per line, with the request id of the request
that was being served when the line was written (gunicorn's own lines too, via
``logconfig_dict`` in :mod:`quotes.service.gunicorn_conf`)."""

from __future__ import annotations

import json
import logging
import sys
import time

from flask import g, has_app_context

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if has_app_context() and g.get("request_id"):
            line["request_id"] = g.request_id
        # Fields given with ``extra={...}`` (the per-request line's route, status, words, timings).
        line.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def configure(level: str) -> None:
    """JSON lines on stderr from the root logger, unless a JSON handler is there already
    (gunicorn installs one from its config). Other handlers (pytest's) are left alone."""
    root = logging.getLogger()
    root.setLevel(level.upper())
    if not any(isinstance(h.formatter, JsonFormatter) for h in root.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(JsonFormatter())
        root.addHandler(handler)
