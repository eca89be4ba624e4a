"""The OpenAPI document (``/v1/openapi.json``) and a Swagger UI page (``/v1/docs``).

flask-smorest builds the document from the marshmallow schemas the views
validate and serialise with, so it cannot drift from the behaviour. The
Swagger UI assets come from the ``swagger-ui-bundle`` package and are served
here: the page works with no internet.
"""

from __future__ import annotations

import json
from html import escape

from flask import Blueprint, Flask, Response, send_from_directory, url_for
from flask_smorest import Api
from swagger_ui_bundle import swagger_ui_path

from quotes.api import errors
from quotes.schemas import ErrorSchema, one_of_property
from quotes.settings import Settings

ASSETS = "/v1/docs/assets/"

assets = Blueprint("docs_assets", __name__)


# The page's own script, served as a file: the Content-Security-Policy allows no inline script.
INIT_JS = "quotes-docs.js"
_INIT = """\
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("swagger-ui-config").textContent);
  window.addEventListener("load", function () {
    window.ui = SwaggerUIBundle(config);
  });
})();
"""

PAGE = """\
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<link href="{assets}swagger-ui.css" rel="stylesheet" type="text/css">
</head>
<body>
<div id="swagger-ui-container"></div>
<script id="swagger-ui-config" type="application/json">{config}</script>
<script src="{assets}swagger-ui-standalone-preset.js"></script>
<script src="{assets}swagger-ui-bundle.js"></script>
<script src="{assets}{init}"></script>
</body>
</html>
"""


@assets.get(f"{ASSETS}<path:filename>")
def asset(filename: str):
    if filename == INIT_JS:
        return Response(_INIT, mimetype="text/javascript", headers={"Cache-Control": "public, max-age=86400"})
    return send_from_directory(str(swagger_ui_path), filename, max_age=86400)


class QuotesApi(Api):
    """flask-smorest, with this service's error envelope documented and served."""

    ERROR_SCHEMA = ErrorSchema

    def _register_error_handlers(self) -> None:
        errors.register(self._app)

    def _openapi_swagger_ui(self):
        """The Swagger UI page, its configuration as JSON data read by a script file (no inline script)."""
        config = {
            "url": url_for(f"{self._make_doc_blueprint_name()}.openapi_json"),
            "dom_id": "#swagger-ui-container",
            **self.config.get("OPENAPI_SWAGGER_UI_CONFIG", {}),
        }
        data = json.dumps(config).replace("<", "\\u003c")  # cannot close the script element
        page = PAGE.format(title=escape(self.spec.title), assets=ASSETS, config=data, init=INIT_JS)
        return Response(page, mimetype="text/html")


def document_limits(api: QuotesApi, settings: Settings) -> None:
    """Put the limits this service runs with into the document, where a schema can say them."""
    documents = api.spec.components.schemas["BatchRequest"]["properties"]["documents"]
    documents["maxItems"] = settings.max_batch
    documents["description"] = (
        f"at most {settings.max_batch} documents here (QUOTES_MAX_BATCH), parsed in bulk by the worker and its batch helpers"
    )


def init(app: Flask) -> QuotesApi:
    app.config.update(
        API_TITLE="quotes",
        API_VERSION="1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/v1",
        OPENAPI_JSON_PATH="openapi.json",
        OPENAPI_SWAGGER_UI_PATH="docs",
        OPENAPI_SWAGGER_UI_URL=ASSETS,
        # No call to the public validator badge service: the page must work offline.
        OPENAPI_SWAGGER_UI_CONFIG={"validatorUrl": None, "tryItOutEnabled": True},
        API_SPEC_OPTIONS={
            "info": {
                "description": "Quotations in news text and who said them. Every failure is "
                '`{"error": {"code", "message", "details"?}, "request_id"}`.',
            }
        },
    )
    api = QuotesApi(app)
    api.ma_plugin.converter.add_attribute_function(one_of_property)
    api.spec.components.security_scheme(
        "bearerAuth",
        {
            "type": "http",
            "scheme": "bearer",
            "description": "An API key, needed only when the service is configured with QUOTES_API_KEYS or QUOTES_API_KEYS_FILE.",
        },
    )
    app.register_blueprint(assets)
    return api
