"""Roles: what the article says a speaker is ("Kremlin aide", "chief economist at Norbank").

A role is a noun phrase headed by a *role noun*: a noun whose commonest sense is a kind of person
(``wordnet_person_nouns.txt``, generated from WordNet by ``scripts/build_lexicon.py``) or one of the
news words WordNet lacks (``roles.txt``: "midfielder", "MP", "spokesperson"). Role phrases are
read where news writes them, by word order first (the embedded parser is weak) and the tree second:

- before the name: ``Former Scotland wing Tom Reid`` -> "Former Scotland wing"
- apposition after the name: ``Anna Berg, chief economist at Norbank,`` -> "chief economist at Norbank"
- apposition before the name: ``The firm's spokeswoman, Ana Lopez,`` -> "firm's spokeswoman"
- copula and relative clause: ``Lee is the party's treasurer`` / ``Lee, who is the party's treasurer,``
"""

from __future__ import annotations

from functools import cache

from quotes.engine.cues import data_lines
from quotes.engine.parse import Parse, Tok, inner_hyphen, is_dash

# Abbreviated titles and the role noun they stand for ("Sen. Cruz" is "the senator").
ROLE_ABBREVIATIONS: dict[str, str] = {
    "sen.": "senator",
    "gov.": "governor",
    "rep.": "representative",
    "gen.": "general",
    "lt.": "lieutenant",
    "col.": "colonel",
    "pm": "prime minister",
    "prof.": "professor",
    "rev.": "reverend",
    "supt.": "superintendent",
    "insp.": "inspector",
    "sgt.": "sergeant",
    "capt.": "captain",
    "adm.": "admiral",
    "cllr.": "councillor",
    "brig.": "brigadier",
    "maj.": "major",
}
# The same without the full stop, which a tokenizer may split off ("Sen" ".").
ROLE_ABBREVIATIONS |= {k[:-1]: v for k, v in ROLE_ABBREVIATIONS.items() if k.endswith(".") and k[:-1] not in ("col", "gen")}
# Words that end a role phrase read by word order ("chief economist at Norbank[,] said").
_PHRASE_STOP_UPOS = frozenset({"VERB", "AUX", "PRON", "SCONJ", "INTJ", "SYM"})
_MAX_ROLE_WORDS = 14
_RELATIVES = frozenset({"whose", "who", "whom", "which"})
# Words dropped before a role: articles, possessive pronouns, quantifiers ("another mother" -> "mother").
_LEADING_DETS = frozenset(
    {"a", "an", "the", "his", "her", "their", "its", "another", "one", "some", "several", "many", "both", "most", "few"}
)
_POSSESSIVES = frozenset({"its", "his", "her", "their", "our"})  # "counsellor in its Washington embassy"


@cache
def wordlist(name: str) -> frozenset[str]:
    return frozenset(line.strip().lower() for line in data_lines(name))


@cache
def role_nouns() -> frozenset[str]:
    return wordlist("wordnet_person_nouns.txt") | wordlist("roles.txt")


def is_role_word(t: Tok) -> bool:
    """A role noun (or its plural: "analysts", "officials") or an abbreviated title ("Sen.")."""
    if t.upos in ("PRON", "DET", "ADP", "VERB", "AUX", "PUNCT", "CCONJ", "SCONJ", "NUM"):
        return False
    low = t.lower
    nouns = role_nouns()
    if low in nouns or low in ROLE_ABBREVIATIONS:
        return True
    if t.lemma.lower() in nouns and t.upos in ("NOUN", "PROPN"):
        return True
    if "-" in low.strip("-"):  # "chairman-elect", "co-founder", "editor-in-chief"
        return any(part in nouns for part in low.split("-") if len(part) > 2)
    if low.endswith(("sses", "ches", "shes", "xes")) and low[:-2] in nouns:
        return True  # "witnesses", "coaches", "bosses"
    return low.endswith("s") and low[:-1] in nouns and len(low) > 3


