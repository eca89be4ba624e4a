"""Metrics and logs an operator relies on: Prometheus counters, one JSON log line per request."""

from __future__ import annotations

import io
import json
import logging

from prometheus_client import REGISTRY

from quotes.service.logs import JsonFormatter


def sample(name: str, **labels: str) -> float:
    return REGISTRY.get_sample_value(name, labels) or 0.0


def test_metrics_count_requests_documents_and_words(client, seed_text):
    route = {"method": "POST", "route": "/v1/attributions", "status": "200"}
    before = (sample("quotes_http_requests_total", **route), sample("quotes_documents_parsed_total"), sample("quotes_words_parsed_total"))
    client.post("/v1/attributions", data=seed_text.encode(), content_type="text/plain")
    client.post("/v1/attributions/batch", json={"documents": [{"id": "a", "text": "He said hi."}, {"id": "b", "text": ""}]})
    client.post("/v1/attributions", json={"text": ""})
    after = (sample("quotes_http_requests_total", **route), sample("quotes_documents_parsed_total"), sample("quotes_words_parsed_total"))
    assert after[0] - before[0] == 1 and after[1] - before[1] == 2 and after[2] - before[2] == 346 + 3
    assert sample("quotes_http_requests_total", method="POST", route="/v1/attributions", status="422") >= 1
    assert sample("quotes_http_request_duration_seconds_count", **route) >= 1

    resp = client.get("/metrics")
    assert resp.status_code == 200 and resp.mimetype == "text/plain"
    text = resp.get_data(as_text=True)
    assert 'quotes_http_requests_total{method="POST",route="/v1/attributions",status="200"}' in text
    assert "quotes_http_request_duration_seconds_bucket" in text and "quotes_words_parsed_total" in text


def test_unknown_paths_share_one_label(client):
    client.get("/no/such/thing/1")
    client.get("/no/such/thing/2")
    text = client.get("/metrics").get_data(as_text=True)
    assert "/no/such" not in text and 'route="unmatched",status="404"' in text


def test_one_json_log_line_per_request_with_the_request_id(client, seed_text):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("quotes.request")
    logger.addHandler(handler)
    try:
        client.post("/v1/attributions", data=seed_text.encode(), content_type="text/plain", headers={"X-Request-ID": "log-1"})
        client.post("/v1/attributions", data=b"{", content_type="application/json", headers={"X-Request-ID": "log-2"})
    finally:
        logger.removeHandler(handler)
    ok, bad = (json.loads(line) for line in stream.getvalue().splitlines())
    assert ok["request_id"] == "log-1" and ok["route"] == "/v1/attributions" and ok["status"] == 200
    assert ok["words"] == 346 and ok["documents"] == 1 and set(ok["timings_ms"]) == {"parse", "extract"}
    assert ok["level"] == "info" and ok["duration_ms"] > 0 and ok["ts"].endswith("Z")
    assert bad["request_id"] == "log-2" and bad["status"] == 400 and bad["words"] == 0


def test_log_lines_written_during_a_request_carry_its_id(app):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    with app.test_request_context("/"):
        from flask import g

        g.request_id = "inner-7"
        record = logging.LogRecord("quotes.nlp", logging.WARNING, __file__, 1, "model %s", ("x",), None)
        line = json.loads(JsonFormatter().format(record))
    assert line == {"ts": line["ts"], "level": "warning", "logger": "quotes.nlp", "message": "model x", "request_id": "inner-7"}
