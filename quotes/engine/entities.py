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

Here: the registry and the resolution of a mention (``name`` and ``appositive``); the other
resolvers are in :mod:`quotes.engine.resolvers`, the registry's types and the helpers that read a
mention in :mod:`quotes.engine.mentions`.
"""

from __future__ import annotations

from bisect import bisect_left, insort

from quotes.engine.candidates import Candidates, noun_phrase_after
from quotes.engine.mentions import (
    Entity,
    Mention,
    Registry,
    Resolved,
    _appositive_name,
    _chunk_ending,
    _chunk_of,
    _description,
    _first,
    _grow_coordinated_description,
    _grow_possessor,
    _grow_quantifier,
    _grow_role_noun,
    _head_of,
    _issuer,
    _name_before_apposition,
    _person_after_organisation,
    _person_before_of,
    _plural,
)
from quotes.engine.model import Span
from quotes.engine.names import (
    PRONOUN_GENDER,
    PRONOUNS,
    NameChunk,
    gender_of,
    given_name_gender,
    kind_of,
    name_chunks,
    never_speaks,
    nominal_kind,
)
from quotes.engine.parse import Parse
from quotes.engine.resolvers import RESOLVERS, _by_nominal
from quotes.engine.roles import (
    appositive_roles,
    is_place,
    is_role_word,
    predicate_roles,
    wire_credit,
    wordlist,
)

_ACRONYM_SKIP = frozenset({"of", "for", "and", "the", "to", "&", "de", "on", "in"})


def build_registry(parse: Parse, cands: Candidates) -> Registry:
    """Entities from every name chunk: a shorter name joins the most recently mentioned longer
    name it ends with ("Ushakov" -> "Yury Ushakov"); an acronym joins the name it abbreviates
    ("BRC" -> "British Retail Consortium"); a lone word may join the organisation it begins
    ("Shearson" -> "Shearson Lehman Brothers"); a lone first name joins the one person the article
    gives that first name ("Ivana" -> "Ivana Trump")."""
    chunks = name_chunks(parse)
    entities: list[Entity] = []
    of_chunk: dict[int, int] = {}
    seen_at: dict[int, list[int]] = {}  # entity -> token positions of its chunks
    by_suffix: dict[tuple[str, ...], list[int]] = {}
    by_acronym: dict[str, list[int]] = {}
    by_first: dict[str, list[int]] = {}
    by_given: dict[str, list[int]] = {}  # first name -> people of several words
    ambiguous: dict[int, list[int]] = {}
    for c in sorted(range(len(chunks)), key=lambda c: (-len(chunks[c].key), chunks[c].first)):
        ch = chunks[c]
        matches = by_suffix.get(ch.key, [])
        honorific = gender_of(parse.toks[ch.first : ch.name_toks[0]]) if matches else None
        if honorific:  # "Mrs Green" is not Matt Green
            matches = [e for e in matches if given_name_gender(entities[e].key) in (None, honorific)]
        if not matches and len(ch.key) == 1:
            # not a place: "Chicago" is the city, not the Chicago Police Department it begins
            matches = by_acronym.get(ch.key[0].replace("&", ""), []) or ([] if is_place(ch.key) else by_first.get(ch.key[0], []))
            given = set(by_given.get(ch.key[0], []))
            lone_person = kind_of([ch.name], bool(ch.role)) == "person" and not ch.name.isupper()
            if not matches and len(given) == 1 and lone_person:  # "wife Ivana" ... "Ivana Trump"
                matches = list(given)
        if matches:
            # Two Clintons: take the one named most recently before this mention.
            e = max(matches, key=lambda e: _latest_before(seen_at[e], ch.first))
            if len(set(matches)) > 1:
                ambiguous[c] = sorted(set(matches))
        else:
            ner = parse.toks[ch.name_toks[-1]].ner.split("-")[-1]
            kind = kind_of(ch.name.split(), bool(ch.role), None if ner == "O" else ner)
            if kind == "person" and given_name_gender(ch.key) is None and _after_organisation_noun(parse, ch.first):
                kind = "organisation"  # "Water company Severn Trent", "drugmaker Pfizer"
            entities.append(Entity(ch.name, "group" if _plural_name(parse, ch) and kind == "person" else kind, ch.key))
            e = len(entities) - 1
            seen_at[e] = []
            for key in _keys_of(ch.key):
                for k in range(_suffixes_end(key)):
                    by_suffix.setdefault(key[k:], []).append(e)
            if len(ch.key) > 1:
                by_acronym.setdefault(_acronym(ch.name), []).append(e)
                if entities[e].kind == "organisation":
                    by_first.setdefault(ch.key[0], []).append(e)
                elif entities[e].kind == "person":
                    by_given.setdefault(ch.key[0], []).append(e)
        of_chunk[c] = e
        insort(seen_at[e], ch.first)
    history: list[Mention] = []
    settled: dict[tuple[str, ...], int] = {}  # shared surname -> the person it was last shown to mean
    for c in sorted(of_chunk, key=lambda c: chunks[c].first):
        if c in ambiguous:
            shown = _settle_shared_surname(parse, cands, chunks[c], [entities[x] for x in ambiguous[c]])
            pick = ambiguous[c][shown] if shown is not None else settled.get(chunks[c].key)
            pick = pick if pick in ambiguous[c] else None  # "Mrs. Clinton" is not the Bill Clinton "Mr. Clinton" was
            if pick is not None:
                of_chunk[c], settled[chunks[c].key] = pick, pick
                del ambiguous[c]
        ent, ch = entities[of_chunk[c]], chunks[c]
        ent.add_role(ch.role)
        ent.add_role(ch.title)
        for role in (*appositive_roles(parse, ch.first, ch.last), *predicate_roles(parse, ch.name_toks)):
            ent.add_role(role)
        ent.mentions.append((parse.toks[ch.first].start, parse.toks[ch.last].end))
        named_gender = given_name_gender(ch.key) if ent.kind == "person" else None  # not "Georgia Power"
        ent.gender = ent.gender or gender_of(parse.toks[ch.first : ch.last + 1]) or named_gender
        if ch.role and ent.kind == "organisation" and kind_of(ch.name.split(), True) == "person":
            ent.kind = "person"
        if ent.kind == "person" and not ch.role and _titled_work(parse, ch.first, ch.last):
            ent.kind = "document"
        if ent.kind == "person" and len(ent.key) == 1 and not ent.gender and not ch.role and _owns_company_things(parse, ch):
            ent.kind = "organisation"  # "Tesco's shares", "shares in Burberry"
        subject = any(parse.toks[i].rel == "nsubj" for i in ch.name_toks) or _opens_clause(parse, ch.first)
        if wire_credit(parse, ch.first, ch.last):
            continue  # "MADRID (AP) -": no antecedent for "the club", "it"
        others = tuple(x for x in ambiguous.get(c, ()) if x != of_chunk[c])
        history.append(Mention(ch.name_toks[0], of_chunk[c], subject, cands.in_quote(ch.name_toks[0]), others=others))
    reg = Registry(parse, cands, chunks, entities, of_chunk, history, ambiguous=ambiguous)
    _add_group_subjects(reg)
    return reg


def _owns_company_things(parse: Parse, ch: NameChunk) -> bool:
    """ "Novo Nordisk's profits", "shares in Burberry": a name that owns what only an organisation
    owns (``company_nouns.txt``)."""
    toks, nouns = parse.toks, wordlist("company_nouns.txt")
    k = ch.last + 1
    if k + 1 < len(toks) and toks[k].lower in ("'s", "’s"):
        j = k + 1
        while j < len(toks) and j - k < 4 and toks[j].upos == "ADJ":
            j += 1  # "Tesco's quarterly sales"
        if j < len(toks) and toks[j].lower in nouns:
            return True
    return ch.first >= 2 and toks[ch.first - 1].lower in ("in", "of") and toks[ch.first - 2].lower in ("shares", "stock")


def _after_organisation_noun(parse: Parse, first: int) -> bool:
    """Is the name right after a lower-case organisation noun ("company Severn Trent", "retailer Tesco")?"""
    if first == 0:
        return False
    t = parse.toks[first - 1]
    return t.upos == "NOUN" and t.text.islower() and nominal_kind(t) == "organisation"


def _plural_name(parse: Parse, ch: NameChunk) -> bool:
    """ "The Greens", "the Clintons": one plural proper noun after "the" names a party, a team or a
    family, never one person."""
    t, toks = parse.toks[ch.first], parse.toks
    if ch.first != ch.last or t.xpos != "NNPS" or not t.lower.endswith("s") or ch.first == 0 or toks[ch.first - 1].lower != "the":
        return False
    return ch.last + 1 == len(toks) or toks[ch.last + 1].upos not in ("NOUN", "PROPN")  # not "the Sanders campaign"


# Generational suffixes a short form drops: "Kennedy" for "Robert F. Kennedy Jr."
_GENERATIONS = frozenset({"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"})


def _keys_of(key: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """A name's key, and without its generational suffix ("robert f. kennedy jr." -> "robert f. kennedy")."""
    return (key, key[:-1]) if len(key) > 2 and key[-1] in _GENERATIONS else (key,)


