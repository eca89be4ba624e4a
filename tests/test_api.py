"""HTTP behaviour a client notices: content types, options, limits, the error envelope, health."""

from __future__ import annotations

import json
import re
import threading
from dataclasses import replace

import pytest

from quotes.common.nlp import NLP
from quotes.common.settings import Settings
from quotes.service.app import create_app


def error_of(resp, status: int) -> dict:
    """The error object of a failure, after checking the envelope every failure has."""
    assert resp.status_code == status, resp.data[:300]
    assert resp.is_json, resp.data[:200]
    body = resp.get_json()
    assert set(body) == {"error", "request_id"} and {"code", "message"} <= set(body["error"])
    assert body["request_id"] == resp.headers["X-Request-ID"]
    assert "Traceback" not in resp.get_data(as_text=True)
    return body["error"]


def app_with(nlp: NLP, **changes) -> object:
    return create_app(replace(Settings.from_env(), **changes), nlp=nlp).test_client()


def test_json_body_with_id_and_options(client):
    text = 'Prices will fall, the minister said. She said "peace" twice.'
    resp = client.post("/v1/attributions", json={"text": text, "id": "doc-7", "options": {"types": ["indirect"]}})
    body = resp.get_json()
    assert resp.status_code == 200 and body["id"] == "doc-7"
    assert body["attributions"] and all(a["type"] == "indirect" for a in body["attributions"])
    assert "text" not in body  # only HTML input returns the text


def test_plain_text_body_and_meta(client, seed_text):
    body = client.post("/v1/attributions", data=seed_text.encode(), content_type="text/plain; charset=utf-8").get_json()
    assert body["id"] is None and len(body["attributions"]) == 5
    meta = body["meta"]
    assert meta["schema_version"] == "1" and meta["words"] == 346
    assert list(meta["model"]) == ["name", "version", "source", "stanza"]
    assert re.fullmatch(r"[0-9a-f]{12}", meta["model"]["version"]) and "/" not in json.dumps(meta["model"])
    assert list(meta["timings_ms"]) == ["parse", "extract"]
    for a in body["attributions"]:
        for span in a["content"]["spans"]:
            assert seed_text[span["start"] : span["end"]] == span["text"]


def test_min_confidence_option_filters(client, seed_text):
    body = client.post("/v1/attributions", json={"text": seed_text, "options": {"min_confidence": 0.99}}).get_json()
    assert body["attributions"] == [] and body["speakers"] == []
    body = client.post("/v1/attributions", json={"text": seed_text, "options": {"min_confidence": 0.8}}).get_json()
    assert body["attributions"] and all(a["confidence"] >= 0.8 for a in body["attributions"])


def test_types_option(client, seed_text):
    body = client.post("/v1/attributions", json={"text": seed_text, "options": {"types": ["direct"]}}).get_json()
    assert [a["type"] for a in body["attributions"]] == ["direct", "direct"]


def test_frames_option(client, seed_text):
    speech = client.post("/v1/attributions", json={"text": seed_text, "options": {"frames": ["speech"]}}).get_json()
    assert len(speech["attributions"]) == 5
    belief = client.post("/v1/attributions", json={"text": seed_text, "options": {"frames": ["belief", "intention"]}}).get_json()
    assert all(a["frame"] in ("belief", "intention") for a in belief["attributions"])


def test_options_can_drop_speakers_and_skipped(client, seed_text):
    body = client.post(
        "/v1/attributions", json={"text": seed_text, "options": {"include_speakers": False, "include_skipped": False}}
    ).get_json()
    assert "speakers" not in body and "skipped" not in body and len(body["attributions"]) == 5
    body = client.post("/v1/attributions", json={"text": seed_text}).get_json()
    assert len(body["speakers"]) == 2 and body["skipped"][0]["reason"] == "title"


def test_malformed_json_is_400(client):
    assert error_of(client.post("/v1/attributions", data=b"{", content_type="application/json"), 400)["code"] == "malformed_json"
    err = error_of(client.post("/v1/attributions/batch", data=b"\xff", content_type="application/json"), 400)
    assert err["code"] == "malformed_json"