def role_matches(noun: str, role: str) -> bool:
    """Does a role such as "Texas Sen." or "Kremlin aide" name what ``noun`` ("senator", "aide")
    does? Its head noun must: "Secretary of State" is a secretary, not a state."""
    head = role_head(role)
    head = ROLE_ABBREVIATIONS.get(head, head).split()[-1]
    noun = noun.lower()
    return head in (noun, noun + "s") or noun == head + "s"


@cache
def word_table(name: str) -> dict[str, frozenset[str]]:
    """A ``word<TAB>word word ...`` data file as a mapping."""
    out: dict[str, frozenset[str]] = {}
    for line in data_lines(name):
        word, others = line.split("\t")
        out[word] = frozenset(others.split())
    return out


def synonyms() -> dict[str, frozenset[str]]:
    """Role noun -> the other words of its first WordNet sense ("judge" -> "justice", "jurist")."""
    return word_table("wordnet_person_synonyms.tsv")


def broader() -> dict[str, frozenset[str]]:
    """Role noun -> broader words above its first WordNet sense ("senator" -> "lawmaker", ...)."""
    return word_table("wordnet_person_hypernyms.tsv")


def role_matches_loosely(noun: str, role: str) -> bool:
    """:func:`role_matches` with the noun's WordNet synonyms ("judge" names "Supreme Court Justice")."""
    return any(role_matches(other, role) for other in synonyms().get(noun.lower(), ()))


def role_matches_broadly(noun: str, role: str) -> bool:
    """Is ``noun`` a broader word for the role's head ("the lawmaker" for "Republican Senator")?"""
    head = role_head(role)
    head = ROLE_ABBREVIATIONS.get(head, head).split()[-1]
    return noun.lower() in broader().get(head, ()) or noun.lower().rstrip("s") in broader().get(head, ())


def spelt_out(role: str) -> str:
    """A role with its abbreviated titles written in full: "Texas Sen." -> "Texas senator"."""
    return " ".join(ROLE_ABBREVIATIONS.get(w.lower(), w) if w.endswith(".") else w for w in role.split())


def role_head(role: str) -> str:
    """The head noun of a role phrase: the last word before a preposition or comma
    ("chief economist at Norbank" -> "economist")."""
    words = []
    for w in role.replace(",", " , ").split():
        if w.lower() in ("of", "at", "for", "from", "to", "in", "on", "with", ",", "(", "who"):
            break
        words.append(w)
    return (words or role.split() or [""])[-1].lower()


def phrase_text(parse: Parse, a: int, b: int) -> str | None:
    """The text of tokens ``a..b`` without a leading article or trailing punctuation."""
    while a <= b and (parse.toks[a].lower in _LEADING_DETS or parse.toks[a].is_punct or parse.toks[a].upos == "AUX"):
        a += 1
    while b >= a and parse.toks[b].is_punct and parse.toks[b].text != ")" and not abbreviation_stop(parse, b):
        b -= 1
    if a > b:
        return None
    return parse.text[parse.toks[a].start : parse.toks[b].end]


def abbreviation_stop(parse: Parse, i: int) -> bool:
    """The full stop of an abbreviated title the tokenizer split off ("Sen" ".")."""
    prev = parse.toks[i - 1] if i > 0 else None
    return parse.toks[i].text == "." and prev is not None and prev.end == parse.toks[i].start and prev.lower in ROLE_ABBREVIATIONS


