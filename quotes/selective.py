"""Selective parsing: the dependency parser only where an attribution can be.

Dependency parsing is most of Stanza's cost, and most sentences of a news
article hold no attribution. Every sentence is tokenised and tagged; only the
sentences with a cue word, a quotation mark, a colon or a dash (and their
neighbours, for quotations and speakers that straddle a sentence split) go
through the parser. The others keep flat trees (every word attached to the
root), which no sieve uses: sieves start from cues and quotation marks.
"""

from __future__ import annotations

from stanza.models.common.doc import Document, Sentence

from quotes.cues import lookup_lemma
from quotes.quotemarks import MARKS

TAGGING = ("tokenize", "mwt", "pos", "lemma", "ner")
# Characters and words that make a sentence worth parsing besides cue verbs.
TRIGGER_CHARS = frozenset("".join(MARKS) + ":\u2015\u2014\u2013")
TRIGGER_WORDS = frozenset({"according", "--"})


def worth_parsing(sentence: Sentence) -> bool:
    """Could this sentence hold (part of) an attribution?"""
    if any(c in TRIGGER_CHARS for c in sentence.text):
        return True
    for w in sentence.words:
        if w.text.lower() in TRIGGER_WORDS:
            return True
        if w.upos == "VERB" and (lookup_lemma(w.lemma or w.text) or lookup_lemma(w.text)):
            return True
    return False


def selection(doc: Document, neighbours: int = 0) -> list[bool]:
    """Which sentences to parse: the triggered ones and ``neighbours`` on each side."""
    hit = [worth_parsing(s) for s in doc.sentences]
    out = [False] * len(hit)
    for i, h in enumerate(hit):
        if h:
            for j in range(max(0, i - neighbours), min(len(hit), i + neighbours + 1)):
                out[j] = True
    return out


def parse_documents(pipeline, docs: list[Document], selective: bool = True) -> list[Document]:
    """Run a full Stanza pipeline over ``docs`` in bulk, the parser on the
    selected sentences only (all of them when ``selective`` is False)."""
    if not selective or "depparse" not in pipeline.processors:
        return pipeline.bulk_process(docs)
    for name in TAGGING:
        if name in pipeline.processors:
            docs = pipeline.processors[name].bulk_process(docs)
    chosen: list[Sentence] = []
    for doc in docs:
        for sentence, keep in zip(doc.sentences, selection(doc)):
            if keep:
                chosen.append(sentence)
            else:
                for w in sentence.words:  # a flat tree: nothing here for the sieves
                    w.head, w.deprel = 0, "dep"
    if chosen:
        sub = Document([[_word_dict(w) for w in s.words] for s in chosen])
        sub = pipeline.processors["depparse"].process(sub)
        for target, parsed in zip(chosen, sub.sentences):
            for w, p in zip(target.words, parsed.words):
                w.head, w.deprel = p.head, p.deprel
    return docs


def _word_dict(w) -> dict:
    return {"id": w.id, "text": w.text, "lemma": w.lemma, "upos": w.upos, "xpos": w.xpos, "feats": w.feats}
