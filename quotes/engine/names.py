"""Names and roles: "Kremlin aide Yury Ushakov" -> name "Yury Ushakov", role "Kremlin aide".

Works without NER: a name chunk is a run of capitalised words, role nouns
(``quotes/data/roles.txt``) and courtesy titles; the role is everything up to
the last role noun, the name what follows it.
"""

from __future__ import annotations

from functools import cache

from quotes.engine.cues import data_lines, lexicon
from quotes.engine.parse import Parse, Tok, inner_hyphen
from quotes.engine.roles import (
    ROLE_ABBREVIATIONS,
    abbreviation_stop,
    dateline_word,
    is_place,
    is_role_word,
    modifies_ahead,
    phrase_text,
    prenominal_role,
    role_noun_read_as_verb,
    wordlist,
)

# Pronouns a speaker mention can be, and what they may refer to.
PRONOUNS: dict[str, str] = {
    "he": "person",
    "she": "person",
    "him": "person",
    "her": "person",
    "his": "person",
    "they": "any",
    "them": "any",
    "their": "any",
    "it": "nonperson",
    "its": "nonperson",
    "who": "relative",
    "which": "relative",
    "that": "relative",
    "i": "self",
    "we": "self",
    "you": "self",
}
PRONOUN_GENDER: dict[str, str] = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
# Titles and role nouns that say which pronoun fits ("Mrs. Clinton", "the spokeswoman").
GENDERED_WORDS: dict[str, str] = {
    "mr": "m", "mr.": "m", "sir": "m", "mrs": "f", "mrs.": "f", "ms": "f", "ms.": "f", "miss": "f", "dame": "f",
    "spokesman": "m", "spokeswoman": "f", "chairman": "m", "chairwoman": "f", "congressman": "m",
    "congresswoman": "f", "councilman": "m", "councilwoman": "f", "king": "m", "queen": "f", "prince": "m",
    "princess": "f",
}  # fmt: skip


# Quantifiers that stand alone for people as a subject ("Most said ...", "many argued").
QUANTIFIER_SUBJECTS = frozenset({"most", "many", "some", "several", "few", "others", "both", "all"})


def never_speaks(t: Tok) -> bool:
    """A time ("Several weeks ago, ... said", "Monday's") or a lower-case verb or particle a weak
    parser took for a noun: never a speaker. A quantifier that is a clause's subject ("most are
    planning to ...") speaks, though a tagger may call it an adverb."""
    if t.rel == "nsubj" and t.lower in QUANTIFIER_SUBJECTS:
        return False
    if t.lemma.lower() in wordlist("time_nouns.txt") or t.lower in wordlist("time_nouns.txt"):
        return True
    if t.upos in ("ADV", "SCONJ", "CCONJ", "ADP") and t.lower in wordlist("not_names.txt"):
        return True  # "Meanwhile", "However": a sentence opener, capitalised or not
    return t.upos in ("VERB", "AUX", "PART", "ADV", "ADP", "SCONJ", "CCONJ", "NUM") and not t.is_capitalised


def acronym(t: Tok) -> bool:
    """An all-capital word of 2 to 6 letters: "WHO", "BRC", "NATO" (never the pronoun "who")."""
    return t.text.isupper() and t.text.isalpha() and 2 <= len(t.text) <= 6


def gender_of(toks) -> str | None:
    return next((GENDERED_WORDS[t.lower] for t in toks if t.lower in GENDERED_WORDS), None)


def given_name_gender(key: tuple[str, ...]) -> str | None:
    """ "f" / "m" for a person named with a first name nearly always given to one sex ("Tina
    Houchins"), from US baby-name counts (quotes/data/given_names.tsv); None for a lone surname."""
    if len(key) < 2:
        return None
    return given_names().get(key[0])


@cache
def given_names() -> dict[str, str]:
    return dict(line.split("\t") for line in data_lines("given_names.tsv"))


# Stanza's OntoNotes NER labels (official models only) -> speaker kind.
NER_KINDS: dict[str, str] = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "organisation",
    "NORP": "organisation",
    "FAC": "organisation",
}


def is_honorific(t: Tok) -> bool:
    return t.lower in wordlist("honorifics.txt")


def is_title(t: Tok) -> bool:
    """A word that stands before a name as a title ("President", "Sen.", "Referee"): not a peerage
    word, which is part of how the person is named ("Lord Holme")."""
    return (is_role_word(t) or is_honorific(t)) and t.lower not in wordlist("peerage.txt")


