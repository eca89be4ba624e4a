"""Candidates: everything in a parsed document that could be part of an attribution.

``find_candidates`` collects quoted stretches (with the tokens inside each),
cue words from the lexicon, and "according to" phrases. The content finders
below turn a cue into the token range of what it introduces; they read the
dependency tree first and fall back on word order, because the embedded parser
is often a little off (``"...," Ushakov noted`` parses with ``noted`` as ``conj``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from quotes.engine.cues import SOURCE_PHRASES, Cue, cue_for, may_cue
from quotes.engine.parse import Parse, Tok, inner_hyphen, inside_word
from quotes.engine.quotemarks import QuoteSpan, find_quotes
from quotes.engine.roles import bare_verb_form, is_role_word, wordlist

# Prepositions of the setting of a statement ("in an interview", "on Tuesday").
SETTING_PREPS = frozenset({"in", "at", "on", "during", "after", "before", "with", "from"})
# Sentence-final punctuation: a content or speaker search never crosses it.
FINAL_PUNCT = frozenset({".", "!", "?", ";"})
# Relations that leave a clause: a cue's subject is not searched past them.
# source phrases by their first word, so each token is looked up once
_PHRASES_BY_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _phrase in SOURCE_PHRASES:
    _PHRASES_BY_FIRST.setdefault(_phrase[0], []).append(_phrase)

CLAUSE_RELS = ("ccomp", "xcomp", "advcl", "parataxis", "conj", "acl", "csubj")


class CueHit(NamedTuple):
    """A cue word in the text: ``tok`` is its verb, ``extra`` the particle or
    preposition that belongs to the cue span ("point out", "advocating for").

    A named tuple, like :class:`~quotes.engine.mentions.Mention`: built in one C call, where a
    frozen dataclass sets each field through ``object.__setattr__``, compiled or not."""

    tok: int
    cue: Cue
    extra: tuple[int, ...] = ()

    @property
    def toks(self) -> tuple[int, ...]:
        return tuple(sorted((self.tok, *self.extra)))


@dataclass(frozen=True)
class Candidates:
    quotes: tuple[QuoteSpan, ...]
    quote_of_tok: tuple[int | None, ...]  # per token: the quote it lies inside
    cues: tuple[CueHit, ...]
    source_phrases: tuple[tuple[int, ...], ...]  # token indexes of "according to"
    # Built once with the candidates (lookups by bisection, not scans: a scan per call was quadratic
    # on texts with thousands of quotes). Plain fields, not cached properties: a compiled engine
    # (mypyc) gives its classes no instance dict to cache in.
    _toks_by_quote: dict[int, tuple[int, ...]] = field(init=False, repr=False, compare=False)
    _quote_starts: list[int] = field(init=False, repr=False, compare=False)
    _quoted: tuple[list[int], list[int]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_toks_by_quote", _toks_by_quote(self.quote_of_tok))
        object.__setattr__(self, "_quote_starts", [q.start for q in self.quotes])
        object.__setattr__(self, "_quoted", _merged_stretches(self.quotes))

    def in_quote(self, i: int) -> bool:
        return self.quote_of_tok[i] is not None

    def quote_toks(self, q: int) -> list[int]:
        return list(self._toks_by_quote.get(q, ()))

    def quotes_starting_in(self, start: int, end: int) -> range:
        """Indexes of the quotations that start in [start, end) (they are in text order)."""
        return range(bisect_left(self._quote_starts, start), bisect_left(self._quote_starts, end))

    def _quoted_parts(self, start: int, end: int) -> Iterator[tuple[int, int]]:
        """The parts of ``[start, end)`` inside quoted stretches (a bisection, not a scan)."""
        starts, ends = self._quoted
        for i in range(max(0, bisect_right(starts, start) - 1), bisect_left(starts, end)):
            a, b = max(start, starts[i]), min(end, ends[i])
            if a < b:
                yield a, b

    def quoted_chars(self, text: str, start: int, end: int) -> int:
        """How many non-space characters of ``text[start:end]`` lie inside quoted stretches."""
        return sum(non_space(text[a:b]) for a, b in self._quoted_parts(start, end))

    def quoted_width(self, start: int, end: int) -> int:
        """How many characters of ``[start, end)`` lie inside quoted stretches."""
        return sum(b - a for a, b in self._quoted_parts(start, end))

    def in_quotes(self, offset: int) -> bool:
        """Does character ``offset`` lie inside a quoted stretch? (A bisection: a scan of every
        quote per character was quadratic on a text of thousands of quotations.)"""
        starts, ends = self._quoted
        i = bisect_right(starts, offset) - 1
        return i >= 0 and offset < ends[i]


PARTICLE_ADVERBS = frozenset({"back", "out"})


def _toks_by_quote(quote_of_tok: tuple[int | None, ...]) -> dict[int, tuple[int, ...]]:
    """Token indexes per quote."""
    out: dict[int, list[int]] = {}
    for i, q in enumerate(quote_of_tok):
        if q is not None:
            out.setdefault(q, []).append(i)
    return {q: tuple(toks) for q, toks in out.items()}


def _merged_stretches(quotes: tuple[QuoteSpan, ...]) -> tuple[list[int], list[int]]:
    """The quoted stretches merged into disjoint ``[start, end)`` intervals: starts, ends."""
    starts: list[int] = []
    ends: list[int] = []
    for q in sorted(quotes, key=lambda q: q.start):
        if ends and q.start <= ends[-1]:
            ends[-1] = max(ends[-1], q.end)
        else:
            starts.append(q.start)
            ends.append(q.end)
    return starts, ends


def non_space(s: str) -> int:
    """The characters of ``s`` that are not white space (str.split knows them all)."""
    return len("".join(s.split()))


def find_candidates(parse: Parse) -> Candidates:
    quotes = tuple(find_quotes(parse.text))
    quote_of_tok = _quote_index(parse, quotes)
    cues = []
    for t in parse.toks:
        if t.upos not in ("VERB", "AUX") or not may_cue(t):
            continue  # no particles to look up for a verb that is no cue with any
        prt = [k.i for k in parse.kids(t.i, "compound:prt") if not _up_to_a_number(parse, k.i)]
        # a parser may call the particle an adverb ("fired back" with "back" an advmod)
        adverb = [k.i for k in parse.kids(t.i, "advmod") if k.i == t.i + 1 and k.lower in PARTICLE_ADVERBS]
        # a preposition right after the verb may make a cue of its own ("called for")
        prep = [t.i + 1] if t.i + 1 < len(parse.toks) and parse.toks[t.i + 1].upos == "ADP" else []
        cue = cue_for(t, tuple(parse.toks[k].lower for k in prt + adverb + prep))
        if cue is not None:
            cues.append(CueHit(t.i, cue, tuple(prt + adverb + prep if " " in cue.lemma else prt)))
    phrases = []
    for t in parse.toks:
        for phrase in _PHRASES_BY_FIRST.get(t.lower, ()):
            idx = tuple(range(t.i, t.i + len(phrase)))
            if idx[-1] < len(parse.toks) and all(parse.toks[j].lower == w for j, w in zip(idx, phrase)):
                phrases.append(idx)
    return Candidates(quotes, quote_of_tok, tuple(cues), tuple(phrases))


def _quote_index(parse: Parse, quotes: tuple[QuoteSpan, ...]) -> tuple[int | None, ...]:
    out: list[int | None] = [None] * len(parse.toks)
    q = 0
    for t in parse.toks:
        while q < len(quotes) and quotes[q].end <= t.start:
            q += 1
        if q < len(quotes) and quotes[q].start <= t.start and t.end <= quotes[q].end:
            out[t.i] = q
    return tuple(out)


# --- content finders -------------------------------------------------------


def trim_range(parse: Parse, a: int, b: int, drop_lead: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """Shrink token range [a, b] past punctuation (and leading words in
    ``drop_lead`` such as the complementiser "that"); None when nothing is left."""
    while a <= b and (parse.toks[a].is_punct and parse.toks[a].text not in "\"“‘'" or parse.toks[a].lower in drop_lead):
        a += 1
    while b >= a and parse.toks[b].is_punct and parse.toks[b].text not in "\"”’'":
        b -= 1
    return (a, b) if a <= b else None


def holds_a_verb(parse: Parse, rng: tuple[int, int]) -> bool:
    """Does token range ``rng`` (inclusive) hold a verb or an auxiliary, i.e. a clause?"""
    return any(parse.toks[k].upos in ("VERB", "AUX") for k in range(rng[0], rng[1] + 1))


def sentence_end(parse: Parse, i: int) -> int:
    """Last token of the clause-final stretch starting at ``i``: the sentence end."""
    _, last = parse.sentences[parse.toks[i].sent]
    return last - 1


def _has_that_mark(parse: Parse, head: int) -> bool:
    return any(k.lower == "that" for k in parse.kids(head, "mark"))


def _that_subject(parse: Parse, i: int) -> bool:
    """ "said [that] was false": a "that" right before a finite verb is the clause's subject, not its
    complementiser."""
    if parse.toks[i].lower != "that" or i + 1 >= len(parse.toks):
        return False
    nxt = parse.toks[i + 1]
    if nxt.xpos == "VBD" and i + 2 < len(parse.toks) and parse.toks[i + 2].upos == "NOUN":
        return False  # "said that [paid speeches] would ...": a participle before its noun
    return nxt.sent == parse.toks[i].sent and nxt.xpos in ("VBD", "VBZ", "MD")


def clause_content(parse: Parse, hit: CueHit) -> tuple[int, int] | None:
    """Token range of the clause a cue verb introduces ("said [that] X"), or None.

    Tree first: a ``ccomp`` child, or any clausal child marked "that", or for
    intention verbs an ``xcomp`` "to"-infinitive. Then word order: the cue,
    an optional short object ("told reporters"), then "that".
    """
    v = parse.toks[hit.tok]
    takes = hit.cue.takes
    hung_on_object = _object_infinitives(parse, v.i) if "infinitive" in takes else []
    for child in [*parse.kids(v.i), *hung_on_object]:
        if child.i < v.i:
            continue  # content before the cue is another pattern (reported_clause_before_cue)
        is_clause = child not in hung_on_object and (child.rel == "ccomp" or (child.rel in CLAUSE_RELS and _has_that_mark(parse, child.i)))
        is_clause = is_clause and not _prepositional_phrase(parse, child) and not _that_of_a_later_cue(parse, v.i, child)
        # (or an "advcl" right after the cue's object: "urged [both sides] to return" in a weak tree)
        to_inf = any(k.lower == "to" for k in parse.kids(child.i, "mark"))
        # (an "advcl" right after the cue, too: "declined [to comment]" in a weak tree; not after a
        # participle describing a noun: "rules intended to rein in ...")
        right_after = child.rel == "advcl" and min(parse.subtree(child.i)) == v.i + 1 and parse.toks[v.i + 1].lower == "to"
        right_after = right_after and not _describes_noun_before(parse, v)
        after_object = child.rel == "advcl" and _after_object(parse, v.i, child.i)
        is_inf = to_inf and (child.rel == "xcomp" or right_after or after_object or child in hung_on_object)
        if ("clause" in takes and is_clause) or ("infinitive" in takes and is_inf):
            sub = parse.subtree(child.i)
            if child.rel == "ccomp":
                # 'said it was "the best outcome possible"': a weak tree that splits one clause into two ccomps
                for other in parse.kids(v.i, "ccomp"):
                    more = parse.subtree(other.i) if other.i > child.i else []
                    if more and more[0] < sub[-1]:  # the two interleave: one clause (not "..., claiming that")
                        sub = sorted({*sub, *more})
            start = _subject_left_behind(parse, v.i, child) if is_clause else None
            first = min(sub) if start is None else start
            lead = frozenset() if _that_subject(parse, first) else frozenset({"that"})
            rng = trim_range(parse, first, min(max(sub), sentence_end(parse, v.i)), lead)
            if rng and rng[0] > v.i and rng[1] == rng[0]:
                break  # one word ("said he [plans] to ...") is a broken tree: word order decides
            if rng and rng[0] > v.i:
                whole = _through_main_clause(parse, v.i, _with_split_rest(parse, v.i, _with_stranded_complement(parse, v.i, rng)))
                whole = _with_conjoined_predicate(parse, v.i, child.i, whole) if is_clause else whole
                whole = _before_second_report(parse, v.i, whole)
                if is_clause:
                    return _past_time_adjunct(parse, whole)
                return _with_object_subject(parse, hit, _before_main_report(parse, _with_stranded_complement(parse, v.i, rng)))
    if "clause" in takes and not (v.i > 0 and parse.toks[v.i - 1].upos == "DET" and participle_before_noun(parse, v.i)):
        # (not "the [added] element of a sponsor that ...": a participle before its noun)
        j = v.i + 1
        last = sentence_end(parse, v.i)
        while j <= min(last, v.i + 5) and _before_that(parse, j) and not _opens_that_clause(parse, j, v.i):
            j += 1
        that = j <= last and parse.toks[j].lower == "that" and parse.toks[j].upos in ("SCONJ", "PRON", "DET")
        if that and _clause_after_that(parse, j + 1, last):
            return trim_range(parse, j + 1, last)
        return bare_clause_after(parse, v.i, last, base_form=hit.cue.frame == "speech")
    return None


def _with_object_subject(parse: Parse, hit: CueHit, rng: tuple[int, int]) -> tuple[int, int]:
    """ "analysts expect [the Federal Reserve to cut rates]": before the infinitive of a belief or an
    intention, the object is the infinitive's subject and part of what is expected (after a verb of
    saying it is whom they address: "urged lawmakers to act")."""
    if hit.cue.frame not in ("belief", "intention"):
        return rng
    # not a time the parser took for an object ("hopes one day to ...")
    objs = [k for k in parse.kids(hit.tok, "obj") if hit.tok < k.i < rng[0] and k.lemma.lower() not in wordlist("time_nouns.txt")]
    if not objs or any(t.is_punct for t in parse.toks[hit.tok + 1 : rng[0]]):
        return rng
    return min(parse.subtree(objs[0].i)), rng[1]


# What a clause-taking verb reports: a tree that hangs it on another verb left the first one bare.
_COMPLEMENT_RELS = ("ccomp", "xcomp", "obj", "parataxis")


def _child_holding(parse: Parse, v: int, j: int) -> int | None:
    """The child of ``v`` whose subtree holds token ``j``, or None."""
    while j >= 0 and parse.toks[j].head != v:
        j = parse.toks[j].head
    return j if j >= 0 else None


def _with_split_rest(parse: Parse, v: int, rng: tuple[int, int]) -> tuple[int, int]:
    """ "said there was [more room for talks]", "said the cost of [the plan was high]": a weak parse
    hangs the rest of the reported clause on the cue, so the clause would stop mid-sentence.
    Words right after it, with no punctuation, "and" or cue between, that hang on the cue (not as a
    conjunct or a clause of its own) finish it; so does an absolute "with" phrase after a comma
    ("revealed that they meet yearly[, with this year marking ...]")."""
    a, b = rng
    end = sentence_end(parse, v)
    while b + 1 <= end:
        nxt = parse.toks[b + 1]
        # "said X and that Y": a second "that" clause is the same report's
        second_that = nxt.upos == "CCONJ" and b + 2 <= end and parse.toks[b + 2].lower == "that"
        absolute = nxt.text == "," and b + 2 <= end and parse.toks[b + 2].lower == "with"
        if (nxt.is_punct or nxt.upos == "CCONJ" or cue_for(nxt) is not None) and not (second_that or absolute):
            break
        k = _child_holding(parse, v, b + 2 if second_that or absolute else b + 1)
        # (a passive cue reports nothing of its own: "said the president remained [confident Reid would be confirmed]")
        if k is None or k <= b or (cue_for(parse.toks[k]) is not None and not parse.kids(k, "aux:pass")):
            break
        if absolute and (parse.toks[k].rel != "advcl" or parse.toks[k].xpos != "VBG"):
            break  # "said the talks went well, with a smile": a manner, not part of what was said
        if parse.toks[k].rel in ("conj", "cc", "punct", "parataxis") and not second_that:
            break
        after = [j for j in parse.subtree(k) if j > b]
        if min(after) > b + 2:
            break
        b = min(max(after), end)
    return trim_range(parse, a, b) or rng


def reports_again(parse: Parse, k: int) -> int | None:
    """The cue verb that ``k`` repeats: "said exports rose [and predicted] the surplus would grow". A
    verb of saying in the cue's tense, with no subject of its own, joined by "and" or "but" to a
    word of the cue's reported clause is the speaker's next act, though a parser hangs it there as a
    conjunct; None for any other word."""
    t = parse.toks[k]
    if t.rel != "conj" or t.upos != "VERB" or cue_for(t) is None or parse.kids(k, "nsubj", "nsubj:pass"):
        return None
    if not any(c.i < k for c in parse.kids(k, "cc")):
        return None
    j = t.head
    for _ in range(4):  # up from the conjunct's head to the cue whose clause holds it
        if j < 0 or parse.toks[j].head < 0:
            return None
        h = parse.toks[j].head
        if h < k and parse.toks[j].rel in CLAUSE_RELS and parse.toks[h].xpos == t.xpos and cue_for(parse.toks[h]) is not None:
            return h
        j = h
    return None


def _before_second_report(parse: Parse, v: int, rng: tuple[int, int]) -> tuple[int, int]:
    """What was said stops before the "and" of the speaker's next act (:func:`reports_again`)."""
    a, b = rng
    for k in range(a + 1, b + 1):
        if reports_again(parse, k) == v:
            cc = min(c.i for c in parse.kids(k, "cc"))
            return trim_range(parse, a, cc - 1) or rng
    return rng