def role_phrase_after(parse: Parse, i: int, limit: int) -> tuple[int, int] | None:
    """A role phrase starting at token ``i`` by word order, up to the next comma, bracket, verb or
    ``limit`` (exclusive): "chief economist at Norbank" in ``Anna Berg, chief economist at Norbank,``.
    Its head (the last role noun before a preposition) must be a role noun."""
    j, head_seen, in_pp = i, False, False
    while j < limit and j - i < _MAX_ROLE_WORDS:
        t = parse.toks[j]
        if t.text in (",", ";", ":", "(", ")", ".", "\u2014", "\u2013", "--", '"', "\u201c", "\u201d"):
            break
        # "running mate", "acting director", "a retired teacher", "an elected official"
        participle = t.xpos in ("VBG", "VBN") and j + 1 < limit and parse.toks[j + 1].upos == "NOUN" and modifies_ahead(parse, j)
        # "chair of Save Northbridge Fields": a capitalised verb after the preposition is part of a name
        named = in_pp and t.upos == "VERB" and t.is_capitalised
        noun = _role_noun_after_article(parse, j, i)
        # "Sophie Hale, [lead] equity analyst at ...": a bare form opening the phrase before a noun modifies it
        opener = j == i and bare_verb_form(t) and _noun_next(parse, j, limit)
        # "executive member for [housing] at ...", "head of [marketing]": a gerund right after the preposition
        gerund = in_pp and t.xpos == "VBG" and parse.toks[j - 1].upos == "ADP"
        kept = participle or named or noun or opener or gerund or t.lower in _POSSESSIVES
        if (t.upos in _PHRASE_STOP_UPOS and not kept) or t.lower in _RELATIVES:
            break  # (a relative clause describes, it is no role: "Robert Ellis, whose son, Mark, was killed")
        if t.upos == "ADP" or t.lower in ("of", "at", "for"):
            if not head_seen:
                return None  # "of the party, ...": no role noun before the preposition
            in_pp = True
        elif not in_pp and ((is_role_word(t) and t.upos in ("NOUN", "PROPN", "ADJ", "X")) or noun):
            head_seen = True
        elif t.upos == "CCONJ" and j == i:
            return None  # "her husband, Bill Clinton, [and daughter Chelsea]": a list goes on, no role
        elif t.upos == "CCONJ" and not in_pp:
            before, after = parse.toks[j - 1], parse.toks[j + 1] if j + 1 < limit else None
            if j > i and before.upos == "PROPN" and not is_role_word(before) and after is not None and after.text.islower():
                # "Tom Hardy and his wife": a name joined to others, not a role (but "a Democrat and former
                # state senator", "Customs and Border Protection commissioner")
                return None
            # "senator and former governor"
        j += 1
    if not head_seen or j == i:
        return None
    while j - 1 > i and (
        parse.toks[j - 1].upos in ("ADP", "CCONJ", "DET", "PART")
        or (parse.toks[j - 2].upos == "CCONJ" and parse.toks[j - 1].upos in ("ADV", "ADJ"))
    ):
        j -= 1  # "... physician to the president and later" (ADV, or ADJ to a weak tagger): another clause
    return i, j - 1


def self_description(parse: Parse, start: int, limit: int) -> str | None:
    """The role a speaker gives themself opening their own quotation: "As a Gold Star mother, my
    son ..." -> "Gold Star mother"; only with "I / my / we / our" in what follows (``start`` is
    the quotation's first word, ``limit`` the token after it ends)."""
    toks = parse.toks
    if start + 2 >= limit or toks[start].lower != "as" or toks[start + 1].lower not in ("a", "an"):
        return None
    rng = role_phrase_after(parse, start + 2, limit)
    if rng is None or rng[1] + 1 >= limit or toks[rng[1] + 1].text != ",":
        return None
    if not any(t.lower in ("i", "my", "me", "we", "our", "us") for t in toks[rng[1] + 2 : min(limit, rng[1] + 8)]):
        return None  # "As a country, the nation ..." is no self-description
    return phrase_text(parse, *rng)


