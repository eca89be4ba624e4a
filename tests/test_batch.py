"""POST /v1/attributions/batch: documents parsed together, a bad one fails alone."""

from __future__ import annotations

from tests.test_api import app_with, error_of


def test_batch_with_bad_documents(client, seed_text):
    documents = [
        {"id": "seed", "text": seed_text},
        {"id": "empty", "text": "  "},
        {"id": "typo", "text": "x", "format": "pdf"},
        "not an object",
        None,  # a CMS export with a hole in it: one failed slot, not a failed batch
        {"id": "html", "text": "<p>&ldquo;We will win,&rdquo; the mayor said.</p>", "format": "html"},
    ]
    resp = client.post("/v1/attributions/batch", json={"documents": documents, "options": {"include_skipped": False}})
    assert resp.status_code == 200
    body = resp.get_json()
    seed, empty, typo, junk, null, html = body["results"]
    single = client.post("/v1/attributions", json={"text": seed_text, "options": {"include_skipped": False}}).get_json()
    assert seed["id"] == "seed" and seed["attributions"] == single["attributions"] and "skipped" not in seed
    assert empty == {
        "id": "empty",
        "error": {"code": "invalid_input", "message": "the document failed validation", "details": {"text": ["text is empty"]}},
    }
    assert typo["id"] == "typo" and "format" in typo["error"]["details"]
    assert junk["id"] is None and junk["error"]["code"] == "invalid_input"
    assert null["id"] is None and null["error"]["details"] == {"_schema": ["Field may not be null."]}
    assert html["text"] == "“We will win,” the mayor said." and html["attributions"][0]["speaker"]["role"] == "mayor"
    meta = body["meta"]
    assert (meta["documents"], meta["failed"]) == (6, 4)
    assert meta["words"] == seed["meta"]["words"] + html["meta"]["words"]
    assert set(meta["timings_ms"]) == {"html", "parse", "extract"}


def test_batch_limits(nlp):
    client = app_with(nlp, max_batch=2, max_chars=30)
    err = error_of(client.post("/v1/attributions/batch", json={"documents": [{"id": str(i), "text": "Hi."} for i in range(3)]}), 422)
    assert "QUOTES_MAX_BATCH" in err["details"]["documents"][0]
    body = client.post(
        "/v1/attributions/batch", json={"documents": [{"id": "long", "text": "y" * 31}, {"id": "ok", "text": "He said hi."}]}
    )
    long, ok = body.get_json()["results"]
    assert list(body.get_json()["meta"]["timings_ms"]) == ["parse", "extract"]  # "html" only when there was HTML
    assert "limit is 30" in long["error"]["details"]["text"][0] and ok["attributions"] == []


def test_batch_request_errors(client):
    assert "documents" in error_of(client.post("/v1/attributions/batch", json={}), 422)["details"]
    assert "documents" in error_of(client.post("/v1/attributions/batch", json={"documents": []}), 422)["details"]
    assert "documents" in error_of(client.post("/v1/attributions/batch", json={"documents": {"id": "a"}}), 422)["details"]
    assert "x" in error_of(client.post("/v1/attributions/batch", json={"documents": [{"id": "a", "text": "x"}], "x": 1}), 422)["details"]
    # A document without its id is one bad document, not a bad request.
    (slot,) = client.post("/v1/attributions/batch", json={"documents": [{"text": "x"}]}).get_json()["results"]
    assert slot == {
        "id": None,
        "error": {
            "code": "invalid_input",
            "message": "the document failed validation",
            "details": {"id": ["Missing data for required field."]},
        },
    }


def test_a_document_that_breaks_the_parser_fails_alone(client, nlp, monkeypatch):
    parse_many = nlp.parse_many

    def fragile(texts, deadline_at=None):
        if len(texts) > 1 or "BOOM" in texts[0]:
            raise RuntimeError("stanza fell over")
        return parse_many(texts, deadline_at)

    monkeypatch.setattr(nlp, "parse_many", fragile)
    docs = [{"id": "a", "text": "He said hi."}, {"id": "b", "text": "BOOM, she said."}]
    a, b = client.post("/v1/attributions/batch", json={"documents": docs}).get_json()["results"]
    assert a["id"] == "a" and "attributions" in a
    assert b == {"id": "b", "error": {"code": "parse_failed", "message": "the parser failed on this document"}}


def test_a_document_that_breaks_the_extractor_fails_alone(client, monkeypatch):
    import quotes.engine.extract as extraction

    extract = extraction.extract

    def fragile(parse):
        if "BOOM" in parse.text:
            raise RuntimeError("secret")
        return extract(parse)

    monkeypatch.setattr(extraction, "extract", fragile)
    docs = [{"id": "a", "text": "BOOM, he said."}, {"id": "b", "text": "She said hi."}]
    body = client.post("/v1/attributions/batch", json={"documents": docs}).get_json()
    a, b = body["results"]
    assert a["error"]["code"] == "internal_error" and "secret" not in str(a)
    assert "attributions" in b and body["meta"]["failed"] == 1