def test_undecodable_text_is_400(client):
    err = error_of(client.post("/v1/attributions", data=b"\xff\xfe\xfa", content_type="text/plain"), 400)
    assert err["code"] == "undecodable_body"
    err = error_of(client.post("/v1/attributions", data=b"x", content_type="text/plain; charset=klingon"), 400)
    assert err["code"] == "undecodable_body"


def test_unsupported_content_type_is_415(client):
    err = error_of(client.post("/v1/attributions", data=b"x", content_type="image/png"), 415)
    assert err["code"] == "unsupported_media_type" and err["details"] == {"content_type": "image/png"}
    # The batch takes JSON only.
    assert error_of(client.post("/v1/attributions/batch", data=b"x", content_type="text/plain"), 415)["code"] == "unsupported_media_type"


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"text": "   "}, "text"),
        ({}, "text"),
        ({"text": 5}, "text"),
        ({"text": "ok", "format": "pdf"}, "format"),
        ({"text": "ok", "id": 7}, "id"),
        ({"text": "ok", "options": {"min_confidence": 3}}, "options"),
        ({"text": "ok", "options": {"types": ["quoted"]}}, "options"),
        ({"text": "ok", "options": {"frames": "speech"}}, "options"),
        ({"text": "ok", "options": {"include_speakers": "perhaps"}}, "options"),
        ({"text": "ok", "options": {"colour": "red"}}, "options"),
        ({"text": "ok", "surprise": 1}, "surprise"),
    ],
)
def test_invalid_fields_are_422_with_details(client, payload, field):
    err = error_of(client.post("/v1/attributions", json=payload), 422)
    assert err["code"] == "invalid_input" and field in err["details"]


def test_json_that_is_not_an_object_is_422(client):
    assert error_of(client.post("/v1/attributions", json=["text"]), 422)["code"] == "invalid_input"
    assert error_of(client.post("/v1/attributions", data=b"null", content_type="application/json"), 422)["code"] == "invalid_input"


def test_limits_413_and_422(nlp):
    client = app_with(nlp, max_body_bytes=100, max_chars=20)
    assert error_of(client.post("/v1/attributions", data=b"x" * 101, content_type="text/plain"), 413)["code"] == "body_too_large"
    err = error_of(client.post("/v1/attributions", data=b"y" * 21, content_type="text/plain"), 422)
    assert "limit is 20" in err["details"]["text"][0]
    # The limit applies to the text the HTML becomes, not to the markup.
    resp = client.post("/v1/attributions", data=b"<p><b>He</b> <i>said</i> hi.</p>", content_type="text/html")
    assert resp.status_code == 200 and resp.get_json()["text"] == "He said hi."


def test_over_the_time_limit_is_504_and_the_pipeline_still_serves(nlp, seed_text):
    slow = app_with(nlp, request_timeout=0.01)
    err = error_of(slow.post("/v1/attributions", data=seed_text.encode(), content_type="text/plain"), 504)
    assert err["code"] == "timeout" and "QUOTES_REQUEST_TIMEOUT" in err["message"]
    err = error_of(slow.post("/v1/attributions/batch", json={"documents": [{"id": "a", "text": seed_text}]}), 504)
    assert err["code"] == "timeout"
    resp = app_with(nlp).post("/v1/attributions", data=seed_text.encode(), content_type="text/plain")
    assert resp.status_code == 200 and len(resp.get_json()["attributions"]) == 5


def test_waiting_for_a_busy_pipeline_ends_at_the_own_time_limit(nlp, seed_text):
    # Another request's parse holds the pipeline for longer than this request may wait.
    client = app_with(nlp, request_timeout=0.5)
    answers = []
    nlp._lock.acquire()
    try:
        waiter = threading.Thread(target=lambda: answers.append(client.post("/v1/attributions", json={"text": seed_text})))
        waiter.start()
        waiter.join(timeout=20)
        answered_while_busy = bool(answers)
    finally:
        nlp._lock.release()
    waiter.join()
    assert answered_while_busy, "the request waited past its time limit for the pipeline"
    assert error_of(answers[0], 504)["code"] == "timeout"