class NameChunk:
    """A written name with an optional role before it: tokens ``first`` to ``last`` inclusive (the
    role's too), the name's own tokens, the role ("Kremlin aide"), the name as written, an abbreviated
    title kept apart from the role ("Gov." after "Republican nominee") and the name's lower-case words
    (``key``), the registry's lookup key.

    A plain class with slots, as :class:`~quotes.engine.parse.Tok` is and for the same reason:
    built once per name of every article, cheaply when compiled; rules never change one."""

    __slots__ = ("first", "last", "name_toks", "role", "name", "title", "key")

    def __init__(self, first: int, last: int, name_toks: tuple[int, ...], role: str | None, name: str, title: str | None = None) -> None:
        self.first = first
        self.last = last
        self.name_toks = name_toks
        self.role = role
        self.name = name
        self.title = title
        self.key = tuple(w.lower() for w in name.split())

    def __repr__(self) -> str:
        return f"NameChunk({self.first}, {self.last}, {self.name_toks}, {self.role!r}, {self.name!r}, {self.title!r})"


# Lower-case words that may join capitalised ones inside one name ("Bank of England").
NAME_JOINERS = frozenset(
    {
        "of",
        "for",
        "de",
        "da",
        "das",
        "dos",
        "del",
        "della",
        "di",
        "van",
        "von",
        "der",
        "den",
        "ten",
        "ter",
        "du",
        "la",
        "le",
        "al",
        "bin",
        "&",
    }
)
# Particles inside a person's name ("Ursula von der Leyen", "Lula da Silva"); a name may open with them.
_PARTICLES = NAME_JOINERS - {"of", "for", "&"}
# Nouns for a party's members: "the Kansas Republican" is a description, never a name.
PARTY_MEMBERS = frozenset({"republican", "democrat", "conservative", "liberal", "tory", "socialist", "labourite", "independent"})
# Parts of speech a capitalised word inside a sentence may have and still be (part of) a name, whatever
# a weak tagger says: "The Met Office" (Met: verb), "His wife, Sue," (Sue: verb).
_NEVER_NAMES = frozenset({"PRON", "DET", "ADP", "PUNCT", "CCONJ", "SCONJ", "AUX", "NUM", "PART", "SYM", "INTJ"})


@cache
def _title_forms() -> frozenset[str]:
    """Honorifics and role abbreviations ("mr.", "sen."): name words however they are tagged."""
    return wordlist("honorifics.txt") | frozenset(ROLE_ABBREVIATIONS)


def _uncapitalised(t: Tok) -> bool:
    """Neither capitalised nor an acronym: most words, never a name but for a title ("sen.")."""
    return not t.text[:1].isupper() and not t.text.isupper()


def _name_word(parse: Parse, t: Tok) -> bool:
    if t.lower in _title_forms():
        return True
    nxt = parse.toks[t.i + 1] if t.i + 1 < len(parse.toks) else None
    if t.is_capitalised and nxt is not None and nxt.lower in wordlist("company_endings.txt") and nxt.is_capitalised:
        return True  # "Boeing Co", with "Boeing" opening the sentence read as a verb
    if _uncapitalised(t):
        # neither capitalised nor an acronym: most words, answered at once
        if t.text == "." and t.i > 0 and parse.toks[t.i - 1].end == t.start:
            return parse.toks[t.i - 1].lower in _title_forms()  # "Sen" "." split by the tokenizer
        return False
    if acronym(t):
        return not shouted_headline(parse, t.i) and not dateline_word(parse, t.i)  # "WHO", "IMF": never a pronoun
    if not t.is_capitalised or t.upos in _NEVER_NAMES or t.lower in PRONOUNS:
        return False
    if t.lower in wordlist("not_names.txt") or dateline_word(parse, t.i) or shouted_headline(parse, t.i):
        return False
    opens = _uninformative_capital(parse, t)
    if t.upos in ("PROPN", "NOUN", "ADJ", "X"):
        return t.upos == "PROPN" or not opens or is_title(t) or _opens_a_name(parse, t)
    # A capitalised verb or adverb inside a sentence is a name the tagger missed, unless it is a cue.
    if opens:
        return _opens_a_name(parse, t)
    return t.lemma.lower() not in lexicon() and t.lower not in lexicon()


