"""Entities: who each speaker mention refers to, across the whole article.

The registry sees every written name in the document (not only the speakers'): full names,
titled names, surnames, acronyms, with the roles the article gives each (before the name, in
apposition, by copula). A speaker mention is then resolved by an ordered list of named
resolvers, most precise first, after the deterministic coreference sieves of Lee et al. (2013):

1. ``name``         the mention holds a written name ("Kremlin aide Yury Ushakov", "Ushakov")
2. ``appositive``   a role noun with a name beside it ("The firm's spokeswoman, Ana Lopez,")
3. ``surname``      a lone capitalised word ending a known name ("Reeves told ...")
4. ``pronoun``      he / she / they / it: the person the passage is about (the latest subject
                    that agrees in gender and kind, outside quotations); nobody when two fit
5. ``description``  "the prime minister", "the fund": the latest entity with that role or name
6. ``nominal``      an unnamed source ("a White House spokesman", "analysts", "the report"):
                    no name, its description as role

A mention that none of them can place honestly keeps no name: a wrong name credits a quotation
to the wrong person.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field

from quotes.candidates import Candidates, noun_phrase_after
from quotes.model import Span
from quotes.names import (
    PRONOUN_GENDER,
    PRONOUNS,
    NameChunk,
    acronym,
    gender_of,
    is_place,
    kind_of,
    name_chunks,
    never_speaks,
    nominal_kind,
)
from quotes.parse import Parse
from quotes.roles import (
    appositive_roles,
    is_role_word,
    phrase_text,
    predicate_roles,
    role_head,
    role_matches,
    role_matches_broadly,
    role_matches_loosely,
    spelt_out,
    word_table,
)

# How far back (in sentences) a pronoun looks for the person it refers to.
PRONOUN_WINDOW = 3
# Prepositions that set the scene rather than say what someone is: a role stops before them.
_SETTING_WORDS = frozenset({"with", "on", "about", "after", "before", "during", "since", "over", "against", "like"})
_POSSESSIVE_DETS = frozenset({"his", "her", "their", "its", "our", "my", "your"})
_ACRONYM_SKIP = frozenset({"of", "for", "and", "the", "to", "&", "de", "on", "in"})


@dataclass
class Entity:
    name: str | None  # None: the article never names it ("a spokesman", "analysts")
    kind: str  # person | organisation | group | document | unknown
    key: tuple[str, ...]
    roles: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)  # char spans
    gender: str | None = None  # "m" / "f" when a title, role noun or pronoun says so

    def add_role(self, role: str | None) -> None:
        if role and role not in self.roles and len(role.split()) <= 16:
            self.roles.append(role)

    def ranked_roles(self) -> list[str]:
        """Most specific first: full phrases before bare abbreviations ("South Carolina senator"
        before "Sen."), then the longer, then the earlier; a role with an abbreviated title
        comes spelt out first ("U.S. Air Force Gen." -> "U.S. Air Force general"), then as
        written, so that a newsroom counting roles finds every senator under "senator"."""
        order = {r: k for k, r in enumerate(self.roles)}
        ranked = sorted(self.roles, key=lambda r: (r.endswith(".") and len(r.split()) == 1, -len(r.split()), order[r]))
        out: list[str] = []
        for role in ranked:
            for variant in (spelt_out(role), role):
                if variant not in out:
                    out.append(variant)
        return out


@dataclass(frozen=True)
class Resolved:
    entity: int  # index into the entity list
    mention: Span
    resolver: str  # which resolver placed it


@dataclass(frozen=True, order=True)
class Mention:
    """One place an entity is mentioned, for pronouns to look back at."""

    tok: int
    entity: int
    subject: bool
    quoted: bool
    source: bool = False  # the speaker mention of an attribution


@dataclass
class Registry:
    parse: Parse
    cands: Candidates
    chunks: list[NameChunk]
    entities: list[Entity]
    of_chunk: dict[int, int]
    history: list[Mention]
    nominal: dict[str, int] = field(default_factory=dict)
    ambiguous: dict[int, list[int]] = field(default_factory=dict)  # chunk -> entities its surname fits


# --- the registry ------------------------------------------------------------


def build_registry(parse: Parse, cands: Candidates) -> Registry:
    """Entities from every name chunk: a shorter name joins the most recently mentioned longer
    name it ends with ("Ushakov" -> "Yury Ushakov"); an acronym joins the name it abbreviates
    ("BRC" -> "British Retail Consortium"); a lone word may join the organisation it begins
    ("Shearson" -> "Shearson Lehman Brothers")."""
    chunks = name_chunks(parse)
    entities: list[Entity] = []
    of_chunk: dict[int, int] = {}
    seen_at: dict[int, list[int]] = {}  # entity -> token positions of its chunks
    by_suffix: dict[tuple[str, ...], list[int]] = {}
    by_acronym: dict[str, list[int]] = {}
    by_first: dict[str, list[int]] = {}
    ambiguous: dict[int, list[int]] = {}
    for c in sorted(range(len(chunks)), key=lambda c: (-len(chunks[c].key), chunks[c].first)):
        ch = chunks[c]
        matches = by_suffix.get(ch.key, [])
        if not matches and len(ch.key) == 1:
            matches = by_acronym.get(ch.key[0], []) or by_first.get(ch.key[0], [])
        if matches:
            # Two Clintons: take the one named most recently before this mention.
            e = max(matches, key=lambda e: _latest_before(seen_at[e], ch.first))
            if len(set(matches)) > 1:
                ambiguous[c] = sorted(set(matches))
        else:
            ner = parse.toks[ch.name_toks[-1]].ner.split("-")[-1]
            entities.append(Entity(ch.name, kind_of(ch.name.split(), bool(ch.role), None if ner == "O" else ner), ch.key))
            e = len(entities) - 1
            seen_at[e] = []
            for k in range(len(ch.key)):
                by_suffix.setdefault(ch.key[k:], []).append(e)
            if len(ch.key) > 1:
                by_acronym.setdefault(_acronym(ch.name), []).append(e)
                if entities[e].kind == "organisation":
                    by_first.setdefault(ch.key[0], []).append(e)
        of_chunk[c] = e
        insort(seen_at[e], ch.first)
    history: list[Mention] = []
    for c in sorted(of_chunk, key=lambda c: chunks[c].first):
        ent, ch = entities[of_chunk[c]], chunks[c]
        ent.add_role(ch.role)
        ent.add_role(ch.title)
        for role in (*appositive_roles(parse, ch.name_toks[0], ch.last), *predicate_roles(parse, ch.name_toks)):
            ent.add_role(role)
        ent.mentions.append((parse.toks[ch.first].start, parse.toks[ch.last].end))
        ent.gender = ent.gender or gender_of(parse.toks[ch.first : ch.last + 1])
        if ch.role and ent.kind == "organisation" and kind_of(ch.name.split(), True) == "person":
            ent.kind = "person"
        subject = any(parse.toks[i].rel == "nsubj" for i in ch.name_toks) or _opens_clause(parse, ch.first)
        history.append(Mention(ch.name_toks[0], of_chunk[c], subject, cands.in_quote(ch.name_toks[0])))
    reg = Registry(parse, cands, chunks, entities, of_chunk, history, ambiguous=ambiguous)
    _add_group_subjects(reg)
    return reg


def _add_group_subjects(reg: Registry) -> None:
    """Plural subjects that are people ("Republicans disagreed", "Analysts were split"): groups
    "they" may refer to, though they are nobody's speaker yet. Each is the nominal entity its
    description names, so a later "Republicans said" is the same group."""
    parse = reg.parse
    taken = {i for ch in reg.chunks for i in range(ch.first, ch.last + 1)}
    for t in parse.toks:
        if t.i in taken or not _plural(t) or not is_role_word(t) or reg.cands.in_quote(t.i):
            continue
        if t.rel != "nsubj" and not _opens_clause(parse, t.i):
            continue
        a = t.i
        while a - 1 >= parse.sentences[t.sent][0] and parse.toks[a - 1].upos in ("ADJ", "NOUN", "PROPN") and a - 1 not in taken:
            a -= 1
        e = _by_nominal(reg, a, t.i)
        insort(reg.history, Mention(a, e, True, False))


def _opens_clause(parse: Parse, first: int) -> bool:
    """A name before any verb of its sentence is its subject by word order, whatever a weak
    parser says ("Former Scotland wing Tom Reid disagreed")."""
    s_first = parse.sentences[parse.toks[first].sent][0]
    return first - s_first < 8 and not any(t.upos in ("VERB", "AUX") for t in parse.toks[s_first:first])


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w.lower() not in _ACRONYM_SKIP and w[:1].isupper()).lower()


def _latest_before(positions: list[int], limit: int) -> int:
    """The largest of sorted ``positions`` below ``limit``, or -1."""
    k = bisect_left(positions, limit)
    return positions[k - 1] if k else -1


# --- resolution --------------------------------------------------------------


def resolve(parse: Parse, cands: Candidates, sources: list[tuple[int, int] | None]) -> tuple[list[Resolved | None], list[Entity]]:
    """Resolve each attribution's source token range to an entity.

    ``sources`` are given in attribution order (text order of content); the result lists the
    same positions and the document's entities."""
    reg = build_registry(parse, cands)
    order = sorted(range(len(sources)), key=lambda k: sources[k][0] if sources[k] else -1)
    out: list[Resolved | None] = [None] * len(sources)
    for k in order:
        rng = sources[k]
        if rng is None:
            continue
        out[k] = resolve_mention(reg, *rng)
    return out, reg.entities


