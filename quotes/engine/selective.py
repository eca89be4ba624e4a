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

from quotes.engine import rule_tokenizer, speedups, tag_repair
from quotes.engine.cues import lookup_lemma, phrasal_verbs
from quotes.engine.learned import trigger_lemmas
from quotes.engine.quotemarks import MARKS
from quotes.engine.rule_tokenizer import rule_tokenize
from quotes.engine.tag_repair import repair_tags

TAGGING = ("tokenize", "mwt", "pos", "lemma", "ner")
# Characters and words that make a sentence worth parsing besides cue verbs.
TRIGGER_CHARS = frozenset("".join(MARKS) + ":\u2015\u2014\u2013")
TRIGGER_WORDS = frozenset({"according", "--"})


def fingerprint(tokenizer: str) -> str:
    """What :func:`parse_documents` does to a text besides the model: the rule tokenizer's rules (when
    ``tokenizer`` is "rules") and the tag repairs. Caches of parses key on it."""
    repairs = f"repairs={tag_repair.fingerprint()}"
    return f"rules={rule_tokenizer.fingerprint()}-{repairs}" if tokenizer == "rules" else repairs


def worth_parsing(sentence: Sentence) -> bool:
    """Could this sentence hold (part of) an attribution?"""
    if any(c in TRIGGER_CHARS for c in sentence.text):
        return True
    for w in sentence.words:
        if w.text.lower() in TRIGGER_WORDS:
            return True
        if w.upos == "VERB" and (lookup_lemma(w.lemma or w.text) or lookup_lemma(w.text) or (w.lemma or "").lower() in phrasal_verbs()):
            return True
        if (w.lemma or w.text).lower() in trigger_lemmas() or w.text.lower() in trigger_lemmas():  # the learned stage's cue words
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


# The tagger's memory grows with a sentence's length and the parser's with its square (a
# 1,000-word sentence: 13 s and 3 GB; 4,000 words: killed for memory). A text with no full
# stop, or thousands of lone quotation marks, is one such sentence: longer sentences are cut
# into pieces of at most this many words before tagging (never inside a multi-word token).
MAX_SENTENCE_WORDS = 150


def split_long_sentences(doc: Document, limit: int = MAX_SENTENCE_WORDS) -> Document:
    """``doc`` with every sentence of more than ``limit`` words cut into consecutive
    pieces; ``doc`` itself when none is that long. Offsets are kept."""
    if all(len(s.words) <= limit for s in doc.sentences):
        return doc
    sentences: list[list[dict]] = []
    for sentence in doc.sentences:
        piece: list[dict] = []
        count = 0
        for token in sentence.tokens:
            if count + len(token.words) > limit and piece:
                sentences.append(piece)
                piece, count = [], 0
            piece.extend(token.to_dict())
            count += len(token.words)
        sentences.append(piece)
    return Document([_numbered(s) for s in sentences], text=doc.text)


def _numbered(entries: list[dict]) -> list[dict]:
    """Word ids from 1 again (a multi-word token's id is the range of its words)."""
    out, k = [], 0
    for entry in entries:
        entry = dict(entry)
        if isinstance(entry["id"], tuple):
            entry["id"] = (k + 1, k + 1 + entry["id"][1] - entry["id"][0])
        else:
            k += 1
            entry["id"] = k
        out.append(entry)
    return out


def parse_documents(pipeline, docs: list[Document], selective: bool = True, rules: bool = True) -> list[Document]:
    """Run a full Stanza pipeline over ``docs`` in bulk, the parser on the
    selected sentences only (all of them when ``selective`` is False), the text split into
    sentences and tokens by rules (``quotes.engine.rule_tokenizer``), or by the model's own
    tokenizer when ``rules`` is False; under
    ``torch.inference_mode()`` where ``quotes.engine.speedups`` installed it."""
    with speedups.inference():
        return _parse_documents(pipeline, docs, selective, rules)


def _parse_documents(pipeline, docs: list[Document], selective: bool, rules: bool) -> list[Document]:
    if "depparse" not in pipeline.processors:
        return pipeline.bulk_process(docs)
    for name in TAGGING:
        if name == "pos":
            docs = [split_long_sentences(d) for d in docs]
        if name == "tokenize" and rules:
            docs = [rule_tokenize(d.text) for d in docs]
        elif name == "mwt" and rules:
            continue  # the rules mark no multi-word token: nothing for the expander to do
        elif name == "tokenize":
            # Stanza's bulk tokenising joins the texts into one and splits the result again:
            # 10-40 % slower than one document at a time (bench/speed.py, in process).
            docs = [pipeline.processors[name].process(d) for d in docs]
        elif name in pipeline.processors:
            docs = pipeline.processors[name].bulk_process(docs)
    chosen: list[Sentence] = []
    for doc in docs:
        repair_tags(doc)  # before choosing: a cue verb read as a noun makes its sentence worth parsing
        for sentence, keep in zip(doc.sentences, selection(doc) if selective else [True] * len(doc.sentences)):
            if keep:
                chosen.append(sentence)
            else:
                for w in sentence.words:  # a flat tree: nothing here for the sieves
                    w.head, w.deprel = 0, "dep"
    for group in parse_groups(chosen):
        pipeline.processors["depparse"].process(sentences_view(group))  # writes the heads into ``group``
    return docs


def sentences_view(sentences: list[Sentence]) -> Document:
    """A Document over existing sentences, not copies of them: the parser reads their words and
    sets its heads and relations on those very words. Building a new Document of the selected
    sentences and copying the heads back cost some 7 % of the service's parse time."""
    view = Document([])
    view._sentences = list(sentences)
    view._count_words()
    return view


# Stanza batches the parser's input by word count and pads each batch to its longest
# sentence, so one call's memory grows with (sentences) x (longest)^2 (about 1.2 kB per cell): three hundred
# one-word sentences (a run of lone quotation marks) padded to one of 75 words took 1.1 GB.
# Sentences go to the parser sorted by length, in groups within this many word pairs.
MAX_PARSE_CELLS = 50_000


def parse_groups(sentences: list[Sentence], cells: int = MAX_PARSE_CELLS) -> list[list[Sentence]]:
    """``sentences`` by length, in groups whose size times the square of their longest is at most ``cells``."""
    groups: list[list[Sentence]] = []
    group: list[Sentence] = []
    for sentence in sorted(sentences, key=lambda s: len(s.words)):
        n = len(sentence.words)
        if group and (len(group) + 1) * n * n > cells:
            groups.append(group)
            group = []
        group.append(sentence)
    if group:
        groups.append(group)
    return groups

