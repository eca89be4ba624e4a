"""Speakers: find the source mention of a cue, then resolve mentions to entities.

``source_of`` reads the subject of a cue verb (inherited from the governing
verb for "..., advocating for X"; the ``by`` agent of a passive).
``resolve`` turns the mentions of all attributions into document-level
entities: surnames link to the full name seen elsewhere ("Ushakov" -> "Yury
Ushakov"), pronouns to the speaker they refer to, and each entity collects its
roles ("Kremlin aide").
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field

from quotes.candidates import CLAUSE_RELS, SETTING_PREPS, Candidates, noun_phrase_after
from quotes.model import Span
from quotes.names import (
    PRONOUN_GENDER,
    PRONOUNS,
    NameChunk,
    appositive_role,
    gender_of,
    is_role_word,
    kind_of,
    name_chunks,
    nominal_kind,
    role_matches,
)
from quotes.parse import Parse

# Subtrees that are not part of a speaker mention as written.
_NOT_IN_MENTION = ("appos", "acl", "advcl", "punct", "conj", "cc", "parataxis", "ccomp", "dep", "dislocated")
EXPLETIVES = frozenset({"it", "there"})


def mention_range(parse: Parse, cands: Candidates, head: int) -> tuple[int, int]:
    """The contiguous token range of the noun phrase headed by ``head``,
    without appositives, relative clauses and anything inside a quotation."""
    keep = {head}
    stack = [head]
    while stack:
        j = stack.pop()
        for k in parse.kids(j):
            if k.rel in _NOT_IN_MENTION or k.deprel == "acl:relcl" or cands.in_quote(k.i):
                continue
            if k.rel in ("nmod", "obl") and any(c.lower in SETTING_PREPS for c in parse.kids(k.i, "case")):
                continue
            keep.add(k.i)
            stack.append(k.i)
    a = b = head
    while a - 1 in keep:
        a -= 1
    while b + 1 in keep:
        b += 1
    while a < head and parse.toks[a].upos in ("ADP", "PUNCT", "CCONJ"):
        a += 1
    return a, b


def source_of(parse: Parse, cands: Candidates, verb: int, hops: int = 3) -> tuple[int, int] | None:
    """Speaker mention of a cue verb, or None (passive with no agent, expletive).

    A verb with no subject of its own ("..., advocating for X", "plans to")
    inherits its governor's, unless the governor lies inside a quotation
    (then the subject belongs to the quoted speech, not the cue).
    """
    v = parse.toks[verb]
    subj = parse.kids(verb, "nsubj")
    active = [s for s in subj if s.deprel != "nsubj:pass" and not cands.in_quote(s.i)]
    before = [s for s in active if s.i < verb]
    if active and not before and verb + 1 < len(parse.toks) and parse.toks[verb + 1].i in {s.i for s in active}:
        # "Bamberg said the videos show ...": a weak parser makes the content's
        # subject the cue's; a speaker phrase before the cue wins over it.
        left = speaker_before(parse, cands, verb)
        if left is not None:
            return left
    dash = dateline_end(parse, verb)
    if active and dash is not None and (before or active)[0].i < dash:
        # "WASHINGTON (Reuters) — Senator Warren said": the dateline is no speaker.
        return noun_phrase_after(parse, dash + 1) if dash + 1 < verb else None
    if active:
        s = before[0] if before else active[0]
        if s.lower in EXPLETIVES and any(k.rel in ("ccomp", "csubj") for k in parse.kids(verb)):
            return None
        return mention_range(parse, cands, s.i)
    if any(s.deprel == "nsubj:pass" for s in subj) or parse.kids(verb, "aux:pass"):
        for obl in parse.kids(verb, "obl", "obl:agent"):
            if any(c.lower == "by" for c in parse.kids(obl.i, "case")):
                return mention_range(parse, cands, obl.i)
        return None
    if hops and v.rel in CLAUSE_RELS and v.head >= 0 and not cands.in_quote(v.head):
        inherited = source_of(parse, cands, v.head, hops - 1)
        if inherited is not None:
            return inherited
    # No subject in the tree at all: the phrase right before the cue ("It's denouncing").
    return speaker_before(parse, cands, verb) if v.xpos != "VBG" or parse.toks[verb - 1].upos == "AUX" else None


def dateline_end(parse: Parse, i: int) -> int | None:
    """The dash closing a dateline at the start of token ``i``'s paragraph
    ("LONDON (Reuters) -", "WASHINGTON —"), or None."""
    line_start = parse.text.rfind("\n", 0, parse.toks[i].start) + 1
    first = parse.tok_at(line_start + len(parse.text[line_start:]) - len(parse.text[line_start:].lstrip()))
    if first is None or not (parse.toks[first].text.isupper() and len(parse.toks[first].text) > 1):
        return None
    for j in range(first + 1, min(first + 7, i)):
        if parse.toks[j].text in ("\u2014", "\u2013", "-", "--"):
            return j
    return None


NP_UPOS = frozenset({"PROPN", "NOUN", "PRON", "DET", "ADJ", "NUM", "PART"})


def speaker_before(parse: Parse, cands: Candidates, verb: int) -> tuple[int, int] | None:
    """The noun phrase just before a cue by word order, stepping over adverbs
    and auxiliaries and over one appositive between commas ("Erin Murphy, a
    former aide who went to Burma, said")."""
    first = parse.sentences[parse.toks[verb].sent][0]
    j = verb - 1
    while j >= first and parse.toks[j].upos in ("ADV", "AUX", "PART") and not cands.in_quote(j):
        j -= 1
    if j >= first and parse.toks[j].text == ",":
        k = j - 1
        while k >= first and parse.toks[k].text != "," and j - k < 25:
            k -= 1
        if k >= first and parse.toks[k].text == ",":
            j = k - 1
    end = j
    while j >= first and parse.toks[j].upos in NP_UPOS and not cands.in_quote(j):
        j -= 1
    if end - j < 1 or not any(parse.toks[k].upos in ("PROPN", "NOUN", "PRON") for k in range(j + 1, end + 1)):
        return None
    return j + 1, end


# --- resolution --------------------------------------------------------------


@dataclass
class Entity:
    name: str
    kind: str
    key: tuple[str, ...]
    roles: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)  # char spans
    gender: str | None = None  # "m" / "f" when a title, role noun or pronoun says so

    def add_role(self, role: str | None) -> None:
        if role and role not in self.roles:
            self.roles.append(role)