def resolve_mention(reg: Registry, a: int, b: int) -> Resolved | None:
    """The entity of the speaker mention at tokens ``a..b``, by the first resolver that places it;
    None for a mention that cannot be a speaker at all (a time, a verb taken for a noun)."""
    parse = reg.parse
    a, b = _grow_possessor(parse, a, b)
    b = _grow_role_noun(parse, a, b)
    a, b = _grow_coordinated_description(parse, a, b)
    b = _grow_quantifier(parse, a, b)
    head = _head_of(parse, a, b)
    if not can_speak(parse, a, b, head):
        return None
    c = _chunk_of(reg.chunks, a, b, head, parse)
    if c is None:
        c = _chunk_ending(reg, a, b)
    if c is None:
        c = _issuer(reg, a, b, head)
    resolver = "name"
    if c is None:
        c, role_end = _appositive_name(parse, reg.chunks, a, b, head)
        resolver = "appositive"
        if c is not None and not reg.entities[reg.of_chunk[c]].roles:  # "The company's spokeswoman, Ana Lopez, said"
            reg.entities[reg.of_chunk[c]].add_role(_description(parse, a, role_end))
    if c is None:
        c = _name_before_apposition(reg, a)
        resolver = "appositive"
    if c is not None:
        c = _person_after_organisation(reg, c)
    if c is not None:  # the whole written name, even where the parse split it
        a, b = min(a, reg.chunks[c].first), max(b, reg.chunks[c].last)
    span = Span.of(parse.text, parse.toks[a].start, parse.toks[b].end)
    e = reg.of_chunk[c] if c is not None else None
    if c in reg.ambiguous:
        e = _latest_speaker(reg, a, reg.ambiguous[c], e)
    for name, resolver_fn in RESOLVERS:
        if e is not None:
            break
        e, resolver = resolver_fn(reg, a, b), name
    if (span.start, span.end) not in reg.entities[e].mentions:
        reg.entities[e].mentions.append((span.start, span.end))
    insort(reg.history, Mention(a, e, True, False, True))
    return Resolved(e, span, resolver)


