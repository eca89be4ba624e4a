"""The cue lexicon: which words introduce an attribution, and what they take.

The table lives in ``quotes/data/cues.tsv`` (lemma, frame, what the content is,
a confidence weight); this module loads it once and looks words up, forgiving
a lemmatizer that leaves unseen forms alone (``emphasising``).

>>> lookup_lemma("emphasising").frame
'speech'
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

from quotes.engine.parse import Tok

FRAMES = ("speech", "belief", "intention", "evidence")

# "according to X": the one multi-word source phrase (content before or after).
SOURCE_PHRASES: tuple[tuple[str, ...], ...] = (("according", "to"),)


@dataclass(frozen=True)
class Cue:
    lemma: str
    frame: str  # one of FRAMES
    takes: frozenset[str]  # quote | clause | infinitive | object
    weight: float


def data_lines(name: str) -> list[str]:
    """Non-comment, non-blank lines of a file under ``quotes/data``."""
    raw = resources.files("quotes.data").joinpath(name).read_text(encoding="utf-8")
    return [ln.rstrip("\n") for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")]


@cache
def lexicon() -> dict[str, Cue]:
    out = {}
    for line in data_lines("cues.tsv"):
        lemma, frame, takes, weight = line.split("\t")
        out[lemma] = Cue(lemma, frame, frozenset(takes.split(",")), float(weight))
    return out


@cache
def nominal_lexicon() -> dict[str, Cue]:
    """Nouns whose owner's "that" clause is an attribution (``quotes/data/nominal_cues.tsv``)."""
    out = {}
    for line in data_lines("nominal_cues.tsv"):
        lemma, frame, weight = line.split("\t")
        out[lemma] = Cue(lemma, frame, frozenset({"clause"}), float(weight))
    return out


# Irregular past forms of cue verbs, for a lemmatizer that has not seen them.
IRREGULAR: dict[str, str] = {
    "said": "say",
    "told": "tell",
    "wrote": "write",
    "written": "write",
    "found": "find",
    "thought": "think",
    "sought": "seek",
    "saw": "see",
    "seen": "see",
    "knew": "know",
    "known": "know",
    "felt": "feel",
    "understood": "understand",
    "spoke": "speak",
    "spoken": "speak",
    "forecast": "forecast",
    "shown": "show",
    "shot": "shoot",
    "proven": "prove",
}


def _lemma_guesses(form: str) -> list[str]:
    """Lemma candidates for an inflected form, most specific first."""
    f = form.lower()
    out = [f, IRREGULAR.get(f, f)]
    for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", "e"), ("ing", ""), ("ed", "e"), ("ed", ""), ("es", ""), ("s", "")):
        if f.endswith(suffix) and len(f) > len(suffix) + 2:
            out.append(f[: -len(suffix)] + repl)
    # doubled consonant: "admitted" -> "admit"
    for suffix in ("ing", "ed"):
        stem = f[: -len(suffix)]
        if f.endswith(suffix) and len(stem) > 3 and stem[-1] == stem[-2]:
            out.append(stem[:-1])
    return out


def lookup_lemma(word: str) -> Cue | None:
    lex = lexicon()
    for guess in _lemma_guesses(word):
        if guess in lex:
            return lex[guess]
    return None


@cache
def _cue_verbs() -> frozenset[str]:
    """Every verb the lexicon knows, alone or with a particle ("say", "shoot" of "shoot back")."""
    return frozenset(key.split()[0] for key in lexicon())


def may_cue(tok: Tok) -> bool:
    """Could :func:`cue_for` find an entry for ``tok`` with some particle? A cheap test first:
    most verbs of an article ("be", "go", "make") are no cue, and their particles need not be read."""
    if tok.upos != "VERB" and not (tok.upos == "AUX" and tok.lemma == "say"):
        return False
    verbs = _cue_verbs()
    return tok.lemma.lower() in verbs or any(g in verbs for g in _lemma_guesses(tok.text))


def cue_for(tok: Tok, particles: tuple[str, ...] = ()) -> Cue | None:
    """The cue entry of a verb token, or None. Nouns and adjectives are not
    verb cues even when they share a form ("the report", "a warning"). A phrasal verb's
    own entry wins over its verb's ("shot back", "pointed out")."""
    if tok.upos not in ("VERB",) and not (tok.upos == "AUX" and tok.lemma == "say"):
        return None
    for particle in particles:
        for lemma in (tok.lemma.lower(), *_lemma_guesses(tok.text)):
            phrasal = lexicon().get(f"{lemma} {particle.lower()}")
            if phrasal is not None:
                return phrasal
    return lexicon().get(tok.lemma.lower()) or lookup_lemma(tok.text)


@cache
def phrasal_verbs() -> frozenset[str]:
    """Verbs that are cues only with their particle ("shoot" of "shoot back")."""
    return frozenset(key.split()[0] for key in lexicon() if " " in key)
