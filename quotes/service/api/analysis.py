"""Texts in, results out, within the request's time limit: the documents of a request
parsed in bulk (shared with the worker's batch helpers, quotes.service.fanout), then
:func:`quotes.engine.extract.extract` on each."""

from __future__ import annotations

import logging
import time

from quotes.common.deadline import DeadlineExceeded
from quotes.common.errors import ApiError
from quotes.common.inputs import Item
from quotes.common.nlp import NLP
from quotes.engine.extract import extract_stanza
from quotes.service import fanout

log = logging.getLogger("quotes.api")


def timeout_error(seconds: float) -> ApiError:
    return ApiError(
        504,
        "timeout",
        f"the request took longer than {seconds:g} s (QUOTES_REQUEST_TIMEOUT) and was abandoned; send less text per request",
    )


def run(nlp: NLP, items: list[Item], deadline_at: float, timeout: float) -> float:
    """Fill ``result`` (or ``error``) of every item that has no error yet; return the
    parse time of them all in ms. Each result's ``timings_ms``: html, parse (when
    alone), extract. Past the deadline the whole request fails: 504, raised.

    Several documents are shared with this worker's batch helpers (quotes.service.fanout),
    when it has any; one document goes to an idle helper when this worker is parsing
    already. A document that breaks the parser or the extractor gets a 500 of its own
    when it is one of several; alone, the error goes up to the 500 handler."""
    todo = [i for i in items if i.error is None]
    if not todo:
        return 0.0
    helpers = fanout.current()
    groups = helpers.split([i.text for i in todo], nlp.busy) if helpers else [list(range(len(todo)))]
    sent = [(g, helpers.submit([todo[k].text for k in g], deadline_at)) for g in groups[1:]] if helpers else []
    parse_ms = _parse_and_extract(nlp, [todo[k] for k in groups[0]], deadline_at, timeout, alone=len(todo) == 1)
    for group, future in sent:
        mine = [todo[k] for k in group]
        share = None
        if future is not None:
            try:
                share = helpers.collect(future, deadline_at)
            except DeadlineExceeded as exc:
                raise timeout_error(timeout) from exc
            except Exception:
                log.exception("a batch helper could not parse its share; parsing it here")
        if share is None:
            parse_ms += _parse_and_extract(nlp, mine, deadline_at, timeout, alone=len(todo) == 1)
            continue
        if len(todo) == 1:
            mine[0].timings_ms["parse"] = share.parse_ms
        for item, result in zip(mine, share.results):
            # in the order the worker's own results have: html, parse, extract
            result.timings_ms.update(item.timings_ms, extract=result.timings_ms.pop("extract"))
            item.result = result
        parse_ms = max(parse_ms, share.parse_ms)
    return parse_ms


def _parse_and_extract(nlp: NLP, todo: list[Item], deadline_at: float, timeout: float, alone: bool) -> float:
    """:func:`run` for the documents this worker parses itself: one bulk call, then extraction."""
    if not todo:
        return 0.0
    t0 = time.perf_counter()
    broken = False
    try:
        docs: list = nlp.parse_many([i.text for i in todo], deadline_at)
    except DeadlineExceeded as exc:
        raise timeout_error(timeout) from exc
    except Exception:
        if alone:
            raise
        log.exception("bulk parse failed; parsing the documents one by one")
        broken = True
    if broken:  # outside the except block, which would keep the failed parse alive meanwhile
        try:
            docs = [_parse_one(nlp, i, deadline_at) for i in todo]
        except DeadlineExceeded as exc:
            raise timeout_error(timeout) from exc
    parse_ms = round((time.perf_counter() - t0) * 1000, 1)
    if alone:  # a batch's parse time is shared; only the batch meta reports it
        todo[0].timings_ms["parse"] = parse_ms

    for item, doc in zip(todo, docs):
        if time.monotonic() > deadline_at:
            raise timeout_error(timeout)
        if doc is None:
            continue
        try:
            item.result = extract_stanza(doc, item.text, item.timings_ms)
        except Exception:
            if alone:
                raise
            log.exception("extraction failed for one document of a batch")
            item.error = ApiError(500, "internal_error", "internal error; this document was not processed")
            continue
    return parse_ms


def _parse_one(nlp: NLP, item: Item, deadline_at: float):
    try:
        return nlp.parse_many([item.text], deadline_at)[0]
    except DeadlineExceeded:
        raise
    except Exception:
        log.exception("a batch document could not be parsed")
        item.error = ApiError(500, "parse_failed", "the parser failed on this document")
        return None