def test_unexpected_error_is_500_without_internals(client, monkeypatch):
    def broken(parse):
        raise RuntimeError("secret internals /etc/passwd")

    monkeypatch.setattr("quotes.engine.extract.extract", broken)
    resp = client.post("/v1/attributions", json={"text": "He said hi."})
    err = error_of(resp, 500)
    assert err["code"] == "internal_error" and "secret" not in resp.get_data(as_text=True)


def test_unknown_route_and_method_are_json(client):
    assert error_of(client.get("/v2/nothing"), 404)["code"] == "not_found"
    assert error_of(client.get("/v1/attributions"), 405)["code"] == "method_not_allowed"
    assert error_of(client.put("/v1/attributions/batch"), 405)["code"] == "method_not_allowed"
    assert error_of(client.get("/v1/docs/assets/nothing.js"), 404)["code"] == "not_found"


def test_health_and_readiness(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
    ready = client.get("/readyz").get_json()
    assert ready["status"] == "ready" and ready["model"]["source"] in ("embedded", "env", "official")


def test_broken_model_dir_means_not_ready_never_fallback(tmp_path):
    broken = replace(Settings.from_env(), stanza_dir=str(tmp_path / "missing"))
    client = create_app(broken, nlp=NLP(broken)).test_client()
    err = error_of(client.get("/readyz"), 503)
    assert "does not exist" in err["message"]
    assert error_of(client.post("/v1/attributions", json={"text": "He said hi."}), 503)["code"] == "not_ready"
    assert error_of(client.post("/v1/attributions/batch", json={"documents": [{"id": "a", "text": "Hi."}]}), 503)["code"] == "not_ready"
    assert client.get("/healthz").status_code == 200


def test_request_id_is_echoed_sanitised_or_generated(client):
    resp = client.get("/healthz", headers={"X-Request-ID": "cms-42.a:b"})
    assert resp.headers["X-Request-ID"] == "cms-42.a:b"
    resp = client.get("/healthz", headers={"X-Request-ID": 'evil"<{x}>' + "z" * 500})
    assert resp.headers["X-Request-ID"] == "evilx" + "z" * 123
    generated = client.get("/healthz").headers["X-Request-ID"]
    assert len(generated) == 32 and generated != client.get("/healthz").headers["X-Request-ID"]
    err = client.get("/nowhere", headers={"X-Request-ID": "trace-1"}).get_json()
    assert err["request_id"] == "trace-1"


def test_cors_is_off_by_default_and_configurable(client, nlp):
    preflight = {"Origin": "https://cms.example", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "Content-Type"}
    assert "Access-Control-Allow-Origin" not in client.options("/v1/attributions", headers=preflight).headers
    cms = app_with(nlp, cors_origins=("https://cms.example",))
    resp = cms.options("/v1/attributions", headers=preflight)
    assert resp.headers["Access-Control-Allow-Origin"] == "https://cms.example"
    assert "POST" in resp.headers["Access-Control-Allow-Methods"]
    resp = cms.post("/v1/attributions", json={"text": "He said hi."}, headers={"Origin": "https://cms.example"})
    assert resp.headers["Access-Control-Allow-Origin"] == "https://cms.example"
    assert "X-Request-ID" in resp.headers["Access-Control-Expose-Headers"]
    other = cms.post("/v1/attributions", json={"text": "He said hi."}, headers={"Origin": "https://evil.example"})
    assert "Access-Control-Allow-Origin" not in other.headers
    anyone = app_with(nlp, cors_origins=("*",)).get("/v1/openapi.json", headers={"Origin": "https://x.example"})
    assert anyone.headers["Access-Control-Allow-Origin"] == "https://x.example"  # any origin, echoed


def test_a_failing_warm_up_does_not_keep_the_service_down(settings, nlp, monkeypatch):
    import quotes.engine.extract as extract_module
    from quotes.service.app import create_app

    def broken(*args, **kwargs):
        raise RuntimeError("broken engine")

    monkeypatch.setattr(extract_module, "extract_stanza", broken)
    app = create_app(settings, nlp=nlp)
    assert app.test_client().get("/readyz").status_code == 200