def _opens_a_name(parse: Parse, t: Tok) -> bool:
    """ "British Airways said", "American Airlines": a capitalised adjective opening the sentence
    right before a proper noun of the same name (or a verb to the tagger, opening a place's name:
    "Downing Street"); "Trade Minister ...": a noun before a title."""
    nxt = parse.toks[t.i + 1] if t.i + 1 < len(parse.toks) else None
    if nxt is None or nxt.sent != t.sent or not nxt.is_capitalised:
        return False
    if t.upos == "NOUN":  # "Trade Minister Kenji Sato": the first word of an office before a name
        after = parse.toks[t.i + 2] if t.i + 2 < len(parse.toks) else None
        return is_title(nxt) and after is not None and after.upos == "PROPN" and after.is_capitalised
    if t.upos == "VERB" and is_place([t.text, nxt.text]):
        return True  # "Downing Street said", with "Downing" read as a verb
    if t.upos == "VERB" and t.xpos == "VBN" and not t.lower.endswith("ed") and nxt.lower in wordlist("org_words.txt"):
        return True  # "Gwynedd Council", a name the tagger read as a participle (not "Concerned Citizens")
    return t.upos == "ADJ" and t.xpos not in ("JJR", "JJS") and nxt.upos in ("PROPN", "NOUN")  # not "More Hillary Clinton"


def _uninformative_capital(parse: Parse, t: Tok) -> bool:
    """Where a capital says nothing: the first word of a sentence, or after an opening quotation mark,
    a colon, a bracket or a dash."""
    return t.i == parse.sentences[t.sent][0] or parse.toks[t.i - 1].text in ('"', "\u201c", "\u2018", "'", ":", "(", "\u2014")


def _line_of(parse: Parse, i: int) -> str:
    t = parse.toks[i]
    start = parse.text.rfind("\n", 0, t.start) + 1
    end = parse.text.find("\n", t.end)
    return parse.text[start : end if end >= 0 else len(parse.text)]


def shouted_headline(parse: Parse, i: int) -> bool:
    """A word on a line written all in capitals ("KEATING CHANGES FORECASTS"): no names there."""
    if not parse.toks[i].text.isupper():
        return False  # cheap first: every word of a shouted line is in capitals
    line = _line_of(parse, i)
    return line.upper() == line and sum(c.isalpha() for c in line) > 12 and len(line.split()) > 1


def title_case_line(parse: Parse, i: int) -> bool:
    """A headline in title case ("Clinton Hid Past Health Problems, Says Former Doctor"): nearly
    every word capitalised, so capitals there do not mark names."""
    words = [w for w in _line_of(parse, i).split() if w[:1].isalpha()]
    capitalised = sum(w[:1].isupper() for w in words)
    return len(words) >= 4 and capitalised >= 0.8 * len(words)


def name_chunks(parse: Parse) -> list[NameChunk]:
    """Every written name in the document, in text order: :func:`written_names`, plus each
    later bare surname of a person named in full, whatever the tagger made of it
    ("But Keating said", with "Keating" tagged a verb; "Baker, however, disagreed", a surname that
    is also a role noun)."""
    chunks = _headline_names_known_below(parse, written_names(parse))
    surnames = {parse.toks[ch.name_toks[-1]].lower for ch in chunks if len(ch.name_toks) > 1 and not ch.key[-1].endswith(".")}
    # and the short form of a company ("Boeing" for "Boeing Co"), whatever the tagger made of it
    endings = wordlist("company_endings.txt")
    surnames |= {parse.toks[ch.name_toks[0]].lower for ch in chunks if len(ch.name_toks) == 2 and ch.key[-1] in endings}
    taken = {i for ch in chunks for i in range(ch.first, ch.last + 1)}
    extra = [
        NameChunk(t.i, t.i, (t.i,), None, t.text)
        for t in parse.toks
        if t.lower in surnames and t.i not in taken and t.is_capitalised and t.upos != "PUNCT" and not title_case_line(parse, t.i)
    ]
    return sorted(chunks + extra, key=lambda ch: ch.first) if extra else chunks


def _headline_names_known_below(parse: Parse, chunks: list[NameChunk]) -> list[NameChunk]:
    """In a title-case headline a name counts only if the article names it below as well
    ("Lindsey Graham Says" stays, "Clinton Hid Past Health Problems" goes)."""
    by_line: dict[int, bool] = {}  # line start -> title case? (many chunks share a line)
    in_headline = []
    for ch in chunks:
        start = parse.text.rfind("\n", 0, parse.toks[ch.first].start) + 1
        if start not in by_line:
            by_line[start] = title_case_line(parse, ch.first)
        in_headline.append(by_line[start])
    body_keys = {ch.key for ch, h in zip(chunks, in_headline) if not h}
    surnames = {ch.key[-1] for ch in chunks if ch.key in body_keys}
    # the same name below, or a one-word surname of one ("Clinton"); not a part of a longer
    # capitalised phrase ("Former White House Doctor Says": no one called "House Doctor")
    return [ch for ch, h in zip(chunks, in_headline) if not h or ch.key in body_keys or (len(ch.key) == 1 and ch.key[0] in surnames)]


