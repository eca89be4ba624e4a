"""The learned stage: a classifier over (cue word, content) candidates, trained on PolNeAR train.

The rule sieves know the cue lexicon; PolNeAR's annotators mark attitudes far beyond it
(``enjoyed support from``, ``is defending``, ``his claim that``). This stage proposes, for every
word that governs a clause, an infinitive, an object or a ``that``/``about`` complement, the
content that dependent spans, describes the pair with features the engine already computes
(lemma, UPOS, XPOS, dependency relations, the governing word, the subject, cue-lexicon membership,
quotation membership, position in the sentence) and scores it with a logistic model
(:file:`quotes/data/learned_cues.json`, made by ``training/train_learned.py``; its model card is
:file:`quotes/data/learned_cues.md`). Candidates the model scores at or above the threshold become
drafts named ``learned_cue_clause`` with the model's probability as confidence; the speaker is the
cue's subject, read by :func:`quotes.engine.speakers.source_of` as for the rules.

The model is read once per process (:func:`model`) and scoring is dictionary look-ups and one
exponential per candidate: no torch, no numpy at run time.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import accumulate, repeat

from quotes.engine.candidates import FINAL_PUNCT, Candidates, sentence_end, trim_range
from quotes.engine.cues import data_lines, lookup_lemma
from quotes.engine.flags import parse_flag
from quotes.engine.parse import Parse

MODEL_FILE = "learned_cues.json"

# Dependents that can hold what a word attributes, by the word's class.
VERB_AFTER = ("ccomp", "xcomp", "advcl", "parataxis", "obj", "obl", "csubj", "conj")
NOUN_AFTER = ("acl", "ccomp", "nmod")
# A clause before its cue ("The talks failed, he said"): the cue governs it, or hangs on it.
BEFORE = ("ccomp", "parataxis")
# Right dependents that are no part of what a word attributes.
NOT_RIGHT = ("conj", "parataxis", "cc", "punct", "nsubj", "advmod", "mark", "aux", "cop", "dep", "discourse", "vocative", "compound")
SUBJ_CLASSES = {"PRON": "pron", "PROPN": "name", "NOUN": "noun"}


@dataclass(frozen=True)
class Candidate:
    cue: int  # the token of the cue word
    dep: int  # the token that heads the content (the cue's dependent, or its head for "X, he said")
    rng: tuple[int, int]  # content token range, inclusive
    kind: str  # how the pair was found: after:<rel> | before:<rel> | host:<rel>


def _bucket(n: int) -> str:
    return "1" if n <= 1 else "2-3" if n <= 3 else "4-7" if n <= 7 else "8-15" if n <= 15 else "16-30" if n <= 30 else "31+"


def _content_range(parse: Parse, toks: list[int], cue: int, lead: frozenset[str]) -> tuple[int, int] | None:
    """The span of ``toks`` on one side of the cue, within its sentence."""
    first, last = parse.sentences[parse.toks[cue].sent]
    side = [k for k in toks if (k > cue) == (toks[0] > cue) and first <= k < last]
    if not side:
        return None
    a, b = min(side), max(side)
    # Not across a sentence-final mark the parser left inside the sentence.
    if a > cue:
        b = min([b] + [k - 1 for k in range(a + 1, b + 1) if parse.toks[k].text in FINAL_PUNCT and k > a])
    else:
        a = max([a] + [k + 1 for k in range(a, b) if parse.toks[k].text in FINAL_PUNCT])
    return trim_range(parse, a, b, lead)


def candidates(parse: Parse, cands: Candidates, cue_ok: Callable[[int], bool] | None = None) -> Iterator[Candidate]:
    """Every (cue word, content) pair the tree offers (of the cue words ``cue_ok`` passes)."""
    lead = frozenset({"that"})
    rels: tuple[str, ...]
    for t in parse.toks:
        if t.upos in ("VERB", "AUX"):
            rels = VERB_AFTER
        elif t.upos in ("NOUN", "ADJ"):
            rels = NOUN_AFTER
        else:
            continue
        if cands.in_quote(t.i) or (cue_ok is not None and not cue_ok(t.i)):
            continue
        kids = parse.kids(t.i)
        for k in kids:
            if (k.deprel in rels or k.rel in rels) and k.deprel != "acl:relcl":
                if k.i > t.i:
                    rng = _content_range(parse, parse.subtree(k.i), t.i, lead)
                    if rng and rng[0] > t.i:
                        yield Candidate(t.i, k.i, rng, f"after:{k.deprel}")
                elif k.rel in BEFORE:
                    rng = _content_range(parse, parse.subtree(k.i), t.i, lead)
                    if rng and rng[1] < t.i:
                        yield Candidate(t.i, k.i, rng, f"before:{k.deprel}")
        # "called contestants to wear ...", "cited X as examples": everything the word governs on its right.
        right = [k for k in kids if k.i > t.i and k.rel not in NOT_RIGHT]
        if len(right) > 1:
            rng = _content_range(parse, sorted(j for k in right for j in parse.subtree(k.i)), t.i, lead)
            if rng and rng[0] > t.i:
                yield Candidate(t.i, right[0].i, rng, "right")
        # "The talks failed, he said": the cue hangs on the clause it reports.
        # (Only as parataxis: hung on as ccomp, advcl or conj it was no attribution in 1,000 PolNeAR train cases.)
        if t.upos == "VERB" and t.rel == "parataxis" and 0 <= t.head < t.i:
            keep = set(parse.subtree(t.head)) - set(parse.subtree(t.i))
            rng = _content_range(parse, sorted(keep), t.i, lead) if keep else None
            if rng and rng[1] < t.i:
                yield Candidate(t.i, t.head, rng, f"host:{t.deprel}")


def rate_bucket(cue: int, n: int) -> str:
    """How often a word form is (part of) a cue where it occurs in the training text, as a bucket."""
    if n < 3:
        return "unk"
    r = cue / n
    for top, name in ((0.0, "0"), (0.05, "<.05"), (0.15, "<.15"), (0.3, "<.3"), (0.5, "<.5"), (0.7, "<.7")):
        if r <= top if top == 0.0 else r < top:
            return name
    return ">=.7"


@cache
def sense_classes() -> dict[tuple[str, str], tuple[str, ...]]:
    """(lemma, ``v`` or ``n``) -> the WordNet classes of its commonest senses, commonest first
    (``quotes/data/wordnet_sense_classes.tsv``, made by ``scripts/build_lexicon.py``): a cue word
    PolNeAR train never showed the model still says what kind of act it names.

    >>> sense_classes()[("excoriate", "v")]
    ('communication', 'contact')
    """
    table = {}
    for line in data_lines("wordnet_sense_classes.tsv"):
        lemma, pos, classes = line.split("\t")
        table[(lemma, pos)] = tuple(classes.split(","))
    return table


def _cue_facts(parse: Parse, cands: Candidates, i: int, rates: Callable[[str], tuple[int, int]] | None, memo: dict) -> dict:
    """What the features of every candidate of cue word ``i`` share."""
    toks = parse.toks
    v = toks[i]
    lemma = v.lemma.lower()
    lex = lookup_lemma(lemma) if v.upos in ("VERB", "AUX") else None
    subj = [k for k in parse.kids(v.i, "nsubj", "nsubj:pass", "csubj")]
    first, last = parse.sentences[v.sent]
    head = toks[v.head] if v.head >= 0 else None
    wn_pos = "v" if v.upos in ("VERB", "AUX") else "n" if v.upos == "NOUN" else ""
    classes = sense_classes().get((lemma, wn_pos), ()) if wn_pos else ()
    in_quotes = _running_counts(parse, cands, memo)[0]
    return {
        "rate": rate_bucket(*rates(v.lower)) if rates else "unk",
        "lemma": lemma,
        "lex": lex.frame if lex else "none",
        "lex_takes": ",".join(sorted(lex.takes)) if lex else "none",
        "subj": SUBJ_CLASSES.get(subj[0].upos, "other") if subj else "none",
        "subj_ner": (subj[0].ner.split("-")[-1] if subj[0].ner != "O" else "O") if subj else "-",
        "subj_lemma": subj[0].lemma.lower() if subj else "-",
        "first": first,
        "head_lemma": head.lemma.lower() if head else "<root>",
        "aux": "+".join(sorted({k.lower for k in parse.kids(v.i, "aux", "aux:pass")})) or "-",
        "neg": any(k.lower in ("not", "n't", "never", "no") for k in parse.kids(v.i, "advmod", "neg", "det")),
        "prev": toks[v.i - 1].lower if v.i > first else "<s>",
        "next": toks[v.i + 1].lower if v.i + 1 < last else "</s>",
        "sentence_end": sentence_end(parse, v.i),
        "quote_sentence": in_quotes[last] > in_quotes[first],  # any token of the sentence quoted
        "classes": classes,
        "class": classes[0] if classes else f"none|{v.upos}",
    }


def _running_counts(parse: Parse, cands: Candidates, memo: dict) -> tuple[list[int], list[int]]:
    """Running counts over the document's tokens (``[k]``: among the first ``k``) of those inside
    a quotation and of verbs, made once per document (``memo``): a span's counts are two
    subtractions."""
    if "counts" not in memo:
        quoted = list(accumulate((q is not None for q in cands.quote_of_tok), initial=0))
        verbs = list(accumulate((t.upos in ("VERB", "AUX") for t in parse.toks), initial=0))
        memo["counts"] = quoted, verbs
    return memo["counts"]


def features(
    parse: Parse, cands: Candidates, c: Candidate, rates: Callable[[str], tuple[int, int]] | None = None, memo: dict | None = None
) -> list[str]:
    """The names of the features that fire for one candidate. ``rates`` gives a word form's
    (times in a cue, occurrences) in the training text (:attr:`Model.cue_rates`); ``memo``, shared
    by the candidates of one document, keeps what those of one cue word have in common."""
    toks = parse.toks
    v, d = toks[c.cue], toks[c.dep]
    if memo is None:
        memo = {}
    cue = memo.get(c.cue)
    if cue is None:
        cue = memo[c.cue] = _cue_facts(parse, cands, c.cue, rates, memo)
    rate, lemma, lex, subj_cls, next_word, first_class = cue["rate"], cue["lemma"], cue["lex"], cue["subj"], cue["next"], cue["class"]
    marks = [k.lower for k in parse.kids(d.i, "mark", "case")] if c.kind.startswith("after") else []
    mark = marks[0] if marks else "-"
    a, b = c.rng
    n = b - a + 1
    in_quotes, verbs = _running_counts(parse, cands, memo)
    quoted = in_quotes[b + 1] - in_quotes[a]
    qfrac = "none" if quoted == 0 else "all" if quoted == n else "some"
    content_verbs = verbs[b + 1] - verbs[a]
    gap = (a - v.i - 1) if a > v.i else (v.i - b - 1)
    kind = c.kind
    f = [
        "bias",
        f"kind={kind}",
        f"cue_rate={rate}",
        f"cue_rate|kind={rate}|{kind}",
        f"cue_rate|upos={rate}|{v.upos}",
        f"lemma={lemma}",
        f"lemma|kind={lemma}|{kind}",
        f"lemma|mark={lemma}|{mark}",
        f"upos={v.upos}",
        f"xpos={v.xpos}",
        f"upos|kind={v.upos}|{kind}",
        f"mark={mark}",
        f"kind|mark={kind}|{mark}",
        f"dep_upos={d.upos}",
        f"kind|dep_upos={kind}|{d.upos}",
        f"lex={lex}",
        f"lex|kind={lex}|{kind}",
        f"lex_takes={cue['lex_takes']}|{kind}",
        f"cue_rel={v.deprel}",
        f"cue_rel|kind={v.deprel}|{kind}",
        f"head_lemma={cue['head_lemma']}",
        f"subj={subj_cls}",
        f"subj|kind={subj_cls}|{kind}",
        f"subj_ner={cue['subj_ner']}",
        f"subj_lemma={cue['subj_lemma']}",
        f"len={_bucket(n)}",
        f"kind|len={kind}|{_bucket(n)}",
        f"quoted={qfrac}",
        f"kind|quoted={kind}|{qfrac}",
        f"content_verbs={min(content_verbs, 3)}",
        f"gap={_bucket(gap) if gap > 0 else '0'}",
        f"aux={cue['aux']}",
        f"neg={cue['neg']}",
        f"prev={cue['prev']}",
        f"next={next_word}",
        f"lemma|next={lemma}|{next_word}",
        f"starts_sent={a == cue['first']}",
        f"ends_sent={b >= cue['sentence_end'] - 1}",
        f"cue_in_quote_sentence={cue['quote_sentence']}",
        f"dep_lemma={d.lemma.lower()}" if d.upos in ("NOUN", "PROPN", "PRON") else f"dep_lemma={d.upos}",
        f"class={first_class}",
        f"class|kind={first_class}|{kind}",
        *(f"class_any={x}" for x in cue["classes"]),
    ]
    return f


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]
    threshold: float
    meta: dict
    cue_rates: dict[str, list[int]] = field(default_factory=dict)  # word form -> [times in a cue, occurrences] in train
    calibration: tuple[float, float] = (1.0, 0.0)  # Platt scaling (a, b) fitted on dev: confidence = sigmoid(a * logit(p) + b)

    def confidence(self, p: float) -> float:
        """The probability of being right, calibrated on dev, for a raw model probability ``p``."""
        a, b = self.calibration
        z = math.log(max(p, 1e-9) / max(1 - p, 1e-9))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, a * z + b))))

    def rate(self, form: str) -> tuple[int, int]:
        r = self.cue_rates.get(form)
        return (r[0], r[1]) if r else (0, 0)

    def prob(self, feats: list[str]) -> float:
        z = sum(map(self.weights.get, feats, repeat(0.0)))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@cache
def model() -> Model | None:
    """The trained model shipped in ``quotes/data``, read once per process; None when absent."""
    path = resources.files("quotes.data").joinpath(MODEL_FILE)
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    calib = tuple(data.get("calibration", (1.0, 0.0)))
    return Model(data["weights"], float(data["threshold"]), data.get("meta", {}), data.get("cue_rates", {}), calib)


def scored(
    parse: Parse,
    cands: Candidates,
    m: Model,
    keep: Callable[[Candidate], bool] | None = None,
    cue_ok: Callable[[int], bool] | None = None,
) -> list[tuple[float, Candidate]]:
    """The model's probability for every candidate of the document, or of those whose cue word
    ``cue_ok`` passes and that ``keep`` passes (finding and scoring pairs is the stage's cost:
    pairs the rules already claimed need neither)."""
    memo: dict = {}
    return [(m.prob(features(parse, cands, c, m.rate, memo)), c) for c in candidates(parse, cands, cue_ok) if keep is None or keep(c)]


# A lemma whose own weight is at least this makes a sentence worth the dependency parser (quotes/engine/selective.py).
TRIGGER_WEIGHT = 0.5
# ... and so does a word form that was part of a cue in at least this share of its occurrences in train.
TRIGGER_RATE = 0.3
TRIGGER_MIN_SEEN = 5


DEFAULT_ON = "0"  # QUOTES_LEARNED_STAGE's default


@cache
def enabled() -> bool:
    """Is the stage in the default sieves (``QUOTES_LEARNED_STAGE``, read once per process)?"""
    import os

    return parse_flag("QUOTES_LEARNED_STAGE", os.environ.get("QUOTES_LEARNED_STAGE", DEFAULT_ON)) and model() is not None


@cache
def trigger_lemmas() -> frozenset[str]:
    """Cue words the model learned that the lexicon lacks: their sentences must be parsed for the stage to see them."""
    if not enabled():  # off: the model is never read
        return frozenset()
    m = model()
    if m is None:
        return frozenset()
    lemmas = {k.split("=", 1)[1] for k, w in m.weights.items() if k.startswith("lemma=") and w >= TRIGGER_WEIGHT}
    forms = {f for f, (cue, n) in m.cue_rates.items() if n >= TRIGGER_MIN_SEEN and cue / n >= TRIGGER_RATE}
    return frozenset(lemmas | forms)
