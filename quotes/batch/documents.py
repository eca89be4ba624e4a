"""One document in, one output row out: the service's own validation, HTML handling,
time limit and JSON for each document of an archive batch, parsed in bulk chunks by a
per-process pipeline. Shared by both engines (:mod:`quotes.batch.runner`,
:mod:`quotes.batch.dask_engine`)."""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from quotes.common.settings import Settings

log = logging.getLogger("quotes.batch")

_SURROGATE = re.compile("[\ud800-\udfff]")


class BatchError(RuntimeError):
    """Bad input or output for a batch run; the message says what to do."""


# -- documents in, rows out ------------------------------------------------------


class Row(NamedTuple):
    """One output row: the document's id, its v1 JSON (result or error slot), and
    what progress and Parquet columns need without parsing the JSON again."""

    id: str
    json: str
    words: int
    error: str | None  # the error code; None for a result
    attributions: int


def raw_doc(doc_id: Any, text: Any = None, fmt: Any = None, error: str | None = None) -> dict[str, Any]:
    """A raw document as readers yield it; ``error``: it could not even be read."""
    # An id must survive being written: a lone surrogate (JSON "\ud800", an undecodable
    # file name) is spelt out as its escape, the same on every run.
    out: dict[str, Any] = {"id": str(doc_id).encode("utf-8", "backslashreplace").decode("utf-8")}
    if text is not None:
        out["text"] = text
    if fmt is not None:
        out["format"] = fmt
    if error is not None:
        out["_error"] = error
    return out


@dataclass(frozen=True)
class Limits:
    """What one document may cost: characters of text (QUOTES_MAX_CHARS, after HTML
    is turned into text), characters as read (QUOTES_MAX_BODY_BYTES, which bounds
    the HTML work too), tags of HTML (QUOTES_MAX_HTML_TAGS), and seconds of parsing
    (QUOTES_REQUEST_TIMEOUT)."""

    max_chars: int
    max_raw: int
    timeout: float
    max_html_tags: int | None = None  # QUOTES_MAX_HTML_TAGS, per document here


def _prepare(raw: dict[str, Any], limits: Limits):
    """The API's own validation and HTML handling (BatchDocumentSchema, then
    :func:`quotes.common.inputs.prepare`): the same errors, the same text."""
    from marshmallow import ValidationError

    from quotes.common.errors import ApiError
    from quotes.common.inputs import Item, check_html_tags, prepare
    from quotes.common.schemas import BatchDocumentSchema

    if "_error" in raw:
        return Item(raw["id"], error=ApiError(422, "invalid_input", raw["_error"]))
    text = raw.get("text")
    if isinstance(text, str) and _SURROGATE.search(text):
        message = "text holds an unpaired UTF-16 surrogate (\\ud800-\\udfff), which is not a character"
        return Item(raw["id"], error=ApiError(422, "invalid_input", message, {"text": [message]}))
    if isinstance(text, str) and len(text) > limits.max_raw:
        message = f"the document has {len(text)} characters as read; the limit is {limits.max_raw} (QUOTES_MAX_BODY_BYTES)"
        return Item(raw["id"], error=ApiError(422, "invalid_input", message, {"text": [message]}))
    fields_ = {k: raw[k] for k in ("id", "text", "format") if k in raw}
    try:
        doc: Any = BatchDocumentSchema().load(fields_)
    except ValidationError as exc:
        doc = exc
    if limits.max_html_tags and isinstance(doc, dict):
        try:
            check_html_tags([doc], limits.max_html_tags)  # the API's per-request bound, per document here
        except ApiError as err:
            return Item(raw["id"], error=err)
    item = prepare(doc, limits.max_chars)
    item.id = raw["id"]  # kept even when it failed validation (e.g. longer than 256 characters)
    return item


def timeout_body(seconds: float) -> dict[str, str]:
    return {
        "code": "timeout",
        "message": f"parsing took longer than {seconds:g} s (--timeout, QUOTES_REQUEST_TIMEOUT) and was abandoned",
    }