def written_names(parse: Parse) -> list[NameChunk]:
    """Every written name in the document with the title or role words before it, in text order.

    A run of capitalised words (with joiners such as "of" between them) is split after its last
    title ("Russian President | Vladimir Putin"); lower-case role words before the run are its
    role too ("Former Scotland wing | Tom Reid")."""
    chunks: list[NameChunk] = []
    run: list[Tok] = []
    toks = parse.toks
    titles = _title_forms()
    lower_words = {t.text for t in toks if t.text.islower()}
    endings = wordlist("company_endings.txt")
    for t in (*toks, None):
        if not run and t is not None and _uncapitalised(t) and t.lower not in titles and t.text != ".":
            continue  # no run to end and no name word to start one (_name_word's quick no): most words
        name_word = None  # _name_word(parse, t), once asked
        if t is not None and run and run[-1].i == t.i - 1 and _same_sentence(parse, run[-1], t):
            name_word = _name_word(parse, t)
            if name_word or _mistagged_name_word(run, t) or _organisation_verb(run, t) or _month_surname(run, t):
                run.append(t)
                continue
            if t.lower in endings or run[-1].text == "-":  # "Veritas Pharma plc": a legal ending in lower case
                run.append(t)  # (or the word after a hyphen inside the name: "Wealth-X")
                continue
            nxt = toks[t.i + 1] if t.i + 1 < len(toks) else None
            if _hyphen_in_name(parse, run, t, nxt):
                run.append(t)  # "Claire Marr-Lewis", "Jean-Pierre": a hyphen the tokenizer split off
                continue
            if _and_inside_organisation(parse, run, t):
                run.append(t)  # "Food and Drug Administration", "Securities and Exchange Commission"
                continue
            if _possessive_inside_organisation(parse, run, t, nxt):
                run.append(t)  # "Alzheimer's Association", "King's College": the next word joins as a name word
                continue
            if t.lower == "of" and nxt is not None and _year_of_a_law(run, nxt):
                run.extend((t, nxt))  # "the Trade Act of 1974"
                continue
            if t.lower in _PARTICLES and nxt is not None and nxt.lower in _PARTICLES and _may_join(run, t):
                after = toks[nxt.i + 1] if nxt.i + 1 < len(toks) else None
                if after is not None and after.is_capitalised and after.upos == "PROPN" and _same_sentence(parse, nxt, after):
                    run.append(t)  # "Ursula von der Leyen", "Pieter van den Berg": two particles
                    continue
            if (
                (t.lower in NAME_JOINERS or _joins_organisation(run, t))
                and nxt is not None
                and nxt.is_capitalised
                and (nxt.upos in ("PROPN", "NOUN", "X") or _organisation_verb([*run, t], nxt))
                and _may_join(run, t)
                and not _people_around_a_person(parse, run, t, nxt)
            ):
                run.append(t)
                continue
        while run and (run[-1].lower in NAME_JOINERS or run[-1].lower in ("to", "our")):
            run.pop()
        if run and _modifies_role(parse, run[-1].i):
            run = []  # "Former Scotland [wing Tom Reid]", "White House [spokesman]": part of a role
        if run and run[-1].lower in PARTY_MEMBERS and len(run) > 1:
            run = []  # "the Georgia Democrat" describes someone; nobody is called that
        if run:
            chunk = _split(parse, run)
            if chunk and _common_noun_opening(parse, chunk, lower_words):
                chunk = None
            if chunk:
                chunks.append(chunk)
        run = [t] if t is not None and (name_word if name_word is not None else _name_word(parse, t)) else []
    return _without_nested(chunks)


def _possessive_inside_organisation(parse: Parse, run: list[Tok], t: Tok, nxt: Tok | None) -> bool:
    """ "Alzheimer's Association", "Children's Hospital", "McDonald's Corp": a possessive between a
    capitalised word and an organisation word is inside one name when the article never writes that
    word without it. Not "Obama's Office of Management" (Obama is named on his own too), not after a
    place ("Britain's Parliament"), not before a name of its own ("Germany's Deutsche Bank": the
    word after the possessive is no organisation word)."""
    if t.lower not in ("'s", "\u2019s") or nxt is None or nxt.sent != t.sent or not nxt.is_capitalised:
        return False
    owner = run[-1]
    if nxt.lower not in wordlist("org_words.txt") or not owner.is_capitalised or is_place([w.text for w in run]):
        return False
    toks = parse.toks
    return not any(w.text == owner.text and (w.i + 1 == len(toks) or toks[w.i + 1].lower not in ("'s", "\u2019s")) for w in toks)


