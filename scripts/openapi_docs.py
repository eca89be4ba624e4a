"""Write the OpenAPI reference of the documentation site from the app itself.

``docs/openapi.json`` is the document ``GET /v1/openapi.json`` serves with the default settings,
and ``docs/openapi.md`` renders its operations and schemas as tables. tests/test_docs.py fails when
either differs from what this script writes now, so the reference cannot drift from the code:
after changing a schema or a route, run ``.venv/bin/python scripts/openapi_docs.py``.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

DOCS = ROOT / "docs"


def spec() -> dict[str, Any]:
    """The app's OpenAPI document with every setting at its default (no model is loaded)."""
    from quotes.common.settings import Settings
    from quotes.service.app import create_app

    saved = {k: os.environ.pop(k) for k in list(os.environ) if k.startswith("QUOTES_")}
    try:
        settings = Settings.from_env()
    finally:
        os.environ.update(saved)
    app = create_app(settings, load=False)
    return app.test_client().get("/v1/openapi.json").get_json()


def _cell(text: Any) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _type(prop: dict[str, Any]) -> str:
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "allOf" in prop and len(prop["allOf"]) == 1:
        return _type(prop["allOf"][0])
    for key in ("oneOf", "anyOf"):
        if key in prop:
            return " or ".join(_type(p) for p in prop[key])
    kind = prop.get("type", "any")
    if kind == "array":
        return f"array of {_type(prop.get('items', {}))}"
    if "enum" in prop:
        return f"{kind}: " + ", ".join(f"`{v}`" for v in prop["enum"] if v is not None)
    return kind


def _content(content: dict[str, Any]) -> str:
    return "; ".join(f"`{ctype}`: {_type(body.get('schema', {}))}" for ctype, body in content.items())


def markdown(doc: dict[str, Any]) -> str:
    out = [
        "# OpenAPI reference",
        "",
        f"The contract of {doc['info']['title']} v{doc['info']['version']} (OpenAPI {doc['openapi']}), written from the app by",
        "`scripts/openapi_docs.py` with the default settings (a test fails when it is out of date). The document",
        "itself: [openapi.json](openapi.json); a running service serves it at `GET /v1/openapi.json` and",
        "Swagger UI at `GET /v1/docs`. How to use the API, with examples: [API](api.md).",
        "",
        _cell(doc["info"].get("description", "")),
        "",
        "## Operations",
        "",
    ]
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            out += [f"### `{method.upper()} {path}`", ""]
            if op.get("summary"):
                out += [_cell(op["summary"]), ""]
            if op.get("description"):
                out += [op["description"].strip(), ""]
            if op.get("security"):
                out += ["Needs an API key (`Authorization: Bearer …`) when the service has keys configured.", ""]
            body = op.get("requestBody")
            if body:
                out += [f"Request body: {_content(body.get('content', {}))}", ""]
            out += ["| status | meaning | body |", "|---|---|---|"]
            for status, resp in op.get("responses", {}).items():
                if "$ref" in resp:
                    resp = doc["components"]["responses"][resp["$ref"].rsplit("/", 1)[-1]]
                out.append(f"| {status} | {_cell(resp.get('description', ''))} | {_content(resp.get('content', {}))} |")
            out.append("")
    out += ["## Schemas", ""]
    for name, schema in doc.get("components", {}).get("schemas", {}).items():
        out += [f"### {name}", ""]
        if schema.get("description"):
            out += [_cell(schema["description"]), ""]
        props = schema.get("properties", {})
        if not props:
            out += [f"Type: {_type(schema)}", ""]
            continue
        required = set(schema.get("required", ()))
        out += ["| field | type | required | description |", "|---|---|---|---|"]
        for field, prop in props.items():
            out.append(f"| `{field}` | {_type(prop)} | {'yes' if field in required else ''} | {_cell(prop.get('description', ''))} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def files() -> dict[Path, str]:
    doc = spec()
    return {DOCS / "openapi.json": json.dumps(doc, indent=2, ensure_ascii=False) + "\n", DOCS / "openapi.md": markdown(doc)}


def main() -> int:
    for path, text in files().items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