def _before_main_report(parse: Parse, rng: tuple[int, int]) -> tuple[int, int]:
    """ "A letter urging the board [to act] said the schools were failing": an infinitive stops
    before a verb of saying in the past or present, right after a verb or a noun (not "to", an
    auxiliary, an adverb or "who"), that reaches a clause of its own: the sentence's main verb,
    however the parser hung it on the infinitive."""
    a, b = rng
    for k in range(a + 1, b + 1):
        t, before = parse.toks[k], parse.toks[k - 1]
        cue = cue_for(t)
        if cue is None or cue.frame != "speech" or t.xpos not in ("VBD", "VBZ", "VBN"):
            continue
        if before.upos not in ("VERB", "NOUN", "PROPN") or before.lower in RELATIVE_WORDS:
            continue
        if bare_clause_after(parse, k, sentence_end(parse, k), base_form=True) is not None:
            return trim_range(parse, a, k - 1) or rng
    return rng


def _with_stranded_complement(parse: Parse, v: int, rng: tuple[int, int]) -> tuple[int, int]:
    """ "said he believed [the talks would resume]": a weak parse hangs the inner verb's clause on the
    outer cue as a second complement, so the reported clause would stop at "believed". When the content
    ends in a verb that takes a clause and has none, the complement of the cue right after it joins it.

    The inner verb is no cue of its own here (its clause is the outer content's, as when parsed right)."""
    a, b = rng
    last = parse.toks[b]
    cue = cue_for(last)
    if cue is None or "clause" not in cue.takes or any(k.i > b for k in parse.kids(b)):
        return rng
    if b + 1 > sentence_end(parse, v) or parse.toks[b + 1].is_punct:
        return rng
    for k in parse.kids(v, *_COMPLEMENT_RELS, "advcl"):
        sub = parse.subtree(k.i)
        # an adverbial clause only when it opens like a complement ("declined to say [whether ...]")
        if min(sub) == b + 1 and (k.rel != "advcl" or parse.toks[b + 1].lower in _COMPLEMENT_OPENERS):
            return trim_range(parse, a, min(max(sub), sentence_end(parse, v))) or rng
    return rng