def _and_inside_organisation(parse: Parse, run: list[Tok], t: Tok) -> bool:
    """ "and" between capitalised words that end in an organisation word ("Food and Drug
    Administration"): one name, not two ("Clinton and Trump" stay two)."""
    if t.lower not in ("and", "&") or any(w.lower in given_names() or w.lower in wordlist("org_words.txt") or acronym(w) for w in run):
        return False  # not "FBI and Justice Department", "House and Senate": two organisations
    after = []
    for w in parse.toks[t.i + 1 : t.i + 5]:
        if not w.is_capitalised or w.sent != t.sent or w.upos in _NEVER_NAMES:
            break
        after.append(w)
    # not "the Bill, Hillary and [Chelsea] Clinton Foundation": people's names before an organisation word
    return bool(after) and after[-1].lower in wordlist("org_words.txt") and after[0].lower not in given_names()


def _hyphen_in_name(parse: Parse, run: list[Tok], t: Tok, nxt: Tok | None) -> bool:
    """A hyphen inside a word between two capitalised parts ("Marr-Lewis", "Coca-Cola"), but not
    before a people's plural ("African-Americans" name a group, not someone)."""
    if not inner_hyphen(parse, t.i) or nxt is None or not run[-1].is_capitalised:
        return False
    if not nxt.is_capitalised:
        return _korean_given_name(parse, run, nxt)
    return not (nxt.lower.endswith("s") and is_role_word(nxt))


def _korean_given_name(parse: Parse, run: list[Tok], nxt: Tok) -> bool:
    """ "Ban Ki-moon", "Moon Jae-in", "Kim Jong-un": a short lower-case syllable after the hyphen of a
    two-word proper name (not "Donald Trump-era policies")."""
    after = parse.toks[nxt.i + 1] if nxt.i + 1 < len(parse.toks) else None
    names = len(run) >= 2 and all(w.upos == "PROPN" and w.is_capitalised for w in run[-2:])
    if not names or not nxt.text.isalpha() or len(nxt.text) > 5 or nxt.upos in ("VERB", "ADJ", "ADV", "AUX"):
        return False  # not "South Korean-born", "Chicago-based"
    return after is None or after.upos not in ("NOUN", "ADJ")


def _common_noun_opening(parse: Parse, ch: NameChunk, lower_words: set[str]) -> bool:
    """ "Drugmaker cuts outlook" (a headline), "Police said": one capitalised word where a sentence
    opens, which the article writes in lower case elsewhere ("the drugmaker said"), is a common
    noun, not a name, whatever the tagger says."""
    t = parse.toks[ch.name_toks[0]]
    return len(ch.name_toks) == 1 and ch.first == t.i and _uninformative_capital(parse, t) and t.lower in lower_words


def _without_nested(chunks: list[NameChunk]) -> list[NameChunk]:
    """Drop a chunk that a later one's role swallowed ("[CME] senior vice president Gerald Beyer"):
    chunks must not overlap."""
    out: list[NameChunk] = []
    for ch in chunks:
        while out and out[-1].last >= ch.first:
            out.pop()
        out.append(ch)
    return out


def _mistagged_name_word(run: list[Tok], t: Tok) -> bool:
    """A capitalised word after a proper noun that a weak tagger called a verb, adverb or modal
    ("Jon Husted", "Paul Keating", "Theresa May"), unless it is a cue ("Trump Says")."""
    if t.is_capitalised and t.upos == "VERB" and run[-1].upos == "PROPN" and t.lower in wordlist("org_words.txt"):
        return True  # "Rovers Trust said", "Associated Press": an organisation's last word, a cue or not
    return (
        t.is_capitalised
        and t.upos in ("VERB", "ADV", "ADJ", "NOUN", "AUX")
        and run[-1].upos == "PROPN"
        and t.lemma.lower() not in lexicon()
        and t.lower not in lexicon()
        and (t.upos == "AUX" or t.lower not in wordlist("not_names.txt"))  # a month is no modal
    )


def _same_sentence(parse: Parse, last: Tok, t: Tok) -> bool:
    return last.sent == t.sent or abbreviation_stop(parse, last.i) or _split_name(parse, last.i)


