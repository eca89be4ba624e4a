"""News-style augmentation of CoNLL-U training sentences (deterministic for a given seed).

EWT is web text: its quotations use straight or curly double quotes, and its dashes are mostly
``-`` / ``--``.  News copy, which the service reads, also has

* single quotes around quotations: curly ``‘...’`` (headlines, quotes within quotes) and straight
  ``'...'``;
* NYT-style ``''...''`` (two apostrophes, opening as well as closing);
* curly double quotes ``“...”`` and curly apostrophes in contractions (``it’s``, ``Clinton’s``);
* em dashes, spaced (``word — word``) or closed up (``word—word``), en dashes and ``--``.

For each train sentence with a quotation (or a dash, or an apostrophe) a copy with the new
punctuation is added, with probability ``QUOTE_P`` / ``DASH_P`` / ``APOS_P``.

EWT also has few quotations followed by their attribution, the commonest sentence of news
(``"We will not accept this," Ushakov said.``, ``"Why now?" asked Lee.``): a tokenizer trained on it
alone ends the sentence after the closing mark and leaves ``Ushakov said.`` as a sentence of its
own. So a plain statement or question is also copied, with probability ``ATTRIBUTION_P``, as a
quotation with an attribution after it, in EWT's own analysis of that order: the quotation's root
stays the root and the speech verb attaches to it as ``parataxis`` (:func:`augment_attribution`;
speakers are capitalised proper nouns drawn from train itself, or he/she). These copies come from an
RNG of their own, after the others, so the other copies stay as they were.  The copy keeps every
annotation (heads, relations, tags); only the forms, the lemmas of the replaced marks, SpaceAfter and
``# text`` change.  The originals are kept unchanged.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass

QUOTE_P = 0.5
ATTRIBUTION_P = 0.08
DASH_P = 0.8
APOS_P = 0.1
DOUBLE_QUOTES = {'"', "“", "”", "''", "``"}
DASHES = {"-", "--", "—", "–"}

# (name, opening form, closing form, lemma, weight)
QUOTE_STYLES: list[tuple[str, str, str, str, float]] = [
    ("curly_single", "‘", "’", "'", 0.3),
    ("nyt_double_apostrophe", "''", "''", '"', 0.3),
    ("straight_single", "'", "'", "'", 0.2),
    ("curly_double", "“", "”", '"', 0.2),
]
# (name, form, spaced, weight)
DASH_STYLES: list[tuple[str, str, bool, float]] = [
    ("em_dash_spaced", "—", True, 0.4),
    ("em_dash_closed", "—", False, 0.3),
    ("en_dash_spaced", "–", True, 0.15),
    ("double_hyphen_spaced", "--", True, 0.15),
]


@dataclass
class Unit:
    """A surface token: the line holding its MISC (a range line for a multi-word token) and its word lines."""

    line: int
    words: list[int]


def _cols(line: str) -> list[str]:
    return line.split("\t")


def surface_units(sent: list[str]) -> list[Unit]:
    units: list[Unit] = []
    range_end = 0
    for i, line in enumerate(sent):
        if line.startswith("#"):
            continue
        wid = _cols(line)[0]
        if "-" in wid:
            start, end = (int(x) for x in wid.split("-"))
            units.append(Unit(i, []))
            range_end = end
            continue
        if "." in wid:
            continue
        if int(wid) <= range_end:
            units[-1].words.append(i)
        else:
            units.append(Unit(i, [i]))
    return units


def _space_after(sent: list[str], unit: Unit) -> bool:
    return "SpaceAfter=No" not in _cols(sent[unit.line])[9].split("|")


def _set_space_after(sent: list[str], unit: Unit, space: bool) -> None:
    cols = _cols(sent[unit.line])
    misc = [m for m in cols[9].split("|") if m not in ("_", "SpaceAfter=No")]
    if not space:
        misc.append("SpaceAfter=No")
    cols[9] = "|".join(misc) if misc else "_"
    sent[unit.line] = "\t".join(cols)


def _set_form(sent: list[str], index: int, form: str, lemma: str | None = None) -> None:
    cols = _cols(sent[index])
    cols[1] = form
    if lemma is not None:
        cols[2] = lemma
    sent[index] = "\t".join(cols)


def rebuild_text(sent: list[str]) -> None:
    """Set ``# text`` from the surface forms and SpaceAfter (added if missing)."""
    units = surface_units(sent)
    pieces: list[str] = []
    for k, unit in enumerate(units):
        pieces.append(_cols(sent[unit.line])[1])
        if k + 1 < len(units) and _space_after(sent, unit):
            pieces.append(" ")
    text = "# text = " + "".join(pieces)
    for i, line in enumerate(sent):
        if line.startswith("# text"):
            sent[i] = text
            return
    first_token = next(i for i, line in enumerate(sent) if not line.startswith("#"))
    sent.insert(first_token, text)