def _latest_speaker(reg: Registry, a: int, candidates: list[int], default: int) -> int:
    """A bare surname two people share ("Clinton"): the one who spoke last, if either has; else
    the one the article has written about most so far (news names the minor one in full:
    "Bill Clinton"); else the one named last."""
    hi = bisect_left(reg.history, Mention(a, -1, False, False))
    spoke = next((m.entity for m in reversed(reg.history[:hi]) if m.source and m.entity in candidates), None)
    if spoke is not None:
        return spoke
    named = [reg.of_chunk[c] for c, ch in enumerate(reg.chunks) if ch.first < a and c not in reg.ambiguous]
    counts = {e: named.count(e) for e in candidates}
    top = max(counts.values())
    leaders = [e for e in candidates if counts[e] == top]
    return leaders[0] if len(leaders) == 1 else default


def can_speak(parse: Parse, a: int, b: int, head: int) -> bool:
    """Not "Several weeks", "Monday's" or a lone "refuses"."""
    t = parse.toks[head]
    return not (never_speaks(t) and (a == b or t.upos in ("NOUN", "PROPN")))


def _by_surname(reg: Registry, a: int, b: int) -> int | None:
    """A lone capitalised word the tagger did not take for a name ("Reeves told ...") that ends
    a name seen in the document; an all-capital transcript label ("WALLACE:") too."""
    parse = reg.parse
    if a != b or not parse.toks[a].is_capitalised or parse.toks[a].lower in PRONOUNS:
        return None
    word = parse.toks[a].lower
    found = [e for e, ent in enumerate(reg.entities) if ent.name and len(ent.key) > 1 and ent.key[-1] == word]
    return found[0] if len(set(found)) == 1 else None


