"""Prometheus metrics, right under several gunicorn workers.

Each worker is its own process, so a counter kept in memory would report only
the worker that happened to answer the scrape. With ``PROMETHEUS_MULTIPROC_DIR``
set (``quotes.service.gunicorn_conf`` sets it before the app is imported) every process
writes its values to files there and :func:`exposition` adds them up across
live and dead workers. Without it (``flask run``, tests) the process's own
registry is served.
"""

from __future__ import annotations

import os

from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest

REQUESTS = Counter("quotes_http_requests_total", "HTTP requests answered", ["method", "route", "status"])
LATENCY = Histogram(
    "quotes_http_request_duration_seconds",
    "Time to answer an HTTP request",
    ["method", "route", "status"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120),
)
DOCUMENTS = Counter("quotes_documents_parsed_total", "Documents parsed and analysed")
WORDS = Counter("quotes_words_parsed_total", "Words parsed (Stanza syntactic words)")


def observe_request(method: str, route: str, status: int, seconds: float) -> None:
    REQUESTS.labels(method, route, str(status)).inc()
    LATENCY.labels(method, route, str(status)).observe(seconds)


def observe_documents(documents: int, words: int) -> None:
    DOCUMENTS.inc(documents)
    WORDS.inc(words)


def exposition() -> tuple[bytes, str]:
    """The text format body and its content type."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST
