"""Optional API keys for ``/v1``, and the security headers of every response.

API keys are off unless ``QUOTES_API_KEYS`` or ``QUOTES_API_KEYS_FILE`` is set.
Configuration holds SHA-256 digests (``sha256:<hex>``; a plain key is hashed
when the settings are read), never needs the keys themselves. A request's
``Authorization: Bearer <key>`` is hashed and compared with every digest by
``hmac.compare_digest``: constant time, and no early exit that would tell
which digest came close. Open whatever the keys: the probes (``/healthz``,
``/readyz``), ``/metrics``, the editor's page (``/``, ``/static/``), the
contract and its docs page (``/v1/openapi.json``, ``/v1/docs``) and CORS
preflights (browsers send them without credentials).
"""

from __future__ import annotations

import hashlib
import hmac

from flask import Flask, Response, request

from quotes.common.settings import Settings
from quotes.service.api.errors import envelope

OPEN_V1 = ("/v1/openapi.json", "/v1/docs")

# The pages (the docs page, the editor's page): their own scripts and styles only, no inline script.
PAGE_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# Everything else is data: nothing in it may run or load anything.
DATA_CSP = "default-src 'none'; frame-ancestors 'none'"


def needs_key(path: str, method: str) -> bool:
    if method == "OPTIONS" or not path.startswith("/v1/"):
        return False
    return not any(path == p or path.startswith(p + "/") for p in OPEN_V1)


def key_matches(authorization: str | None, digests: tuple[bytes, ...]) -> bool:
    scheme, _, token = (authorization or "").strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        return False
    presented = hashlib.sha256(token.encode("utf-8", "surrogatepass")).digest()
    ok = False
    for digest in digests:  # every one, so the time says nothing about which came close
        ok |= hmac.compare_digest(presented, digest)
    return ok


def init(app: Flask, settings: Settings) -> None:
    digests = tuple(bytes.fromhex(d) for d in settings.api_key_digests)
    if digests:

        @app.before_request
        def _require_key() -> tuple[Response, int] | None:
            if not needs_key(request.path, request.method) or key_matches(request.headers.get("Authorization"), digests):
                return None
            given = "Authorization" in request.headers
            response, status = envelope(
                401,
                "unauthorized",
                "the API key is not valid" if given else "this route needs an API key: send the header Authorization: Bearer <key>",
            )
            response.headers["WWW-Authenticate"] = 'Bearer realm="quotes"' + (', error="invalid_token"' if given else "")
            return response, status

    @app.after_request
    def _headers(response: Response) -> Response:
        headers = response.headers
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("Referrer-Policy", "no-referrer")
        headers.setdefault("X-Frame-Options", "DENY")
        # Results and errors are never cached; static assets keep the caching they were sent with.
        headers.setdefault("Cache-Control", "no-store")
        headers.setdefault("Content-Security-Policy", PAGE_CSP if response.mimetype == "text/html" else DATA_CSP)
        return response