def _by_pronoun(reg: Registry, a: int, b: int) -> int | None:
    """he / she / they / it: the latest subject before the pronoun (within a few sentences,
    outside quotations) whose gender and kind agree; else the latest such mention in the
    sentence before. Two different people who fit equally well: nobody."""
    parse = reg.parse
    head = parse.toks[_head_of(parse, a, b)]
    want = None if acronym(head) else PRONOUNS.get(head.lower)
    if want is None or want == "self":
        return None
    if want == "relative":
        return _relative(reg, head.i)
    gender = PRONOUN_GENDER.get(head.lower)
    ahead = _named_after_opening_clause(reg, head.i, gender)
    if ahead is not None:
        return ahead

    def fits(e: int) -> bool:
        ent = reg.entities[e]
        if gender and ent.gender and gender != ent.gender:
            return False
        if want == "person":
            # a person needs evidence: a full name, a role or a gender ("CNN", "Florida" are not)
            return ent.kind == "person" and _person_evidence(ent)
        if want == "nonperson":  # a lone name with no sign of a person may be a company ("Norbank ... It said")
            return ent.kind in ("organisation", "document") or (ent.kind == "person" and not _person_evidence(ent))
        return ent.kind in ("organisation", "group", "person") if head.lower in ("they", "them", "their") else True

    lo = bisect_left(reg.history, Mention(parse.sentences[max(0, head.sent - PRONOUN_WINDOW)][0], -1, False, False))
    hi = bisect_left(reg.history, Mention(a, -1, False, False))
    window = [m for m in reg.history[lo:hi] if not m.quoted and fits(m.entity)]
    if head.lower in ("they", "them", "their"):
        # a group, an organisation, or a lone name with no sign of a person ("Politifact ... they")
        window = [m for m in window if reg.entities[m.entity].kind in ("organisation", "group") or _bare_name(reg.entities[m.entity])]
    subjects = [m for m in window if m.subject]
    pool = subjects or [m for m in window if parse.toks[m.tok].sent >= head.sent - 1]
    if not pool:
        return None
    best = pool[-1]
    best_sent = parse.toks[best.tok].sent
    rivals = {m.entity for m in pool if parse.toks[m.tok].sent == best_sent and m.entity != best.entity}
    if rivals and not (gender and reg.entities[best.entity].gender == gender):
        # "Smith told Jones he would ...": either could be meant, unless one of them is the
        # speaker of the latest attribution, whose turn the pronoun most likely continues.
        last = next((m.entity for m in reversed(window) if m.source), None)
        if last not in rivals | {best.entity}:
            return None
        best = next(m for m in reversed(pool) if m.entity == last)
    if gender and reg.entities[best.entity].gender is None:
        reg.entities[best.entity].gender = gender  # "he" now means this person for later pronouns
    if (want == "nonperson" or head.lower in ("they", "them", "their")) and _bare_name(reg.entities[best.entity]):
        reg.entities[best.entity].kind = "organisation"  # "it" / "they" says so
    return best.entity


# Conjunctions opening a clause that may come before the main clause and its subject.
_OPENING_CLAUSE = frozenset({"while", "although", "though", "as", "when", "after", "before", "because", "since", "once", "if", "whilst"})


def _named_after_opening_clause(reg: Registry, i: int, gender: str | None) -> int | None:
    """ "While he acknowledged the cost, Ham also noted ...": a he / she in a clause that opens
    the sentence means the person the main clause then names as its subject."""
    parse = reg.parse
    s_first, s_end = parse.sentences[parse.toks[i].sent]
    if gender is None or parse.toks[s_first].lower not in _OPENING_CLAUSE:
        return None
    comma = next((k for k in range(i + 1, s_end) if parse.toks[k].text == ","), None)
    if comma is None or any(parse.toks[k].text == "," for k in range(s_first, i)):
        return None
    c = bisect_left(reg.chunks, comma + 1, key=_first)
    if c >= len(reg.chunks) or reg.chunks[c].first > comma + 2:  # at most "But" / "then" between
        return None
    ch, e = reg.chunks[c], reg.of_chunk[c]
    ent = reg.entities[e]
    subject = any(parse.toks[k].rel == "nsubj" for k in ch.name_toks) or parse.toks[ch.last + 1].upos in ("VERB", "AUX", "ADV")
    if ent.kind != "person" or (ent.gender and ent.gender != gender) or not subject:
        return None
    return e


def _bare_name(ent: Entity) -> bool:
    """A one-word name taken for a person with nothing to show it ("Politifact", "Norbank")."""
    return ent.kind == "person" and ent.name is not None and not _person_evidence(ent)


def _person_evidence(ent: Entity) -> bool:
    """A full name, a role or a gender: enough to call an entity a person for he / she."""
    return len(ent.key) > 1 or bool(ent.roles) or ent.gender is not None


def _relative(reg: Registry, i: int) -> int | None:
    """who / which / that: the noun its clause hangs on ("Lee, who said ...")."""
    parse = reg.parse
    t = parse.toks[i]
    verb = parse.toks[t.head] if t.head >= 0 else None
    if verb is not None and verb.deprel == "acl:relcl" and verb.head >= 0:
        c = _chunk_of(reg.chunks, verb.head, verb.head)
        if c is not None:
            return reg.of_chunk[c]
    # By word order: the name right before ", who" ("Chen Shibiao, who ...").
    j = i - 1 if i > 0 and parse.toks[i - 1].text == "," else i
    k = bisect_left(reg.chunks, j - 1, key=_last)
    if 0 < j and k < len(reg.chunks) and reg.chunks[k].last == j - 1:
        return reg.of_chunk[k]
    return None


_AGE = re.compile(r"^\d{1,3}-year-old$")
# Descriptions of places rather than organisations ("the state" -> "Florida").
_PLACE_NOUNS = frozenset({"state", "country", "city", "nation", "province", "region", "county", "town", "island", "capital"})
# How far back (in sentences) "the company" looks for the organisation it means.
DESCRIPTION_WINDOW = 6


