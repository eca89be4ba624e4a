"""Regressions of what Schemathesis found when it fuzzed the service from its own OpenAPI document
(issue 17; the fuzzing itself is tests/test_fuzz.py and bench/fuzz.py). Each test pins one finding:
the service and the document now say the same thing."""

from __future__ import annotations

import re
import sys
from dataclasses import replace

import pytest
from openapi_schema_validator import OAS30Validator

from quotes.api import create_app
from quotes.schemas import NOT_BLANK
from quotes.settings import Settings
from tests.test_api import error_of


@pytest.fixture()
def spec(client) -> dict:
    return client.get("/v1/openapi.json").get_json()


def valid(spec: dict, schema: dict, value: object) -> bool:
    return OAS30Validator({**schema, "components": spec["components"]}).is_valid(value)


def request_schema(spec: dict, path: str, media_type: str) -> dict:
    return spec["paths"][path]["post"]["requestBody"]["content"][media_type]["schema"]


# -- ST204: a method a route does not have was answered 405 with no Allow header -------------------


@pytest.mark.parametrize("method", ["TRACE", "PUT", "DELETE", "PATCH"])
def test_405_names_the_methods_the_route_has(client, spec, method):
    for path, operations in spec["paths"].items():
        resp = client.open(path, method=method)
        assert error_of(resp, 405)["code"] == "method_not_allowed", path
        allowed = {m.strip() for m in resp.headers["Allow"].split(",")}
        assert {m.upper() for m in operations} <= allowed, (path, allowed)
        assert method not in allowed


# -- ST201: a raw text/html body of "{}" (a JSON object, to the document) was accepted -------------


def test_raw_bodies_are_documented_as_text_of_any_json_type(client, spec):
    for media_type in ("text/plain", "text/html"):
        schema = request_schema(spec, "/v1/attributions", media_type)
        # Whatever bytes come are read as text: the document must not promise a JSON type.
        assert "type" not in schema and schema["minLength"] == 1 and schema["pattern"] == NOT_BLANK
        assert valid(spec, schema, "{}") and valid(spec, schema, 0) and not valid(spec, schema, "  \n")
    resp = client.post("/v1/attributions", data=b"{}", content_type="text/html")
    assert resp.status_code == 200 and resp.get_json()["text"] == "{}"
    assert error_of(client.post("/v1/attributions", data=b" \n", content_type="text/html"), 422)["code"] == "invalid_input"


# -- ST202: an empty text/plain body, valid to the document, was refused; later (the long run) a text
# of "\x1e\x1e\x1e", not blank to the document's \S (ECMA 262) but blank to Python's str.strip() ----


def test_the_blank_pattern_is_what_strip_removes():
    blank = re.compile(NOT_BLANK)
    assert [c for c in range(sys.maxunicode + 1) if (blank.search(chr(c)) is None) != (not chr(c).strip())] == []


def test_blank_text_is_invalid_in_the_document_too(client, spec):
    json_text = spec["components"]["schemas"]["AttributionRequest"]["properties"]["text"]
    assert json_text["pattern"] == NOT_BLANK
    for blank in ("", " ", "\n\t", "\x1e\x1e\x1e", "\x1c\x85\u3000"):
        assert not valid(spec, json_text, blank)
        assert not valid(spec, request_schema(spec, "/v1/attributions", "text/plain"), blank)
        error_of(client.post("/v1/attributions", data=blank.encode(), content_type="text/plain"), 422)
        error_of(client.post("/v1/attributions", json={"text": blank}), 422)
    assert valid(spec, json_text, " x ") and valid(spec, json_text, "\ufeff")  # a BOM is not white space to strip()
    assert client.post("/v1/attributions", json={"text": "\ufeff"}).status_code == 200


# -- ST201: a batch whose documents miss required fields is answered 200 -------------------------


def test_a_batch_document_that_fails_alone_is_documented(client, spec):
    batch = request_schema(spec, "/v1/attributions/batch", "application/json")
    odd = {"documents": [{"text": ""}, None, 7, {"id": "x" * 300, "text": ""}, {"id": "ok", "text": "He said hi."}]}
    assert valid(spec, batch, odd)  # the document says so ...
    resp = client.post("/v1/attributions/batch", json=odd)  # ... and so does the service
    assert resp.status_code == 200
    results = resp.get_json()["results"]
    assert [("error" in r) for r in results] == [True, True, True, True, False]
    # Only the request as a whole is refused: no documents, or a document of too many fields.
    big = {"documents": [{f"f{i}": i for i in range(17)}]}
    assert not valid(spec, batch, big) and not valid(spec, batch, {"documents": []})
    error_of(client.post("/v1/attributions/batch", json=big), 422)
    error_of(client.post("/v1/attributions/batch", json={"documents": []}), 422)


def test_the_batch_limit_in_the_document_is_the_configured_one(nlp):
    client = create_app(replace(Settings.from_env(), max_batch=3), nlp=nlp).test_client()
    spec = client.get("/v1/openapi.json").get_json()
    documents = spec["components"]["schemas"]["BatchRequest"]["properties"]["documents"]
    assert documents["maxItems"] == 3 and "at most 3 documents" in documents["description"]
    four = {"documents": [{"id": str(i), "text": "Hi."} for i in range(4)]}
    assert not valid(spec, request_schema(spec, "/v1/attributions/batch", "application/json"), four)
    error_of(client.post("/v1/attributions/batch", json=four), 422)


# -- ST201: options of the wrong JSON type (0 for a boolean, "0.5" for a number) were accepted ----


@pytest.mark.parametrize(
    "options",
    [{"include_skipped": 0}, {"include_speakers": 1}, {"include_speakers": "true"}, {"min_confidence": "0.5"}, {"min_confidence": True}],
)
def test_options_take_only_their_json_types(client, spec, options):
    assert not valid(spec, spec["components"]["schemas"]["Options"], options)
    err = error_of(client.post("/v1/attributions", json={"text": "He said hi.", "options": options}), 422)
    assert set(err["details"]["options"]) == set(options)
    batch = {"documents": [{"id": "a", "text": "He said hi."}], "options": options}
    error_of(client.post("/v1/attributions/batch", json=batch), 422)


def test_option_lists_have_their_limit_in_the_document(client, spec):
    options = spec["components"]["schemas"]["Options"]["properties"]
    assert options["types"]["maxItems"] == 16 and options["frames"]["maxItems"] == 16
    error_of(client.post("/v1/attributions", json={"text": "He said hi.", "options": {"types": ["direct"] * 17}}), 422)
    assert client.post("/v1/attributions", json={"text": "He said hi.", "options": {"types": ["direct"] * 16}}).status_code == 200
