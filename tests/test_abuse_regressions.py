"""Bugs that bench/abuse.py (and the probing around it) found, each pinned by a test.

Extractor and parser:
- ``Candidates.quote_toks`` scanned every token per call, and ``quote_type`` every quotation per
  character: quadratic on a text of lone quotation marks or of thousands of quotations
  (20,000 characters: 5 s of extraction, 200,000: minutes).
- Stanza's tokenizer runs an e-mail/URL regular expression that backtracks: O(n^2) on a
  stretch with no space (40,000 apostrophes: 17 s, outside any deadline check).
- A sentence with no full stop went whole to the tagger and the parser, whose memory grows
  with the square of its length (1,000 words: 3 GB; 4,000 words: killed for memory).
- Stanza pads each parser batch to its longest sentence: 300 one-word sentences with one of
  75 words took 1.1 GB.

API (each a 500 before):
- JSON nested deeper than the recursion limit; lone UTF-16 surrogates (``"\\ud800"``), which
  cannot be encoded in the answer; a chunked body with a bad chunk size.
- A chunked body over QUOTES_MAX_BODY_BYTES was silently cut at the limit (werkzeug reads up to
  it and no further) and the truncated text analysed: now 413, as with a Content-Length.
And the amplifications: a million-entry ``documents`` or ``options.types`` list validated
entry by entry (44 s, a 21 MB error), HTML with 700,000 tags (10 s, 600 MB).
"""

from __future__ import annotations

import io
import json
import random
import time
from dataclasses import replace

import numpy as np
import stanza
from gunicorn.http.errors import InvalidChunkSize
from werkzeug.test import EnvironBuilder, run_wsgi_app

from quotes.common import deadline
from quotes.common.settings import Settings
from quotes.engine.candidates import Candidates
from quotes.engine.extract import extract
from quotes.engine.parse import from_stanza
from quotes.engine.quotemarks import QuoteSpan
from quotes.engine.selective import MAX_PARSE_CELLS, MAX_SENTENCE_WORDS, parse_documents, parse_groups
from quotes.service.app import create_app


def error_of(resp, status: int) -> dict:
    assert resp.status_code == status, resp.data[:300]
    body = resp.get_json()
    assert set(body) == {"error", "request_id"}
    return body["error"]


def client(nlp, **changes):
    return create_app(replace(Settings.from_env(), **changes), nlp=nlp).test_client()


# -- extractor and parser ---------------------------------------------------------------------