def _by_description(reg: Registry, a: int, b: int) -> int | None:
    """ "the senator", "the Vermont senator", "the fund", "the union", "the report": in order of
    evidence, the latest entity before the mention that holds that role; that holds a WordNet
    synonym of it ("the judge" -> "Justice Frank Lee"); that is an organisation with that word in
    its name ("the fund" -> "International Monetary Fund"); for an organisation or place noun, the
    latest organisation or place named in the last few sentences ("the union", "the state"); for
    a document, the named one ("the report" -> "Tower Commission report"). Among several, the one
    whose roles share the description's other words ("the Democratic nominee")."""
    parse = reg.parse
    head = parse.toks[_head_of(parse, a, b)]
    first = parse.toks[a].lower
    written = parse.text[parse.toks[a].start : parse.toks[b].end].lower().removeprefix("the ")
    if _AGE.match(written) and (first == "the" or (a > 0 and parse.toks[a - 1].lower == "the")):
        return _latest_speaker_person(reg, a)  # "The 53-year-old added": the person just quoted
    if (
        first not in ("the", "this", "that", "his", "her", "their", "its")
        or head.upos == "PRON"
        or any(
            parse.toks[k].is_capitalised and k >= _last_role_word(parse, a, b, head.i) and parse.toks[k].lower not in _PARTY_MEMBERS
            for k in range(a, b + 1)
        )
    ):
        return None
    noun = head.lemma.lower()
    mods = {parse.toks[k].lower for k in range(a + 1, head.i) if parse.toks[k].upos in ("ADJ", "PROPN", "NOUN")}
    before = parse.toks[a].start
    organisation_noun = nominal_kind(head) == "organisation"  # "the port authority" is no person in authority
    tiers = (
        lambda ent: any(role_matches(noun, r) or role_matches(head.lower, r) for r in ent.roles),
        lambda ent: not organisation_noun and any(role_matches_loosely(noun, r) for r in ent.roles),
        lambda ent: not organisation_noun and any(role_matches_broadly(noun, r) for r in ent.roles),
        lambda ent: ent.kind == "organisation" and ent.name is not None and (noun in ent.key or head.lower in ent.key),
        # "the Kansas senator" for "Senate Republican leader Robert Dole": a member of the institution the role names
        lambda ent: ent.kind == "person" and ent.name is not None and _member_of(noun, ent.roles),
        # "the Kansas Republican" for "Senate Republican leader Robert Dole": a word of a person's role
        lambda ent: (
            ent.kind == "person"
            and ent.name is not None
            and head.lower in _PARTY_MEMBERS
            and any(head.lower in r.lower().split() for r in ent.roles)
        ),
    )
    # named entities first, through every tier ("the judge" is Justice Frank Nervo, named since,
    # before the unnamed "a New York judge" of the first line); then the unnamed ones
    for named, fits in [(True, f) for f in tiers] + [(False, f) for f in tiers]:
        best, best_key = None, None
        for e, ent in enumerate(reg.entities):
            pos = max((s for s, _ in ent.mentions if s < before), default=-1)
            if pos < 0 or (ent.name is not None) != named or not fits(ent):
                continue
            words = {w.lower() for r in ent.roles for w in r.split()} | set(ent.key)
            key = (len(mods & words), pos)
            if best_key is None or key > best_key:
                best, best_key = e, key
        if best is not None:
            if is_role_word(head):
                reg.entities[best].add_role(_description(parse, a, b))
            return best
    if first in _POSSESSIVE_DETS:
        return None  # "his wife" is not him, nor any organisation
    if is_role_word(head) and not _plural(head):
        e = _topic_without_role(reg, a, gender_of([head]))
        if e is not None:  # "Sanders said ... The Vermont senator added": the same person, now with a role
            reg.entities[e].add_role(_description(parse, a, b))
            return e
    if (nominal_kind(head) == "organisation" or noun in _PLACE_NOUNS) and not _plural(head):
        e = _latest_organisation(reg, a, place=noun in _PLACE_NOUNS)
        if e is not None:  # "the union" describes the organisation it refers to
            reg.entities[e].add_role(_description(parse, a, b))
        return e
    if nominal_kind(head) == "document":
        return _named_document(reg, a, b, head)
    return None


def _last_role_word(parse: Parse, a: int, b: int, head: int) -> int:
    """The head, or a later role noun of a coordinated description ("the secretary of state and
    Democratic nominee"): capitals after it are a name, not part of the description."""
    return max((k for k in range(head, b + 1) if is_role_word(parse.toks[k])), default=head)


def _member_of(noun: str, roles: list[str]) -> bool:
    institutions = word_table("institution_members.tsv").get(noun.lower(), frozenset())
    return any(w in institutions for r in roles for w in r.lower().split())


def _latest_speaker_person(reg: Registry, a: int) -> int | None:
    """The named person who spoke in the last two sentences, if any."""
    parse = reg.parse
    lo = bisect_left(reg.history, Mention(parse.sentences[max(0, parse.toks[a].sent - 2)][0], -1, False, False))
    hi = bisect_left(reg.history, Mention(a, -1, False, False))
    last = next((m for m in reversed(reg.history[lo:hi]) if m.source), None)
    if last is None:
        return None
    ent = reg.entities[last.entity]
    return last.entity if ent.kind == "person" and ent.name else None