@dataclass(frozen=True)
class Resolved:
    entity: int  # index into the entity list
    mention: Span


def _cluster(parse: Parse, chunks: list[NameChunk]) -> tuple[list[Entity], dict[int, int]]:
    """Entities from name chunks: a shorter name joins the most recently
    mentioned longer name it ends with ("Ushakov" -> "Yury Ushakov")."""
    entities: list[Entity] = []
    of_chunk: dict[int, int] = {}
    seen_at: dict[int, list[int]] = {}  # entity -> token positions of its chunks
    by_suffix: dict[tuple[str, ...], list[int]] = {}  # every ending of an entity's name -> entities
    by_length = sorted(range(len(chunks)), key=lambda c: (-len(chunks[c].key), chunks[c].first))
    for c in by_length:
        ch = chunks[c]
        matches = by_suffix.get(ch.key, [])
        if matches:
            # Two Clintons: take the one named most recently before this mention.
            e = max(matches, key=lambda e: _latest_before(seen_at[e], ch.first))
        else:
            ner = parse.toks[ch.name_toks[-1]].ner.split("-")[-1]
            entities.append(Entity(ch.name, kind_of(ch.name.split(), bool(ch.role), None if ner == "O" else ner), ch.key))
            e = len(entities) - 1
            seen_at[e] = []
            for k in range(len(ch.key)):
                by_suffix.setdefault(ch.key[k:], []).append(e)
        of_chunk[c] = e
        insort(seen_at[e], ch.first)
    for c in sorted(of_chunk, key=lambda c: chunks[c].first):
        ent = entities[of_chunk[c]]
        ch = chunks[c]
        ent.add_role(ch.role)
        ent.add_role(appositive_role(parse, ch.name_toks))
        ent.mentions.append((parse.toks[ch.first].start, parse.toks[ch.last].end))
        ent.gender = ent.gender or gender_of(parse.toks[ch.first : ch.last + 1])
        if ch.role and ent.kind == "organisation" and kind_of(ch.name.split(), True) == "person":
            ent.kind = "person"
    return entities, of_chunk