def _suffixes_end(key: tuple[str, ...]) -> int:
    """How many of a name's suffixes may stand for it: none that starts past an "of", "for" or "to"
    inside it ("Michigan" is not the University of Michigan, "Trump" not Citizens for Trump)."""
    return next((k for k, w in enumerate(key) if k and w in ("of", "for", "to")), len(key))


def _settle_shared_surname(parse: Parse, cands: Candidates, ch: NameChunk, people: list[Entity]) -> int | None:
    """Which of ``people`` a bare surname they share means, by gender: its own title ("Mrs.
    Clinton"), else the he / she / his / her of its sentence outside quotations ("In her book,
    Clinton wrote"), when exactly one of them does not have the other gender. None when that
    does not tell them apart (a later bare use then means whom the last settled one meant)."""
    gender = gender_of(parse.toks[ch.first : ch.last + 1])
    if gender is None:
        s_first, s_end = parse.sentences[parse.toks[ch.first].sent]
        pronouns = [t for t in parse.toks[s_first:s_end] if t.upos == "PRON" and not cands.in_quote(t.i)]
        said = {PRONOUN_GENDER[t.lower] for t in pronouns if t.lower in PRONOUN_GENDER}
        gender = said.pop() if len(said) == 1 else None
    if gender is None:
        return None
    fit = [k for k, ent in enumerate(people) if ent.gender in (None, gender)]
    return fit[0] if len(fit) == 1 < len(people) else None