def prenominal_role(parse: Parse, first: int) -> tuple[int, int] | None:
    """The role words right before a name starting at ``first``, walking left over modifiers:
    "Former Scotland wing [Tom Reid]", "Britain's finance minister [Rachel Reeves]".
    The word just before the name must be a role noun."""
    j = first - 1
    sent_first = parse.sentences[parse.toks[first].sent][0]
    if j < sent_first or parse.toks[j].is_punct:
        return None
    j = _compound_start(parse, j, sent_first)  # "chairman - elect" split by the tokenizer
    word = parse.text[parse.toks[j].start : parse.toks[first - 1].end]
    just_before = parse.toks[first - 1]
    ahead = parse.toks[first - 2] if first - 2 >= sent_first else None
    if not (is_role_word(just_before) or (j < first - 1 and is_role_text(word)) or role_noun_read_as_verb(just_before, ahead)):
        return None
    end = first - 1
    while j - 1 >= sent_first and end - j < 6:
        t = parse.toks[j - 1]
        if t.lower in ("'s", "\u2019s"):
            j -= 2 if j - 2 >= sent_first and parse.toks[j - 2].upos in ("PROPN", "NOUN") else 1
            continue
        participle = t.upos == "VERB" and t.xpos in ("VBN", "VBG") and (t.text.islower() or j - 1 == sent_first)
        participle = participle and modifies_ahead(parse, j - 1)
        # "retired teacher", but not "have sacked [manager Dan Ellery]": after an auxiliary it is the verb
        participle = participle and not (j - 2 >= sent_first and parse.toks[j - 2].upos == "AUX")
        participle = participle or (t.upos in ("VERB", "ADV") and t.is_capitalised and j - 1 != sent_first)  # "Unite general secretary"
        participle = participle or role_noun_opening_phrase(parse, j - 1)  # "[chief] executive Alan Frost", "chief" a verb
        participle = participle or _bare_verb_opening(parse, j - 1, sent_first)  # 'said [lead] author Maria Chen'
        if t.upos in ("ADJ", "NOUN", "PROPN") or participle or (t.text in ("-",) and j - 2 >= sent_first):
            if t.upos == "NOUN" and j - 1 == sent_first and t.lower in wordlist("time_nouns.txt"):
                break  # "Yesterday referee Mark Hale": a sentence-initial adverbial noun ("Union leader Bob Grant" is a role)
            j -= 1
            continue
        break
    while j < end and (parse.toks[j].lower in ("'s", "\u2019s") or parse.toks[j].is_punct):
        j += 1
    if dateline_word(parse, j):
        j += 1
    return (j, end) if j <= end else None


def _compound_start(parse: Parse, j: int, sent_first: int) -> int:
    """The first token of a hyphenated word the tokenizer split ("chairman", "-", "elect")."""
    while j - 1 >= sent_first and parse.toks[j - 1].end == parse.toks[j].start and "-" in (parse.toks[j].text, parse.toks[j - 1].text):
        j -= 1
    return j


def role_noun_read_as_verb(t: Tok, before: Tok | None = None) -> bool:
    """ "according to spokesperson Monica Klein" with "spokesperson" tagged a verb: right before a
    name, a lower-case role noun is the name's role whatever the tagger says; so is a present-tense
    one after a capitalised word ("Hawks coach Tim Reilly": no team coaches a person by name)."""
    # a bare form only: "Lang accused Weber" is a verb, whatever "the accused" means as a noun
    bare = t.xpos in ("VB", "NN") or (t.xpos == "VBP" and before is not None and before.is_capitalised and before.upos == "PROPN")
    return t.upos == "VERB" and bare and t.text.islower() and t.lower in role_nouns()


def _noun_next(parse: Parse, j: int, limit: int) -> bool:
    return j + 1 < limit and parse.toks[j + 1].upos in ("NOUN", "ADJ")


def _role_noun_after_article(parse: Parse, j: int, i: int) -> bool:
    """ "Adam Conover, a [comedian] and member of ..." with "comedian" tagged a verb: a lower-case role
    noun right after the phrase's opening article is a noun, whatever the tagger says (not a
    participle: "a retired teacher")."""
    t = parse.toks[j]
    if t.upos != "VERB" or j != i + 1 or parse.toks[i].lower not in ("a", "an", "the"):
        return False
    return t.text.islower() and not t.lower.endswith(("ed", "ing")) and t.lower in role_nouns()


