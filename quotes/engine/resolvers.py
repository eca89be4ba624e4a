"""The named resolvers for a speaker mention that holds no written name, in the order
:func:`quotes.engine.entities.resolve_mention` tries them (:data:`RESOLVERS`): ``surname``,
``pronoun``, ``description``, ``nominal``. Each takes the registry and the mention's tokens and
gives an entity, or None to pass the mention on (``nominal`` always places it).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from functools import cache

from quotes.engine.candidates import noun_phrase_after
from quotes.engine.mentions import (
    _POSSESSIVE_DETS,
    _QUANTIFIERS,
    Entity,
    Mention,
    Registry,
    _chunk_of,
    _description,
    _first,
    _head_of,
    _plural,
    chunk_ending_at,
)
from quotes.engine.names import (
    PARTY_MEMBERS,
    PRONOUN_GENDER,
    PRONOUNS,
    acronym,
    gender_of,
    given_names,
    nominal_kind,
)
from quotes.engine.parse import Parse, Tok
from quotes.engine.roles import (
    is_place,
    is_role_word,
    role_matches,
    role_matches_broadly,
    role_matches_loosely,
    word_table,
    wordlist,
)

# How far back (in sentences) a pronoun looks for the person it refers to.
PRONOUN_WINDOW = 3


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
        if head.lower in ("they", "them", "their"):  # a place is "it", never "they"
            return ent.kind in ("organisation", "group", "person") and not (ent.kind == "organisation" and is_place(ent.key))
        return True

    lo = bisect_left(reg.history, Mention(_window_start(reg, head.sent, PRONOUN_WINDOW), -1, False, False))
    hi = bisect_left(reg.history, Mention(a, -1, False, False))
    window = [x for x in (_agreeing(m, fits) for m in reg.history[lo:hi]) if x is not None and not x.quoted]
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
    told_apart = gender and reg.entities[best.entity].gender == gender and all(reg.entities[r].gender != gender for r in rivals)
    if rivals and not told_apart:
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


def _agreeing(m: Mention, fits: Callable[[int], bool]) -> Mention | None:
    """The mention if its entity fits the pronoun; a shared surname ("Clinton" with Hillary and
    Bill Clinton in the article) as the one person it may mean who fits ("she"); else None."""
    if fits(m.entity):
        return m
    fitting = [e for e in m.others if fits(e)]
    return m._replace(entity=fitting[0]) if len(fitting) == 1 else None


def _window_start(reg: Registry, sent: int, n: int) -> int:
    """First token of the ``n``-th sentence before ``sent``, not counting sentences wholly inside a
    quotation: a long quotation between the speaker and "she continued" is still one turn, however
    finely a tokenizer cuts it."""
    parse = reg.parse
    k, counted = sent, 0
    while k > 0 and counted < n:
        k -= 1
        first, end = parse.sentences[k]
        if not all(reg.cands.in_quote(i) or parse.toks[i].is_punct for i in range(first, end)):
            counted += 1
    return parse.sentences[k][0]


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
    """A one-word name taken for a person with nothing to show it ("Politifact", "Norbank"; not "Bob")."""
    return ent.kind == "person" and ent.name is not None and not _person_evidence(ent) and ent.key[0] not in given_names()


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
        if is_role_word(parse.toks[verb.head]):  # "said one former trade official, who noted ...": the same unnamed source
            a = verb.head
            while a - 1 >= 0 and parse.toks[a - 1].sent == t.sent and (
                parse.toks[a - 1].upos in ("ADJ", "NOUN", "PROPN", "NUM", "DET") or _inside_a_name(parse, a - 1)
            ):
                a -= 1
            k = chunk_ending_at(reg.chunks, a - 2) if a >= 2 and parse.toks[a - 1].text == "," else None
            if k is not None and not is_place(reg.chunks[k].key):
                return reg.of_chunk[k]  # "Peter Thiel, the billionaire investor, who ...": the name it is set beside
            # "the Wisconsin Republican, who ...": whom the description means (nobody when it means nobody
            # named: not a new unnamed source either); "one former trade official, who": that source
            if parse.toks[a].lower in _DETERMINERS - {"a", "an"}:
                return _by_description(reg, a, verb.head)
            return _by_nominal(reg, a, verb.head)
    # By word order: the name right before ", who" ("Chen Shibiao, who ...").
    j = i - 1 if i > 0 and parse.toks[i - 1].text == "," else i
    k = chunk_ending_at(reg.chunks, j - 1) if 0 < j else None
    return reg.of_chunk[k] if k is not None else None


def _inside_a_name(parse: Parse, k: int) -> bool:
    """ "and" or "of" between capitalised words ("the Customs [and] Border Protection commissioner")."""
    toks = parse.toks
    return 0 < k < len(toks) - 1 and toks[k].lower in ("and", "&", "of") and toks[k - 1].is_capitalised and toks[k + 1].is_capitalised


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
        # "The 53-year-old added": the person just quoted, else the one person acting in the sentence before
        return _latest_speaker_person(reg, a) or _lone_subject_before(reg, a)
    headline = parse.toks[a].sent == 0 and parse.toks[a].is_capitalised and first not in _DETERMINERS
    if (first in ("a", "an") or headline) and is_role_word(head) and not _plural(head):
        return _named_later_in_lead(reg, a, b, head)  # "A New York judge", "Former White House Doctor Says"
    if first in ("a", "an") and nominal_kind(head) == "organisation" and not _plural(head):
        return _organisation_named_later(reg, a, b, head)  # "A union representing flight attendants"
    after = parse.toks[b + 1] if b + 1 < len(parse.toks) else None
    if first == "the" and b == head.i == a + 1 and _proper_person_noun(head) and (after is None or after.upos not in ("NOUN", "PROPN")):
        return _topic_person(reg, a, gender_of([head]))  # "Guardiola told Sky Sports ... The Spaniard also confirmed"
    affiliated = b > head.i and parse.toks[head.i + 1].lower in ("of", "at", "for")
    if first == "the" and affiliated and is_role_word(head) and not _plural(head):
        e = _described_in_lead(reg, a, b, head)
        if e is not None:  # "The chief executive of Thames Water has said ... Chris Weston told MPs"
            return e
    if (
        first not in ("the", "this", "that", "his", "her", "their", "its")
        or head.upos == "PRON"
        or any(
            parse.toks[k].is_capitalised and k >= _last_role_word(parse, a, b, head.i) and parse.toks[k].lower not in PARTY_MEMBERS
            for k in range(a, b + 1)
        )
    ):
        return None
    noun = head.lemma.lower()
    mods = {parse.toks[k].lower for k in range(a + 1, head.i) if parse.toks[k].upos in ("ADJ", "PROPN", "NOUN")}
    before = parse.toks[a].start
    organisation_noun = nominal_kind(head) == "organisation"  # "the port authority" is no person in authority
    # (lambdas only, no nested def: compiled, a nested def and its closure make a reference cycle that
    # keeps the whole parse alive until the garbage collector walks it)
    tiers = (
        lambda ent: any(role_matches(noun, r) or role_matches(head.lower, r) for r in ent.roles),
        lambda ent: not organisation_noun and any(role_matches_loosely(noun, r) for r in ent.roles),
        lambda ent: not organisation_noun and any(role_matches_broadly(noun, r) for r in ent.roles),
        # (not "the school's Facebook post" for the Huffington Post: its capitalised words are not the name's)
        lambda ent: (
            ent.kind == "organisation"
            and ent.name is not None
            and (noun in ent.key or head.lower in ent.key)
            and _names_it(parse, a, head.i, ent)
        ),
        # "the Kansas senator" for "Senate Republican leader Robert Dole": a member of the institution the role names
        lambda ent: ent.kind == "person" and ent.name is not None and _member_of(noun, ent.roles),
        # "the Kansas Republican" for "Senate Republican leader Robert Dole": a word of a person's role
        lambda ent: (
            ent.kind == "person"
            and ent.name is not None
            and head.lower in PARTY_MEMBERS
            and any(head.lower in r.lower().split() for r in ent.roles)
        ),
    )
    # named entities first, through every tier ("the judge" is Justice Frank Nervo, named since,
    # before the unnamed "a New York judge" of the first line); then the unnamed ones
    places = {m for m in mods if is_place([m])}
    parties = _parties(mods)
    # each entity's latest mention before this one, looked up once for the twelve passes below
    latest = [max((s for s, _ in ent.mentions if s < before), default=-1) for ent in reg.entities]
    for named, fits in [(True, f) for f in tiers] + [(False, f) for f in tiers]:
        best, best_key = None, None
        for e, ent in enumerate(reg.entities):
            pos = latest[e]
            if pos < 0 or (ent.name is not None) != named or not fits(ent) or _other_place(places, ent) or _other_party(parties, ent):
                continue
            words = {w.lower() for r in ent.roles for w in r.split()} | set(ent.key)
            key = (len(mods & words), pos)
            if best_key is None or key > best_key:
                best, best_key = e, key
        if best is not None and named and _introduced_since(parse, noun, latest[best], a):
            return None  # "A Downing Street spokesman rejected the claim. '...,' the spokesman said": not the one named before
        if best is not None:
            if is_role_word(head):
                reg.entities[best].add_role(_description(parse, a, b))
            return best
    if first == "its" and is_role_word(head) and not _plural(head):
        e = _described_in_lead(reg, a, b, head)
        if e is not None:  # "Shell has dropped plans ..., its chief executive said. Wael Sawan told investors"
            return e
    if first in _POSSESSIVE_DETS:
        return None  # "his wife" is not him, nor any organisation
    if is_role_word(head) and not _plural(head):
        e = _topic_without_role(reg, a, gender_of([head]))
        if e is not None:  # "Sanders said ... The Vermont senator added": the same person, now with a role
            reg.entities[e].add_role(_description(parse, a, b))
            return e
        e = _described_in_lead(reg, a, b, head) if first == "the" else None
        if e is not None:
            return e
    if head.lower in PARTY_MEMBERS:
        e = _topic_person(reg, a, None)
        if e is not None and not any(w in PARTY_MEMBERS - {head.lower} for r in reg.entities[e].roles for w in r.lower().split()):
            # "Chairman Sam Nunn said ... the Georgia Democrat shot back": a party is no office, so the
            # person just quoted may hold one; a person of another party is someone else
            reg.entities[e].add_role(_description(parse, a, b))
            return e
    owned = any(parse.toks[k].lower in ("'s", "\u2019s") for k in range(a, head.i))
    if (nominal_kind(head) == "organisation" or noun in _PLACE_NOUNS) and not _plural(head) and not owned:
        # (not "the district attorney's office": its owner names it, it points back to no one)
        e = _latest_organisation(reg, a, place=noun in _PLACE_NOUNS)
        if e is not None and not _names_it(parse, a, head.i, reg.entities[e]):
            e = None  # "The Teamsters union" is not the securities firm named before it
        if e is not None and _other_kind_of_institution(noun, reg.entities[e]):
            e = None  # "the tribunal" is not St Mary's Hospital
        if e is not None and _owned_by_a_person(reg, a, head.i):
            e = None  # "The Trump campaign" is Trump's, not Trump Restaurants LLC
        if e is not None and _introduced_since(parse, noun, max(s for s, _ in reg.entities[e].mentions if s < before), a):
            e = None  # "forming a new task force ... the task force announced": that newcomer
        if e is not None and _bare_name(reg.entities[e]):
            reg.entities[e].kind = "organisation"  # "the company" says so
        if e is not None:  # "the union" describes the organisation it refers to
            reg.entities[e].add_role(_description(parse, a, b))
        return e
    if nominal_kind(head) == "document":
        return _named_document(reg, a, b, head)
    return None


_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "his", "her", "their", "its", "a", "an"})
# A lead introduces someone by what they are and names them in the next sentences.
LEAD_SENTENCES = 3


def _introduced_since(parse: Parse, noun: str, since: int, a: int) -> bool:
    """Does an indefinite noun phrase with the head ``noun`` ("a Downing Street spokesman") lie
    between the character offset ``since`` and token ``a``? Then "the spokesman" at ``a`` is that
    newcomer."""
    k = parse.tok_at(since)
    for j in range(k + 1 if k is not None else 0, a):
        t = parse.toks[j]
        if t.upos != "NOUN" or t.lemma.lower() != noun:
            continue
        d = j - 1
        while d > j - 5 and d >= 0 and parse.toks[d].upos in ("ADJ", "NOUN", "PROPN"):
            d -= 1
        if d >= 0 and parse.toks[d].lower in ("a", "an", "another"):
            return True
    return False


def _named_later_in_lead(reg: Registry, a: int, b: int, head) -> int | None:
    """ "A New York judge has rejected ... Manhattan Supreme Court Justice Frank Nervo said": in
    the first sentences of a story, an unnamed person is the one person the article names later
    with that role (or a WordNet synonym of it). Nobody when none or several fit."""
    parse = reg.parse
    if parse.toks[a].sent > LEAD_SENTENCES:
        return None
    noun = head.lemma.lower()
    fits = {
        e
        for e, ent in enumerate(reg.entities)
        if ent.kind == "person"
        and ent.name is not None
        and any(role_matches(noun, r) or role_matches_loosely(noun, r) for r in ent.roles)
    }
    later = {e for e in fits if min(s for s, _ in reg.entities[e].mentions) >= parse.toks[a].start}
    # "Chipmaker's chief says" with "Finance chief Omar Haddad" and "Chief Executive Rachel Kim" below:
    # a role that holds the word elsewhere may be meant as well, so nobody
    holding = {e for e, ent in enumerate(reg.entities) if ent.kind == "person" and any(noun in r.lower().split() for r in ent.roles)}
    if len(fits) != 1 or len(later) != 1 or len(fits | holding) > 1:
        return None
    e = later.pop()
    reg.entities[e].add_role(_description(parse, a, b))
    return e


_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _described_in_lead(reg: Registry, a: int, b: int, head: Tok) -> int | None:
    """The person a lead's description at ``a..b`` means (:func:`_named_in_next_sentence`), who then
    holds it as a role."""
    e = _named_in_next_sentence(reg, a, _role_complement_end(reg.parse, b), gender_of([head]))
    if e is not None:
        reg.entities[e].add_role(_description(reg.parse, a, b))
    return e


def _named_in_next_sentence(reg: Registry, a: int, b: int, gender: str | None) -> int | None:
    """ "The chief executive of Thames Water has said ... Chris Weston told MPs": a lead that opens
    with a definite description and names the person as the next sentence's subject, in full and
    with no role of their own. Only in the story's first sentences, for the first person named after it."""
    parse = reg.parse
    sent = parse.toks[a].sent
    if sent > 1 or sent + 1 >= len(parse.sentences):
        return None
    lo, hi = parse.sentences[sent + 1]
    if any(m.tok < a and reg.entities[m.entity].kind == "person" and _person_evidence(reg.entities[m.entity]) for m in reg.history):
        return None  # a description after a named person may mean them ("Arteta said ... the Gunners boss said")
    for m in reg.history:
        if m.tok < lo:
            if m.tok > b and reg.entities[m.entity].kind == "person":
                return None  # someone else is named between the description and the next sentence
            continue
        if m.tok >= hi:
            break
        ent = reg.entities[m.entity]
        if ent.kind != "person":
            continue
        named_first = min(s for s, _ in ent.mentions) >= parse.toks[a].start
        fits = m.subject and not m.quoted and len(ent.key) > 1 and not ent.roles and named_first
        return m.entity if fits and not (gender and ent.gender and gender != ent.gender) else None
    return None