_COMPLEMENT_OPENERS = frozenset({"whether", "if", "that", "what", "how", "why", "who", "when", "where"})


# Words that open an adverbial clause or phrase set before a reported clause's subject.
_FRONTED_OPENERS = frozenset({"if", "when", "while", "although", "though", "because", "unless", "once", "to", "without", "despite"})
_ASKING = frozenset({"ask", "wonder", "question", "inquire"})


def _with_conjoined_predicate(parse: Parse, v: int, verb: int, rng: tuple[int, int]) -> tuple[int, int]:
    """ "said workers [make] $12 an hour and [have] salaries that ...": a weak parse hangs the reported
    clause's second predicate on the cue as its conjunct; one in the reported verb's tense, not the
    cue's, with no subject of its own and no cue of its own, goes on with what was said."""
    a, b = rng
    end = sentence_end(parse, v)
    if b + 2 > end or parse.toks[b + 1].lower not in ("and", "but", "or"):
        return rng
    first_verb, cue = parse.toks[verb], parse.toks[v]
    for k in parse.kids(v, "conj"):
        if k.i != b + 2 or k.upos != "VERB" or k.xpos != first_verb.xpos or k.xpos == cue.xpos:
            continue
        if cue_for(k) is not None or parse.kids(k.i, "nsubj", "nsubj:pass"):
            continue
        return a, min(max(parse.subtree(k.i)), end)
    return rng