def modifies_ahead(parse: Parse, j: int) -> bool:
    """An "-ing" word that modifies the noun after it ("acting chairman", "nursing home owner"), not a
    verb or preposition taking a name or role as its object ("criticizing President Obama", "including
    Sen. Jeff Merkley", "telling voters")."""
    t = parse.toks[j]
    if t.xpos != "VBG" or t.lower in wordlist("role_participles.txt") or j + 1 >= len(parse.toks):
        return True
    nxt = parse.toks[j + 1]
    if j > 0 and inner_hyphen(parse, j - 1):
        return True  # "Spanish-speaking son"
    if not nxt.is_capitalised and not is_role_word(nxt) and nxt.upos != "ADJ":
        return True  # "nursing home owner", "polling team": a noun compound (not "praising former governor")
    return t.head > j and t.deprel not in ("case", "mark")


def bare_verb_form(t: Tok) -> bool:
    """A lower-case bare or present form a weak tagger gives a word that may be a modifier ("lead
    author", "lead equity analyst")."""
    return t.upos == "VERB" and t.xpos in ("VB", "VBP") and t.text.islower()


def _bare_verb_opening(parse: Parse, j: int, sent_first: int) -> bool:
    """A lower-case bare form the tagger read as a verb, opening a speaker phrase after the cue or
    the sentence start ('said [lead] author Maria Chen'): a modifier, not a verb of its own."""
    return bare_verb_form(parse.toks[j]) and (j == sent_first or parse.toks[j - 1].upos in ("VERB", "PUNCT"))


def role_noun_opening_phrase(parse: Parse, j: int) -> bool:
    """ '"...," chief executive Alan Frost said' with "chief" tagged a verb (even a past tense): a
    lower-case role noun right before the rest of a noun phrase, where only a speaker can stand."""
    t = parse.toks[j]
    nxt = parse.toks[j + 1] if j + 1 < len(parse.toks) else None
    if t.upos != "VERB" or not t.text.islower() or t.lower.endswith("ed") or t.lower not in role_nouns():
        return False  # not "Fields accused [Trump campaign manager ...]": a past tense is the verb it looks like
    return nxt is not None and nxt.upos in ("ADJ", "NOUN", "PROPN")


def is_role_text(word: str) -> bool:
    """A hyphenated role written as one word: "chairman-elect", "co-founder"."""
    return any(part in role_nouns() for part in word.lower().split("-") if len(part) > 2)


def is_place(words) -> bool:
    """A country, state or city ("India", "New York"): an organisation when it speaks, a place for "the state"."""
    name = " ".join(w.lower() for w in words)
    return name in wordlist("places.txt") or name in wordlist("wordnet_places.txt")


def dateline_word(parse: Parse, i: int) -> bool:
    """An all-capital word opening a paragraph ("LEEDS Mr Jones said"): a dateline, not a name."""
    t = parse.toks[i]
    if not (t.text.isupper() and t.text.isalpha() and len(t.text) > 1):
        return False
    line_start = parse.text.rfind("\n", 0, t.start) + 1
    if parse.text[line_start : t.start].strip():
        return False
    nxt = parse.toks[i + 1] if i + 1 < len(parse.toks) else None
    if nxt is None or nxt.text == ":" or nxt.text.isupper():
        return False
    # A dateline is a place or is closed by a dash, bracket or comma ("LONDON, March 3 -");
    # "ICI today announced" opens with a company.
    line_end = parse.text.find("\n", t.end)
    head = parse.text[t.end : line_end if line_end >= 0 else len(parse.text)][:40]
    return is_place([t.text]) or any(mark in head[:25] for mark in (" -", "\u2014", "\u2013", "(", ","))


def wire_credit(parse: Parse, first: int, last: int) -> bool:
    """The agency a dateline credits ("MADRID (AP) \u2014", "BRUSSELS (Reuters) -"): a name in brackets
    before a dash near the start of its line, which the story is not about."""
    toks = parse.toks
    if first == 0 or last + 2 >= len(toks) or toks[first - 1].text != "(" or toks[last + 1].text != ")":
        return False
    line_start = parse.text.rfind("\n", 0, toks[first].start) + 1
    return is_dash(parse, last + 2) and toks[first].start - line_start < 60