def _organisation_named_later(reg: Registry, a: int, b: int, head) -> int | None:
    """ "A union representing flight attendants endorsed ... The Association of Flight Attendants
    said": in the first sentences of a story, an unnamed organisation is the one organisation named
    later whose name shares a word with the description. Nobody when none or several do."""
    parse = reg.parse
    if parse.toks[a].sent > LEAD_SENTENCES:
        return None
    end = b  # with the phrase that describes it, which the mention leaves out ("representing flight attendants")
    while end + 1 < min(b + 7, len(parse.toks)) and not parse.toks[end + 1].is_punct and parse.toks[end + 1].xpos not in _FINITE:
        end += 1
    words = {t.lower for t in parse.toks[a : end + 1] if t.i != head.i and t.upos in ("NOUN", "PROPN", "ADJ") and len(t.lower) > 3}
    start = parse.toks[a].start
    fits = [
        e
        for e, ent in enumerate(reg.entities)
        if ent.kind == "organisation" and ent.name is not None and words & set(ent.key) and min(s for s, _ in ent.mentions) > start
    ]
    if len(fits) != 1:
        return None
    reg.entities[fits[0]].add_role(_description(parse, a, end))
    return fits[0]


def _parties(words) -> set[str]:
    table = word_table("party_words.tsv")
    return {p for w in words for p in table.get(w.lower().strip(".,"), ())}


