"""Pairing: an ordered list of named sieves, each claiming what it is sure of.

Modelled on CoreNLP's quote attribution: every sieve is a small function
``(parse, candidates, claims) -> list[Draft]``. Sieves run in :data:`SIEVES`
order; what one claims (a quotation, a cue word, a stretch of content) is not
offered to later ones, so the surest patterns win. Adding a rule means adding
a sieve to the list. Each draft records the sieve's name and confidence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from quotes import learned
from quotes.candidates import (
    FINAL_PUNCT,
    Candidates,
    CueHit,
    clause_content,
    noun_phrase_after,
    object_content,
    phrase_host_content,
    phrase_source,
    sentence_end,
    trim_range,
)
from quotes.cues import lookup_lemma
from quotes.parse import Parse
from quotes.quotemarks import QuoteSpan
from quotes.speakers import dateline_end, source_of

# Word classes that may stand between a quotation and its cue clause
# ("...," [the Kremlin aide Yury Ushakov] noted): a speaker phrase, never a verb.
GAP_UPOS = frozenset({"PROPN", "NOUN", "PRON", "DET", "ADJ", "ADV", "AUX", "NUM", "PART", "ADP", "CCONJ", "PUNCT", "X", "SYM"})
# Longest speaker stretch between a quotation and its cue, in tokens: long
# enough for "Scott Pruitt, the Republican attorney general of Oklahoma, said".
MAX_GAP = 30


@dataclass(frozen=True)
class Draft:
    """An attribution before speaker resolution (token / character positions)."""

    content: tuple[tuple[int, int], ...]  # character spans, text order
    cue: tuple[int, ...]  # token indexes
    source: tuple[int, int] | None  # token range of the speaker mention
    sieve: str
    confidence: float
    frame: str
    quotes: tuple[int, ...] = ()  # quotation indexes this draft uses
    partial: bool = False
    skip: str | None = None  # set when the sieve claims a non-attribution


@dataclass
class Claims:
    quotes: set[int] = field(default_factory=set)
    cues: set[int] = field(default_factory=set)
    chars: list[tuple[int, int]] = field(default_factory=list)  # claimed content spans, sorted
    _longest: int = 0

    def take(self, d: Draft) -> None:
        self.quotes.update(d.quotes)
        self.cues.update(d.cue)
        if d.skip is None:
            for span in d.content:
                insort(self.chars, span)
                self._longest = max(self._longest, span[1] - span[0])

    def overlaps(self, start: int, end: int) -> bool:
        # Sorted by start, only spans starting within the longest span's length before
        # ``start`` can reach it: a bisection, not a scan (thousands of quotations).
        k = bisect_left(self.chars, (end,))
        while k > 0:
            k -= 1
            s, e = self.chars[k]
            if s < start - self._longest:
                return False
            if s < end and start < e:
                return True
        return False


SieveFn = Callable[[Parse, Candidates, Claims], list[Draft]]


def _span_of(parse: Parse, rng: tuple[int, int]) -> tuple[int, int]:
    return parse.toks[rng[0]].start, parse.toks[rng[1]].end


def _hits(cands: Candidates) -> dict[int, CueHit]:
    return {h.tok: h for h in cands.cues}


def _paragraph_break(parse: Parse, i: int, j: int) -> bool:
    """Is there a newline between tokens i < j?"""
    return "\n" in parse.text[parse.toks[i].end : parse.toks[j].start]


def _free_cue(cands: Candidates, claims: Claims, hits: dict[int, CueHit], j: int, takes: str) -> CueHit | None:
    h = hits.get(j)
    if h and takes in h.cue.takes and j not in claims.cues and not cands.in_quote(j):
        return h
    return None


def _free_quotes(cands: Candidates, claims: Claims) -> Iterator[tuple[int, QuoteSpan, list[int]]]:
    """Quotations no earlier sieve claimed, with their tokens (index, span, tokens)."""
    for q, span in enumerate(cands.quotes):
        toks = cands.quote_toks(q)
        if q not in claims.quotes and toks:
            yield q, span, toks


def _quotes_inside(cands: Candidates, claims: Claims, start: int, end: int) -> tuple[int, ...]:
    return tuple(q for q in cands.quotes_starting_in(start, end) if q not in claims.quotes and cands.quotes[q].end <= end)


# --- sieves --------------------------------------------------------------------


def _cue_after(parse: Parse, cands: Candidates, claims: Claims, hits, last: int) -> tuple[CueHit, list[int]] | None:
    """``"...," [speaker] CUE``: the first free cue verb after the quote with
    only a speaker phrase between (no verb, no sentence end, no new quote)."""
    gap: list[int] = []
    depth = 0  # inside "(D-Wis.)" anything goes
    for j in range(last + 1, min(last + 1 + MAX_GAP, len(parse.toks))):
        t = parse.toks[j]
        if cands.in_quote(j) or _paragraph_break(parse, j - 1, j):
            return None
        depth += {"(": 1, ")": -1}.get(t.text, 0)
        hit = None if depth > 0 else _free_cue(cands, claims, hits, j, "quote")
        if hit:
            return hit, gap
        # A participle may modify the speaker ("one of the states suing the EPA").
        verbal = t.upos == "VERB" and t.xpos in ("VBG", "VBN")
        if depth <= 0 and (t.text in FINAL_PUNCT or (t.upos not in GAP_UPOS and not verbal) or t.lower in ("that", "who", "which")):
            return None
        gap.append(j)
    return None


def _cue_before(
    parse: Parse, cands: Candidates, claims: Claims, hits, first: int, quote_text: str, ends_clause: bool
) -> tuple[CueHit, list[int]] | None:
    """``[speaker] CUE [object]:|, "..."``: the nearest free cue verb before
    the quote, the stretch between ending in a colon or comma (or empty, when
    the quotation starts like a sentence)."""
    gap: list[int] = []
    for j in range(first - 1, max(first - 1 - MAX_GAP, -1), -1):
        t = parse.toks[j]
        if cands.in_quote(j) or _paragraph_break(parse, j, j + 1):
            return None
        hit = _free_cue(cands, claims, hits, j, "quote")
        if hit:
            between = parse.text[parse.toks[j].end : parse.toks[first].start].strip()
            starts_sentence = quote_text.lstrip("\"'“‘«`").strip()[:1].isupper()
            if between.endswith((":", ",")) or (not between and starts_sentence and ends_clause):
                return hit, gap
            return None
        if t.text in FINAL_PUNCT or t.upos not in GAP_UPOS or t.lower in ("that", "who", "which"):
            return None
        gap.append(j)
    return None


def _opens_clause(parse: Parse, i: int) -> bool:
    """Does the quotation starting at token ``i`` open its sentence (or follow
    a colon or a sentence-initial conjunction)?"""
    first = parse.sentences[parse.toks[i].sent][0]
    prev = [t for t in parse.toks[first:i] if not t.is_punct or t.text == ":"]
    return not prev or prev[-1].text == ":" or (len(prev) == 1 and prev[0].upos == "CCONJ") or _opens_sentence(parse, i)


def _writer_lead(parse: Parse, i: int, gap: list[int]) -> tuple[int, int]:
    """Characters of a mixed content: from the sentence start through the
    quotation and any words after it up to the comma before the speaker
    ("Mills "got an immunity agreement," said Jordan")."""
    first = parse.sentences[parse.toks[i].sent][0]
    # Not past a full stop or a paragraph break the parser left in the sentence.
    while first < i and (parse.toks[first].text in FINAL_PUNCT or "\n" in parse.text[parse.toks[first].end : parse.toks[i].start]):
        first += 1
    commas = [j for j in gap if parse.toks[j].text == ","]
    end_tok = (commas[-1] - 1) if commas else (gap[0] - 1 if gap else i)
    rng = trim_range(parse, first, max(end_tok, i)) or (i, i)
    return parse.toks[rng[0]].start, parse.toks[rng[1]].end


def _gap_speaker(parse: Parse, gap: list[int]) -> tuple[int, int] | None:
    words = sorted(j for j in gap if parse.toks[j].upos in ("PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM", "PART"))
    if not words:
        return None
    rng = trim_range(parse, words[0], words[-1])
    return rng


def quote_with_adjacent_cue(parse: Parse, cands: Candidates, claims: Claims) -> list[Draft]:
    """Direct quotations next to their cue clause, before, after or around it:
    ``"...," Ushakov noted`` / ``said Ushakov`` / ``He said: "..."`` /
    ``"A," she said, "B."`` (one attribution, two fragments)."""
    hits = _hits(cands)
    found: dict[int, tuple[CueHit, list[int], tuple[int, int] | None]] = {}
    lead: dict[int, tuple[int, int]] = {}  # mixed: the writer's words around a mid-sentence quote
    for q, span, toks in _free_quotes(cands, claims):
        # "...we will win." Smith said: a full stop inside the marks ends the
        # sentence, so a cue after it belongs to what follows.
        after = None if span.text.rstrip("\"'”’»` ").endswith(".") else _cue_after(parse, cands, claims, hits, max(toks))
        nxt = max(toks) + 1
        ends_clause = nxt >= len(parse.toks) or parse.toks[nxt].is_punct or parse.toks[nxt].sent != parse.toks[max(toks)].sent
        before = None if after else _cue_before(parse, cands, claims, hits, min(toks), span.text, ends_clause)
        match = after or before
        if match is None:
            continue
        hit, gap = match
        source = source_of(parse, cands, hit.tok)
        if source is None and after:
            source = _gap_speaker(parse, gap) or noun_phrase_after(parse, hit.tok + 1)
        elif source is None:
            source = _gap_speaker(parse, [j for j in range(hit.tok - 1, max(hit.tok - 6, -1), -1) if not cands.in_quote(j)])
        if after and not _opens_clause(parse, toks[0]):
            if _is_title(span.text):
                continue  # 'On "Fox News Sunday," Pence said': a name, not his words
            lead[q] = _writer_lead(parse, toks[0], gap)
        found[q] = (hit, gap, source)
    drafts = []
    by_cue: dict[int, list[int]] = {}
    for q, (hit, _, _) in found.items():
        by_cue.setdefault(hit.tok, []).append(q)
    for qs in by_cue.values():
        hit, _, source = found[qs[0]]
        qs = _with_continuations(parse, cands, claims, found, sorted(qs), hit.tok)
        content = [(cands.quotes[q].start, cands.quotes[q].end) for q in qs]
        if qs[0] in lead:
            content[0] = (lead[qs[0]][0], max(content[0][1], lead[qs[0]][1]))
        drafts.append(
            Draft(
                content=tuple(content),
                cue=hit.toks,
                source=source,
                sieve="quote_with_adjacent_cue",
                confidence=0.95 * hit.cue.weight,
                frame=hit.cue.frame,
                quotes=tuple(sorted(qs)),
            )
        )
    return drafts


def _with_continuations(parse: Parse, cands: Candidates, claims: Claims, found: dict, qs: list[int], cue: int) -> list[int]:
    """Extend a quotation's fragments with the cue-less quotations that carry
    it on: ``"A," he said. "B." "C."`` in one paragraph, or a quotation left
    open at a paragraph end and reopened in the next (news convention)."""
    text = parse.text
    # Where the cue clause ends: its sentence-final mark (a parser may have
    # put the next quotation's opening mark into the same sentence).
    stop = next((t.end for t in parse.toks[cue:] if t.text in (".", "!", "?") or cands.in_quote(t.i)), len(text))
    # A quotation run on from the paragraph before, reopened here: "...town.\n\n"We will ...," she added.
    while qs[0] > 0 and cands.quotes[qs[0]].continues and not cands.quotes[qs[0] - 1].closed:
        if qs[0] - 1 in found or qs[0] - 1 in claims.quotes:
            break
        qs.insert(0, qs[0] - 1)
    q = qs[-1]
    while q + 1 < len(cands.quotes) and q + 1 not in found and q + 1 not in claims.quotes:
        prev, nxt = cands.quotes[q], cands.quotes[q + 1]
        between = text[prev.end : nxt.start]
        runs_on = nxt.continues and not prev.closed
        # "A," Tester said, referring to X, "B.": the cue clause, then a comma.
        resumed = prev.end <= parse.toks[cue].start < nxt.start and between.rstrip().endswith(",") and stop >= nxt.start
        toks_next = cands.quote_toks(q + 1)
        # "A," Obama said after X. He did not Y. "B.": no other cue in between.
        later = (
            bool(toks_next)
            and _opens_sentence(parse, toks_next[0])
            and not any(prev.end <= parse.toks[h.tok].start < nxt.start for h in cands.cues if h.tok != cue)
        )
        adjacent = later or resumed or not between.strip() or (prev.end <= stop <= nxt.start and not text[stop : nxt.start].strip())
        if not runs_on and (not adjacent or "\n" in between):
            break
        q += 1
        qs.append(q)
    return qs


DASHES = frozenset({"\u2015", "\u2014", "\u2013", "--", "-"})


def _short_np(parse: Parse, a: int, b: int) -> tuple[int, int] | None:
    """Token range [a, b] as a speaker phrase: a few words, no verb."""
    rng = trim_range(parse, a, b)
    if rng is None or rng[1] - rng[0] > 7:
        return None
    toks = parse.toks[rng[0] : rng[1] + 1]
    if any(t.upos in ("VERB", "SCONJ") for t in toks) or not any(t.upos in ("PROPN", "NOUN", "PRON") for t in toks):
        return None
    return rng


def _clause_root(parse: Parse, a: int, b: int) -> int | None:
    """The token of [a, b] whose head lies outside it (the clause's main word)."""
    tops = [i for i in range(a, b + 1) if not (a <= parse.toks[i].head <= b)]
    return tops[0] if len(tops) == 1 else None


def quote_with_punct_cue(parse: Parse, cands: Candidates, claims: Claims) -> list[Draft]:
    """Punctuation as the cue: ``X reports:`` then a quotation (even in the
    next paragraph), ``Ellis: "..."``, and ``"..." -- X`` / ``"..." ― X``."""
    hits = _hits(cands)
    drafts = []
    for q, span, toks in _free_quotes(cands, claims):
        cue: tuple[int, ...] = ()
        source = None
        frame, conf = "speech", 0.8
        colon = toks[0] - 1
        after = toks[-1] + 1
        if colon >= 0 and parse.toks[colon].text == ":" and not cands.in_quote(colon):
            first = parse.sentences[parse.toks[colon].sent][0]
            verbs = [h for j in range(first, colon) if (h := _free_cue(cands, claims, hits, j, "quote"))]
            if verbs:
                cue, source = verbs[-1].toks, source_of(parse, cands, verbs[-1].tok)
                frame, conf = verbs[-1].cue.frame, 0.9 * verbs[-1].cue.weight
                if source is None:
                    source = _short_np(parse, max(first, verbs[-1].tok - 6), verbs[-1].tok - 1) or noun_phrase_after(
                        parse, verbs[-1].tok + 1
                    )
            elif (np := _short_np(parse, first, colon - 1)) is not None:
                cue, source = (colon,), np
            elif (root := _clause_root(parse, first, colon - 1)) is not None and parse.toks[root].upos == "VERB":
                # "The piece used one of her quotes as its headline: ..."
                cue, source, conf = (colon,), source_of(parse, cands, root), 0.6
        elif colon >= 0 and parse.toks[colon].text in DASHES and not cands.in_quote(colon):
            # "... including Mitt Romney -- ''It is disqualifying ...''"
            first = parse.sentences[parse.toks[colon].sent][0]
            np = _short_np(parse, max(first, colon - 4), colon - 1)
            if np is not None and parse.toks[np[1]].upos == "PROPN":
                cue, source = (colon,), np
        elif after < len(parse.toks) and parse.toks[after].text in DASHES and not _paragraph_break(parse, toks[-1], after):
            np = noun_phrase_after(parse, after + 1)
            if np is not None and parse.toks[np[0]].is_capitalised:
                cue, source = (after,), np
        if not cue:
            continue
        drafts.append(Draft(((span.start, span.end),), cue, source, "quote_with_punct_cue", conf, frame, (q,)))
    return drafts


TURN_LABEL = re.compile(r"^[\"“'‘]*\s*([A-Z][A-Z.'’\- ]{1,30}[A-Z.]):\s+\S")


def transcript_turn(parse: Parse, cands: Candidates, claims: Claims) -> list[Draft]:
    """A transcript paragraph: ``WALLACE: Do you really see ...`` (quoted or
    not). The upper-case label is the speaker, the colon the cue, the rest of
    the paragraph the content."""
    drafts = []
    pos = 0
    for para in parse.text.split("\n"):
        start, pos = pos, pos + len(para) + 1
        m = TURN_LABEL.match(para)
        if not m:
            continue
        label_start, colon = start + m.start(1), start + m.end(1)
        body_start = colon + 1 + (len(para[m.end(1) + 1 :]) - len(para[m.end(1) + 1 :].lstrip()))
        body_end = start + len(para.rstrip())
        label = [t.i for t in parse.toks if label_start <= t.start and t.end <= colon]
        cue = [t.i for t in parse.toks if t.start == colon and t.text.startswith(":")]
        if not label or claims.overlaps(body_start, body_end):
            continue
        quotes = tuple(q for q, sp in enumerate(cands.quotes) if sp.start < body_end and body_start < sp.end and q not in claims.quotes)
        drafts.append(Draft(((body_start, body_end),), tuple(cue), (label[0], label[-1]), "transcript_turn", 0.85, "speech", quotes))
    return drafts


def according_to(parse: Parse, cands: Candidates, claims: Claims) -> list[Draft]:
    """``CONTENT, according to SOURCE`` (either order): the content is the
    rest of the sentence."""
    drafts = []
    for phrase in cands.source_phrases:
        if any(cands.in_quote(i) or i in claims.cues for i in phrase):
            continue
        np = phrase_source(parse, phrase[-1] + 1)
        if np is None:
            continue
        frags = [_span_of(parse, r) for r in phrase_host_content(parse, phrase, np[1])]
        if not frags or any(claims.overlaps(s, e) for s, e in frags):
            continue
        drafts.append(
            Draft(
                content=tuple(frags),
                cue=phrase,
                source=np,
                sieve="according_to",
                confidence=0.9,
                frame="speech",
                quotes=tuple(q for s, e in frags for q in _quotes_inside(cands, claims, s, e)),
            )
        )
    return drafts


def _cue_draft(
    parse: Parse, cands: Candidates, claims: Claims, hit: CueHit, span: tuple[int, int], sieve: str, base: float, source=None
) -> Draft:
    """A one-fragment attribution of a cue verb, its source from the tree
    unless given, claiming the quotations the content holds."""
    start, end = span
    return Draft(
        content=(span,),
        cue=hit.toks,
        source=source if source is not None else source_of(parse, cands, hit.tok),
        sieve=sieve,
        confidence=base * hit.cue.weight,
        frame=hit.cue.frame,
        quotes=_quotes_inside(cands, claims, start, end + 1),
    )


def _through_following_quotes(parse: Parse, cands: Candidates, end: int, cue: int) -> int:
    """Grow a paraphrase over the quotations that finish it in the same
    sentence, which a weak parse leaves out: 'claiming that voting fraud is
    "a big, big problem" but "nobody has the guts to talk about it."'"""
    sentence_end_char = parse.toks[sentence_end(parse, cue)].end
    for q in cands.quotes:
        if q.start < end:
            continue
        gap = parse.text[end : q.start].strip()
        if q.start >= sentence_end_char or gap not in ("", ",", "but", "and", ", but", ", and", "or"):
            break
        end = q.end
    return end


def _agentless_passive(parse: Parse, verb: int) -> bool:
    """ "is expected to", "were believed to": a passive cue with no "by" agent before an infinitive."""
    if not parse.kids(verb, "aux:pass") or verb + 1 >= len(parse.toks) or parse.toks[verb + 1].lower != "to":
        return False
    return not any(c.lower == "by" for k in parse.kids(verb, "obl", "obl:agent") for c in parse.kids(k.i, "case"))


def cue_verb_clause(parse: Parse, cands: Candidates, claims: Claims) -> list[Draft]:
    """Indirect speech and attitudes: ``X said (that) ...``, ``X plans to ...``,
    ``the report shows that ...``, ``X announced his resignation``. A quotation
    inside the clause makes it mixed."""
    drafts = []
    for hit in cands.cues:
        v = parse.toks[hit.tok]
        if hit.tok in claims.cues or cands.in_quote(hit.tok) or claims.overlaps(v.start, v.end):
            continue
        if _agentless_passive(parse, hit.tok) and _reported_by_a_later_cue(parse, cands, hit.tok):
            continue  # "Demand is expected to slow, Keating said": the forecast is what Keating said
        rng = clause_content(parse, hit) or object_content(parse, hit)
        if rng is None or rng[1] - rng[0] < 1:
            continue
        start, end = _span_of(parse, rng)
        # A content that stops inside a quotation runs to its closing mark.
        end = max([end] + [cands.quotes[q].end for q in cands.quotes_starting_in(start, end) if end < cands.quotes[q].end])
        end = _through_following_quotes(parse, cands, end, hit.tok)
        if claims.overlaps(start, end):
            continue
        d = _cue_draft(parse, cands, claims, hit, (start, end), "cue_verb_clause", 0.85)
        claims.take(d)  # so a cue inside this content is not attributed again
        drafts.append(d)
    return drafts


def reported_clause_before_cue(parse: Parse, cands: Candidates, claims: Claims) -> list[Draft]:
    """``The talks went well, Ushakov said.`` / ``..., said Ushakov.``: an
    unquoted clause, then a comma and a short cue clause ending the sentence."""
    drafts = []
    for hit in cands.cues:
        if hit.tok in claims.cues:
            continue
        comma = _closing_cue_comma(parse, cands, hit)
        if comma is None:
            continue
        first = parse.sentences[parse.toks[hit.tok].sent][0]
        dash = dateline_end(parse, comma)
        if dash is not None and dash < comma - 1:
            first = dash + 1  # "TOKYO, March 2 - Japanese banks are ..., sources said": the dateline is no content
        rng = trim_range(parse, first, comma - 1)
        if rng is None:
            continue
        start, end = _span_of(parse, rng)
        if claims.overlaps(start, end):
            continue
        source = (
            source_of(parse, cands, hit.tok)
            or _gap_speaker(parse, list(range(comma + 1, hit.tok)))
            or noun_phrase_after(parse, hit.tok + 1)
        )
        drafts.append(_cue_draft(parse, cands, claims, hit, (start, end), "reported_clause_before_cue", 0.8, source))
    return drafts


def _closing_cue_comma(parse: Parse, cands: Candidates, hit: CueHit) -> int | None:
    """The comma before a short cue clause that ends its sentence (", Ushakov said.",
    ", said Ushakov.", ", banking sources said here."), or None."""
    v = parse.toks[hit.tok]
    if cands.in_quote(hit.tok) or "clause" not in hit.cue.takes:
        return None
    first, last = parse.sentences[v.sent]
    comma = next((j for j in range(hit.tok - 1, max(first, hit.tok - 7) - 1, -1) if parse.toks[j].text == ","), None)
    tail = [parse.toks[j] for j in range(hit.tok + 1, last)]
    if comma is None or comma - first < 3 or any(t.upos in ("VERB", "SCONJ") for t in tail):
        return None
    if any(parse.toks[j].upos in ("VERB", "SCONJ") and not _modifier(parse, j) for j in range(comma + 1, hit.tok)):
        return None
    if any(parse.toks[j].lower in ("that", "which", "who", "whom") for j in range(comma + 1, hit.tok)):
        return None  # ", another company that had declared bankruptcy": a relative clause
    if not any(parse.toks[j].upos in ("NOUN", "PROPN", "PRON") for j in (*range(comma + 1, hit.tok), *range(hit.tok + 1, last))):
        return None  # ", is not expected until 1989": nobody speaks
    return comma


def _reported_by_a_later_cue(parse: Parse, cands: Candidates, tok: int) -> bool:
    s_last = parse.sentences[parse.toks[tok].sent][1]
    return any(tok < h.tok <= s_last and (_closing_cue_comma(parse, cands, h) or -1) > tok for h in cands.cues)


def _modifier(parse: Parse, j: int) -> bool:
    """A participle before a noun ("banking sources", "unnamed officials"), not a verb of its own."""
    return parse.toks[j].xpos in ("VBG", "VBN") and j + 1 < len(parse.toks) and parse.toks[j + 1].upos in ("NOUN", "PROPN")


def partial_quote_of_cue(parse: Parse, cands: Candidates, claims: Claims) -> list[Draft]:
    """A quoted fragment that is the object of a cue in the writer's own
    sentence: ``advocating for "peace and diplomacy"``."""
    hits = _hits(cands)
    drafts = []
    for q, span, toks in _free_quotes(cands, claims):
        j, between = min(toks) - 1, []
        while j >= 0 and parse.toks[j].upos in ("ADP", "PART") and len(between) < 2 and not cands.in_quote(j):
            between.append(j)
            j -= 1
        hit = hits.get(j) if j >= 0 else None
        # Only through a preposition ("advocating for"): a bare object ("reported "2,521 incidents" in ...")
        # is the start of a longer paraphrase, left to the clause sieves.
        if hit is None or not between or j in claims.cues or cands.in_quote(j) or not ({"object", "quote"} & hit.cue.takes):
            continue
        drafts.append(
            Draft(
                content=((span.start, span.end),),
                cue=tuple(sorted((*hit.toks, *between))),
                source=source_of(parse, cands, hit.tok),
                sieve="partial_quote_of_cue",
                confidence=0.8 * hit.cue.weight,
                frame=hit.cue.frame,
                quotes=(q,),
                partial=True,
            )
        )
    return drafts


def quote_in_cue_clause(parse: Parse, cands: Candidates, claims: Claims) -> list[Draft]:
    """A quotation inside the writer's paraphrase after a cue, when the tree
    did not give the clause: ``she said she wanted to speak "directly to white
    people"``: the content runs from after the cue to the end of the sentence."""
    drafts = []
    for _, span, toks in _free_quotes(cands, claims):
        first, _ = parse.sentences[parse.toks[toks[0]].sent]
        hit = next(
            (
                h
                for h in reversed(cands.cues)
                if first <= h.tok < toks[0] and h.tok not in claims.cues and not cands.in_quote(h.tok) and h.cue.takes & {"clause", "quote"}
            ),
            None,
        )
        if hit is None:
            continue
        rng = trim_range(parse, hit.toks[-1] + 1, sentence_end(parse, hit.tok), frozenset({"that"}))
        if rng is None:
            continue
        start, end = _span_of(parse, rng)
        if claims.overlaps(start, end) or not (start <= span.start and span.end <= end + 1):
            continue
        d = _cue_draft(parse, cands, claims, hit, (start, end), "quote_in_cue_clause", 0.7)
        claims.take(d)
        drafts.append(d)
    return drafts


def _words(text: str) -> list[str]:
    return [w for w in text.strip("\"'“”‘’«»`,.;:!? ").split() if any(c.isalnum() for c in w)]


SMALL_WORDS = frozenset({"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "de", "la"})


def _is_title(text: str) -> bool:
    """Title case over two or more words: "The Order of St. Andrew the Apostle"."""
    words = _words(text)
    return len(words) >= 2 and all(w[:1].isupper() or w.lower() in SMALL_WORDS for w in words)


def title_or_scare_quote(parse: Parse, cands: Candidates, claims: Claims) -> list[Draft]:
    """Quoted names and scare quotes with no cue are not speech: a quotation in
    title case ("The Order of St. Andrew the Apostle") or of a few words."""
    drafts = []
    for q, span in enumerate(cands.quotes):
        if q in claims.quotes:
            continue
        words = _words(span.text)
        if not words:
            continue
        title = _is_title(span.text)
        if title or len(words) <= 4:
            drafts.append(
                Draft(
                    ((span.start, span.end),),
                    (),
                    None,
                    "title_or_scare_quote",
                    0.9,
                    "speech",
                    (q,),
                    skip="title" if title else "scare_quote",
                )
            )
    return drafts


def floating_quote(parse: Parse, cands: Candidates, claims: Claims, previous: list[Draft]) -> list[Draft]:
    """A quotation with no cue of its own, opening a sentence in the same or
    the next paragraph as a quoted attribution: news convention gives it to
    the same speaker."""
    drafts = []
    for q, span, toks in _free_quotes(cands, claims):
        if len(_words(span.text)) < 5 or not _opens_sentence(parse, toks[0]):
            continue
        earlier = [d for d in (*previous, *drafts) if d.skip is None and d.source and d.quotes and d.content[-1][1] <= span.start]
        if not earlier:
            continue
        last = max(earlier, key=lambda d: d.content[-1][1])
        breaks = len(re.findall(r"\n\s*", parse.text[last.content[-1][1] : span.start]))
        if breaks > 1:
            continue
        drafts.append(Draft(((span.start, span.end),), (), last.source, "floating_quote", 0.6, last.frame, (q,)))
    return drafts


def _opens_sentence(parse: Parse, i: int) -> bool:
    """Does token ``i`` start its sentence or its paragraph?"""
    first = parse.sentences[parse.toks[i].sent][0]
    before = parse.text[parse.toks[first].start : parse.toks[i].start]
    return i == first or "\n" in before[before.rstrip().rfind(" ") + 1 :] or not before.strip() or before.endswith("\n")


def unattributed_quote(parse: Parse, cands: Candidates, claims: Claims) -> list[Draft]:
    """What is left: a long quotation with no cue and no speaker nearby."""
    return [
        Draft(((s.start, s.end),), (), None, "unattributed_quote", 0.5, "speech", (q,), skip="no_cue")
        for q, s in enumerate(cands.quotes)
        if q not in claims.quotes
    ]


def learned_cue_clause(
    parse: Parse, cands: Candidates, claims: Claims, threshold: float | None = None, model: learned.Model | None = None
) -> list[Draft]:
    """The learned stage (``quotes/learned.py``, model card ``quotes/data/learned_cues.md``): what
    the rules left, every word governing a clause, an infinitive or an object paired with the
    content that dependent spans, scored by a logistic model trained on PolNeAR train. Pairs at or
    above the threshold, best first, that touch nothing already claimed become attributions whose
    confidence is the model's probability calibrated on dev. The frame is the cue lexicon's, else ``speech``."""
    m = model or learned.model()
    if m is None:
        return []
    thr = m.threshold if threshold is None else threshold
    drafts = []
    for p, c in sorted(learned.scored(parse, cands, m), key=lambda pc: (-pc[0], pc[1].cue, pc[1].rng)):
        if p < thr:
            break
        v = parse.toks[c.cue]
        start, end = _span_of(parse, c.rng)
        if c.cue in claims.cues or claims.overlaps(v.start, v.end) or claims.overlaps(start, end):
            continue
        if _mostly_quoted(cands, start, end):
            continue  # a quotation is the quote sieves' to attribute (a floating quote goes to its speaker)
        lex = lookup_lemma(v.lemma) if v.upos in ("VERB", "AUX") else None
        d = Draft(
            content=((start, end),),
            cue=(c.cue,),
            source=source_of(parse, cands, c.cue),
            sieve="learned_cue_clause",
            confidence=m.confidence(p),
            frame=lex.frame if lex else "speech",
            quotes=_quotes_inside(cands, claims, start, end + 1),
        )
        claims.take(d)
        drafts.append(d)
    return drafts


def _mostly_quoted(cands: Candidates, start: int, end: int) -> bool:
    inside = sum(max(0, min(end, q.end) - max(start, q.start)) for q in cands.quotes)
    return inside * 2 >= end - start


@dataclass(frozen=True)
class Sieve:
    name: str
    run: Callable[..., list[Draft]]
    needs_history: bool = False  # called with the drafts of earlier sieves


RULE_SIEVES: tuple[Sieve, ...] = (
    Sieve("quote_with_adjacent_cue", quote_with_adjacent_cue),
    Sieve("transcript_turn", transcript_turn),
    Sieve("quote_with_punct_cue", quote_with_punct_cue),
    Sieve("according_to", according_to),
    Sieve("cue_verb_clause", cue_verb_clause),
    Sieve("partial_quote_of_cue", partial_quote_of_cue),
    Sieve("quote_in_cue_clause", quote_in_cue_clause),
    Sieve("reported_clause_before_cue", reported_clause_before_cue),
    Sieve("title_or_scare_quote", title_or_scare_quote),
    Sieve("floating_quote", floating_quote, needs_history=True),
    Sieve("unattributed_quote", unattributed_quote),
)


def with_learned_stage(rules: tuple[Sieve, ...] = RULE_SIEVES) -> tuple[Sieve, ...]:
    """The rule sieves with the learned stage after the ones that make attributions and before
    the ones that skip quotations (titles, scare quotes, floating and unattributed quotations)."""
    at = next(i for i, s in enumerate(rules) if s.name == "title_or_scare_quote")
    return (*rules[:at], Sieve("learned_cue_clause", learned_cue_clause), *rules[at:])


# The default: the rules, and the learned stage when QUOTES_LEARNED_STAGE is on (quotes/learned.py).
SIEVES: tuple[Sieve, ...] = with_learned_stage() if learned.enabled() else RULE_SIEVES


def run_sieves(parse: Parse, cands: Candidates, sieves: tuple[Sieve, ...] = SIEVES) -> list[Draft]:
    """All drafts, attributions and skips, from the sieves in order."""
    claims = Claims()
    drafts: list[Draft] = []
    for sieve in sieves:
        new = sieve.run(parse, cands, claims, drafts) if sieve.needs_history else sieve.run(parse, cands, claims)
        for d in new:
            claims.take(d)
        drafts.extend(new)
    return drafts