def _topic_without_role(reg: Registry, a: int, gender: str | None) -> int | None:
    """The named person who spoke in this or the last two sentences, or is a subject earlier in this
    sentence, when
    the article has given them no role yet: news varies "Sanders" with "the Vermont senator".
    A person with a role the description does not match is someone else; so is one of the
    wrong gender ("the congresswoman")."""
    parse = reg.parse
    e = _latest_speaker_person(reg, a)
    if e is None:  # "As far as whether Sanders still senses anger, the Vermont senator said": the same sentence only
        lo = bisect_left(reg.history, Mention(parse.sentences[parse.toks[a].sent][0], -1, False, False))
        hi = bisect_left(reg.history, Mention(a, -1, False, False))
        e = next((m.entity for m in reversed(reg.history[lo:hi]) if m.subject and not m.quoted), None)
    if e is None:
        return None
    ent = reg.entities[e]
    if ent.kind != "person" or not ent.name or (gender and ent.gender and gender != ent.gender):
        return None
    return e if len(ent.key) > 1 and not ent.roles else None


def _latest_organisation(reg: Registry, a: int, place: bool) -> int | None:
    """The organisation (or, for "the state", the place) named last within a few sentences."""
    parse = reg.parse
    lo = bisect_left(reg.history, Mention(parse.sentences[max(0, parse.toks[a].sent - DESCRIPTION_WINDOW)][0], -1, False, False))
    hi = bisect_left(reg.history, Mention(a, -1, False, False))
    for m in reversed(reg.history[lo:hi]):
        ent = reg.entities[m.entity]
        if ent.kind == "organisation" and ent.name and is_place(ent.key) == place and not m.quoted:
            return m.entity
    return None


def _named_document(reg: Registry, a: int, b: int, head) -> int | None:
    """ "the report" after "the Tower Commission report": the document the article named with
    capitalised words before the same noun; an entity of its own, named so."""
    parse = reg.parse
    for j in range(a - 1, -1, -1):
        t = parse.toks[j]
        if t.lemma.lower() != head.lemma.lower() or t.text[:1].isupper():
            continue
        k = j
        while k - 1 >= 0 and parse.toks[k - 1].is_capitalised and parse.toks[k - 1].upos in ("PROPN", "NOUN", "ADJ"):
            k -= 1
        if k < j and not reg.cands.in_quote(j):
            name = parse.text[parse.toks[k].start : t.end]
            key = ("#doc", *name.lower().split())
            for e, ent in enumerate(reg.entities):
                if ent.key == key:
                    return e
            reg.entities.append(Entity(name, "document", key, mentions=[(parse.toks[k].start, t.end)]))
            return len(reg.entities) - 1
    return None


def _by_nominal(reg: Registry, a: int, b: int) -> int:
    """An unnamed source: one entity per distinct description, no name, the description as its
    role ("a White House spokesman" -> role "White House spokesman"). An unresolved pronoun
    keeps no name and no role."""
    parse = reg.parse
    head = parse.toks[_head_of(parse, a, b)]
    q = parse.toks[a]
    part_of = q.lower in _QUANTIFIERS and b > a + 1 and parse.toks[a + 1].lower in ("of", "in", "among", "from")
    if part_of:  # "Many of his supporters": a group of supporters; "Others in the community": others
        a, head = (a if q.lower == "others" else a + 2), parse.toks[b]
    pronoun = not acronym(head) and (head.upos == "PRON" or head.lower in PRONOUNS)
    role = None if pronoun else _description(parse, a, _role_complement_end(parse, b) if is_role_word(head) else b)
    key = f"#{a}" if pronoun else (role or "").lower()
    if key not in reg.nominal:
        kind = "unknown" if pronoun else nominal_kind(head)
        if (kind == "person" and _plural(head)) or (part_of and not pronoun):
            kind = "group"  # "analysts", "senior officials", "others in the community"
        ent = Entity(None, kind, ())
        if kind != "unknown":
            ent.add_role(role)
        ent.gender = gender_of([head])
        reg.entities.append(ent)
        reg.nominal[key] = len(reg.entities) - 1
    return reg.nominal[key]


def _role_complement_end(parse: Parse, b: int) -> int:
    """Where a role's complement that the mention left out ends: "Analysts [at Morgan Stanley]
    said", "a spokeswoman [for the Home Office] said"."""
    s_end = parse.sentences[parse.toks[b].sent][1]
    if b + 2 < s_end and parse.toks[b + 1].lower in ("at", "of", "for", "from"):
        np = noun_phrase_after(parse, b + 2)
        if np is not None and np[1] - b <= 8:
            return np[1]
    return b


RESOLVERS = (
    ("surname", _by_surname),
    ("pronoun", _by_pronoun),
    ("description", _by_description),
    ("nominal", _by_nominal),
)


# --- mention helpers ---------------------------------------------------------


def _plural(t) -> bool:
    return t.xpos in ("NNS", "NNPS") or (t.upos in ("NOUN", "PROPN") and t.lower.endswith("s") and t.lemma.lower() != t.lower)


