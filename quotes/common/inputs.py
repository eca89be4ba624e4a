"""Turning a validated document into the text to parse, for HTTP, the CLI and the batch alike:
the same limits (QUOTES_MAX_CHARS, QUOTES_MAX_HTML_TAGS), the same HTML handling, the same
errors. Reading HTTP bodies is the service's (:mod:`quotes.service.api.body`).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field
from typing import Any

from marshmallow import ValidationError

from quotes.common.errors import ApiError
from quotes.common.schemas import MAX_DOCUMENT_FIELDS, MAX_OPTION_VALUES
from quotes.common.text import has_text, html_to_text
from quotes.engine.model import Result

# No object of the contract has more than 5 fields, no list but ``documents`` more than 4 entries.
# Bigger ones are refused before the schema walks them: a 2 MB body could otherwise hold a
# million entries, each validated and each with its own error message (seconds, megabytes).
MAX_FIELDS = MAX_DOCUMENT_FIELDS  # the OpenAPI document says so (quotes.common.schemas)
_SURROGATE = re.compile("[\ud800-\udfff]")
_TAG = re.compile(r"<[A-Za-z!/?]")


def _invalid(field: str, message: str) -> ApiError:
    return ApiError(422, "invalid_input", message, {field: [message]})


def batch_limit_error(count: int, max_batch: int) -> ApiError:
    return _invalid("documents", f"{count} documents; the limit is {max_batch} per batch (QUOTES_MAX_BATCH)")


def check_shape(data: dict[str, Any], max_batch: int | None) -> None:
    if len(data) > MAX_FIELDS:
        raise _invalid("_schema", f"the JSON object has {len(data)} fields; the contract has at most 5")
    options = data.get("options")
    if isinstance(options, dict):
        if len(options) > MAX_FIELDS:
            raise _invalid("options", f"options has {len(options)} fields; the contract has 5")
        for key in ("types", "frames"):
            values = options.get(key)
            if isinstance(values, list) and len(values) > MAX_OPTION_VALUES:
                raise _invalid("options", f"options.{key} has {len(values)} entries; at most {MAX_OPTION_VALUES}")
    documents = data.get("documents")
    if max_batch is not None and isinstance(documents, list):
        if len(documents) > max_batch:
            raise batch_limit_error(len(documents), max_batch)
        if any(isinstance(d, dict) and len(d) > MAX_FIELDS for d in documents):
            raise _invalid("documents", f"a document has more than {MAX_FIELDS} fields; the contract has 3")


@dataclass
class Item:
    """One document of a request on its way through: its text, then its result or its error."""

    id: str | None
    html: bool = False
    text: str = ""
    timings_ms: dict[str, float] = field(default_factory=dict)
    result: Result | None = None
    error: ApiError | None = None


def html_tags(html: str) -> int:
    """Tags (start, end, comments, declarations) in HTML, counted without parsing it."""
    return sum(1 for _ in _TAG.finditer(html))


def check_html_tags(docs: list[Any], max_tags: int) -> None:
    """422 when the HTML documents of one request hold more than ``max_tags`` tags
    together (QUOTES_MAX_HTML_TAGS): turning HTML into text costs time and memory
    per tag, and must not be unbounded (a 2 MB body holds 700,000 ``<b>``)."""
    total = sum(html_tags(d["text"]) for d in docs if isinstance(d, dict) and d.get("format") == "html")
    if total > max_tags:
        raise _invalid("text", f"the HTML has {total} tags; the limit is {max_tags} per request (QUOTES_MAX_HTML_TAGS)")


def _unpaired_surrogate(field: str, value: Any) -> ApiError | None:
    """JSON can spell a lone UTF-16 surrogate (``"\\ud800"``); it is not a character and has no UTF-8."""
    if isinstance(value, str) and _SURROGATE.search(value):
        return _invalid(field, f"{field} holds an unpaired UTF-16 surrogate (\\ud800-\\udfff), which is not a character")
    return None


def prepare(doc: dict[str, Any] | ValidationError, max_chars: int) -> Item:
    """The text to parse (HTML turned into text), or the document's own 422: it
    failed its schema, has no text, or more than ``max_chars`` (QUOTES_MAX_CHARS)."""
    if isinstance(doc, ValidationError):  # a batch document that failed BatchDocumentSchema
        valid = doc.valid_data if isinstance(doc.valid_data, dict) else {}
        doc_id = valid.get("id") if _unpaired_surrogate("id", valid.get("id")) is None else None
        details = doc.messages if isinstance(doc.messages, dict) else {"_schema": doc.messages}  # a null document
        return Item(doc_id, error=ApiError(422, "invalid_input", "the document failed validation", details))
    bad = _unpaired_surrogate("id", doc.get("id"))
    if bad is not None:
        return Item(None, error=bad)
    item = Item(doc.get("id"), html=doc["format"] == "html", text=doc["text"])
    item.error = _unpaired_surrogate("text", item.text)
    if item.error is not None:
        return item
    if item.html:
        t0 = time.perf_counter()
        item.text = html_to_text(item.text)
        item.timings_ms["html"] = round((time.perf_counter() - t0) * 1000, 1)
        if not has_text(item.text):
            item.error = ApiError(422, "invalid_input", "the HTML has no text", {"text": ["the HTML has no text"]})
    if len(item.text) > max_chars:
        message = f"text has {len(item.text)} characters; the limit is {max_chars} (QUOTES_MAX_CHARS)"
        item.error = ApiError(422, "invalid_input", message, {"text": [message]})
    return item