def _through_main_clause(parse: Parse, v: int, rng: tuple[int, int]) -> tuple[int, int]:
    """ "said that, [if elected], he would act": a weak parse hangs the fronted "if" clause and the
    clause it modifies on the cue as two complements; what was said runs through the second."""
    a, b = rng
    if parse.toks[a].lower not in _FRONTED_OPENERS or b + 2 > sentence_end(parse, v) or parse.toks[b + 1].text != ",":
        return rng
    if parse.toks[a].lower == "if" and parse.toks[v].lemma.lower() in _ASKING:
        return rng  # "Asked if he would run, Smith said no": the question is the whole of it
    for k in parse.kids(v, "ccomp", "parataxis"):
        after = [j for j in parse.subtree(k.i) if j > b]  # its "that" and comma may hang on it too
        if k.i > b and min(after) <= b + 2 and cue_for(k) is None:  # not "..., a spokesman said"
            return trim_range(parse, a, min(max(after), sentence_end(parse, v))) or rng
    return rng


_TIMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight "
    "week month year day night morning afternoon evening".split()
)


def _past_time_adjunct(parse: Parse, rng: tuple[int, int]) -> tuple[int, int]:
    """ "told reporters [on Saturday] it was expected ...": a time phrase a parser hung on the reported
    clause before its subject belongs to the cue, not to what was said."""
    a, b = rng
    j = a
    while j <= min(b, a + 2) and parse.toks[j].lower in ADJUNCT_WORDS:
        j += 1
    if j == a or j > b or parse.toks[j - 1].lower not in _TIMES or parse.toks[j].upos not in ("PRON", "DET", "PROPN", "NOUN"):
        return rng
    return (j, b)


def _that_of_a_later_cue(parse: Parse, v: int, clause: Tok) -> bool:
    """ "agreed, but also contended [that] ...": the clause's "that" follows another verb of saying
    after the cue, whose clause it is, however the parser hung it."""
    that = next((m.i for m in parse.kids(clause.i, "mark") if m.lower == "that"), None)
    if that is None or that - 1 <= v:
        return False
    cue = cue_for(parse.toks[that - 1])
    return cue is not None and cue.frame == "speech" and "clause" in cue.takes


def _prepositional_phrase(parse: Parse, t: Tok) -> bool:
    """A noun with a preposition and no verb in its phrase: "said Monday [on WXYZ's 'Morning
    Hour']", however the parser labelled it, is where it was said, not what."""
    if t.upos not in ("NOUN", "PROPN") or not parse.kids(t.i, "case"):
        return False
    sub = parse.subtree(t.i)
    return not holds_a_verb(parse, (sub[0], sub[-1]))


def _describes_noun_before(parse: Parse, v: Tok) -> bool:
    """A participle with no subject or auxiliary of its own right after a noun: "rules [intended] to ..."."""
    return v.xpos == "VBN" and parse.toks[v.i - 1].upos == "NOUN" and not parse.kids(v.i, "nsubj", "nsubj:pass", "aux", "aux:pass")