def _split_name(parse: Parse, last: int) -> bool:
    """A tokenizer that ends a sentence inside a name ("Gen. Norman | Ham is speaking"): the
    sentence ends in a capitalised word with no punctuation and the next begins on the same line."""
    t = parse.toks[last]
    if last + 1 >= len(parse.toks) or t.upos != "PROPN" or not t.is_capitalised or t.text.endswith("."):
        return False  # "U.K." ends its sentence with its own full stop
    nxt = parse.toks[last + 1]
    return nxt.sent != t.sent and nxt.is_capitalised and nxt.upos == "PROPN" and "\n" not in parse.text[t.end : nxt.start]


_MONTHS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"}
)


def _month_surname(run: list[Tok], t: Tok) -> bool:
    """ "Theresa May", "Brian May": a month name tagged as a proper noun right after a first name."""
    first = run[-1]
    return t.upos == "PROPN" and t.lower in _MONTHS and first.upos == "PROPN" and first.text[1:].islower() and first.lower not in _MONTHS


def _organisation_verb(run: list[Tok], t: Tok) -> bool:
    """ "Campaign to Save Our Parks": a capitalised verb after the "to" of an organisation's name."""
    return t.is_capitalised and t.upos == "VERB" and len(run) > 1 and run[-1].lower == "to" and _joins_organisation(run[:-1], run[-1])


def _modifies_role(parse: Parse, last: int) -> bool:
    nxt = parse.toks[last + 1] if last + 1 < len(parse.toks) else None
    if nxt is None or not nxt.text.islower() or nxt.sent != parse.toks[last].sent:
        return False
    after = parse.toks[last + 2] if last + 2 < len(parse.toks) else None
    return is_role_word(nxt) or (after is not None and after.is_capitalised and role_noun_read_as_verb(nxt, parse.toks[last]))


_LAWS = frozenset({"act", "law", "treaty", "accord", "convention"})


def _year_of_a_law(run: list[Tok], year: Tok) -> bool:
    return run[-1].lower in _LAWS and len(year.text) == 4 and year.text.isdigit()


def _joins_organisation(run: list[Tok], t: Tok) -> bool:
    """ "Committee to Protect Journalists", "Alliance to Reclaim Our Schools": "to" and a
    capitalised "Our" inside the name of an organisation."""
    if t.lower not in ("to", "our") or (t.lower == "our" and not t.is_capitalised):
        return False
    return any(w.lower in wordlist("org_words.txt") for w in run)


def _may_join(run: list[Tok], joiner: Tok) -> bool:
    """ "Bank of England", "Secretary of State", "Institute for Fiscal Studies", "Vincent van Gogh":
    "of" and "for" join only right after an organisation word or a title, never a person's name to
    where they work or come from ("Perrin Long of Lipper", "Sen. James Whitfield of Ohio")."""
    if joiner.lower not in ("of", "for"):
        return not is_title(run[-1]) or (is_honorific(run[-1]) and joiner.lower in _PARTICLES)  # "Ms von der Leyen"
    # a title, not a surname that is also a role noun ("Sen. Barbara Boxer of California")
    surname = len(run) > 1 and run[-2].lower in given_names()
    return run[-1].lower in wordlist("org_words.txt") or (is_title(run[-1]) and not surname)


def _people_around_a_person(parse: Parse, run: list[Tok], joiner: Tok, nxt: Tok) -> bool:
    """ "Supporters of Hillary Clinton", "Lawyers for Stone": a plural role noun before "of" or "for"
    and a person's name is a group around that person, neither part of the name nor the person's
    role. The name is a person's when it opens with a given name or ends in a word the article also
    writes alone, as a surname ("Clinton said"); before "for" only people who act for someone
    (``agent_nouns.txt``) count, so "Americans for Prosperity" stays one name."""
    last = run[-1]
    if joiner.lower not in ("of", "for") or not _plural_role(last):
        return False
    if joiner.lower == "for" and singular(last.lower) not in wordlist("agent_nouns.txt"):
        return False  # "Americans for Prosperity", "Citizens for Trump": named after their members
    toks = parse.toks
    end = nxt.i
    while end + 1 < len(toks) and toks[end + 1].sent == nxt.sent and toks[end + 1].is_capitalised and toks[end + 1].upos == "PROPN":
        end += 1
    if end > nxt.i and (joiner.lower == "of" or nxt.lower in given_names()):
        return True  # "Supporters of Hillary Clinton", "Lawyers for Rebecca Stone"
    return any(i != end for i in _lone_capitalised_words(parse).get(toks[end].lower, ()))