def _other_party(parties: set[str], ent: Entity) -> bool:
    """ "the GOP nominee" is not "Democratic presidential nominee Hillary Clinton": a description's
    party that the entity's roles contradict with another party."""
    theirs = _parties(w for r in ent.roles for w in r.split())
    return bool(parties and theirs and not parties & theirs)


def _other_place(places: set[str], ent: Entity) -> bool:
    """ "the Kansas senator" is not "Texas senator John Tower": a description's place that the
    entity's roles contradict with another place."""
    theirs = {w.lower().strip(".,") for r in ent.roles for w in r.split() if is_place([w.strip(".,")])}
    return bool(places and theirs and not places & theirs)


def _proper_person_noun(t: Tok) -> bool:
    """ "Spaniard", "Frenchwoman", "Texan": a person noun capitalised by nature, which says where
    someone comes from (not a title such as "President", nor a party's member)."""
    if not t.is_capitalised or t.upos not in ("NOUN", "PROPN") or _plural(t) or t.lower in PARTY_MEMBERS:
        return False
    return t.lower in wordlist("wordnet_person_nouns.txt") and t.lower not in wordlist("roles.txt")


def _last_role_word(parse: Parse, a: int, b: int, head: int) -> int:
    """The head, or a later role noun of a coordinated description ("the secretary of state and
    Democratic nominee"): capitals after it are a name, not part of the description."""
    return max((k for k in range(head, b + 1) if is_role_word(parse.toks[k])), default=head)