def _object_infinitives(parse: Parse, v: int) -> list[Tok]:
    """ "urged [both sides] to return", "refused [a request] to open the file", with the infinitive
    hung on the object (``acl``) by a weak tree: read as the cue's own infinitive (the object then
    goes with it as in :func:`_with_object_subject`)."""
    found = []
    for o in parse.kids(v, "obj"):
        for k in parse.kids(o.i, "acl") if o.i > v else []:
            inf = parse.subtree(k.i)
            inside = set(inf)
            own = [i for i in parse.subtree(o.i) if i not in inside]  # the object's own words come right before it
            to = any(m.lower == "to" for m in parse.kids(k.i, "mark"))
            if to and k.i > o.i and max(own) + 1 == min(inf):
                found.append(k)
    return found


def _after_object(parse: Parse, v: int, j: int) -> bool:
    """The subtree of ``j`` starts right after the object of ``v`` ("urged [both sides] to return")."""
    first = min(parse.subtree(j))
    return any(max(parse.subtree(o.i)) == first - 1 for o in parse.kids(v, "obj") if v < o.i < j)


_APPROXIMATELY = frozenset({"about", "around", "nearly", "almost", "over", "some"})


def _obl_spanning(parse: Parse, v: int, a: int, b: int) -> bool:
    """Does an oblique of the cue ``v`` span exactly tokens ``a..b``?"""
    return any((sub := parse.subtree(o.i))[0] == a and sub[-1] == b for o in parse.kids(v, "obl"))


def _up_to_a_number(parse: Parse, i: int) -> bool:
    """ "up to four feet", "up to 50 people": an amount, not a particle of the verb before it."""
    toks = parse.toks
    return i + 2 < len(toks) and toks[i].lower == "up" and toks[i + 1].lower == "to" and toks[i + 2].upos == "NUM"


def _subject_left_behind(parse: Parse, v: int, clause: Tok) -> int | None:
    """Where a reported clause really starts when the parser made its subject the cue's object:
    "said [fathers and parents who adopt] would not be eligible", ``obj`` of "said" and a
    ``ccomp`` with no subject. None when the clause has its own subject."""
    first = min(parse.subtree(clause.i))
    before = parse.toks[first - 1]
    if parse.toks[first].lower == "than" and first - 1 > v and before.lower in ("more", "less", "fewer") and before.head == v:
        return first - 1  # "said [more] than 2,000 cases had been confirmed"
    if first - 1 > v and _up_to_a_number(parse, first - 1):
        return first - 1  # "said [up] to 50 people were missing"
    objs = [o for o in parse.kids(v, "obj") if v < o.i < clause.i]
    # "said [about 600 workers] at the plant had joined": a number the parser read as the cue's "about" phrase
    approximately = v + 2 < len(parse.toks) and parse.toks[v + 1].lower in _APPROXIMATELY and parse.toks[v + 2].upos == "NUM"
    if approximately and _obl_spanning(parse, v, v + 1, first - 1):
        return v + 1
    # "said [up to four feet of snow] could fall": "up" read as the cue's particle, the rest as its "to" phrase
    if _up_to_a_number(parse, v + 1) and _obl_spanning(parse, v, v + 2, first - 1):
        return v + 1
    if not objs:
        # "The company said [sales] fell": a parser that makes the clause's subject a second subject of the cue
        late = [s for s in parse.kids(v, "nsubj") if v < s.i < clause.i and s.upos in ("NOUN", "PROPN", "PRON", "NUM")]
        if not late or max(parse.subtree(late[0].i)) != first - 1:
            return None
        start = min(parse.subtree(late[0].i))
        # (or "argued [that states], not Washington, should decide": a subject after "that" is the clause's)
        if not parse.kids(clause.i, "nsubj", "nsubj:pass", "expl", "csubj") or parse.toks[start].lower == "that":
            return start
        return None
    if not parse.kids(clause.i, "nsubj", "expl", "csubj"):
        return min(parse.subtree(objs[0].i))
    # "said [a majority] of creditors are unwilling": the subject's head made the cue's object and
    # its "of" phrase the clause's subject; the clause then opens with the preposition
    obj, first = parse.subtree(objs[0].i), min(parse.subtree(clause.i))
    # (or a preposition that also opens clauses, tagged as one: "said [a strike] before Christmas was unlikely")
    opener = parse.toks[first].upos == "ADP" or parse.toks[first].lower in ("before", "after", "since", "until")
    # (or the first of two coordinated subjects: "said [high debt] and slow growth were holding ... back")
    opener = opener or (parse.toks[first].upos == "CCONJ" and parse.toks[first].head in {s.i for s in parse.kids(clause.i, "nsubj")})
    joined = max(obj) == first - 1 and opener and parse.toks[objs[0].i].upos == "NOUN"
    return min(obj) if joined and not tells(parse, v) else None


_BEFORE_THAT = frozenset({"DET", "PROPN", "NOUN", "PRON", "ADV", "ADP", "ADJ", "NUM"})  # "told reporters on Monday [that]"
# After "that" and a comma, a clause resumes only behind an adverbial opener ("said that, if elected, he would").
_RESUMING_AFTER_COMMA = frozenset({"if", "when", "while", "although", "though", "because", "as", "after", "before", "unless", "once", "in"})


def _before_that(parse: Parse, j: int) -> bool:
    """A word of what may stand between a cue and its "that": "told reporters on Monday", "said in a
    televised speech" (a participle before its noun)."""
    return parse.toks[j].upos in _BEFORE_THAT or (parse.toks[j].xpos == "VBN" and participle_before_noun(parse, j))


def tells(parse: Parse, cue: int) -> bool:
    """A cue whose object is the person addressed ("told reporters"), not what is said."""
    return parse.toks[cue].lemma.lower() in wordlist("addressee_cues.txt")