def _tag_sent_id(sent: list[str], kind: str) -> list[str]:
    out = []
    for line in sent:
        if line.startswith("# newdoc") or line.startswith("# newpar"):
            continue
        if line.startswith("# sent_id"):
            line = f"{line}-aug-{kind}"
        out.append(line)
    return out


def _pick(rng: random.Random, styles: list, weight_index: int) -> tuple:
    return rng.choices(styles, weights=[s[weight_index] for s in styles], k=1)[0]


def quote_units(sent: list[str], units: list[Unit]) -> list[tuple[Unit, bool]]:
    """Quotation marks as (unit, is_opening); opening/closing from the PTB tag, else alternating."""
    found: list[tuple[Unit, bool]] = []
    is_open = True
    for unit in units:
        if len(unit.words) != 1:
            continue
        cols = _cols(sent[unit.words[0]])
        if cols[1] in DOUBLE_QUOTES and cols[3] == "PUNCT":
            if cols[4] == "``":
                is_open = True
            elif cols[4] == "''":
                is_open = False
            found.append((unit, is_open))
            is_open = not is_open
    return found


def augment_quotes(sent: list[str], rng: random.Random) -> tuple[str, list[str]] | None:
    units = surface_units(sent)
    quotes = quote_units(sent, units)
    if not quotes:
        return None
    name, opening, closing, lemma, _ = _pick(rng, QUOTE_STYLES, 4)
    new = list(sent)
    for unit, is_open in quotes:
        _set_form(new, unit.words[0], opening if is_open else closing, lemma)
    if name == "curly_single":  # curly quotes come with curly apostrophes
        _curly_apostrophes(new, units, skip={u.line for u, _ in quotes})
    rebuild_text(new)
    return name, _tag_sent_id(new, name)


def augment_dashes(sent: list[str], rng: random.Random) -> tuple[str, list[str]] | None:
    units = surface_units(sent)
    targets = []
    for k, unit in enumerate(units):
        if len(unit.words) != 1:
            continue
        cols = _cols(sent[unit.words[0]])
        if cols[1] not in DASHES or cols[3] != "PUNCT" or cols[4] == "HYPH":
            continue
        spaced_before = k > 0 and _space_after(sent, units[k - 1])
        if k == 0 or spaced_before or _space_after(sent, unit):  # a dash between words, not a word-internal hyphen
            targets.append(k)
    if not targets:
        return None
    name, form, spaced, _ = _pick(rng, DASH_STYLES, 3)
    new = list(sent)
    for k in targets:
        unit = units[k]
        _set_form(new, unit.words[0], form, form)
        if k > 0:
            _set_space_after(new, units[k - 1], spaced)
        if k + 1 < len(units):
            _set_space_after(new, unit, spaced)
    rebuild_text(new)
    return name, _tag_sent_id(new, name)


def _curly_apostrophes(sent: list[str], units: list[Unit], skip: set[int] | None = None) -> bool:
    changed = False
    for unit in units:
        if skip and unit.line in skip:
            continue
        lines = {unit.line, *unit.words}
        multiword = unit.words != [unit.line]
        for i in lines:
            form = _cols(sent[i])[1]
            # a lone "'" is a quotation mark, unless it is a word of a multi-word token ("banks'" = banks + '):
            # then it changes with its token, so that the token's words still spell it
            if "'" in form and form not in DOUBLE_QUOTES and (form != "'" or multiword):
                _set_form(sent, i, form.replace("'", "’"))
                changed = True
    return changed


def augment_apostrophes(sent: list[str], rng: random.Random) -> tuple[str, list[str]] | None:
    del rng
    new = list(sent)
    if not _curly_apostrophes(new, surface_units(new)):
        return None
    rebuild_text(new)
    return "curly_apostrophe", _tag_sent_id(new, "curly_apostrophe")


# (name, opening, closing, weight)
ATTRIBUTION_QUOTES = [("straight", '"', '"', 0.4), ("curly", "“", "”", 0.5), ("nyt", "''", "''", 0.1)]
SPEECH_VERBS = [("said", "say", 0.7), ("added", "add", 0.15), ("noted", "note", 0.1), ("wrote", "write", 0.05)]
PAST_FEATS = "Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin"
PRONOUN_FEATS = {
    "he": "Case=Nom|Gender=Masc|Number=Sing|Person=3|PronType=Prs",
    "she": "Case=Nom|Gender=Fem|Number=Sing|Person=3|PronType=Prs",
}


def _line(wid: int, form: str, lemma: str, upos: str, xpos: str, feats: str, head: int, rel: str, misc: str = "_") -> str:
    return "\t".join([str(wid), form, lemma, upos, xpos, feats, str(head), rel, "_", misc])


def proper_names(sents: list[list[str]]) -> list[str]:
    """Capitalised one-word proper nouns of the given sentences, as speakers for the copies."""
    rows = (_cols(line) for sent in sents for line in sent if not line.startswith("#"))
    forms = {cols[1] for cols in rows if cols[3] == "PROPN"}
    return sorted(f for f in forms if len(f) > 2 and f[0].isupper() and f[1:].islower())