def _member_of(noun: str, roles: list[str]) -> bool:
    institutions = word_table("institution_members.tsv").get(noun.lower(), frozenset())
    return any(w in institutions for r in roles for w in r.lower().split())


def _mentions_before(reg: Registry, a: int, sentences: int) -> list[Mention]:
    """The history's mentions from the start of the sentence ``sentences`` before token ``a``'s up to ``a``."""
    parse = reg.parse
    lo = bisect_left(reg.history, Mention(parse.sentences[max(0, parse.toks[a].sent - sentences)][0], -1, False, False))
    return reg.history[lo : bisect_left(reg.history, Mention(a, -1, False, False))]


def _latest_speaker_person(reg: Registry, a: int) -> int | None:
    """The named person who spoke in the last two sentences, if any."""
    last = next((m for m in reversed(_mentions_before(reg, a, 2)) if m.source), None)
    if last is None:
        return None
    ent = reg.entities[last.entity]
    return last.entity if ent.kind == "person" and ent.name else None


def _lone_subject_before(reg: Registry, a: int) -> int | None:
    """The one person named in the sentence before (or earlier in this one), outside quotations:
    "Anna Kowalski grabbed her children and ran. '...,' the 36-year-old said"."""
    people = {m.entity for m in _mentions_before(reg, a, 1) if not m.quoted and reg.entities[m.entity].kind == "person"}
    if len(people) != 1:
        return None
    (e,) = people
    return e if reg.entities[e].name else None


