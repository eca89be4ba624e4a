"""Security: optional API keys (hashed, compared in constant time), security headers and a
strict Content-Security-Policy, no internals in any error."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

import pytest

from quotes.common.nlp import NLP
from quotes.common.settings import ConfigError, Settings
from quotes.service.api import security
from quotes.service.app import create_app


def sha(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def error_of(resp, status: int) -> dict:
    assert resp.status_code == status, resp.data[:300]
    body = resp.get_json()
    assert set(body) == {"error", "request_id"} and body["request_id"] == resp.headers["X-Request-ID"]
    return body["error"]


@pytest.fixture()
def keyed(nlp, monkeypatch, tmp_path):
    """The app with three keys: one plain and one hashed in QUOTES_API_KEYS, one in a keys file."""
    keys_file = tmp_path / "keys"
    keys_file.write_text(f"# the CMS\nsha256:{sha('key-from-file').upper()}\n\n", encoding="utf-8")
    monkeypatch.setenv("QUOTES_API_KEYS", f"plain-key, sha256:{sha('hashed-key')}")
    monkeypatch.setenv("QUOTES_API_KEYS_FILE", str(keys_file))
    monkeypatch.setenv("QUOTES_CORS_ORIGINS", "https://cms.example")
    settings = Settings.from_env()
    assert "plain-key" not in repr(settings) and len(settings.api_key_digests) == 3
    return create_app(settings, nlp=nlp).test_client()


def test_keys_are_off_by_default(client):
    assert client.post("/v1/attributions", json={"text": "He said hi."}).status_code == 200


def test_v1_needs_a_key_when_keys_are_configured(keyed):
    resp = keyed.post("/v1/attributions", json={"text": "He said hi."})
    err = error_of(resp, 401)
    assert err["code"] == "unauthorized" and "Authorization: Bearer" in err["message"]
    assert resp.headers["WWW-Authenticate"] == 'Bearer realm="quotes"'
    for header in ("Bearer wrong", "Basic cGxhaW4ta2V5", "Bearer plain-key2", "Bearer ", "plain-key"):
        resp = keyed.post("/v1/attributions", json={"text": "He said hi."}, headers={"Authorization": header})
        assert error_of(resp, 401)["message"] == "the API key is not valid"
        assert 'error="invalid_token"' in resp.headers["WWW-Authenticate"]
    assert error_of(keyed.post("/v1/attributions/batch", json={"documents": []}), 401)["code"] == "unauthorized"
    assert error_of(keyed.get("/v1/anything"), 401)["code"] == "unauthorized"  # routes are not revealed


@pytest.mark.parametrize("key", ["plain-key", "hashed-key", "key-from-file"])
def test_each_configured_key_is_accepted(keyed, key):
    for scheme in ("Bearer", "bearer"):
        resp = keyed.post("/v1/attributions", json={"text": "He said hi."}, headers={"Authorization": f"{scheme} {key}"})
        assert resp.status_code == 200, resp.data[:200]


def test_probes_pages_docs_and_preflights_stay_open(keyed):
    for path in ("/healthz", "/readyz", "/metrics", "/v1/openapi.json", "/v1/docs", "/v1/docs/assets/quotes-docs.js", "/"):
        assert keyed.get(path).status_code == 200, path
    preflight = {
        "Origin": "https://cms.example",
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "Authorization",
    }
    resp = keyed.options("/v1/attributions", headers=preflight)
    assert resp.status_code == 200 and resp.headers["Access-Control-Allow-Origin"] == "https://cms.example"
    assert "authorization" in resp.headers["Access-Control-Allow-Headers"].lower()
    # A 401 still carries the CORS headers, so a browser client can read why.
    resp = keyed.post("/v1/attributions", json={"text": "x"}, headers={"Origin": "https://cms.example"})
    assert resp.status_code == 401 and resp.headers["Access-Control-Allow-Origin"] == "https://cms.example"


def test_every_digest_is_compared_in_constant_time(monkeypatch):
    calls = []
    real = security.hmac.compare_digest

    def counting(a, b):
        calls.append(1)
        return real(a, b)

    monkeypatch.setattr(security.hmac, "compare_digest", counting)
    digests = tuple(bytes.fromhex(sha(k)) for k in ("a", "b", "c"))
    assert security.key_matches("Bearer a", digests) and len(calls) == 3  # no early exit on the first match
    assert not security.key_matches("Bearer d", digests) and len(calls) == 6
    assert not security.key_matches(None, digests) and not security.key_matches("Bearer", digests)


@pytest.mark.parametrize(
    "name, value, message",
    [
        ("QUOTES_API_KEYS", "sha256:abc", "64 hexadecimal digits"),
        ("QUOTES_API_KEYS", "sha256:" + "g" * 64, "64 hexadecimal digits"),
        ("QUOTES_API_KEYS_FILE", "/nonexistent/keys", "cannot read"),
    ],
)
def test_bad_key_settings_stop_the_start(monkeypatch, name, value, message):
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError, match=message):
        Settings.from_env()


def test_an_empty_keys_file_is_an_error(monkeypatch, tmp_path):
    (tmp_path / "keys").write_text("# nothing yet\n", encoding="utf-8")
    monkeypatch.setenv("QUOTES_API_KEYS_FILE", str(tmp_path / "keys"))
    with pytest.raises(ConfigError, match="holds no keys"):
        Settings.from_env()


def test_security_headers_on_every_response(client):
    responses = {
        "result": client.post("/v1/attributions", json={"text": "He said hi."}),
        "batch": client.post("/v1/attributions/batch", json={"documents": [{"id": "a", "text": "x"}]}),
        "422": client.post("/v1/attributions", json={"text": ""}),
        "404": client.get("/nowhere"),
        "healthz": client.get("/healthz"),
        "openapi": client.get("/v1/openapi.json"),
        "docs": client.get("/v1/docs"),
        "asset": client.get("/v1/docs/assets/swagger-ui-bundle.js"),
        "page": client.get("/"),
    }
    for name, resp in responses.items():
        assert resp.headers["X-Content-Type-Options"] == "nosniff", name
        assert resp.headers["Referrer-Policy"] == "no-referrer" and "frame-ancestors 'none'" in resp.headers["Content-Security-Policy"], (
            name
        )
    for name in ("result", "batch", "422", "404", "healthz"):
        assert responses[name].headers["Cache-Control"] == "no-store", name
    assert "max-age" in responses["asset"].headers["Cache-Control"]  # static assets keep their caching
    assert responses["result"].headers["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'"
    for name in ("docs", "page"):
        csp = responses[name].headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp


@pytest.mark.parametrize("path", ["/v1/docs", "/"])
def test_html_pages_have_no_inline_script(client, path):
    html = client.get(path).get_data(as_text=True)
    for attrs, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", html, flags=re.S | re.I):
        assert "src=" in attrs or 'type="application/json"' in attrs, attrs
        assert "src=" in attrs or body.strip().startswith("{"), body[:80]
    assert not re.search(r"\son[a-z]+=", html, flags=re.I)  # no inline event handlers either


def test_docs_page_works_under_its_csp_in_a_browser(app):
    """Swagger UI renders with the strict policy, and the browser reports no violation."""
    from playwright.sync_api import sync_playwright

    from tests.browser import LiveServer, launch

    with LiveServer(app) as server, sync_playwright() as p:
        browser = launch(p)
        try:
            page = browser.new_page()
            messages = []
            page.on("console", lambda m: messages.append(m.text))
            page.goto(server.url + "v1/docs")
            page.wait_for_selector(".opblock", timeout=20_000)
            assert page.locator(".opblock").count() >= 4 and page.locator("button.authorize").count() == 1
            page.goto(server.url)
            page.wait_for_load_state("load")
            violations = [m for m in messages if "Content Security Policy" in m or "Refused to" in m]
            assert not violations, violations
        finally:
            browser.close()


def test_openapi_documents_the_optional_bearer_key(client):
    spec = client.get("/v1/openapi.json").get_json()
    assert spec["components"]["securitySchemes"]["bearerAuth"] == {
        "type": "http",
        "scheme": "bearer",
        "description": spec["components"]["securitySchemes"]["bearerAuth"]["description"],
    }
    for path in ("/v1/attributions", "/v1/attributions/batch"):
        op = spec["paths"][path]["post"]
        assert op["security"] == [{"bearerAuth": []}, {}] and "401" in op["responses"]


def test_no_internals_in_errors(tmp_path, client):
    broken = replace(Settings.from_env(), stanza_dir=str(tmp_path / "secret-place" / "models"))
    c = create_app(broken, nlp=NLP(broken)).test_client()
    for resp in (c.get("/readyz"), c.post("/v1/attributions", json={"text": "He said hi."})):
        err = error_of(resp, 503)
        assert "does not exist" in err["message"] and "secret-place" not in resp.get_data(as_text=True)
        assert str(tmp_path) not in resp.get_data(as_text=True)
    for ctype in ("text/plain", "text/plain; charset=klingon"):
        resp = client.post("/v1/attributions", data=b"\xff\xfe\xfa", content_type=ctype)
        assert "Error" not in error_of(resp, 400)["message"]  # no exception class names
