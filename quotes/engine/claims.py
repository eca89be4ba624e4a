"""What the sieves share: the :class:`Draft` a sieve proposes, the :class:`Claims` that keep a later
sieve off what an earlier one took (quotations, cue words, stretches of content), and the helpers
that find what is still free, or read the speaker phrase between a quotation or a comma and its cue.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections.abc import Iterator
from dataclasses import dataclass, field

from quotes.engine.candidates import Candidates, CueHit, participle_before_noun, trim_range
from quotes.engine.parse import Parse
from quotes.engine.quotemarks import QuoteSpan
from quotes.engine.roles import role_noun_opening_phrase

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
    # The earlier draft this one carries on and replaces (its fragments come first): a quotation
    # the same speaker goes on with in the next paragraph is one attribution, not two.
    extends: Draft | None = field(default=None, compare=False, repr=False)


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


def _gap_speaker(parse: Parse, gap: list[int]) -> tuple[int, int] | None:
    nominal = ("PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM", "PART")
    words = sorted(
        j for j in gap if parse.toks[j].upos in nominal or participle_before_noun(parse, j) or role_noun_opening_phrase(parse, j)
    )
    if not words:
        return None
    rng = trim_range(parse, words[0], words[-1])
    if rng and rng[1] + 1 < len(parse.toks) and parse.toks[rng[1] + 1].text == ")" and any(parse.toks[j].text == "(" for j in range(*rng)):
        rng = (rng[0], rng[1] + 1)  # "Sen. Lindsey Graham (R-S.C.)": the party tag stays whole
    return rng
