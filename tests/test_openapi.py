"""The OpenAPI document is valid, complete, and what the service really answers; the docs page works offline."""

from __future__ import annotations

import re

import pytest
from openapi_schema_validator import OAS30Validator
from openapi_spec_validator import validate


@pytest.fixture()
def spec(client) -> dict:
    resp = client.get("/v1/openapi.json")
    assert resp.status_code == 200
    return resp.get_json()


def conforms(spec: dict, component: str, body: object) -> None:
    validator = OAS30Validator({"$ref": f"#/components/schemas/{component}", "components": spec["components"]})
    errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(body)]
    assert not errors, errors


def test_the_document_is_valid_openapi(spec):
    validate(spec)
    assert spec["openapi"] == "3.0.3" and spec["info"]["version"] == "1"


def test_every_route_is_documented(app, spec):
    undocumented = {"/static/<path:filename>", "/v1/openapi.json", "/v1/docs", "/v1/docs/assets/<path:filename>"}
    routes = {re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", r.rule) for r in app.url_map.iter_rules() if r.rule not in undocumented}
    assert routes == set(spec["paths"])
    single = spec["paths"]["/v1/attributions"]["post"]
    assert set(single["requestBody"]["content"]) == {"application/json", "text/plain", "text/html"}
    assert {"400", "413", "415", "422", "500", "503", "504"} <= set(single["responses"])


def test_responses_conform_to_the_document(client, spec, seed_text):
    conforms(spec, "Result", client.post("/v1/attributions", data=seed_text.encode(), content_type="text/plain").get_json())
    conforms(spec, "Result", client.post("/v1/attributions", data=b"<p>He said hi.</p>", content_type="text/html").get_json())
    docs = {"documents": [{"id": "a", "text": seed_text}, {"id": "b", "text": ""}]}
    conforms(spec, "BatchResult", client.post("/v1/attributions/batch", json=docs).get_json())
    conforms(spec, "Error", client.post("/v1/attributions", json={"text": 1}).get_json())
    conforms(spec, "Ready", client.get("/readyz").get_json())
    with pytest.raises(AssertionError):
        conforms(spec, "Result", {"id": None, "attributions": [{"id": "a1"}]})


def test_docs_page_uses_only_local_assets(client):
    page = client.get("/v1/docs")
    assert page.status_code == 200 and page.mimetype == "text/html"
    html = page.get_data(as_text=True)
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert len(assets) >= 3 and not re.search(r"https?://", html)
    for url in assets:
        assert client.get(url).status_code == 200, url
    assert "/v1/openapi.json" in html and '"validatorUrl": null' in html  # no call to the public validator