def _opens_that_clause(parse: Parse, j: int, cue: int) -> bool:
    """The "that" of "wrote on Twitter [that] help was coming" (a pronoun to a weak tagger), not the
    demonstrative of "told that reporter"."""
    t = parse.toks[j]
    if t.lower != "that":
        return False
    if j == cue + 1:
        return True
    nxt = parse.toks[j + 1] if j + 1 < len(parse.toks) else None
    if nxt is None or (t.upos == "DET" and nxt.upos in ("NOUN", "ADJ") and t.head == j + 1):
        return False
    # "questioned the idea [that] ...", "announced a breach [that] ...": a common noun the cue takes
    # as its object owns the clause (a complement or a relative), unless it is the addressee
    # ("told reporters that") or sits in a setting ("wrote on Twitter that")
    setting = any(parse.toks[k].upos == "ADP" for k in range(cue + 1, j))
    return parse.toks[j - 1].upos != "NOUN" or setting or tells(parse, cue)


def _clause_after_that(parse: Parse, j: int, last: int) -> bool:
    """The words after a "that" start its clause: "said that [the plan failed]", "said that, [if
    elected, he would ...]"; not "said that, and left" (a demonstrative object)."""
    if j > last:
        return False
    if parse.toks[j].text != ",":
        return True
    return j + 1 <= last and parse.toks[j + 1].lower in _RESUMING_AFTER_COMMA


# Words that may sit between a cue and a that-less clause ("said Tuesday he ...").
ADJUNCT_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight recently earlier later "
    "again also previously repeatedly often once last this next week weeks month months year years day days "
    "night morning afternoon evening statement interview call email letter tweet speech broadcast conference briefing "
    "on in at for during".split()
)
FINITE_XPOS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# Pronouns only a subject takes: "told reporters [he would ...]", "says [he relies ...]".
NOMINATIVE = frozenset({"i", "he", "she", "we", "they"})


def bare_clause_after(parse: Parse, v: int, last: int, base_form: bool = False) -> tuple[int, int] | None:
    """A that-less clause after a cue, by word order, for when the tree has
    no ``ccomp``: "Bush said [history has shown the need ...]". It must start
    like a subject and reach a finite verb of its own: after a relative clause ("She said [parents
    who adopt would not ...]"), not inside one ("said the words that his father said").

    ``base_form``: a verb tagged as a bare infinitive counts as finite too ("said [parents still
    want ...]", ``VB`` where ``VBP`` was meant). Right for verbs of saying, which never take a bare
    infinitive; not for "saw the ground [shake]" or "felt it [move]"."""
    j = v + 1
    addressee = 3 if parse.toks[v].lemma.lower() == "tell" else 0  # "told reporters [he would ...]"
    while j <= last:
        t = parse.toks[j]
        if t.lower in ADJUNCT_WORDS or t.upos == "DET" and j < last and parse.toks[j + 1].lower in ADJUNCT_WORDS:
            j += 1
        elif addressee and t.upos in ("PRON", "NOUN", "PROPN", "DET") and t.lower not in NOMINATIVE and t.lower != "it":
            j, addressee = j + 1, addressee - 1
        else:
            break
    if j > last:
        return None
    quantity = parse.toks[j].upos == "ADV" and j < last and parse.toks[j + 1].upos in ("NUM", "DET")  # "saying [only 800] cases"
    if parse.toks[j].upos not in ("DET", "PRON", "PROPN", "NOUN", "ADJ", "NUM") and not quantity:
        return None
    # "said it", "told him": an object, unless words before it show a clause starts ("told reporters on Saturday it was ...")
    first = parse.toks[j]
    verb_next = j < last and (parse.toks[j + 1].xpos in FINITE_XPOS or (base_form and _mistagged_finite(parse, j + 1)))
    if first.lower == "it" and verb_next and (j == v + 1 or parse.toks[j - 1].lower in ADJUNCT_WORDS):
        return trim_range(parse, j, last)  # "said [it expected] ...": "it" with a verb of its own is a subject
    possessive = first.lower == "her" and first.deprel == "nmod:poss"  # "said [her plans] would ..."
    if (first.lower in ("so", "this", "him", "her", "them", "me", "us", "what", "who", "which") and not possessive) or (
        first.lower == "it" and parse.toks[j - 1].lower not in ADJUNCT_WORDS
    ):
        return None
    if first.lower in NOMINATIVE and j + 1 <= last and not parse.toks[j + 1].is_punct:
        return trim_range(parse, j, last)  # "says [he relies on ...]": only a subject is written "he", whatever the tags say
    relative = False  # inside "who adopt": the next finite verb is the relative clause's own
    aside = False  # between the commas of "said the program, run by the department, has ..."
    closed = False  # a relative clause's own verb was seen: "those who voted [backed] the strike"
    for k in range(j + 1, last + 1):
        t = parse.toks[k]
        if t.text == "," and (aside or _closing_comma(parse, k, last)):
            aside = not aside
            continue
        if aside:
            continue
        if (t.is_punct and not inside_word(parse, k)) or (relative and t.lower in RELATIVE_WORDS):
            return None
        if t.lower in ADVERBIAL_OPENERS:
            return None  # "..., while exports will ...": that verb is an adverbial clause's
        if t.lower in RELATIVE_WORDS:
            relative = True  # "said parents [who adopt] would not be eligible": the clause may go on
        elif t.xpos in FINITE_XPOS or (t.upos == "AUX" and t.xpos != "VBG") or (base_form and _mistagged_finite(parse, k)):
            if not relative:
                return trim_range(parse, j, last)
            relative, closed = False, t.upos == "VERB"
        elif base_form and not relative and t.xpos == "VBN" and t.upos == "VERB" and parse.toks[k - 1].upos in ("NOUN", "PROPN") and (
            k < last and parse.toks[k + 1].lower == "to"
        ):
            # "said the nominee [needed] to do more": a past tense a tagger read as a participle of the noun
            return trim_range(parse, j, last)
        elif closed and t.xpos == "VBN" and t.upos == "VERB" and parse.toks[k - 1].upos not in ("AUX", "PART", "CCONJ"):
            # after the relative clause's own verb (no "were" before it), a past participle is the
            # main verb a tagger misread: "said 87 percent of those who voted [backed] the strike"
            return trim_range(parse, j, last)
    return None


RELATIVE_WORDS = frozenset({"that", "which", "who", "whom", "whose"})
# Words that open an adverbial clause (not "if"/"whether"/"when", which also open indirect questions).
ADVERBIAL_OPENERS = frozenset({"while", "because", "although", "though", "since", "unless", "whereas"})