def in_opening_adverbial(parse: Parse, first: int) -> bool:
    """Does the name at ``first`` end a phrase that opens its sentence ("In a post on [Facebook], the
    mayor wrote", "Speaking in the [Commons], he said")? What follows its comma is the sentence's
    subject, not an apposition to it."""
    s_first = parse.sentences[parse.toks[first].sent][0]
    toks = parse.toks
    if any(t.text == "," for t in toks[s_first:first]):
        return False
    if toks[s_first].xpos in ("VBG", "VBN"):  # a participle and its preposition: "Writing in the [Guardian],"
        before = toks[s_first + 1 : first]  # not "Joining him at the meetings was [Robert Stovall], ..."
        return any(t.upos == "ADP" for t in before) and not any(t.upos == "AUX" or t.xpos in ("VBD", "VBZ", "VBP") for t in before)
    return toks[s_first].upos in ("ADP", "SCONJ")


def appositive_roles(parse: Parse, first: int, last: int) -> list[str]:
    """Role phrases set beside a name spanning tokens ``first..last`` by commas, after it
    ("Anna Berg, chief economist at Norbank,") or before it ("The firm's spokeswoman, Ana Lopez,")."""
    out: list[str] = []
    toks = parse.toks
    s_first, s_end = parse.sentences[toks[first].sent]
    k = last + 1
    opening = in_opening_adverbial(parse, first)
    if k < s_end and toks[k].text == "(":  # "Sen. Lindsey Graham (R-S.C.), the ..."
        close = next((m for m in range(k, min(k + 8, s_end)) if toks[m].text == ")"), None)
        k = close + 1 if close is not None else k
    past = past_affiliation(parse, k, s_end)
    affiliated, k = past != k, past
    k = past_age(parse, k, s_end)  # "Tom Reid, 54, a former wing"
    if k + 1 < s_end and toks[k].text == ",":
        k += 1
        if toks[k].lower == "now" and k + 1 < s_end:
            k += 1  # "Ted Cruz, now a presidential contender": the role is what follows
        rng = role_phrase_after(parse, k, s_end)
        # "In a post on Facebook, the mayor wrote": after a name ending an opening phrase, only a
        # phrase closed by its own comma is an apposition ("With Bernie Sanders, the senator, ...")
        if rng is not None and opening and (rng[1] + 1 >= s_end or toks[rng[1] + 1].text != ","):
            rng = None
        # past an affiliation, a person's role, not the organisation's ("of Berenberg, Germany's largest private bank")
        if rng is not None and affiliated and not (is_role_word(toks[rng[1]]) and toks[rng[1]].lower not in wordlist("org_words.txt")):
            rng = None
        if rng is not None and _ends_in_a_name(parse, *rng):
            rng = None  # "The chairman of Northwind Airlines, Sir Geoffrey Hale,": another name, no role
        if rng is not None:
            text = phrase_text(parse, *rng)
            if text:
                out.append(text)
    closed = last + 1 >= s_end or toks[last + 1].text in (",", ")", ".", ";", "(", "\u2014", "\u2013")
    if first - 2 >= s_first and toks[first - 1].text == "," and closed:
        # "..., Graham said" is a clause before the speaker, not an apposition: the name must be closed
        out.extend(_role_before(parse, first, s_first))
    return out


def _ends_in_a_name(parse: Parse, a: int, b: int) -> bool:
    """A phrase read as a role that ends in a proper noun outside any prepositional phrase: a title
    and a name ("Sir Geoffrey Hale", "U.S. Attorney Mary Jones"), not a role ("a Democrat", "chief
    economist at Norbank")."""
    last = parse.toks[b]
    if last.upos != "PROPN" or not last.is_capitalised or is_role_word(last):
        return False
    return not any(t.upos == "ADP" or t.lower in ("of", "at", "for") for t in parse.toks[a:b])


