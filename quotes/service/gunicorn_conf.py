"""gunicorn settings from the environment (``config/gunicorn.conf.py`` and
``quotes serve`` both use this module, so the Procfile and the CLI agree)."""

import json
import math
import os
import shutil
import tempfile
import uuid

from gunicorn import util

from quotes.common import memory
from quotes.common.settings import Settings
from quotes.service import fanout

_s = Settings.from_env()
# Before any thread allocates: inherited by every worker (see quotes.common.memory).
memory.limit_arenas(_s.malloc_arenas)

# Prometheus multiprocess mode: every worker writes its metrics to files in one
# directory and /metrics adds them up. prometheus_client reads the variable when
# it is first imported, so it is set here, before the app (and the client) loads.
_made_metrics_dir = None
if not _s.metrics_dir:
    _made_metrics_dir = tempfile.mkdtemp(prefix="quotes-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = _made_metrics_dir

bind = f"0.0.0.0:{_s.port}"
workers = _s.workers
# More than one thread makes gunicorn use its gthread worker: while one request parses,
# the other threads answer probes and cheap rejections, and up to QUOTES_MAX_PENDING
# requests wait for the pipeline (quotes.service.admission); more get 503 at once.
threads = _s.threads
# Load the model in the master before forking, so workers share its memory.
preload_app = _s.preload
# The app stops a request at QUOTES_REQUEST_TIMEOUT (504); a worker silent well past that is replaced.
timeout = math.ceil(_s.request_timeout) + 30
graceful_timeout = 30
keepalive = 5
# gunicorn >= 25 opens a management socket (worker counts, reload, shutdown) at a path shared by
# every instance of the user ($HOME/.gunicorn/gunicorn.ctl): not wanted on a service.
control_socket_disable = True
# Recycle workers now and then (bounded memory growth); jitter so they do not all restart at once.
max_requests = _s.max_requests
max_requests_jitter = _s.max_requests // 10
loglevel = _s.log_level
# Every line JSON: the app writes one line per request, so gunicorn's access log is off.
accesslog = None
errorlog = "-"
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "quotes.service.logs.JsonFormatter"}},
    "handlers": {"json": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
    "root": {"level": _s.log_level.upper(), "handlers": ["json"]},
    "loggers": {
        "gunicorn.error": {"level": _s.log_level.upper(), "handlers": [], "propagate": True},
        "gunicorn.access": {"level": _s.log_level.upper(), "handlers": [], "propagate": False},
    },
}


def pre_fork(server, worker):
    """The master's objects (the preloaded model and app) stay shared with the workers."""
    memory.freeze()


def post_worker_init(worker):
    """The worker has its app and no thread yet: keep the collector off what it loaded
    (its own model without preload), then fork its batch helpers (quotes.service.fanout)."""
    memory.freeze()
    nlp = getattr(worker.wsgi, "extensions", {}).get("quotes.nlp")  # None if the app is wrapped
    if nlp is not None:
        fanout.start(nlp, _s.batch_helpers)


def worker_exit(server, worker):
    fanout.stop()


def post_request(worker, req, environ, resp):
    """After a parse (the response is already sent), free its documents and give the memory back."""
    if environ.get("PATH_INFO", "").startswith("/v1/attributions"):
        memory.release()


def child_exit(server, worker):
    """A worker is gone: its live gauges no longer count (counters are kept)."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    if _made_metrics_dir:
        shutil.rmtree(_made_metrics_dir, ignore_errors=True)


_GUNICORN_CODES = {400: "bad_request", 403: "forbidden", 414: "uri_too_long", 417: "expectation_failed", 431: "headers_too_large"}


def _json_error(sock, status_int, reason, mesg):
    """gunicorn answers what never reaches the app (a malformed request line, headers
    over its limits) itself; in the service's JSON envelope, like every other error."""
    code = _GUNICORN_CODES.get(status_int, "internal_error" if status_int >= 500 else "bad_request")
    message = "internal error; the request was not processed" if status_int >= 500 else f"{reason}: {mesg}"[:300]
    request_id = uuid.uuid4().hex
    body = json.dumps({"error": {"code": code, "message": message}, "request_id": request_id}).encode()
    head = (
        f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nX-Request-ID: {request_id}\r\nX-Content-Type-Options: nosniff\r\n"
        "Cache-Control: no-store\r\n\r\n"
    )
    util.write_nonblock(sock, head.encode("latin-1") + body)


util.write_error = _json_error