def _description(parse: Parse, a: int, b: int) -> str | None:
    """A mention as a role: without its article or possessive determiner ("His ex-wife" -> "ex-wife")."""
    while a < b and (parse.toks[a].lower in _POSSESSIVE_DETS or parse.toks[a].upos in ("ADP", "SCONJ", "VERB")):
        a += 1  # "according [to] the firm's spokeswoman"
    cut = next((k for k in range(a + 1, b + 1) if parse.toks[k].lower in _SETTING_WORDS), None)
    if cut is not None:  # "the GOP presidential nominee [with young voters]"
        b = cut - 1
    text = phrase_text(parse, a, b)
    return text if text and role_head(text) else None


def _first(ch: NameChunk) -> int:
    return ch.first


def _last(ch: NameChunk) -> int:
    return ch.last


def _chunk_of(chunks: list[NameChunk], a: int, b: int, head: int | None = None, parse: Parse | None = None) -> int | None:
    """The name chunk holding the mention's head ("a spokesman for the Treasury" is not the
    Treasury); any overlapping one when no head is given. A possessor is not the speaker: in
    "Britain's finance minister Rachel Reeves" the last name is."""
    # chunks are in text order and never overlap: their firsts and lasts are both sorted
    inside = range(bisect_left(chunks, a, key=_last), bisect_right(chunks, b, key=_first))
    for c in inside:
        ch = chunks[c]
        if head is not None and not ch.first <= head <= ch.last:
            continue
        owner = parse is not None and ch.last + 1 <= b and parse.toks[ch.last + 1].lower in ("'s", "\u2019s")
        return inside[-1] if owner and inside[-1] != c else c
    return None


def _issuer(reg: Registry, a: int, b: int, head: int) -> int | None:
    """ "the IMF report", "a Pentagon statement", "the company's filing": a document headed by
    the organisation that issued it speaks for that organisation."""
    if nominal_kind(reg.parse.toks[head]) != "document":
        return None
    for c in range(bisect_left(reg.chunks, a, key=_first), bisect_right(reg.chunks, head - 1, key=_last)):
        ch = reg.chunks[c]
        between = reg.parse.toks[ch.last + 1 : head]
        if reg.entities[reg.of_chunk[c]].kind == "organisation" and all(t.lower in ("'s", "\u2019s", "'", "\u2019") for t in between):
            return c
    return None


def _person_after_organisation(reg: Registry, c: int) -> int:
    """ "Brazilian Coffee Institute (IBC) President Jorio Dauster said": the parser stopped at
    the organisation, but the titled person right after it is the speaker."""
    org = reg.chunks[c]
    if reg.entities[reg.of_chunk[c]].kind != "organisation":
        return c
    for k in (c + 1, c + 2):  # past an acronym in brackets: "(IBC)"
        if k >= len(reg.chunks):
            break
        person = reg.chunks[k]
        between = reg.parse.toks[org.last + 1 : person.first]
        if len(between) > 4 or not all(t.text in ("(", ")") or t.text.isupper() for t in between):
            break
        if person.role and reg.entities[reg.of_chunk[k]].kind == "person":
            role = reg.parse.text[reg.parse.toks[org.first].start : reg.parse.toks[person.name_toks[0] - 1].end]
            reg.entities[reg.of_chunk[k]].add_role(role)
            return k
    return c


def _name_before_apposition(reg: Registry, a: int) -> int | None:
    """A mention that is the apposition of a name before it, which the parser made the subject:
    "Mr Jones, 45, [a father of two], said"."""
    toks = reg.parse.toks
    j = a - 1
    if j < 1 or toks[j].text != ",":
        return None
    if toks[j - 1].upos == "NUM" and j >= 3 and toks[j - 2].text == ",":
        j -= 2  # an age between commas
    k = bisect_left(reg.chunks, j - 1, key=_last)
    if k < len(reg.chunks) and reg.chunks[k].last == j - 1 and toks[reg.chunks[k].first].sent == toks[a].sent:
        return k
    return None


def _chunk_ending(reg: Registry, a: int, b: int) -> int | None:
    """A name that ends the mention after role words the parser did not hang on it
    ("former Nevada Sen. and Reagan confidant [Paul Laxalt]")."""
    k = bisect_left(reg.chunks, b, key=_last)
    if k < len(reg.chunks) and reg.chunks[k].last == b and reg.chunks[k].first > a:
        between = reg.parse.toks[a : reg.chunks[k].first]
        if not any(t.upos in ("VERB", "AUX", "PRON", "ADP") for t in between):  # "a spokesman for [the Treasury]" is not the Treasury
            return k
    return None