def _add_group_subjects(reg: Registry) -> None:
    """Plural subjects that are people ("Republicans disagreed", "Analysts were split"): groups
    "they" may refer to, though they are nobody's speaker yet. Each is the nominal entity its
    description names, so a later "Republicans said" is the same group."""
    parse = reg.parse
    taken = {i for ch in reg.chunks for i in range(ch.first, ch.last + 1)}
    for t in parse.toks:
        if t.upos not in ("NOUN", "PROPN") and t.xpos not in ("NNS", "NNPS"):
            continue  # not plural (_plural's quick no): most words
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
    j = first - 1
    while j > s_first and (parse.toks[j].lower in ("and", "or") or parse.toks[j].upos == "PROPN"):
        j -= 1  # "between Omar Reyes and [Ivan Petrov]": a conjunct of the preposition's object
    if j >= s_first and parse.toks[j].upos == "ADP":
        return False  # "In a speech in Fort Pierce, Clinton ...": the object of a preposition
    return first - s_first < 8 and not any(t.upos in ("VERB", "AUX") for t in parse.toks[s_first:first])


def _acronym(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w.lower() not in _ACRONYM_SKIP and w[:1].isupper()).lower()


def _titled_work(parse: Parse, first: int, last: int) -> bool:
    """A name set between commas after a noun for a written work ("her 2003 book, Living
    History, ..."): the work's title, not a person. Not "In a statement, Husted said", where
    the name opens the clause."""
    toks = parse.toks
    if first < 2 or last + 1 >= len(toks) or toks[first - 1].text != "," or toks[last + 1].text not in (",", ")"):
        return False
    t = toks[first - 2]
    return t.sent == toks[first].sent and t.upos == "NOUN" and not t.is_capitalised and nominal_kind(t) == "document"


def _latest_before(positions: list[int], limit: int) -> int:
    """The largest of sorted ``positions`` below ``limit``, or -1."""
    k = bisect_left(positions, limit)
    return positions[k - 1] if k else -1


def resolve(
    parse: Parse, cands: Candidates, sources: list[tuple[int, int] | None], floors: list[int] | None = None
) -> tuple[list[Resolved | None], list[Entity]]:
    """Resolve each attribution's source token range to an entity.

    ``sources`` are given in attribution order (text order of content); ``floors``, where given,
    are the character offsets each mention may not reach back past (the end of the attribution's
    content before it). The result lists the same positions and the document's entities."""
    reg = build_registry(parse, cands)
    order = sorted(range(len(sources)), key=lambda k: (sources[k] or (-1, -1))[0])
    out: list[Resolved | None] = [None] * len(sources)
    for k in order:
        rng = sources[k]
        if rng is None:
            continue
        out[k] = resolve_mention(reg, *rng, floor=floors[k] if floors else 0)
    return out, reg.entities


