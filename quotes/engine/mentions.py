"""The entity registry's types (:class:`Entity`, :class:`Mention`, :class:`Registry`, :class:`Resolved`)
and the helpers that read a speaker mention: its head, its extent (grown where a weak parse cut it
short) and the name chunk it holds. Used by :mod:`quotes.engine.entities` and
:mod:`quotes.engine.resolvers`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import NamedTuple

from quotes.engine.candidates import Candidates, noun_phrase_after
from quotes.engine.cues import lexicon, nominal_lexicon
from quotes.engine.model import Span
from quotes.engine.names import (
    PARTY_MEMBERS,
    NameChunk,
    given_names,
    nominal_kind,
)
from quotes.engine.parse import POSSESSIVE_MARKS, Parse, inside_word
from quotes.engine.roles import (
    in_opening_adverbial,
    is_role_word,
    past_affiliation,
    past_age,
    phrase_text,
    role_head,
    spelt_out,
    wordlist,
)

# Prepositions that set the scene rather than say what someone is: a role stops before them.
_SETTING_WORDS = frozenset({"with", "on", "about", "after", "before", "during", "since", "over", "against", "like"})
_NOMINAL = ("NOUN", "PROPN")
_POSSESSIVE_DETS = frozenset({"his", "her", "their", "its", "our", "my", "your"})


class Entity:
    """Someone or something the article mentions: its name as written (None where the article never
    names it: "a spokesman", "analysts"), kind (person | organisation | group | document | unknown),
    lookup key (the name's lower-case words), roles in the order met, mentions (character spans)
    and gender ("m" / "f" when a title, role noun or pronoun says so).

    A plain class with slots, as :class:`~quotes.engine.parse.Tok` is: a dataclass's ``__init__``
    stays interpreted when the engine is compiled. The registry changes entities as it reads on."""

    __slots__ = ("name", "kind", "key", "roles", "mentions", "gender")

    def __init__(
        self,
        name: str | None,
        kind: str,
        key: tuple[str, ...],
        roles: list[str] | None = None,
        mentions: list[tuple[int, int]] | None = None,
        gender: str | None = None,
    ) -> None:
        self.name = name
        self.kind = kind
        self.key = key
        self.roles: list[str] = roles if roles is not None else []
        self.mentions: list[tuple[int, int]] = mentions if mentions is not None else []
        self.gender = gender

    def __repr__(self) -> str:
        return (
            f"Entity(name={self.name!r}, kind={self.kind!r}, key={self.key!r}, roles={self.roles!r}, "
            f"mentions={self.mentions!r}, gender={self.gender!r})"
        )

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


class Resolved(NamedTuple):
    entity: int  # index into the entity list
    mention: Span
    resolver: str  # which resolver placed it


class Mention(NamedTuple):
    """One place an entity is mentioned, for pronouns to look back at; ordered by token (the history
    is kept sorted and searched by bisection).

    A named tuple, not a frozen dataclass: thousands are made and compared per article, and a tuple
    is built and compared in C, compiled or not (docs/speed.md)."""

    tok: int
    entity: int
    subject: bool
    quoted: bool
    source: bool = False  # the speaker mention of an attribution
    others: tuple[int, ...] = ()  # the other entities a shared surname may mean (two Clintons)


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

    def keyed(self, entity: Entity) -> int:
        """The index of the entity with ``entity``'s key, added first if there is none yet (a
        document or a group the engine names itself, met again later in the article)."""
        for e, ent in enumerate(self.entities):
            if ent.key == entity.key:
                return e
        self.entities.append(entity)
        return len(self.entities) - 1


def _plural(t) -> bool:
    return t.xpos in ("NNS", "NNPS") or (t.upos in ("NOUN", "PROPN") and t.lower.endswith("s") and t.lemma.lower() != t.lower)


def _description(parse: Parse, a: int, b: int) -> str | None:
    """A mention as a role: without its article or possessive determiner ("His ex-wife" -> "ex-wife")."""
    while a < b and (parse.toks[a].lower in _POSSESSIVE_DETS or parse.toks[a].upos in ("ADP", "SCONJ", "VERB")):
        a += 1  # "according [to] the firm's spokeswoman"
    cut = next((k for k in range(a + 1, b + 1) if parse.toks[k].lower in _SETTING_WORDS), None)
    if cut is not None:  # "the GOP presidential nominee [with young voters]"
        b = cut - 1
    while b > a and parse.toks[b].xpos in ("VBN", "VBG", "VBD") and parse.toks[b].upos == "VERB" and parse.toks[b - 1].upos in _NOMINAL:
        b -= 1  # "a survey [published] on Wednesday" (or "released", read as a past tense): its setting was cut
    if not any(parse.toks[k].upos in ("NOUN", "PROPN", "ADJ") for k in range(a, b + 1)):
        return None  # "One of them": no noun to be a role
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
    """ "the IMF report", "the company's filing": a document headed by an organisation that has
    already spoken in the article is that organisation's voice. Otherwise the document itself is
    the source ("a recent Reuters survey found"): its issuer is only who wrote it up."""
    if nominal_kind(reg.parse.toks[head]) != "document":
        return None
    sender = _sender(reg, head)
    if sender is not None:
        return sender
    for c in range(bisect_left(reg.chunks, a, key=_first), bisect_right(reg.chunks, head - 1, key=_last)):
        ch = reg.chunks[c]
        between = reg.parse.toks[ch.last + 1 : head]
        e = reg.of_chunk[c]
        if reg.entities[e].kind != "organisation" or not all(t.lower in POSSESSIVE_MARKS for t in between):
            continue
        before = bisect_left(reg.history, Mention(a, -1, False, False))
        if any(m.source and m.entity == e for m in reg.history[:before]):
            return c
    return None


# Documents that are their sender's own words ("a statement from X"), unlike a study or a poll by X.
_VOICE_DOCUMENTS = frozenset({"statement", "letter", "email", "e-mail", "memo", "release", "tweet", "post", "announcement"})


def _sender(reg: Registry, head: int) -> int | None:
    """ "a statement from the Royal College of Nurses", "A letter from Acme Corp said": the
    organisation that sent its own words (the mention may stop before "from")."""
    parse = reg.parse
    if parse.toks[head].lemma.lower() not in _VOICE_DOCUMENTS or head + 2 >= len(parse.toks):
        return None
    if parse.toks[head + 1].lower not in ("from", "by"):
        return None
    c = bisect_left(reg.chunks, head + 2, key=_first)
    if c == len(reg.chunks) or any(t.lower != "the" for t in parse.toks[head + 2 : reg.chunks[c].first]):
        return None
    return c if reg.entities[reg.of_chunk[c]].kind == "organisation" else None


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


def _person_before_of(reg: Registry, c: int) -> int:
    """ "Sen. Ted Cruz of Texas said", "Chancellor Angela Merkel of Germany": a parser that makes
    the name after "of" the subject; where a person comes from, or works, is not who spoke."""
    ch = reg.chunks[c]
    if c == 0 or ch.first < 2 or reg.parse.toks[ch.first - 1].lower != "of":
        return c
    before = reg.chunks[c - 1]
    ent = reg.entities[reg.of_chunk[c - 1]]
    if before.last != ch.first - 2 or ent.kind != "person":
        return c
    # a person by more than the default: a role, a gender or a given name (not "Star of David")
    return c - 1 if ent.roles or ent.gender or before.key[0] in given_names() else c


def _name_before_apposition(reg: Registry, a: int, b: int) -> int | None:
    """A mention that is the apposition of a name before it, which the parser made the subject:
    "Mr Jones, 45, [a father of two], said"."""
    toks = reg.parse.toks
    j = a - 1
    if j < 1 or toks[j].text != ",":
        return None
    if toks[j - 1].upos == "NUM" and j >= 3 and toks[j - 2].text == ",":
        j -= 2  # an age between commas
    k = chunk_ending_at(reg.chunks, j - 1)
    if k is not None and toks[reg.chunks[k].first].sent == toks[a].sent:
        # "In a post on [Facebook], the mayor wrote": the name ends an opening phrase and the mention after
        # its comma runs into the verb (not "Although Jonathan Wolff, senior vice president at X, noted")
        j = b + 1
        while j < len(toks) and toks[j].sent == toks[b].sent and toks[j].upos not in ("VERB", "AUX") and toks[j].text != ",":
            j += 1
        closed = j < len(toks) and toks[j].text == ","
        return None if not closed and in_opening_adverbial(reg.parse, reg.chunks[k].first) else k
    return None


def chunk_ending_at(chunks: list[NameChunk], j: int) -> int | None:
    """The name chunk whose last token is ``j``, or None (chunks are in text order and never overlap)."""
    k = bisect_left(chunks, j, key=_last)
    return k if k < len(chunks) and chunks[k].last == j else None


def _chunk_ending(reg: Registry, a: int, b: int) -> int | None:
    """A name that ends the mention after role words the parser did not hang on it
    ("former Nevada Sen. and Reagan confidant [Paul Laxalt]")."""
    k = chunk_ending_at(reg.chunks, b)
    if k is not None and reg.chunks[k].first > a:
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
        and nxt.lower in PARTY_MEMBERS
        and (b + 2 >= s_end or not parse.toks[b + 2].is_capitalised)
    ):
        return b + 1  # "the Kansas [Republican]", "the Georgia [Democrat]"
    return b


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
    # (punctuation inside a word is part of the phrase: "African-American")
    broken = np is None or any(t.is_punct and not inside_word(parse, t.i) for t in parse.toks[b + 1 : np[1] + 1])
    return np[1] if np is not None and np[1] - b <= 8 and not broken else b


def _grow_possessor(parse: Parse, a: int, b: int) -> tuple[int, int]:
    """A mention ending in 's is a possessor the parser took for the subject: grow it to what
    is possessed ("The company's [spokeswoman]")."""
    if b + 2 < len(parse.toks) and parse.toks[b + 1].lower in POSSESSIVE_MARKS and parse.toks[b + 1].upos == "PART":
        owned = next((t for t in parse.toks[b + 2 : b + 5] if t.upos == "NOUN"), None)
        if owned is not None and owned.lemma.lower() not in nominal_lexicon() and owned.lemma.lower() not in lexicon():
            b += 1  # "Trump" with its "'s" hung on what it owns ("Trump's running mate"), not "Trump's claim"
    if parse.toks[b].lower in POSSESSIVE_MARKS and b + 1 < len(parse.toks):
        k = b + 1
        if parse.toks[k].xpos == "VBG" and k + 1 < len(parse.toks) and parse.toks[k + 1].upos == "NOUN":
            k += 1  # "Trump's [running] mate": a participle the tagger made a verb
        np = noun_phrase_after(parse, k)
        if np is not None:
            return a, np[1]
    return a, b


def _appositive_name(parse: Parse, chunks: list[NameChunk], a: int, b: int, head: int) -> tuple[int | None, int]:
    """For a role-noun mention, the name in an appositive right after it, past the rest of the
    role ("A lawyer [for the firm], Ana Lopez, said"); so for an organisation noun ("Her record
    label, Northlight Music, said"); for any other noun but a document's, only a name closed by a
    comma right before the verb ("Her opposite number, Tom Hargreaves, accused")."""
    described = is_role_word(parse.toks[head]) or is_role_word(parse.toks[b]) or nominal_kind(parse.toks[head]) == "organisation"
    if not described and nominal_kind(parse.toks[head]) == "document":
        return None, b  # "His book, Hard Choices, says": a title
    s_end = parse.sentences[parse.toks[b].sent][1]
    comma = next((k for k in range(b + 1, min(b + 9, s_end)) if parse.toks[k].text == ","), None)
    if comma is None or comma + 1 >= s_end or any(t.upos in ("VERB", "AUX") for t in parse.toks[b + 1 : comma]):
        return None, b
    c = bisect_left(chunks, comma + 1, key=_first)
    if c < len(chunks) and chunks[c].first == comma + 1:
        ch = chunks[c]
        after = ch.last + 1
        if not _plural(parse.toks[head]):  # "His lawyer, Sarah Chen [of the Innocence Project], said" (not a list of rivals)
            after = past_affiliation(parse, after, s_end)
        if described and (after >= len(parse.toks) or parse.toks[after].is_punct):
            return c, comma - 1
        # any other noun: only a name set off right before the verb ("Her opposite number, Tom Reid, accused"),
        # maybe with an age ("One fan, Gary Mills, 45, said")
        k = past_age(parse, ch.last + 1, s_end)
        if k + 1 < s_end and parse.toks[k].text == "," and parse.toks[k + 1].upos == "VERB":
            return c, comma - 1
    return None, b


def _noun_after_modifiers(parse: Parse, i: int, b: int) -> int:
    """The last noun of the run of modifiers and nouns from ``i`` ("a new [poll]", "his campaign [aides]"),
    or ``i`` when none follows within ``b``."""
    head = i
    for k in range(i + 1, b + 1):
        t = parse.toks[k]
        if t.upos in ("NOUN", "PROPN"):
            head = k
        elif t.upos not in ("DET", "ADJ", "NUM") or head != i:
            break
    return head


def _head_of(parse: Parse, a: int, b: int) -> int:
    inside = [i for i in range(a, b + 1) if not (a <= parse.toks[i].head <= b)]
    mark = next((i for i in range(a, b) if parse.toks[i].lower in POSSESSIVE_MARKS), None)
    if mark is not None and len(inside) > 1 and all(parse.toks[i].upos in ("PROPN", "DET") for i in range(inside[0], mark)):
        # "Ivana Trump's brief" parsed as three subjects: the possessed is the head, not the possessor
        inside = [i for i in inside if i > mark] or inside
    head = inside[0] if inside else b
    if parse.toks[head].upos in ("DET", "ADJ", "NUM") or parse.toks[head].xpos == "PRP$":
        head = _noun_after_modifiers(parse, head, b)  # an untreed sentence: "a new poll" heads on "a"
    if parse.toks[head].upos == "VERB":  # "A union representing flight attendants" parsed as a clause
        head = next((k.i for k in parse.kids(head, "nsubj", "nsubj:pass") if a <= k.i <= b), head)
    names = b + 1  # where the run of proper nouns that ends the mention starts, after the head
    while names > head + 1 and parse.toks[names - 1].upos == "PROPN":
        names -= 1
    if names <= b:
        if names == head + 1 and parse.toks[head].upos == "VERB" and parse.toks[head].xpos in ("VB", "NN"):
            return b  # "spokesperson Monica Klein" with the role noun tagged a verb: the name is the head
        if names - 1 > head and parse.toks[names - 1].text == "," and is_role_word(parse.toks[head]):
            return b  # "Her deputy, Tom Reid": the name set beside the role is who it is
        if names == head + 1 and parse.toks[head].text.islower() and parse.toks[head].lower in wordlist("org_words.txt"):
            return b  # "fan group Rovers Trust", "the carmaker Tesla": the organisation word describes the name
    last = parse.toks[b]
    if head < b and parse.toks[head].is_capitalised and last.upos in ("NOUN", "PROPN") and is_role_word(last):
        if last.text.islower() or not is_role_word(parse.toks[head]):
            # "the South Carolina lawmaker", "Former White House Doctor": the noun, not the place
            # a weak parser made the head
            return b
    plain = not any(parse.toks[k].upos in ("ADP", "PUNCT") or parse.toks[k].lower in POSSESSIVE_MARKS for k in range(head, b))
    if head < b and last.upos == "PROPN" and plain and any(is_role_word(parse.toks[k]) for k in range(head + 1, b)):
        return b  # "IMF chief economist Maury Obstfeld": the name after the role, not the employer a weak parse made the head
    return head
