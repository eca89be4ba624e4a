"""Tag repairs before parsing: cue verbs a weak tagger read as plural nouns.

"Clinton hopes to win", "The campaign plans to spend", "Sanders vows to stay": the small embedded
tagger reads the verb as a plural noun, so the sentence has no cue verb, selective parsing leaves
it untreed and its report is lost. A plural noun is retagged a present-tense verb before the
parser runs when

* its singular is a cue verb that takes an infinitive (``quotes/data/cues.tsv``),
* "to" and a bare verb follow it, and
* a word that can be a subject comes right before it: a name, a pronoun that is not a
  possessive, or a noun ("The campaign plans to"), never a determiner or a possessive
  ("the plans to", "his hopes to", "Trump's plans to"), where it is the noun it was tagged.

The parser then reads the verb with its subject and infinitive like any other cue.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from stanza.models.common.doc import Document, Word

from quotes.engine.cues import lookup_lemma

_SUBJECT_UPOS = frozenset({"PROPN", "NOUN", "PRON"})
_FINITE_FEATS = "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"
_PAST_FEATS = "Mood=Ind|Tense=Past|VerbForm=Fin"


def fingerprint() -> str:
    """A short hash of these repairs: caches of parses key on it."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:12]


def _verb_read_as_noun(prev: Word, w: Word, to: Word, verb: Word) -> str | None:
    """The cue lemma of ``w`` when it is a cue verb tagged a plural noun (module docstring), else None."""
    if w.upos != "NOUN" or w.xpos != "NNS" or not w.text.islower():
        return None
    if to.text.lower() != "to" or verb.upos not in ("VERB", "AUX") or verb.xpos != "VB":
        return None
    if prev.upos not in _SUBJECT_UPOS or prev.xpos == "PRP$" or prev.text.lower() in ("'s", "\u2019s"):
        return None
    cue = lookup_lemma(w.text)
    return cue.lemma if cue is not None and "infinitive" in cue.takes else None


def _cue_ending_sentence(words: list[Word]) -> str | None:
    """The cue lemma of the sentence's last word before its closing punctuation when it is a speech
    verb tagged a noun, after a comma and its subject ("..., industry analysts forecast."), else None."""
    k = len(words) - 2
    if k < 2:
        return None
    w = words[k]
    if w.upos != "NOUN" or not w.text.islower() or words[k + 1].upos != "PUNCT":
        return None
    j = k - 1
    while j > 0 and k - j <= 4 and words[j].upos in ("NOUN", "PROPN", "ADJ", "DET"):
        j -= 1  # the subject: "industry analysts", "producer delegates"
    if j == k - 1 or words[j].text != "," or words[k - 1].upos not in ("NOUN", "PROPN"):
        return None
    cue = lookup_lemma(w.text)
    return cue.lemma if cue is not None and "clause" in cue.takes and cue.frame == "speech" else None


def repair_tags(doc: Document) -> int:
    """Retag, in place, the cue verbs of ``doc`` that its tagger read as plural nouns; how many.

    >>> from stanza.models.common.doc import Document
    >>> doc = Document([[{"id": 1, "text": "Clinton", "upos": "PROPN", "xpos": "NNP"},
    ...                  {"id": 2, "text": "hopes", "lemma": "hope", "upos": "NOUN", "xpos": "NNS"},
    ...                  {"id": 3, "text": "to", "upos": "PART", "xpos": "TO"},
    ...                  {"id": 4, "text": "win", "upos": "VERB", "xpos": "VB"}]])
    >>> repair_tags(doc), doc.sentences[0].words[1].upos
    (1, 'VERB')
    """
    fixed = 0
    for sentence in doc.sentences:
        words = sentence.words
        for k in range(1, len(words) - 2):
            lemma = _verb_read_as_noun(words[k - 1], words[k], words[k + 1], words[k + 2])
            if lemma is not None:
                w = words[k]
                w.upos, w.xpos, w.lemma, w.feats = "VERB", "VBZ", lemma, _FINITE_FEATS
                fixed += 1
        lemma = _cue_ending_sentence(words)
        if lemma is not None:
            w = words[-2]
            w.upos, w.xpos, w.lemma, w.feats = "VERB", "VBD", lemma, _PAST_FEATS
            fixed += 1
    return fixed
