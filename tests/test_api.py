"""HTTP behaviour a client notices: content types, limits, the error envelope, health."""

from __future__ import annotations

from dataclasses import replace

import pytest

from quotes.api import create_app
from quotes.nlp import NLP
from quotes.settings import Settings


def error_of(resp, status: int) -> dict:
    assert resp.status_code == status
    assert resp.is_json, resp.data[:200]
    body = resp.get_json()
    assert set(body) == {"error"} and {"code", "message"} <= set(body["error"])
    return body["error"]


def test_json_body_with_id_and_options(client):
    text = 'Prices will fall, the minister said. She said "peace" twice.'
    resp = client.post("/v1/attributions", json={"text": text, "id": "doc-7", "options": {"types": ["indirect"]}})
    body = resp.get_json()
    assert resp.status_code == 200 and body["id"] == "doc-7"
    assert body["attributions"] and all(a["type"] == "indirect" for a in body["attributions"])


def test_min_confidence_option_filters(client, seed_text):
    body = client.post("/v1/attributions", json={"text": seed_text, "options": {"min_confidence": 0.99}}).get_json()
    assert body["attributions"] == [] and body["speakers"] == []


def test_options_can_drop_speakers_and_skipped(client, seed_text):
    body = client.post(
        "/v1/attributions", json={"text": seed_text, "options": {"include_speakers": False, "include_skipped": False}}
    ).get_json()
    assert "speakers" not in body and "skipped" not in body and len(body["attributions"]) == 5


def test_malformed_json_is_400(client):
    assert error_of(client.post("/v1/attributions", data=b"{", content_type="application/json"), 400)["code"] == "malformed_json"


def test_undecodable_text_is_400(client):
    err = error_of(client.post("/v1/attributions", data=b"\xff\xfe\xfa", content_type="text/plain"), 400)
    assert err["code"] == "undecodable_body"


def test_unsupported_content_type_is_415(client):
    assert error_of(client.post("/v1/attributions", data=b"x", content_type="image/png"), 415)["code"] == "unsupported_media_type"


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"text": "   "}, "text"),
        ({}, "text"),
        ({"text": 5}, "text"),
        ({"text": "ok", "options": {"min_confidence": 3}}, "options"),
        ({"text": "ok", "options": {"types": ["quoted"]}}, "options"),
        ({"text": "ok", "surprise": 1}, "surprise"),
    ],
)
def test_invalid_fields_are_422_with_details(client, payload, field):
    err = error_of(client.post("/v1/attributions", json=payload), 422)
    assert err["code"] == "invalid_input" and field in err["details"]


def test_json_that_is_not_an_object_is_422(client):
    assert error_of(client.post("/v1/attributions", json=["text"]), 422)["code"] == "invalid_input"


def test_limits_413_and_422(nlp):
    small = replace(Settings.from_env(), max_body_bytes=100, max_chars=20)
    client = create_app(small, nlp=nlp).test_client()
    assert error_of(client.post("/v1/attributions", data=b"x" * 101, content_type="text/plain"), 413)["code"] == "body_too_large"
    err = error_of(client.post("/v1/attributions", data=b"y" * 21, content_type="text/plain"), 422)
    assert "limit is 20" in err["details"]["text"][0]


def test_unknown_route_and_method_are_json(client):
    assert error_of(client.get("/v2/nothing"), 404)["code"] == "not_found"
    assert error_of(client.get("/v1/attributions"), 405)["code"] == "method_not_allowed"


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
    assert client.get("/healthz").status_code == 200