def resolve_mention(reg: Registry, a: int, b: int, floor: int = 0) -> Resolved | None:
    """The entity of the speaker mention at tokens ``a..b``, by the first resolver that places it;
    None for a mention that cannot be a speaker at all (a time, a verb taken for a noun). A name
    before the mention that lies before ``floor`` (inside what the speaker said) is never it."""
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
        c = _name_then_apposition(reg, a, b)
    if c is None:
        c = _chunk_ending(reg, a, b)
    resolver = "name"
    if c is None:
        c = _issuer(reg, a, b, head)
    if c is None:
        c, role_end = _appositive_name(parse, reg.chunks, a, b, head)
        resolver = "appositive"
        if c is not None and _names_the_employer(reg, head, role_end, c):
            c = None  # "A spokesperson for the broadcaster, HBO,": the name is the broadcaster's, not the spokesperson's
        if c is not None:  # "The company's spokeswoman, Ana Lopez, said", "Trump's running mate, Indiana Gov. Mike Pence,"
            ent = reg.entities[reg.of_chunk[c]]
            ent.add_role(_description(parse, a, role_end))
            if nominal_kind(parse.toks[head]) == "organisation" and not ent.gender:
                ent.kind = "organisation"  # "Her record label, Northlight Music,": what the article calls it
    if c is None and not _personal_pronoun(parse.toks[head]):  # "Outside court, she said": no apposition
        c = _name_before_apposition(reg, a, b)
        if c is not None and parse.toks[reg.chunks[c].first].start < floor:
            c = None  # "... lost at home to Castlebury, the club said": the name ends what the club said
        resolver = "appositive"
    if c is not None:
        c = _person_before_of(reg, _person_after_organisation(reg, c))
    if c is not None:  # the whole written name, even where the parse split it
        a, b = min(a, reg.chunks[c].first), max(b, reg.chunks[c].last)
    e = reg.of_chunk[c] if c is not None else None
    if c is not None and e is not None and c in reg.ambiguous:
        e = _latest_speaker(reg, a, reg.ambiguous[c], e)
    joint = _joint_names(reg, e, b) if e is not None else None
    if joint is not None:  # "The New York Times and the Gannett newspaper chain filed"
        e, b = joint
    span = Span.of(parse.text, parse.toks[a].start, parse.toks[b].end)
    for name, resolver_fn in RESOLVERS:
        if e is not None:
            break
        e, resolver = resolver_fn(reg, a, b), name
    assert e is not None  # the last resolver always gives an entity
    if (span.start, span.end) not in reg.entities[e].mentions:
        reg.entities[e].mentions.append((span.start, span.end))
    insort(reg.history, Mention(a, e, True, False, True))
    return Resolved(e, span, resolver)


def _names_the_employer(reg: Registry, head: int, role_end: int, c: int) -> bool:
    """Is the organisation set beside a person's role the one its "for"/"at"/"of" phrase names ("A
    spokesperson for the broadcaster, HBO,")? Not when the role itself is the organisation's ("The
    plant's owner, Delta Chemicals,")."""
    parse = reg.parse
    if nominal_kind(parse.toks[head]) != "person" or reg.entities[reg.of_chunk[c]].kind != "organisation":
        return False
    prep = any(t.lower in ("for", "at", "of") for t in parse.toks[head + 1 : role_end + 1])
    return prep and nominal_kind(parse.toks[role_end]) == "organisation"


def _personal_pronoun(t) -> bool:
    """ "she", "they", "you" (not the relative "who" of "Bharara, who said")."""
    return t.upos == "PRON" and PRONOUNS.get(t.lower) not in (None, "relative")


def _name_then_apposition(reg: Registry, a: int, b: int) -> int | None:
    """ "according to Maria Lopez, the union leader": a mention that opens with a name and a comma
    is that name's, whatever head the parser gave the apposition."""
    c = bisect_left(reg.chunks, a, key=_first)
    if c == len(reg.chunks) or reg.chunks[c].first != a or reg.chunks[c].last + 1 >= b:
        return None
    return c if reg.parse.toks[reg.chunks[c].last + 1].text == "," else None


def _joint_names(reg: Registry, e: int, b: int) -> tuple[int, int] | None:
    """Two named speakers joined by "and" ("The New York Times and the Gannett newspaper chain",
    "Smith and her deputy, Jane Roe"): one group named "New York Times and Gannett", and where its
    mention ends. None unless the words after "and" hold exactly one name of another entity."""
    parse = reg.parse
    if b + 2 >= len(parse.toks) or parse.toks[b + 1].lower != "and" or parse.toks[b + 1].sent != parse.toks[b].sent:
        return None
    np = noun_phrase_after(parse, b + 2)
    if np is None:
        return None
    inside = [c for c in range(bisect_left(reg.chunks, np[0], key=_first), len(reg.chunks)) if reg.chunks[c].last <= np[1]]
    if len(inside) != 1 or reg.of_chunk[inside[0]] == e or reg.chunks[inside[0]].first > np[1]:
        return None
    other = reg.entities[reg.of_chunk[inside[0]]]
    first = reg.entities[e]
    if first.name is None or other.name is None:
        return None
    return reg.keyed(Entity(f"{first.name} and {other.name}", "group", ("#and", *first.key, "#", *other.key))), np[1]


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
    """Not "Several weeks", "Monday's", a lone "refuses", nor the "A" of an interview's "A: ..."."""
    t = parse.toks[head]
    if a == b and len(t.text) == 1 and t.text.isupper() and a + 1 < len(parse.toks) and parse.toks[a + 1].text == ":":
        return False  # a transcript's turn label ("Q:", "A:") names nobody
    return not (never_speaks(t) and (a == b or t.upos in ("NOUN", "PROPN")))