def augment_attribution(sent: list[str], rng: random.Random, names: list[str]) -> tuple[str, list[str]] | None:
    """``S.`` -> ``"S," Name said.`` / ``"S," said Name.`` / ``"S?" she asked.`` (EWT's analysis: the
    quotation's root stays the root; the speech verb is its ``parataxis``)."""
    body = [line for line in sent if not line.startswith("#")]
    if any("-" in _cols(x)[0] or "." in _cols(x)[0] for x in body) or not 4 <= len(body) <= 30:
        return None
    cols = [_cols(x) for x in body]
    if cols[-1][1] not in (".", "?", "!") or any(c[1] in DOUBLE_QUOTES or c[1] in ("'", "‘", "’") for c in cols):
        return None
    root = next((int(c[0]) for c in cols if c[6] == "0"), None)
    if root is None:
        return None
    style, opening, closing, _ = _pick(rng, ATTRIBUTION_QUOTES, 3)
    question = cols[-1][1] == "?"
    verb, lemma, _ = ("asked", "ask", 1.0) if question and rng.random() < 0.7 else _pick(rng, SPEECH_VERBS, 2)
    r = root + 1
    out = [_line(1, opening, '"', "PUNCT", "``", "_", r, "punct", "SpaceAfter=No")]
    for c in cols:
        c = list(c)
        c[0] = str(int(c[0]) + 1)
        c[6] = str(int(c[6]) + 1) if c[6] != "0" else "0"
        out.append("\t".join(c))
    last = _cols(out[-1])
    if last[1] == ".":
        last[1], last[2], last[4] = ",", ",", ","
    last[9] = "SpaceAfter=No"
    out[-1] = "\t".join(last)
    n = len(out) + 1
    out.append(_line(n, closing, '"', "PUNCT", "''", "_", r, "punct"))
    order = rng.choices(["name_verb", "verb_name", "pronoun"], weights=[0.55, 0.25, 0.2], k=1)[0]
    if order == "pronoun":
        pron = rng.choice(["he", "she"])
        speaker = [(pron, pron, "PRON", "PRP", PRONOUN_FEATS[pron])]
    else:
        speaker = [(rng.choice(names), None, "PROPN", "NNP", "Number=Sing")]
        if rng.random() < 0.4:
            speaker.insert(0, (rng.choice(names), None, "PROPN", "NNP", "Number=Sing"))
    verb_line = (verb, lemma, "VERB", "VBD", PAST_FEATS)
    tail = [verb_line, *speaker] if order == "verb_name" else [*speaker, verb_line]
    v = n + 1 + tail.index(verb_line)
    first_name = n + 1 + (tail.index(speaker[0]))
    for k, (form, lem, upos, xpos, feats) in enumerate(tail):
        wid = n + 1 + k
        if (form, lem, upos, xpos, feats) == verb_line:
            head, rel = r, "parataxis"
        elif wid == first_name:
            head, rel = v, "nsubj"
        else:
            head, rel = first_name, "flat"
        out.append(_line(wid, form, lem or form, upos, xpos, feats, head, rel, "SpaceAfter=No" if k == len(tail) - 1 else "_"))
    out.append(_line(n + 1 + len(tail), ".", ".", "PUNCT", ".", "_", r, "punct"))
    new = [line for line in sent if line.startswith("#")] + out
    rebuild_text(new)
    return f"attribution_{style}", _tag_sent_id(new, "attribution")


def augment_sentences(sents: list[list[str]], seed: int) -> tuple[list[list[str]], dict[str, int]]:
    """New sentences to append to ``sents`` (which are not modified), and how many of each kind."""
    rng = random.Random(seed)
    added: list[list[str]] = []
    stats: Counter[str] = Counter()
    for sent in sents:
        for func, prob in ((augment_quotes, QUOTE_P), (augment_dashes, DASH_P), (augment_apostrophes, APOS_P)):
            draw = rng.random()
            if draw >= prob:
                continue
            result = func(sent, rng)
            if result is None:
                continue
            kind, new = result
            added.append(new)
            stats[kind] += 1
    names, rng = proper_names(sents), random.Random(seed + 1)
    for sent in sents:
        if rng.random() < ATTRIBUTION_P and (result := augment_attribution(sent, rng, names)) is not None:
            added.append(result[1])
            stats[result[0]] += 1
    # paragraphs of 5 sentences in a document of their own, so the tokenizer's text keeps its paragraph structure
    for k, sent in enumerate(added):
        head = [f"# newpar id = augmented-p{k // 5 + 1:05d}"] if k % 5 == 0 else []
        if k == 0:
            head.insert(0, "# newdoc id = augmented")
        sent[:0] = head
    return added, dict(sorted(stats.items()))