def test_quote_tokens_are_indexed_once_not_scanned_per_quote():
    n = 40_000
    quote_of_tok = tuple(i // 2 if i % 4 else None for i in range(n))
    cands = Candidates(quotes=(), quote_of_tok=quote_of_tok, cues=(), source_phrases=())
    t0 = time.perf_counter()
    got = {q: cands.quote_toks(q) for q in range(n // 2)}
    assert time.perf_counter() - t0 < 2.0  # was minutes: one scan of 40,000 tokens per quote
    for q in (0, 1, 7, 19_999):
        assert got[q] == [i for i, qq in enumerate(quote_of_tok) if qq == q]
    assert cands.quote_toks(10**6) == []


def test_quoted_offsets_by_bisection_agree_with_a_scan():
    rng = random.Random(3)
    spans = []
    for _ in range(300):  # overlapping and nested stretches too
        a = rng.randrange(5000)
        spans.append(QuoteSpan(a, a + rng.randrange(1, 60), "", True))
    cands = Candidates(quotes=tuple(spans), quote_of_tok=(), cues=(), source_phrases=())
    for k in range(5100):
        assert cands.in_quotes(k) == any(q.start <= k < q.end for q in spans), k
    many = Candidates(
        quotes=tuple(QuoteSpan(i * 3, i * 3 + 2, "", True) for i in range(30_000)), quote_of_tok=(), cues=(), source_phrases=()
    )
    t0 = time.perf_counter()
    assert sum(many.in_quotes(k) for k in range(90_000)) == 60_000
    assert time.perf_counter() - t0 < 2.0  # quote_type scanned every quote per character: minutes


def test_tokenizer_regex_is_bounded_and_finds_what_stanza_finds():
    deadline._bound_tokenizer_regex()
    stanza_own = deadline.stanza_update_pred_regex
    texts = [
        "Write to jane.doe@example.com or visit https://www.example.org/a/b?c=d today.",
        'See www.bbc.co.uk/news, gov.uk and ftp. Mail "john smith"@x.com or nbc.com.',
        "a.b.c.d@e.f.g http://x.y,z and no address at all",
    ]
    for text in texts:
        raw = list(text) + ["<PAD>"] + list("x@y.com")
        pred = np.random.RandomState(0).randint(0, 3, size=len(raw))
        assert (stanza_own(raw, pred.copy()) == deadline._bounded_update_pred_regex(raw, pred.copy())).all(), text
    raw = list("'" * 200_000)
    t0 = time.perf_counter()
    deadline._bounded_update_pred_regex(raw, np.zeros(len(raw), dtype=int))
    assert time.perf_counter() - t0 < 2.0  # Stanza's own: minutes


def test_parser_groups_bound_padding():
    class S:
        def __init__(self, n):
            self.words = [None] * n

    sentences = [S(1) for _ in range(300)] + [S(28) for _ in range(5)] + [S(75), S(150), S(150)]
    groups = parse_groups(sentences)
    assert sorted(id(s) for g in groups for s in g) == sorted(id(s) for s in sentences)
    for g in groups:
        longest = max(len(s.words) for s in g)
        assert len(g) * longest**2 <= MAX_PARSE_CELLS or len(g) == 1


def test_long_sentences_are_cut_before_tagging_with_offsets_exact(nlp):
    cue_run = " ".join(["the minister said that prices"] * 100)  # 500 words, no full stop
    marks = '" ' * 300 + "\u201c" * 100  # lone quotation marks: one-character tokens
    text = f'{cue_run}\n\n{marks}\n\n"We will win," the mayor said.'
    pipeline = nlp.load()
    for selective in (True, False):
        t0 = time.perf_counter()
        (doc,) = parse_documents(pipeline, [stanza.Document([], text=text)], selective=selective)
        assert time.perf_counter() - t0 < 30  # the whole sentence at once: 13 s and 3 GB for 1,000 words
        assert max(len(s.words) for s in doc.sentences) <= MAX_SENTENCE_WORDS
        for s in doc.sentences:
            for tok in s.tokens:
                assert text[tok.start_char : tok.end_char] == tok.text
    result = extract(from_stanza(doc, text))
    assert any(a.speaker and a.speaker.mention.text == "the mayor" for a in result.attributions)
    for a in result.attributions:
        for span in a.content:
            assert text[span.start : span.end] == span.text


def test_many_tiny_sentences_with_a_long_one_parse_fast(nlp):
    # 300 one-word paragraphs (a sentence each, whatever the tokenizer) and a long sentence
    text = "No.\n\n" * 300 + " ".join(["officials said that"] * 25) + "."
    t0 = time.perf_counter()
    (doc,) = parse_documents(nlp.load(), [stanza.Document([], text=text)], rules=False)
    assert time.perf_counter() - t0 < 30 and len(doc.sentences) > 100
    text = "``" * 300 + " " + " ".join(["officials said that"] * 25) + "."
    t0 = time.perf_counter()
    (doc,) = nlp.parse_many([text])  # the rule tokenizer: one token of marks
    assert time.perf_counter() - t0 < 30 and sum(len(s.words) for s in doc.sentences) > 75


# -- API ----------------------------------------------------------------------------------------


def test_deeply_nested_json_is_400_not_500(nlp):
    c = client(nlp)
    for body in (b"[" * 100_000 + b"]" * 100_000, b'{"text": ' + b"[" * 1000 + b"]" * 1000 + b"}"):
        assert error_of(c.post("/v1/attributions", data=body, content_type="application/json"), 400)["code"] == "malformed_json"
    body = b'{"documents": [' + b"[" * 5000 + b"]" * 5000 + b"]}"
    assert error_of(c.post("/v1/attributions/batch", data=body, content_type="application/json"), 400)["code"] == "malformed_json"


def test_lone_surrogates_are_422_not_500(nlp):
    c = client(nlp)
    err = error_of(c.post("/v1/attributions", data=b'{"text": "\\ud800 he said"}', content_type="application/json"), 422)
    assert "surrogate" in err["details"]["text"][0]
    err = error_of(c.post("/v1/attributions", data=b'{"text": "He said hi.", "id": "\\udfff"}', content_type="application/json"), 422)
    assert "id" in err["details"]
    # Encoded as UTF-8 bytes (CESU), the same: JSON is decoded with surrogatepass.
    assert error_of(c.post("/v1/attributions", data=b'{"text": "\xed\xa0\x80"}', content_type="application/json"), 422)
    body = b'{"documents": [{"id": "a\\ud800", "text": "x"}, {"id": "b", "text": "\\udc00"}, {"id": "c", "text": "He said hi."}]}'
    resp = c.post("/v1/attributions/batch", data=body, content_type="application/json")
    assert resp.status_code == 200
    slots = resp.get_json()["results"]
    assert slots[0] == {"id": None, "error": slots[0]["error"]} and slots[1]["id"] == "b" and "error" in slots[1]
    assert "attributions" in slots[2]


def test_a_broken_chunked_body_is_400(nlp):
    class Broken(io.RawIOBase):
        def readable(self):
            return True

        def readinto(self, b):
            raise InvalidChunkSize(b"ZZ")  # what gunicorn raises while the app reads

    app = create_app(Settings.from_env(), nlp=nlp)
    environ = EnvironBuilder(path="/v1/attributions", method="POST", content_type="text/plain", data=b"x").get_environ()
    environ.update({"wsgi.input": Broken(), "CONTENT_LENGTH": "", "HTTP_TRANSFER_ENCODING": "chunked", "wsgi.input_terminated": True})
    body, status, _ = run_wsgi_app(app, environ)
    assert status.startswith("400")
    err = json.loads(b"".join(body))["error"]
    assert err["code"] == "unreadable_body" and "ZZ" not in err["message"]


def test_a_chunked_body_over_the_limit_is_413_not_cut(nlp):
    app = create_app(replace(Settings.from_env(), max_body_bytes=1000), nlp=nlp)

    def send(body: bytes, ctype: str):
        environ = EnvironBuilder(path="/v1/attributions", method="POST", content_type=ctype, data=b"x").get_environ()
        # What gunicorn passes for Transfer-Encoding: chunked: no length, a stream it terminates itself.
        environ.update({"wsgi.input": io.BytesIO(body), "wsgi.input_terminated": True, "HTTP_TRANSFER_ENCODING": "chunked"})
        del environ["CONTENT_LENGTH"]
        out, status, _ = run_wsgi_app(app, environ)
        return int(status.split()[0]), json.loads(b"".join(out))

    status, body = send(b"He said hi. " * 100, "text/plain")  # 1,200 bytes: was parsed cut at 1,000
    assert status == 413 and body["error"]["code"] == "body_too_large"
    status, body = send(json.dumps({"text": "x" * 2000}).encode(), "application/json")  # was a 400: cut JSON
    assert status == 413
    status, body = send(b"He said hi.", "text/plain")
    assert status == 200 and body["attributions"] == []


def test_huge_lists_and_objects_are_refused_before_validation(nlp):
    c = client(nlp)
    t0 = time.perf_counter()
    resp = c.post("/v1/attributions/batch", data=json.dumps({"documents": [1] * 600_000}), content_type="application/json")
    assert "limit is 50" in error_of(resp, 422)["message"]
    resp = c.post("/v1/attributions", json={"text": "x", "options": {"types": ["q"] * 400_000}})
    assert error_of(resp, 422)["details"] == {"options": ["options.types has 400000 entries; at most 16"]} and len(resp.data) < 500
    resp = c.post("/v1/attributions", json={"text": "x", **{f"k{i}": i for i in range(100_000)}})
    assert error_of(resp, 422)["code"] == "invalid_input" and len(resp.data) < 500
    resp = c.post("/v1/attributions/batch", json={"documents": [{"id": "a", "text": "x", **{f"k{i}": 1 for i in range(50)}}]})
    assert error_of(resp, 422)["code"] == "invalid_input"
    assert time.perf_counter() - t0 < 10  # was 44 s and 29 s, with a 21 MB answer


def test_html_with_too_many_tags_is_422_before_it_is_parsed(nlp):
    c = client(nlp, max_html_tags=1000)
    t0 = time.perf_counter()
    err = error_of(c.post("/v1/attributions", data=b"<b>" * 600_000, content_type="text/html"), 422)
    assert "QUOTES_MAX_HTML_TAGS" in err["message"] and time.perf_counter() - t0 < 3  # was 10 s and 600 MB
    docs = [{"id": str(i), "text": "<i>x</i>" * 300, "format": "html"} for i in range(4)]  # 2,400 tags together
    assert error_of(c.post("/v1/attributions/batch", json={"documents": docs}), 422)["code"] == "invalid_input"
    resp = c.post("/v1/attributions", data=b"<p>" + b"<i>x</i> " * 400 + b"</p>", content_type="text/html")
    assert resp.status_code == 200