def _topic_without_role(reg: Registry, a: int, gender: str | None) -> int | None:
    """The named person who spoke in this or the last two sentences, or is a subject earlier in this
    sentence, when
    the article has given them no role yet: news varies "Sanders" with "the Vermont senator".
    A person with a role the description does not match is someone else; so is one of the
    wrong gender ("the congresswoman")."""
    e = _topic_person(reg, a, gender)
    if e is None or reg.entities[e].roles:
        return None
    # a full name, or a surname an honorific marks as a person ("Ms. Rivera ... the mother of three")
    return e if len(reg.entities[e].key) > 1 or reg.entities[e].gender else None


def _topic_person(reg: Registry, a: int, gender: str | None) -> int | None:
    """The named person who spoke in this or the last two sentences, or else a subject earlier in
    this sentence, of the description's gender if it has one."""
    e = _latest_speaker_person(reg, a)
    if e is None:  # "As far as whether Sanders still senses anger, the Vermont senator said": the same sentence only
        e = next((m.entity for m in reversed(_mentions_before(reg, a, 0)) if m.subject and not m.quoted), None)
    if e is None:
        return None
    ent = reg.entities[e]
    if ent.kind != "person" or not ent.name or (gender and ent.gender and gender != ent.gender):
        return None
    return e


def _latest_organisation(reg: Registry, a: int, place: bool) -> int | None:
    """The organisation (or, for "the state", the place) named last within a few sentences."""
    parse = reg.parse
    fitting = [
        m
        for m in _mentions_before(reg, a, DESCRIPTION_WINDOW)
        if (ent := reg.entities[m.entity]).name
        and is_place(ent.key) == place
        and not m.quoted
        and (ent.kind == "organisation" or (not place and _company_like(ent, m, _opens_story(parse, m.tok))))
    ]
    if not fitting:
        return None
    if place:
        return fitting[-1].entity  # "the state": the one named last
    # an organisation that acted before one only mentioned: "Meta said it would stop ads in the
    # European Union. ... the company said" is Meta
    return next((m for m in reversed(fitting) if m.subject), fitting[-1]).entity