def resolve(parse: Parse, cands: Candidates, sources: list[tuple[int, int] | None]) -> tuple[list[Resolved | None], list[Entity]]:
    """Resolve each attribution's source token range to an entity.

    ``sources`` are given in attribution order (text order of content); the
    result lists the same positions and the document's entities."""
    chunks = name_chunks(parse)
    entities, of_chunk = _cluster(parse, chunks)
    order = sorted(range(len(sources)), key=lambda k: sources[k][0] if sources[k] else -1)
    out: list[Resolved | None] = [None] * len(sources)
    history: list[tuple[int, int]] = []  # (token position, entity) of resolved speakers
    nominal: dict[str, int] = {}
    for k in order:
        rng = sources[k]
        if rng is None:
            continue
        a, b = _grow_possessor(parse, *rng)
        head = _head_of(parse, a, b)
        c = _chunk_of(chunks, a, b, head, parse)
        if c is None:
            c = _appositive_name(parse, chunks, a, b, head)
            if c is not None:  # "The company's spokeswoman, Ana Lopez, said"
                entities[of_chunk[c]].add_role(_without_det(parse, a, b))
        if c is not None:  # the whole written name, even where the parse split it
            a, b = min(a, chunks[c].first), max(b, chunks[c].last)
        span = Span.of(parse.text, parse.toks[a].start, parse.toks[b].end)
        e = of_chunk[c] if c is not None else None
        if e is None:
            e = _by_surname(parse, entities, a, b)
        if e is None:
            e = _by_pronoun(parse, chunks, of_chunk, entities, history, a, b)
        if e is None:
            e = _by_role_noun(parse, entities, a, b)
        if e is None:
            e = _by_nominal(parse, entities, nominal, a, b, span)
        if (span.start, span.end) not in entities[e].mentions:
            entities[e].mentions.append((span.start, span.end))
        history.append((a, e))
        out[k] = Resolved(e, span)
    return out, entities


def _first(ch: NameChunk) -> int:
    return ch.first


def _last(ch: NameChunk) -> int:
    return ch.last


def _latest_before(positions: list[int], limit: int) -> int:
    """The largest of sorted ``positions`` below ``limit``, or -1."""
    k = bisect_left(positions, limit)
    return positions[k - 1] if k else -1


def _chunk_of(chunks: list[NameChunk], a: int, b: int, head: int | None = None, parse: Parse | None = None) -> int | None:
    """The name chunk holding the mention's head ("a spokesman for the
    Treasury" is not the Treasury); any overlapping one when no head is given.
    A possessor is not the speaker: in "Britain's finance minister Rachel
    Reeves" the last name is."""
    # chunks are in text order and never overlap: their firsts and lasts are both sorted
    inside = range(bisect_left(chunks, a, key=_last), bisect_right(chunks, b, key=_first))
    for c in inside:
        ch = chunks[c]
        if head is not None and not ch.first <= head <= ch.last:
            continue
        owner = parse is not None and ch.last + 1 <= b and parse.toks[ch.last + 1].lower in ("'s", "\u2019s")
        return inside[-1] if owner and inside[-1] != c else c
    return None


def _grow_possessor(parse: Parse, a: int, b: int) -> tuple[int, int]:
    """A mention ending in 's is a possessor the parser took for the subject:
    grow it to what is possessed ("The company's [spokeswoman]")."""
    if parse.toks[b].lower in ("'s", "\u2019s", "'", "\u2019") and b + 1 < len(parse.toks):
        np = noun_phrase_after(parse, b + 1)
        if np is not None:
            return a, np[1]
    return a, b