def _grow_role_noun(parse: Parse, a: int, b: int) -> int:
    """A mention the parser cut before its head noun: "the South Carolina [lawmaker] said",
    "A Treasury [spokesperson] declined"."""
    s_end = parse.sentences[parse.toks[a].sent][1]
    k = b + 1
    while (
        k < s_end
        and k - b <= 2
        and parse.toks[k].text.islower()
        and parse.toks[k].upos in ("NOUN", "ADJ", "PROPN")
        and not parse.toks[k].is_punct
    ):
        k += 1
    if k - 1 > b and is_role_word(parse.toks[k - 1]):
        return k - 1
    nxt = parse.toks[b + 1] if b + 1 < s_end else None
    if (
        parse.toks[a].lower == "the"
        and nxt is not None
        and nxt.lower in _PARTY_MEMBERS
        and (b + 2 >= s_end or not parse.toks[b + 2].is_capitalised)
    ):
        return b + 1  # "the Kansas [Republican]", "the Georgia [Democrat]"
    return b


# Party members as a description ("the Kansas Republican"): capitalised, yet no name.
_PARTY_MEMBERS = frozenset({"republican", "democrat", "conservative", "liberal", "tory", "socialist", "labourite", "independent"})


def _grow_coordinated_description(parse: Parse, a: int, b: int) -> tuple[int, int]:
    """ "the former secretary of state and current Democratic nominee": one description of one
    person, which a weak parser cuts at "and" on either side."""
    s_first, s_end = parse.sentences[parse.toks[a].sent]
    described = parse.toks[a].lower == "the" and any(is_role_word(t) for t in parse.toks[a : b + 1])
    if described and b + 2 < s_end and parse.toks[b + 1].lower == "and":
        k = b + 2
        while k < min(s_end, b + 8) and parse.toks[k].upos in ("ADJ", "NOUN", "PROPN") and not is_role_word(parse.toks[k]):
            k += 1
        if k < s_end and is_role_word(parse.toks[k]) and not _plural(parse.toks[k]):
            return a, k
    if a >= 2 and parse.toks[a - 1].lower == "and" and is_role_word(parse.toks[b]):
        for j in range(a - 2, max(s_first, a - 8) - 1, -1):
            t = parse.toks[j]
            if t.lower == "the":
                return (j if any(is_role_word(parse.toks[k]) for k in range(j + 1, a - 1)) else a), b
            if t.upos not in ("NOUN", "ADJ", "ADP", "PROPN", "CCONJ"):
                break
    return a, b


# Words that pick out part of a group: "Many [of his supporters]", "Others [in the community]".
_QUANTIFIERS = frozenset({"many", "some", "most", "several", "others", "few", "all", "both", "half", "none", "one", "two", "three"})


def _grow_quantifier(parse: Parse, a: int, b: int) -> int:
    """A quantifier mention the parser cut before its group: grow it over "of / in / among" and the
    noun phrase after ("Many of his supporters", "Others in the African-American community")."""
    s_end = parse.sentences[parse.toks[a].sent][1]
    if parse.toks[b].lower not in _QUANTIFIERS or b + 2 >= s_end or parse.toks[b + 1].lower not in ("of", "in", "among", "from"):
        return b
    np = noun_phrase_after(parse, b + 2)
    return np[1] if np is not None and np[1] - b <= 8 and not any(t.is_punct for t in parse.toks[b + 1 : np[1] + 1]) else b


def _grow_possessor(parse: Parse, a: int, b: int) -> tuple[int, int]:
    """A mention ending in 's is a possessor the parser took for the subject: grow it to what
    is possessed ("The company's [spokeswoman]")."""
    if parse.toks[b].lower in ("'s", "\u2019s", "'", "\u2019") and b + 1 < len(parse.toks):
        np = noun_phrase_after(parse, b + 1)
        if np is not None:
            return a, np[1]
    return a, b


def _appositive_name(parse: Parse, chunks: list[NameChunk], a: int, b: int, head: int) -> tuple[int | None, int]:
    """For a role-noun mention, the name in an appositive right after it, past the rest of the
    role ("A lawyer [for the firm], Ana Lopez, said")."""
    if not (is_role_word(parse.toks[head]) or is_role_word(parse.toks[b])):
        return None, b
    s_end = parse.sentences[parse.toks[b].sent][1]
    comma = next((k for k in range(b + 1, min(b + 9, s_end)) if parse.toks[k].text == ","), None)
    if comma is None or comma + 1 >= s_end or any(t.upos in ("VERB", "AUX") for t in parse.toks[b + 1 : comma]):
        return None, b
    c = bisect_left(chunks, comma + 1, key=_first)
    if c < len(chunks) and chunks[c].first == comma + 1:
        ch = chunks[c]
        if ch.last + 1 >= len(parse.toks) or parse.toks[ch.last + 1].is_punct:
            return c, comma - 1
    return None, b


def _head_of(parse: Parse, a: int, b: int) -> int:
    inside = [i for i in range(a, b + 1) if not (a <= parse.toks[i].head <= b)]
    head = inside[0] if inside else b
    last = parse.toks[b]
    if head < b and parse.toks[head].is_capitalised and last.text.islower() and last.upos in ("NOUN", "PROPN") and is_role_word(last):
        return b  # "the South Carolina lawmaker": the noun, not the place a weak parser made the head
    return head