def _closing_comma(parse: Parse, k: int, last: int) -> bool:
    """A comma that opens an aside closed by another comma within a few words, with no verb of
    its own tense inside ("the program, run by the department, has ..."; not "the plan, he said")."""
    for m in range(k + 1, min(last, k + 12) + 1):
        t = parse.toks[m]
        if t.text == ",":
            return m > k + 1
        if t.is_punct or t.xpos in FINITE_XPOS or t.upos == "AUX":
            return False
    return False


_AFTER_A_PAST = frozenset({"DET", "NOUN", "PROPN", "PRON", "ADJ", "NUM", "SYM", "ADP", "ADV"})


def _mistagged_finite(parse: Parse, k: int) -> bool:
    """A clause's own verb that the tagger gave a non-finite tag: ``VB`` that is no infinitive (no
    "to" or modal before it: "said parents still [want] ..."), or ``VBN`` between a noun and an
    object, a preposition or an adverb, with no auxiliary ("said the campaign [violated] the law"). Only asked after verbs of
    saying, which take neither a bare infinitive nor a participle."""
    t = parse.toks[k]
    if t.upos != "VERB" or k + 1 >= len(parse.toks):
        return False
    before, after = parse.toks[k - 1], parse.toks[k + 1]
    if t.xpos == "VBN":
        # ... or before a preposition or adverb ("said the team [played] without heart")
        return before.upos in ("NOUN", "PROPN", "PRON", "NUM") and after.upos in _AFTER_A_PAST
    return t.xpos == "VB" and before.lower != "to" and before.xpos != "MD"


def object_content(parse: Parse, hit: CueHit) -> tuple[int, int] | None:
    """Token range of a noun-phrase content with what completes it:
    "announced [his resignation]", "blasted [the media for being 'dishonest']",
    "described [Clinton as a 'disgrace']"."""
    if "object" not in hit.cue.takes:
        return None
    last = sentence_end(parse, hit.tok)
    if hit.extra and parse.toks[hit.extra[-1]].upos == "ADP":
        # "called for [a moratorium on charter schools]", "called for [Trump to resign]": what the
        # preposition governs, with what completes it
        prep = hit.extra[-1]
        head = parse.toks[prep].head
        if head <= prep:
            return None
        first, right = prep + 1, [*parse.subtree(head)]
    else:
        objs = [c for c in parse.kids(hit.tok, "obj") if c.i > hit.tok]
        if not objs:
            return None
        first, right = min(parse.subtree(objs[0].i)), [objs[0].i]
    for child in parse.kids(hit.tok):
        if child.i > hit.tok and child.rel not in ("conj", "parataxis", "cc", "punct", "ccomp", "nsubj"):
            sub = parse.subtree(child.i)
            if child.rel == "advcl" and parse.toks[sub[0]].text == ",":
                continue  # "to show two forms of identification[, ruling that ...]": a clause of its own
            right.extend(sub)
    return trim_range(parse, first, min(max(right), last))


def phrase_host_content(parse: Parse, phrase: tuple[int, ...], source_end: int) -> list[tuple[int, int]]:
    """Fragments of the sentence an "according to X" phrase hangs on: the
    sentence without the phrase (tokens ``phrase[0]..source_end``).

    The words after the phrase belong to the content only when the phrase
    opens the sentence, interrupts its subject ("Clinton, according to X,
    leads ...") or comes before its verb ("At the heart of it, according to X,
    was ..."); after a phrase that closes a clause they start another one.
    A missed sentence split is cut at the first full stop."""
    first, last = parse.sentences[parse.toks[phrase[0]].sent]
    first = max([first] + [k + 1 for k in range(first, phrase[0]) if parse.toks[k].text in FINAL_PUNCT])
    last = min([last - 1] + [k - 1 for k in range(source_end + 1, last) if parse.toks[k].text in FINAL_PUNCT])
    left = trim_range(parse, first, phrase[0] - 1) if first < phrase[0] else None
    left_words = sum(1 for k in range(left[0], left[1] + 1) if not parse.toks[k].is_punct) if left else 0
    right = trim_range(parse, source_end + 1, last) if source_end < last else None
    left_clause = left is not None and holds_a_verb(parse, left)
    if right and left_words > 3 and left_clause and not _verb_goes_on(parse, right[0], (phrase[0], source_end)):
        right = None  # (an opener with no verb, "Just a few weeks ago, according to X, ...", goes on)
    return [r for r in (left, right) if r and any(not parse.toks[k].is_punct for k in range(r[0], r[1] + 1))]


def _verb_goes_on(parse: Parse, i: int, phrase: tuple[int, int]) -> bool:
    """The words after an interrupting phrase open with a finite verb, so they finish the clause
    before it ("At the heart of the talks, according to X, [was] a dispute", "Most voters, ...,
    [remain] undecided"); not a verb of the source's own relative clause ("according to an
    interview he [gave] to ITV")."""
    t = parse.toks[i]
    finite = t.xpos in FINITE_XPOS or (t.upos == "AUX" and t.xpos not in ("VBN", "VBG"))
    tied = phrase[0] <= t.head <= phrase[1] or any(phrase[0] <= k.i <= phrase[1] for k in parse.kids(i, "nsubj"))
    return finite and not tied and t.rel != "acl"


def phrase_source(parse: Parse, i: int) -> tuple[int, int] | None:
    """The source after "according to": the noun phrase by word order, grown
    to its head's whole subtree when the tree agrees ("exit polls [conducted
    by Edison Research]")."""
    opening = _opening_phrase_source(parse, i)
    if opening is not None:
        return opening  # its comma ends it, whatever the tree hangs beyond ("According to X, more than 1,000 ...")
    np = _closing_phrase_source(parse, i) or noun_phrase_after(parse, i)
    if np is None:
        return None
    heads = [k for k in range(np[0], np[1] + 1) if not np[0] <= parse.toks[k].head <= np[1]]
    if len(heads) == 1:
        sub = [k for k in parse.subtree(heads[0]) if k >= np[0]]
        end = min(max(sub), sentence_end(parse, i))
        if all(parse.toks[k].text not in FINAL_PUNCT for k in range(np[1], end + 1)):
            rng = trim_range(parse, np[0], end)
            return rng or np
    return np


