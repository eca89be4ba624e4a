"""The parse as a flat list of tokens with exact character offsets.

Every later stage works on :class:`Tok` (a view of one Stanza word, which rules never change) and
:class:`Parse` (all tokens of a document plus tree helpers), never on Stanza
objects directly, so rules are small pure functions and tests can build a
``Parse`` from CoNLL-U without a model.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from operator import attrgetter

from stanza.models.common.doc import Document

from quotes.engine.collector import collector_paused

# Tokens that mark a possessor: "Trump's", "the parties'" (straight or curly apostrophe).
POSSESSIVE_MARKS = frozenset({"'s", "\u2019s", "'", "\u2019"})


class Tok:
    """One syntactic word. ``i`` and ``head`` are document-wide indexes; ``head`` is -1 for the root.

    A plain class with slots, not a frozen dataclass: :func:`from_stanza` makes one per word of every
    document, and a frozen dataclass sets each field through ``object.__setattr__`` (three times
    slower); the compiled engine (mypyc, ``setup.py``) reads its fields as C struct members. Rules
    share tokens and never change them. (Declaring the fields ``Final`` made mypyc 2.4 emit C that
    read an uninitialised variable.) ``rel`` (the relation without its subtype: nsubj:pass -> nsubj)
    and ``lower`` are computed once: the sieves and name rules ask for them many times per token. A
    token is equal only to itself, as the tokens of one document are."""

    __slots__ = ("i", "sent", "text", "lemma", "upos", "xpos", "head", "deprel", "start", "end", "ner", "rel", "lower")

    def __init__(
        self, i: int, sent: int, text: str, lemma: str, upos: str, xpos: str, head: int, deprel: str, start: int, end: int, ner: str = "O"
    ) -> None:
        self.i = i
        self.sent = sent
        self.text = text
        self.lemma = lemma
        self.upos = upos
        self.xpos = xpos
        self.head = head
        self.deprel = deprel
        self.start = start
        self.end = end
        self.ner = ner
        self.rel = deprel.split(":")[0]
        self.lower = text.lower()

    def __repr__(self) -> str:
        fields = (self.i, self.sent, self.text, self.lemma, self.upos, self.xpos, self.head, self.deprel, self.start, self.end, self.ner)
        return f"Tok{fields!r}"

    @property
    def is_punct(self) -> bool:
        return self.upos == "PUNCT"

    @property
    def is_capitalised(self) -> bool:
        return self.text[:1].isupper()


@dataclass(frozen=True)
class Parse:
    """A document: its exact input text and its tokens in text order."""

    text: str
    toks: tuple[Tok, ...]
    sentences: tuple[tuple[int, int], ...]  # [first, last + 1) token index per sentence
    # Each token's children, built once (a plain field, not a cached property: a compiled class has no
    # instance dict to cache in).
    children: tuple[tuple[int, ...], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        kids: list[list[int]] = [[] for _ in self.toks]
        for t in self.toks:
            if t.head >= 0:
                kids[t.head].append(t.i)
        object.__setattr__(self, "children", tuple(tuple(k) for k in kids))

    def sentence_toks(self, s: int) -> tuple[Tok, ...]:
        a, b = self.sentences[s]
        return self.toks[a:b]

    def kids(self, i: int, *rels: str) -> list[Tok]:
        """Children of token ``i``, optionally only those with a relation in ``rels``
        (bare relation names match any subtype)."""
        toks = self.toks
        if not rels:
            return [toks[c] for c in self.children[i]]
        return [t for t in (toks[c] for c in self.children[i]) if t.deprel in rels or t.rel in rels]

    def subtree(self, i: int) -> list[int]:
        """Token indexes of the subtree rooted at ``i``, sorted."""
        seen, stack = [], [i]
        while stack:
            j = stack.pop()
            seen.append(j)
            stack.extend(self.children[j])
        return sorted(seen)

    def ancestors(self, i: int) -> Iterator[Tok]:
        j, hops = self.toks[i].head, 0
        while j >= 0 and hops < 64:  # hops guard against a malformed cycle
            yield self.toks[j]
            j, hops = self.toks[j].head, hops + 1

    def tok_at(self, char: int) -> int | None:
        """Index of the token covering character ``char`` (binary search)."""
        lo, hi = 0, len(self.toks)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.toks[mid].end <= char:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(self.toks) and self.toks[lo].start <= char < self.toks[lo].end:
            return lo
        return None

    def toks_in(self, start: int, end: int) -> list[Tok]:
        return [t for t in self.toks if t.start >= start and t.end <= end]

    def word_count(self) -> int:
        return sum(1 for t in self.toks if not t.is_punct)


def inside_word(parse: Parse, k: int) -> bool:
    """Punctuation written inside a word, no space on either side ("EB-5", "U.S.-led")."""
    toks = parse.toks
    return 0 < k < len(toks) - 1 and toks[k - 1].end == toks[k].start and toks[k].end == toks[k + 1].start


def inner_hyphen(parse: Parse, k: int) -> bool:
    """A hyphen the tokenizer split off inside a word ("23" "-" "year-old", "Marr" "-" "Lewis")."""
    return parse.toks[k].text == "-" and inside_word(parse, k)


def is_dash(parse: Parse, k: int) -> bool:
    """A dash between words ("LONDON (Reuters) -", "PARIS \u2014 ..."), not a hyphen inside one ("a 52-month sentence")."""
    text = parse.toks[k].text
    return text in ("\u2014", "\u2013", "--") or (text == "-" and not inside_word(parse, k))


def _aligned_offsets(text: str, words: Iterable) -> list[tuple[int, int]]:
    """Offsets of each word: Stanza's own where present, otherwise found by
    scanning the text left to right (CoNLL-U without ``start_char``)."""
    out, cursor = [], 0
    for w in words:
        start, end = w.start_char, w.end_char
        if start is None or end is None:
            tok = w.parent
            start, end = tok.start_char, tok.end_char
            if tok.start_char is not None and len(tok.words) > 1:
                # A word of a multi-word token with no offsets of its own.
                found = text.find(w.text, max(cursor, tok.start_char), tok.end_char)
                start, end = (found, found + len(w.text)) if found >= 0 else (start, end)
        if start is None or end is None:
            found = text.find(w.text, cursor)
            start, end = (found, found + len(w.text)) if found >= 0 else (cursor, cursor)
        out.append((start, end))
        cursor = max(cursor, end)
    return out


# A word's fields in one call: the flattening below reads them for every word of every document.
_WORD_FIELDS = attrgetter("text", "lemma", "upos", "xpos", "head", "deprel", "start_char", "end_char", "parent")
# The same fields where Stanza keeps them (its properties only return these): read without a
# Python call per field, a third of the flattening's time. Used only when a document's first word
# gives the same values both ways, so a Stanza that stores them otherwise gets the properties.
_STORED_FIELDS = attrgetter("_text", "_lemma", "_upos", "_xpos", "_head", "_deprel", "_start_char", "_end_char", "_parent")


def _field_reader(doc: Document) -> attrgetter:
    first = next((w for s in doc.sentences for w in s.words), None)
    try:
        same = first is not None and _STORED_FIELDS(first) == _WORD_FIELDS(first)
    except AttributeError:
        same = False
    return _STORED_FIELDS if same else _WORD_FIELDS


@collector_paused
def from_stanza(doc: Document, text: str) -> Parse:
    """Flatten a Stanza Document whose offsets index ``text``."""
    toks: list[Tok] = []
    sentences: list[tuple[int, int]] = []
    read = _field_reader(doc)
    ner = "_ner" if read is _STORED_FIELDS else "ner"  # the stored tag: no property call per word
    for s_idx, sent in enumerate(doc.sentences):
        base = len(toks)
        fields = [read(w) for w in sent.words]
        # offsets as Stanza gives them, unless a word lacks its own (CoNLL-U without start_char)
        offsets = _aligned_offsets(text, sent.words) if any(f[6] is None or f[7] is None for f in fields) else None
        for k, (form, lemma, upos, xpos, head, deprel, start, end, parent) in enumerate(fields):
            if offsets is not None:
                start, end = offsets[k]
            deprel = deprel or "dep"
            toks.append(
                Tok(
                    len(toks), s_idx, form, lemma or form, upos or "X", xpos or "", (base + head - 1) if head else -1, deprel,
                    start, end, getattr(parent, ner, None) or "O",
                )
            )  # fmt: skip
        sentences.append((base, len(toks)))
    return Parse(text=text, toks=tuple(toks), sentences=tuple(sentences))
