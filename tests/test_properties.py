"""Properties of the extractor over generated texts (hypothesis): it never
raises, every span is an exact slice of the input, results are deterministic
and survive a JSON round trip. Example counts are bounded for CI."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes.common.schemas import dump_result
from quotes.engine.extract import analyze
from quotes.engine.quotemarks import MARKS, find_quotes
from quotes.engine.sieves import Claims, Draft

PIECES = [
    "Smith",
    "He",
    "she",
    "said",
    "says",
    "told reporters",
    "according to",
    "the report",
    "Kremlin aide Yury Ushakov",
    "noted",
    "warned that",
    "plans to",
    *MARKS,  # every quotation mark the service knows
    "don\u2019t",
    "Trump\u2019s",
    "'90s",
    ",",
    ".",
    ":",
    "--",
    "\u2015",
    "\n",
    "\n\n",
    " ",
    "caf\u00e9",
    "\u4e2d\u6587",
    "\U0001f600",
    "WALLACE:",
    "(D-Md.)",
    "it was reported that",
    "the",
    "deal",
    "a disaster",
]
texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map(" ".join)


def all_spans(body: dict):
    for a in body["attributions"]:
        yield from a["content"]["spans"]
        if a["cue"]:
            yield a["cue"]
        if a["speaker"]:
            yield a["speaker"]["mention"]
    for s in body.get("speakers", []):
        yield from s["mentions"]
    yield from body.get("skipped", [])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab \n\"'\u201c\u201d\u2018\u2019`\u00ab\u00bb.,:")), max_size=200))
def test_quote_finder_spans_are_slices(text):
    for q in find_quotes(text):
        assert 0 <= q.start < q.end <= len(text) and text[q.start : q.end] == q.text


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts)
def test_extraction_never_raises_and_spans_index_the_input(nlp, text):
    if not text.strip():
        return
    first = analyze(text, nlp)
    body = dump_result(first, doc_id=None, model={})
    for span in all_spans(body):
        assert 0 <= span["start"] <= span["end"] <= len(text)
        assert text[span["start"] : span["end"]] == span["text"]
    again = analyze(text, nlp)
    assert (again.attributions, again.speakers, again.skipped) == (first.attributions, first.speakers, first.skipped)
    assert json.loads(json.dumps(body, ensure_ascii=False)) == body


spans = st.tuples(st.integers(0, 500), st.integers(1, 120)).map(lambda p: (p[0], p[0] + p[1]))


@settings(max_examples=300, deadline=None)
@given(claimed=st.lists(st.lists(spans, min_size=1, max_size=3), max_size=30), probe=spans)
def test_a_claimed_stretch_is_found_exactly_as_a_scan_would(claimed, probe):
    # Sieves skip content overlapping what an earlier sieve claimed; the lookup is a
    # bisection (thousands of quotations), so it must agree with the plain scan.
    claims = Claims()
    for content in claimed:
        claims.take(Draft(tuple(content), (), None, "test", 1.0, "speech"))
    start, end = probe
    scan = any(s < end and start < e for content in claimed for s, e in content)
    assert claims.overlaps(start, end) == scan


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=40).map(" ".join),
    st.integers(min_value=0, max_value=400),
    st.integers(min_value=0, max_value=400),
)
def test_quoted_characters_are_counted_as_a_scan_would(text, a, b):
    """``Candidates.quoted_chars`` (what ``quote_type`` reads) counts the non-space characters
    inside quotation marks exactly as a character-by-character scan does."""
    from quotes.engine.candidates import Candidates

    cands = Candidates(tuple(find_quotes(text)), (), (), ())
    start, end = min(a, b, len(text)), min(max(a, b), len(text))
    scan = sum(1 for k in range(start, end) if not text[k].isspace() and cands.in_quotes(k))
    assert cands.quoted_chars(text, start, end) == scan