def process_docs(nlp, raws: list[dict[str, Any]], limits: Limits) -> list[Row]:
    """Rows for ``raws``, in order: one Stanza bulk call for all the valid documents,
    each held to ``limits.timeout`` seconds; a bulk call that runs out of time or breaks is
    redone document by document, so only the culprit gets the error."""
    from quotes.common.deadline import DeadlineExceeded
    from quotes.common.errors import ApiError
    from quotes.engine.extract import extract_stanza

    timeout = limits.timeout
    items = [_prepare(r, limits) for r in raws]
    todo = [i for i in items if i.error is None]
    docs: list[Any] = []
    failed = None
    if todo:
        try:
            docs = nlp.parse_many([i.text for i in todo], time.monotonic() + timeout)
        except Exception as exc:  # DeadlineExceeded included: find the one that is slow or breaks
            failed = type(exc).__name__
    # Retried outside the except block: the exception's traceback holds the abandoned
    # parse (its tensors) until the block ends, and each retry has its own time limit.
    if failed is not None:
        if len(todo) > 1:
            log.info("bulk parse of %d documents failed (%s); parsing them one by one", len(todo), failed)
        docs = []
        for item in todo:
            try:
                docs.append(nlp.parse_many([item.text], time.monotonic() + timeout)[0])
            except DeadlineExceeded:
                item.error = ApiError(504, **timeout_body(timeout))
                docs.append(None)
            except Exception:
                log.exception("document %r could not be parsed", item.id)
                item.error = ApiError(500, "parse_failed", "the parser failed on this document")
                docs.append(None)
    for item, doc in zip(todo, docs):
        if doc is None:
            continue
        try:
            item.result = extract_stanza(doc, item.text, item.timings_ms)
        except Exception:
            log.exception("extraction failed for document %r", item.id)
            item.error = ApiError(500, "internal_error", "internal error; this document was not processed")
            continue
    model = nlp.model_info()
    return [_row(item, model) for item in items]


def _row(item, model: dict[str, str]) -> Row:
    """The document's v1 JSON exactly as the API dumps it."""
    from quotes.common.schemas import DocumentErrorSchema, ResultSchema, dump_result, result_document

    if item.error is not None:
        body = DocumentErrorSchema().dump({"id": item.id, "error": item.error.body()})
        return Row(item.id, _json(body), 0, item.error.code, 0)
    if item.html:  # the API returns the text the HTML became; dump_result has no `text` argument
        body = ResultSchema().dump(result_document(item.result, doc_id=item.id, model=model, text=item.text))
    else:
        body = dump_result(item.result, doc_id=item.id, model=model)
    return Row(item.id, _json(body), item.result.words, None, len(body["attributions"]))


def _json(body: dict) -> str:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def chunked(docs: Iterable[dict[str, Any]], max_docs: int, max_chars: int) -> Iterator[list[dict[str, Any]]]:
    """Groups of at most ``max_docs`` documents and (past the first) ``max_chars`` characters."""
    chunk: list[dict[str, Any]] = []
    size = 0
    for d in docs:
        n = len(d.get("text") or "") if isinstance(d.get("text"), str) else 0
        if chunk and (len(chunk) >= max_docs or size + n > max_chars):
            yield chunk
            chunk, size = [], 0
        chunk.append(d)
        size += n
    if chunk:
        yield chunk


# -- the pipeline of this process --------------------------------------------------

_NLP: dict[Settings, Any] = {}


def process_nlp(settings: Settings):
    """The one pipeline of this process for ``settings``, loaded on first use (a
    ``--workers`` process, a Dask worker, the tests)."""
    from quotes.common.nlp import NLP

    nlp = _NLP.get(settings)
    if nlp is None:
        nlp = NLP(settings)
        nlp.load()
        _NLP[settings] = nlp
    return nlp