@cache
def institution_family() -> dict[str, str]:
    return {w: fam for fam, words in word_table("org_families.tsv").items() for w in words}


def _other_kind_of_institution(noun: str, ent: Entity) -> bool:
    """Does the organisation's own type word ("St Mary's Hospital": hospital) name another kind of
    institution than the description's noun ("the tribunal")? (``org_families.tsv``)"""
    family = institution_family()
    head = ent.key[: next((k for k, w in enumerate(ent.key) if k and w in ("of", "for")), len(ent.key))]
    own = next((w for w in reversed(head) if w in wordlist("org_words.txt")), None)
    return own in family and noun in family and family[noun] != family[own]


def _owned_by_a_person(reg: Registry, a: int, head: int) -> bool:
    """Is a capitalised word before the description's noun the surname of a person the article
    names in full ("the Trump campaign" after "Donald Trump")?"""
    toks = reg.parse.toks
    words = {toks[k].lower for k in range(a, head) if toks[k].is_capitalised}
    return any(ent.kind == "person" and len(ent.key) > 1 and ent.key[-1] in words for ent in reg.entities)


def _opens_story(parse: Parse, i: int) -> bool:
    """A name acting in the story's first sentences ("Nvidia reported record revenue"), not a
    headline's word ("Things to know", "ABSTRACT")."""
    t = parse.toks[i]
    return t.head >= 0 and t.sent <= 1 and not t.text.isupper() and parse.toks[t.head].xpos in ("VBD", "VBZ", "VBP")


def _company_like(ent: Entity, m: Mention, lead: bool = False) -> bool:
    """A lone name with no sign of a person, named more than once and here the subject of its clause
    ("Google denied wrongdoing ... The company said"): what "the company" may mean. Not a headline word
    met once ("Things to know"), unless it opens the story ("Nvidia reported ... The chipmaker said")."""
    return m.subject and _bare_name(ent) and (len(ent.mentions) > 1 or m.source or lead) and not (ent.name or "").endswith(".")


def _names_it(parse: Parse, a: int, head: int, ent: Entity) -> bool:
    """Do the capitalised words before a description's noun ("the [Teamsters] union") all belong to
    the entity's name? True when there are none ("the union")."""
    words = {parse.toks[k].lower for k in range(a, head) if parse.toks[k].is_capitalised and k != parse.sentences[parse.toks[k].sent][0]}
    return words <= set(ent.key)


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
            return reg.keyed(Entity(name, "document", ("#doc", *name.lower().split()), mentions=[(parse.toks[k].start, t.end)]))
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
    key = f"#{a}" if pronoun or not role else role.lower()  # no description: nobody else's ("Four", "most")
    if key not in reg.nominal:
        kind = "unknown" if pronoun else nominal_kind(head)
        # "analysts", "senior officials", "others in the community"; not "Chicago police", a
        # collective noun that a tagger may call plural but whose form is no plural
        plural = _plural(head) and (kind == "person" or head.lower.endswith("s"))
        if (kind in ("person", "organisation") and plural) or (part_of and not pronoun):
            kind = "group"
        ent = Entity(_place_institution(parse, a, head.i) if kind == "organisation" else None, kind, ())
        if kind != "unknown" and ent.name is None:
            ent.add_role(role)
        ent.gender = gender_of([head])
        reg.entities.append(ent)
        reg.nominal[key] = len(reg.entities) - 1
    return reg.nominal[key]


def _place_institution(parse: Parse, a: int, head: int) -> str | None:
    """ "Chicago police", "the Texas legislature": an institution named by its place is a name."""
    words = [t for t in parse.toks[a:head] if t.lower not in ("the", "a")]
    if words and all(t.is_capitalised for t in words) and is_place([t.text for t in words]):
        return parse.text[words[0].start : parse.toks[head].end]
    return None


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
