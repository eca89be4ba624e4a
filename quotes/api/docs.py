"""The OpenAPI document (``/v1/openapi.json``) and a Swagger UI page (``/v1/docs``).

flask-smorest builds the document from the marshmallow schemas the views
validate and serialise with, so it cannot drift from the behaviour. The
Swagger UI assets come from the ``swagger-ui-bundle`` package and are served
here: the page works with no internet.
"""

from __future__ import annotations

from flask import Blueprint, Flask, send_from_directory
from flask_smorest import Api
from swagger_ui_bundle import swagger_ui_path

from quotes.api import errors
from quotes.schemas import ErrorSchema, one_of_property

ASSETS = "/v1/docs/assets/"

assets = Blueprint("docs_assets", __name__)


@assets.get(f"{ASSETS}<path:filename>")
def asset(filename: str):
    return send_from_directory(str(swagger_ui_path), filename, max_age=86400)


class QuotesApi(Api):
    """flask-smorest, with this service's error envelope documented and served."""

    ERROR_SCHEMA = ErrorSchema

    def _register_error_handlers(self) -> None:
        errors.register(self._app)


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
    app.register_blueprint(assets)
    return api
