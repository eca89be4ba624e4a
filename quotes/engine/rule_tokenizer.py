"""Rule-based sentences and tokens for the Stanza pipeline, in the style its models were trained on.

Stanza's own tokenizer is a character-level recurrent network: on the small embedded model it is a
third of the time a request spends parsing. News text is clean enough for rules: by default
(``QUOTES_TOKENIZER=rules``) the text is split by `syntok <https://github.com/fnl/syntok>`_
(paragraphs, sentences, tokens with their offsets) and handed to the tagger and parser as a
Stanza Document; ``QUOTES_TOKENIZER=model`` keeps the model's tokenizer. The rules are about
1.35x faster end to end and find more attributions (docs/speed.md has the figures).

syntok splits English clitics the way UD English EWT does ("do" "n't", "Trump" "'s"), but cuts the
full stop off abbreviations ("Dr" "."); EWT keeps it ("Dr."), and so do the models trained on it,
so the stop joins the word again when the word is one of ``quotes/data/abbreviations.txt``, a
single letter ("J.") or dotted initials ("U.S."). A lower-case word joined by a hyphen is one
word ("chairman-elect", "ex-wife"), as in EWT; names joined by one stay apart ("Russia-India").

>>> doc = rule_tokenize('Dr. Lee said: "We don\\'t know."\\n\\nThe U.S. agreed.')
>>> [[t.text for t in s.tokens] for s in doc.sentences]
[['Dr.', 'Lee', 'said', ':', '"', 'We', 'do', "n't", 'know', '.', '"'], ['The', 'U.S.', 'agreed', '.']]
>>> doc.sentences[1].tokens[1].start_char
36
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

from stanza.models.common.doc import Document
from syntok import segmenter

from quotes.engine.cues import data_lines

_DOTTED = re.compile(r"^(?:[A-Za-z]|(?:[A-Za-z]\.)+[A-Za-z])$")  # "J", "U.S", "a.m"


@cache
def abbreviations() -> frozenset[str]:
    """Words EWT writes with their full stop ("Mr.", "Sen.", "Inc."), lower case, without the stop."""
    return frozenset(data_lines("abbreviations.txt"))


# Abbreviations written in lower case; the others keep their stop only when capitalised ("Ill.", not
# "fell ill.").
_LOWER_CASE = frozenset({"etc", "vs", "approx", "no", "nos"})


def _keeps_stop(word: str) -> bool:
    low = word.lower()
    return bool(_DOTTED.match(word)) or (low in abbreviations() and (word[:1].isupper() or low in _LOWER_CASE))


def _irish_or_romance_prefix(text: str, prev: tuple[int, int], start: int, value: str) -> bool:
    """ "O'Neal", "D'Angelo", "L'Oreal": a capital O, D or L right before an apostrophe and a capital."""
    return prev[1] == start and prev[1] - prev[0] == 1 and text[prev[0]] in "ODL" and value[:1] in "'\u2019" and value[1:2].isupper()


def sentence_tokens(text: str) -> list[list[tuple[int, int]]]:
    """Character spans of the tokens of each sentence of ``text``, in order."""
    out: list[list[tuple[int, int]]] = []
    for paragraph in segmenter.analyze(text):
        joined = False  # the paragraph's last sentence ended in a title: this one continues it
        for sentence in paragraph:
            spans: list[tuple[int, int]] = out.pop() if joined else []
            for tok in sentence:
                if not tok.value:
                    continue  # syntok ends a text with an empty token
                start, end = tok.offset, tok.offset + len(tok.value)
                prev = spans[-1] if spans else None
                if prev and tok.value == "." and prev[1] == start and _keeps_stop(text[prev[0] : prev[1]]):
                    spans[-1] = (prev[0], end)  # "Dr" "." -> "Dr."
                elif prev and text[prev[1] : start] == "-" and text[prev[0]].islower() and text[start].isalnum():
                    spans[-1] = (prev[0], end)  # "chairman-elect", one word as in EWT; "Russia - India" stays three
                elif prev and _irish_or_romance_prefix(text, prev, start, tok.value):
                    spans[-1] = (prev[0], end)  # "O" "'Neal" -> "O'Neal", one name as in EWT
                else:
                    if prev and text[prev[1] : start] == "-":
                        spans.append((prev[1], start))  # syntok drops a hyphen between tokens: "R-S.C."
                    spans.append((start, end))
            if spans:
                out.append(spans)
            last = text[spans[-1][0] : spans[-1][1]] if spans else ""
            # "Indiana Gov. | Mike Pence": a title's stop ends no sentence
            joined = last.endswith(".") and last[:-1].lower() in abbreviations() and last[:1].isupper()
    return out


def rule_tokenize(text: str) -> Document:
    """``text`` as a tokenized Stanza Document whose tokens carry their offsets in ``text``."""
    # offsets as fields, not as a MISC string Stanza would parse again: a third less time
    sentences = [
        [{"id": (k,), "text": text[a:b], "start_char": a, "end_char": b} for k, (a, b) in enumerate(spans, start=1)]
        for spans in sentence_tokens(text)
    ]
    return Document(sentences, text)


def fingerprint() -> str:
    """A short hash of these rules and their word list: caches of parses key on it."""
    here = Path(__file__)
    data = here.parent.parent / "data" / "abbreviations.txt"
    return hashlib.sha256(here.read_bytes() + data.read_bytes()).hexdigest()[:12]