def _plural_role(t: Tok) -> bool:
    """ "Supporters", "Lawyers", "Americans": a role noun in the plural, which titles nobody."""
    return is_role_word(t) and (t.xpos in ("NNS", "NNPS") or singular(t.lower) != t.lower)


def _lone_capitalised_words(parse: Parse) -> dict[str, list[int]]:
    """Where the document writes a capitalised word alone, as a surname is ("Stone, 52,")."""
    toks = parse.toks
    at: dict[str, list[int]] = {}
    for t in toks[1:-1]:
        if t.is_capitalised and t.upos == "PROPN" and not toks[t.i - 1].is_capitalised and not toks[t.i + 1].is_capitalised:
            at.setdefault(t.lower, []).append(t.i)
    return at


def _opens_with_particles(name: list[Tok]) -> bool:
    """ "von der Leyen", "de Blasio": particles, then the rest of a person's name."""
    k = 0
    while k < len(name) and name[k].lower in _PARTICLES:
        k += 1
    return 0 < k < len(name) and name[k].is_capitalised


def _title_end(parse: Parse, run: list[Tok]) -> int:
    """Index in ``run`` of its last title word, or -1. A capitalised role noun is a title when a
    name follows it and either it is a known title ("President Obama") or two name words follow
    ("Referee Mark Hale"); "Hunter Biden" and "Guy Ritchie" stay names."""
    titles = wordlist("roles.txt")
    if run[-1].lower in wordlist("org_words.txt"):
        return -1  # "Brazilian Coffee Institute" is an organisation's name, not a Brazilian
    for k in range(len(run) - 2, -1, -1):
        t = run[k]
        rest = [w for w in run[k + 1 :] if w.is_capitalised]
        if not rest or not is_title(t) or not any(w.upos == "PROPN" for w in rest):
            continue
        if run[k + 1].lower in ("of", "for") and _plural_role(t):
            continue  # "Americans for Tax Reform": an organisation named after its members, no title
        after = run[k + 1 :]
        head = after[: next((n for n, w in enumerate(after) if w.lower in ("of", "for")), len(after))]
        if any(w.lower in wordlist("org_words.txt") for w in head):
            continue  # "Writers Guild of America": an organisation named after its members (not "Director of Government Affairs")
        if t.lower in _title_forms() or t.lower in titles or len(rest) >= 2:
            return k
    return -1


def _proper(parse: Parse, t: Tok) -> bool:
    """Tagged a proper noun, or capitalised where a sentence does not start ("His wife, Sue, said")."""
    if t.upos == "PROPN" or acronym(t):
        return True
    return t.is_capitalised and t.i != parse.sentences[t.sent][0] and t.upos not in _NEVER_NAMES


def _an_office(parse: Parse, run: list[Tok], name: list[Tok]) -> bool:
    """ "the Business Secretary", "the Senate Majority Leader": a title after "the" ends an office,
    not a name ("the Associated Press", "the Department of Justice" hold an organisation's word)."""
    if run[0].i == 0 or parse.toks[run[0].i - 1].lower != "the" or name[-1].lower not in wordlist("roles.txt"):
        return False
    return name[0].lower not in given_names() and not any(t.lower in wordlist("org_words.txt") for t in name)


# Titles a person is addressed by, written out ("Captain", "Senator"): kept apart from an office before them.
_SPELT_TITLES = frozenset(ROLE_ABBREVIATIONS.values())