def past_age(parse: Parse, k: int, s_end: int) -> int:
    """The second comma of an age set off after a name ("Tom Reid[,] 54[,]"), when ``k`` is the first;
    else ``k``."""
    toks = parse.toks
    if k + 2 < s_end and toks[k].text == "," and toks[k + 1].upos == "NUM" and toks[k + 2].text == ",":
        return k + 2
    return k


def past_affiliation(parse: Parse, k: int, s_end: int) -> int:
    """ "Dr. Anjali Rao [of the Indian Space Research Organisation], the study's lead author": where
    to read on for an apposition past a name's affiliation (the comma after it), or ``k``."""
    toks = parse.toks
    if k >= s_end or toks[k].lower not in ("of", "at", "from"):
        return k
    j = k + 1
    if j < s_end and toks[j].lower == "the":
        j += 1
    named = j
    while j < s_end and j - k < 10 and (toks[j].is_capitalised or toks[j].lower in ("of", "and", "&", "for")):
        j += 1
    return j if j > named and j < s_end and toks[j].text == "," and toks[j - 1].is_capitalised else k


# "X, who heads the agency," -> "head of the agency"
_HEADING_VERBS = {
    "heads": "head",
    "headed": "head",
    "leads": "leader",
    "led": "leader",
    "runs": "head",
    "ran": "head",
    "chairs": "chair",
    "chaired": "chair",
}


def _role_before(parse: Parse, first: int, s_first: int) -> list[str]:
    """The longest role phrase ending at the comma before a name: "an article by [China's
    commercial counsellor in its Washington embassy], Chen Shibiao," / "[The firm's spokeswoman], Ana Lopez,"."""
    toks = parse.toks
    a = first - 2
    stops = (",", ";", ":", "(", ")")
    while a - 1 >= s_first and toks[a - 1].text not in stops and not is_dash(parse, a - 1) and first - a < _MAX_ROLE_WORDS:
        a -= 1  # not over a dash: "PARIS - France's foreign minister, Jean Dubois," has a dateline first
    for start in range(a, first - 1):
        prev = toks[start - 1] if start > s_first else None
        if toks[start].upos in ("ADP", "SCONJ", "ADV", "CCONJ", "VERB", "AUX", "PUNCT"):
            continue
        if prev is not None and prev.upos in ("DET", "ADJ", "NOUN", "PROPN", "PART", "NUM"):
            continue  # not where a noun phrase starts
        rng = role_phrase_after(parse, start, first - 1)
        if rng is not None and rng[1] == first - 2:
            if _ends_in_a_name(parse, *rng):
                return []  # "Democrats Hillary Clinton, Bernie Sanders, and ...": a list of names
            text = phrase_text(parse, *rng)
            return [text] if text else []
    return []


def predicate_roles(parse: Parse, name_toks: tuple[int, ...]) -> list[str]:
    """Roles stated by a copula on a name: "Lee is the party's treasurer", "Lee, who is the
    party's treasurer,"; "Lee, who heads the agency," gives "head of the agency"."""
    out: list[str] = _relative_by_order(parse, name_toks[-1])
    if _unparsed(parse, parse.toks[name_toks[0]].sent):
        return out + _copula_by_order(parse, name_toks)
    for i in name_toks:
        t = parse.toks[i]
        pred = parse.toks[t.head] if t.rel == "nsubj" and t.head >= 0 else None
        if pred is not None and parse.kids(pred.i, "cop") and is_role_word(pred):
            out.extend(_role_of_noun(parse, pred.i))
        if parse.kids(i, "cop"):  # the other way round: "The party's treasurer is Lee", "If the candidate is Lee"
            for subj in parse.kids(i, "nsubj"):
                if is_role_word(subj) and any(d.lower in ("the", "'s", "\u2019s") for d in parse.kids(subj.i)):
                    out.extend(_role_of_noun(parse, subj.i))
        for rel in parse.kids(i, "acl:relcl"):
            rel_subj = parse.kids(rel.i, "nsubj")
            if not rel_subj or rel_subj[0].lower not in ("who", "that"):
                continue
            if parse.kids(rel.i, "cop") and is_role_word(rel):
                out.extend(_role_of_noun(parse, rel.i))
            elif rel.lemma.lower() in ("head", "lead", "run", "chair"):
                objs = parse.kids(rel.i, "obj")
                if objs:
                    sub = parse.subtree(objs[0].i)
                    noun = "chair" if rel.lemma.lower() == "chair" else "head"
                    out.append(f"{noun} of {parse.text[parse.toks[sub[0]].start : parse.toks[sub[-1]].end]}")
    return out