def _opening_phrase_source(parse: Parse, i: int) -> tuple[int, int] | None:
    """ "According to [exit polls], ..." opening a sentence: the source is everything up to the
    comma, whatever the tagger made of its words ("exit" a verb, "Rush" a verb)."""
    if i >= len(parse.toks):
        return None
    first = parse.sentences[parse.toks[i].sent][0]
    opener = i - 2  # the "according" of "according to"
    if opener < first or not (opener == first or (opener == first + 1 and parse.toks[first].upos == "CCONJ")):
        return None
    for k in range(i, min(i + 12, sentence_end(parse, i) + 1)):
        t = parse.toks[k]
        if t.text == ",":
            return (i, k - 1) if k > i else None
        if t.is_punct and not inside_word(parse, k):
            return None
    return None


def _closing_phrase_source(parse: Parse, i: int) -> tuple[int, int] | None:
    """ "..., according to [spokesperson Monica Klein]." closing its sentence: the source is the rest
    of the sentence, whatever the tagger made of its words ("spokesperson" a verb, "exit" a verb)
    and with its own relative clause ("the document [he released]"). Only a short rest with no
    punctuation of its own: anything longer may go on with the sentence."""
    if i >= len(parse.toks) or i < 2 or i - 2 == parse.sentences[parse.toks[i].sent][0]:
        return None
    end = sentence_end(parse, i)
    while end > i and parse.toks[end].is_punct:
        end -= 1
    rest = parse.toks[i : end + 1]
    if not rest or len(rest) > 12 or any(t.is_punct and not inside_word(parse, t.i) for t in rest):
        return None
    if rest[0].upos in ("ADP", "SCONJ", "CCONJ") or not any(t.upos in ("NOUN", "PROPN", "PRON") for t in rest):
        return None
    return (i, end)


def noun_phrase_after(parse: Parse, i: int) -> tuple[int, int] | None:
    """The noun phrase starting at token ``i``, by word order: it runs until
    punctuation, a verb, or a subordinator ("according to [Kremlin aide Yury
    Ushakov], ...")."""
    if i >= len(parse.toks):
        return None
    last = sentence_end(parse, i)
    j = i
    while (
        j <= last
        and (
            parse.toks[j].upos in ("DET", "PROPN", "NOUN", "ADJ", "NUM", "PRON", "PART", "ADP", "CCONJ")
            or _inner_capital(parse, j, i)
            or prenominal_participle(parse, j, i)
            or _hyphen_inside(parse, j, i)
            or (j == i and _verb_before_role_noun(parse, j))
        )
        and not _stops_np(parse.toks[j])
        # "said Donald Trump [in an interview]": a name ends at a setting preposition
        and not (j > i and parse.toks[j].lower in SETTING_PREPS and parse.toks[j - 1].upos == "PROPN")
        # "said the company [in a statement]", "[during an interview]": how it was said, never who
        and not (j > i and parse.toks[j].lower in ("in", "on", "during") and j + 1 <= last and parse.toks[j + 1].lower in ("a", "an"))
    ):
        j += 1
    # Do not end on a function word ("the report by").
    while j - 1 >= i and parse.toks[j - 1].upos in ("ADP", "CCONJ", "DET"):
        j -= 1
    return (i, j - 1) if j > i else None


def _verb_before_role_noun(parse: Parse, j: int) -> bool:
    """ '"...," said [lead] author Dr Maria Chen': a bare form the tagger read as a verb, opening the
    phrase right before a role noun."""
    nxt = parse.toks[j + 1] if j + 1 < len(parse.toks) else None
    return bare_verb_form(parse.toks[j]) and nxt is not None and nxt.upos == "NOUN" and is_role_word(nxt)


def _hyphen_inside(parse: Parse, j: int, i: int) -> bool:
    """A hyphen the tokenizer split off inside a word of the phrase, or the word after it ("the
    23-year-old", "the Spanish-speaking community", "a 52-count complaint")."""
    if parse.toks[j].text == "-":
        return j > i and inner_hyphen(parse, j) and parse.toks[j + 1].text[:1].isalnum()
    return j - 1 > i and inner_hyphen(parse, j - 1)


def participle_before_noun(parse: Parse, j: int) -> bool:
    """A participle before a noun ("banking sources", "unnamed officials"), not a verb of its own."""
    return parse.toks[j].xpos in ("VBG", "VBN") and j + 1 < len(parse.toks) and parse.toks[j + 1].upos in ("NOUN", "PROPN")


def prenominal_participle(parse: Parse, j: int, i: int) -> bool:
    """ "said [retired] Army Gen. Mark Hale", "[acting] Director Ann Lee": :func:`participle_before_noun`,
    tagged a verb, lower case, opening a noun phrase that starts at ``i`` (or after its article, an
    adjective or a number: "one unaligned strategist") in the same sentence as its noun."""
    if j >= len(parse.toks):
        return False  # the cue ends the text
    t = parse.toks[j]
    if t.upos != "VERB" or not t.text.islower() or not participle_before_noun(parse, j):
        return False
    return parse.toks[j + 1].sent == t.sent and (j == i or parse.toks[j - 1].upos in ("DET", "ADJ", "NUM"))


def _inner_capital(parse: Parse, j: int, i: int) -> bool:
    """A capitalised word a weak tagger made a verb inside a name: "said [Unite] general secretary"."""
    t = parse.toks[j]
    if not (t.is_capitalised and t.upos in ("VERB", "ADV", "X")):
        return False
    if j == i:  # opening the phrase: a name only if more of the phrase follows ("Unite general secretary")
        return j + 1 < len(parse.toks) and parse.toks[j + 1].upos in ("ADJ", "NOUN", "PROPN")
    return parse.toks[j - 1].upos in ("DET", "PROPN", "ADJ")


def _stops_np(t: Tok) -> bool:
    return t.lower in ("that", "who", "which", "when", "while", "because", "as")