def _split(parse: Parse, run: list[Tok]) -> NameChunk | None:
    last_role = _title_end(parse, run)
    if 0 <= last_role < len(run) - 1 and abbreviation_stop(parse, run[last_role + 1].i):
        last_role += 1  # "Sen" "." split by the tokenizer: the stop belongs to the title
    name = run[last_role + 1 :]
    if name and name[0].lower in ("of", "for") and len(name) >= 4:
        last_role += 2  # "Secretary of State | John Kerry", "Vice Chair for Supervision | Michael Barr"
        name = run[last_role + 1 :]
    elif name and name[0].lower in ("of", "for") and last_role >= 0:
        return None  # "MP for South Holland", "Secretary of State": an office, no one's name
    while name and (is_honorific(name[0]) or (name[0].lower in NAME_JOINERS and not _opens_with_particles(name)) or name[0].is_punct):
        name = name[1:]
    if not name or not any(_proper(parse, t) for t in name) or all(t.lower in NAME_JOINERS for t in name):
        return None
    while len(name) > 2 and name[-1].text.isupper() and name[-1].lower in wordlist("postnominals.txt"):
        name = name[:-1]  # "Helen Cross KC", "Jane Smith MP": letters after the name
    if is_title(name[-1]) and name[-1].text.endswith("."):
        return None  # "Nevada Sen." is a role, not a name
    if all((is_role_word(t) or t.lower in PARTY_MEMBERS) and t.lower not in given_names() for t in name):
        return None  # "Analysts", "Officials", "Conservative MP" opening a sentence (not "Tom Baker": a first name)
    if _an_office(parse, run, name):
        return None
    role_toks = [t for t in run[: last_role + 1] if not is_honorific(t)]
    first, title = run[0].i, None
    before = prenominal_role(parse, first)
    if before is not None and role_toks and all(t.lower in ROLE_ABBREVIATIONS or t.lower in _SPELT_TITLES for t in role_toks):
        # "Republican vice-presidential nominee Gov. Mike Pence", "union president Captain Maria Delgado": two roles
        title = phrase_text(parse, role_toks[0].i, role_toks[-1].i)
        first, role_toks = before[0], list(parse.toks[before[0] : before[1] + 1])
    elif before is not None and (not role_toks or parse.toks[before[1]].upos != "PROPN"):
        first = before[0]
        role_toks = [*parse.toks[before[0] : before[1] + 1], *role_toks]
    elif role_toks:
        # "former Nevada Sen. Paul Laxalt": lower-case modifiers before a title
        j, s_first = first, parse.sentences[run[0].sent][0]
        while (
            j - 1 >= s_first
            and (parse.toks[j - 1].upos == "ADJ" or (parse.toks[j - 1].xpos in ("VBN", "VBG") and modifies_ahead(parse, j - 1)))
            and (parse.toks[j - 1].text.islower() or j - 1 == s_first)
            and first - j < 3
        ):
            j -= 1  # or "Retired" opening the sentence
        role_toks = [*parse.toks[j:first], *role_toks]
        first = j
    role = phrase_text(parse, role_toks[0].i, role_toks[-1].i) if role_toks else None
    return NameChunk(
        first=first,
        last=run[-1].i,
        name_toks=tuple(t.i for t in name),
        role=role,
        name=parse.text[name[0].start : name[-1].end],
        title=title,
    )


def kind_of(words: list[str], has_role: bool, ner: str | None = None) -> str:
    """person | organisation, from NER when the model has it, else from word lists."""
    if ner and ner in NER_KINDS:
        return NER_KINDS[ner]
    lower = [w.lower() for w in words]
    if len(lower) > 1 and (lower[-1] in _LAWS or (len(lower) > 2 and lower[-2] == "of" and lower[-3] in _LAWS)):
        return "document"  # "the Trade Act (of 1974)", "the Paris Accord"
    # "Harlow & Finch", "Procter & Gamble"; "Americans for Prosperity" (no person's name holds "for")
    if any(w in wordlist("org_words.txt") for w in lower) or "&" in lower or "for" in lower[1:-1]:
        return "organisation"
    if is_place(lower):
        return "organisation"
    if len(words) == 1 and words[0].isupper() and 2 <= len(words[0]) <= 5 and not has_role:
        return "organisation"  # an acronym: "CNN", "GOP", "IMF"
    if len(words) == 2 and words[0].isupper() and 2 <= len(words[0]) <= 5 and is_place(lower[1:]):
        return "organisation"  # an acronym and a place: "NHS England", "ITV Wales"
    return "person"


def singular(word: str) -> str:
    """A regular English plural's singular, by spelling ("unions" -> "union", "agencies" ->
    "agency"); other words unchanged.

    >>> singular("agencies"), singular("unions"), singular("press")
    ('agency', 'union', 'press')
    """
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@cache
def document_nouns() -> frozenset[str]:
    """Nouns for a written or spoken message: the hand-kept list and WordNet's."""
    return wordlist("document_nouns.txt") | wordlist("wordnet_document_nouns.txt")


def nominal_kind(head: Tok) -> str:
    """Kind of a common-noun speaker ("the report", "a spokesman", "the campaign", "the family")."""
    # the lemma, and a plural's singular for a lemmatizer that kept the plural ("unions")
    forms = {head.lemma.lower(), head.lower, singular(head.lower)}
    if forms & document_nouns():
        return "document"
    if forms & wordlist("org_words.txt"):
        return "organisation"
    if is_role_word(head):
        return "person"
    if forms & wordlist("group_nouns.txt"):
        return "group"  # "Mr Grant's family said"
    return "unknown"