def _appositive_name(parse: Parse, chunks: list[NameChunk], a: int, b: int, head: int) -> int | None:
    """For a role-noun mention, the name in an appositive right after it."""
    if not (is_role_word(parse.toks[head]) or is_role_word(parse.toks[b])) or b + 2 >= len(parse.toks) or parse.toks[b + 1].text != ",":
        return None
    c = bisect_left(chunks, b + 2, key=_first)
    if c < len(chunks) and chunks[c].first == b + 2:
        ch = chunks[c]
        if ch.last + 1 >= len(parse.toks) or parse.toks[ch.last + 1].is_punct:
            return c
    return None


def _without_det(parse: Parse, a: int, b: int) -> str:
    if parse.toks[a].upos == "DET" and a < b:
        a += 1
    return parse.text[parse.toks[a].start : parse.toks[b].end]


def _head_of(parse: Parse, a: int, b: int) -> int:
    inside = [i for i in range(a, b + 1) if not (a <= parse.toks[i].head <= b)]
    return inside[0] if inside else b


def _by_pronoun(parse, chunks, of_chunk, entities, history, a: int, b: int) -> int | None:
    head = parse.toks[_head_of(parse, a, b)]
    want = PRONOUNS.get(head.lower)
    if want is None or want == "self":
        return None
    if want == "relative" and head.head >= 0:
        governor = parse.toks[head.head]
        if governor.head >= 0:
            c = _chunk_of(chunks, governor.head, governor.head)
            return of_chunk[c] if c is not None else None
        return None

    gender = PRONOUN_GENDER.get(head.lower)

    def fits(e: int) -> bool:
        ent = entities[e]
        if gender and ent.gender and gender != ent.gender:
            return False
        return want == "any" or (want == "person") == (ent.kind == "person")

    # The speaker of the closest earlier attribution, then the closest earlier name.
    found = next((e for pos, e in reversed(history) if pos < a and fits(e) and parse.toks[pos].sent >= head.sent - 4), None)
    if found is None:
        before = bisect_left(chunks, a, key=_last)  # the chunks ending before the pronoun
        found = next((of_chunk[c] for c in range(before - 1, -1, -1) if fits(of_chunk[c])), None)
    if found is not None and gender and entities[found].gender is None:
        entities[found].gender = gender  # "he" now means this person for later pronouns
    return found


def _by_surname(parse: Parse, entities: list[Entity], a: int, b: int) -> int | None:
    """A lone capitalised word the tagger did not take for a name ("Reeves
    told ...") that ends a name seen in the document."""
    if a != b or not parse.toks[a].is_capitalised or parse.toks[a].lower in PRONOUNS:
        return None
    word = parse.toks[a].lower
    return next((e for e, ent in enumerate(entities) if len(ent.key) > 1 and ent.key[-1] == word), None)


def _by_role_noun(parse: Parse, entities: list[Entity], a: int, b: int) -> int | None:
    """ "the senator" / "the Kremlin aide": the most recently named entity
    holding that role."""
    head = parse.toks[_head_of(parse, a, b)]
    if not is_role_word(head) or parse.toks[a].lower not in ("the", "this") or any(t.upos == "PROPN" for t in parse.toks[a : b + 1]):
        return None
    before = parse.toks[a].start
    best, best_pos = None, -1
    for e, ent in enumerate(entities):
        if any(role_matches(head.lemma, r) or role_matches(head.text, r) for r in ent.roles):
            pos = max((s for s, _ in ent.mentions if s < before), default=-1)
            if pos > best_pos:
                best, best_pos = e, pos
    return best


def _by_nominal(parse: Parse, entities: list[Entity], nominal: dict[str, int], a: int, b: int, span: Span) -> int:
    head = parse.toks[_head_of(parse, a, b)]
    words = [t for t in parse.toks[a : b + 1] if t.upos != "DET" or t.i != a]
    name = parse.text[words[0].start : words[-1].end] if words else span.text
    if head.lower in PRONOUNS:
        name = span.text
    key = name.lower()
    if key not in nominal:
        kind = nominal_kind(head) if head.upos != "PRON" else "unknown"
        entities.append(Entity(name, kind, tuple(key.split())))
        if is_role_word(head):  # "a spokesman for the Treasury" is what "the spokesman" refers to
            entities[-1].add_role(name)
        nominal[key] = len(entities) - 1
    return nominal[key]