def _role_text_after(parse: Parse, i: int, limit: int) -> list[str]:
    """The text of :func:`role_phrase_after` as a one-role list, or no role."""
    rng = role_phrase_after(parse, i, limit)
    text = phrase_text(parse, *rng) if rng else None
    return [text] if text else []


def _unparsed(parse: Parse, sent: int) -> bool:
    """A sentence selective parsing left without a tree (no cue in it): every word a bare ``dep``."""
    a, b = parse.sentences[sent]
    return all(t.deprel == "dep" and t.head < 0 for t in parse.toks[a:b])


def _copula_by_order(parse: Parse, name_toks: tuple[int, ...]) -> list[str]:
    """The copula roles of :func:`predicate_roles` read by word order in a sentence with no tree:
    "Lee is the party's treasurer", "If the candidate is Lee"."""
    toks = parse.toks
    first, last = name_toks[0], name_toks[-1]
    s_first, s_end = parse.sentences[toks[first].sent]
    if last + 2 < s_end and toks[last + 1].lower in ("is", "was"):
        found = _role_text_after(parse, last + 2, s_end)
        if found:
            return found
    if first - 3 >= s_first and toks[first - 1].lower in ("is", "was") and toks[first - 3].lower == "the":
        role = toks[first - 2]
        if role.upos in ("NOUN", "PROPN") and is_role_word(role):
            return [role.text]
    return []


def _relative_by_order(parse: Parse, last: int) -> list[str]:
    """ "Lee, who is the party's treasurer," / "Lee, who heads the agency," read by word order."""
    toks = parse.toks
    s_end = parse.sentences[toks[last].sent][1]
    if not (last + 3 < s_end and toks[last + 1].text == "," and toks[last + 2].lower == "who"):
        return []
    verb = toks[last + 3]
    cop = next(
        (k for k in range(last + 3, min(last + 10, s_end - 1)) if toks[k].lower in ("is", "was")),
        None,
    )
    if cop is not None and not any(t.upos == "VERB" or t.is_punct for t in toks[last + 3 : cop]):
        # "Mariano, who [as a Navy captain] was the White House physician,"
        return _role_text_after(parse, cop + 1, s_end)
    if verb.lower in _HEADING_VERBS and last + 4 < s_end:
        end = last + 4
        while end < s_end and toks[end].text not in (",", ".", ";", ")") and toks[end].upos not in _PHRASE_STOP_UPOS:
            end += 1
        if end > last + 4:
            return [f"{_HEADING_VERBS[verb.lower]} of {parse.text[toks[last + 4].start : toks[end - 1].end]}"]
    return []


def _role_of_noun(parse: Parse, head: int) -> list[str]:
    keep = [head]
    for k in parse.kids(head):
        if k.rel in ("cop", "nsubj", "punct", "acl", "advcl", "conj", "cc", "parataxis", "ccomp") or k.deprel == "acl:relcl":
            continue
        keep.extend(parse.subtree(k.i))
    keep.sort()
    a, b = keep[0], keep[-1]
    while a < head and (a + 1) not in keep:
        a += 1
    text = phrase_text(parse, a, b)
    return [text] if text and len(text.split()) <= _MAX_ROLE_WORDS else []
