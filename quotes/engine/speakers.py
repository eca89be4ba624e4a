"""Speakers: the source mention of a cue, as written.

``source_of`` reads the subject of a cue verb (inherited from the governing
verb for "..., advocating for X"; the ``by`` agent of a passive). Who that
mention refers to is :mod:`quotes.engine.entities`' work.
"""

from __future__ import annotations

from quotes.engine.candidates import (
    CLAUSE_RELS,
    RELATIVE_WORDS,
    SETTING_PREPS,
    Candidates,
    holds_a_verb,
    noun_phrase_after,
    reports_again,
)
from quotes.engine.cues import lexicon
from quotes.engine.names import PRONOUNS, QUANTIFIER_SUBJECTS, never_speaks, nominal_kind
from quotes.engine.parse import POSSESSIVE_MARKS, Parse, Tok, inner_hyphen, is_dash
from quotes.engine.roles import dateline_word, is_role_word, wordlist

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
            hyphen = k.xpos == "HYPH" or (k.text == "-" and k.start == parse.toks[k.i - 1].end)
            if (k.rel in _NOT_IN_MENTION and not hyphen) or k.deprel == "acl:relcl" or cands.in_quote(k.i):
                continue  # but "ex-wife" keeps its hyphen
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
    s_first = parse.sentences[parse.toks[head].sent][0]
    a = _with_possessor(parse, a, s_first)
    while (
        a > s_first
        and a == head
        and parse.toks[a].upos == "NOUN"
        and parse.toks[a - 1].xpos in ("VBG", "VBN")
        and parse.toks[a - 1].text.islower()
    ):
        a -= 1  # "banking sources", "unnamed officials": a participle the parser hung elsewhere
    while a - 2 >= s_first and inner_hyphen(parse, a - 1) and _number_or_lower(parse.toks[a - 2]):
        a -= 2  # "the 23-year-old", "Two-thirds" with the first part a subject of its own: the word is one
        if a - 1 >= s_first and parse.toks[a - 1].upos == "DET":
            a -= 1
    return _without_singular_article(parse, a, head), b


def _number_or_lower(t: Tok) -> bool:
    """A number or a lower-case word, not a name ("Anti-Trump forces" is not "Anti-Trump")."""
    return t.upos == "NUM" or t.text.islower()


def _without_singular_article(parse: Parse, a: int, head: int) -> int:
    """ "[a move] critics called an attempt": "a" and a singular noun the parser made a compound
    of a plural head belong to the phrase before it; the mention starts after them."""
    t = parse.toks[head]
    if parse.toks[a].lower not in ("a", "an") or t.xpos not in ("NNS", "NNPS") or a >= head:
        return a
    nouns = [k for k in range(a + 1, head) if parse.toks[k].xpos == "NN"]
    return nouns[-1] + 1 if nouns else a


def _with_possessor(parse: Parse, a: int, s_first: int) -> int:
    """ "Ivana Trump's brief", "Brazil's central bank President": a named possessor that a weak
    parser left out of the phrase (or made a subject of its own) is part of the mention as written."""
    mark = a if parse.toks[a].lower in POSSESSIVE_MARKS else a - 1
    if mark <= s_first or parse.toks[mark].lower not in POSSESSIVE_MARKS or parse.toks[mark - 1].upos not in ("PROPN", "NOUN"):
        return a
    k = mark - 1
    while k - 1 >= s_first and parse.toks[k - 1].upos in ("PROPN", "NOUN", "ADJ") and mark - k < 4:
        k -= 1
    if k - 1 >= s_first and parse.toks[k - 1].upos == "DET":
        return k - 1  # "the company's spokeswoman"
    return k if parse.toks[k].upos == "PROPN" else a  # a common-noun possessor needs its article


def _reduced_relative(parse: Parse, cands: Candidates, own: tuple[int, int]) -> tuple[int, int] | None:
    """ "A union representing flight attendants endorsed ...": a weak parser makes the
    participle's object the cue's subject (its phrase ``own``) and the noun before the participle
    the participle's subject; the speaker is that noun, with the participle phrase that describes it."""
    a, b = own
    v = parse.toks[a] if parse.toks[a].xpos in ("VBG", "VBN") else parse.toks[a - 1] if a > 0 else None
    if v is None or v.xpos not in ("VBG", "VBN") or cands.in_quote(v.i):
        return None
    noun = next((k for k in parse.kids(v.i, "nsubj", "nsubj:pass") if k.i < v.i and k.upos == "NOUN"), None)
    if noun is None or any(t.text == "," for t in parse.toks[noun.i : v.i]):
        return None
    return mention_range(parse, cands, noun.i)[0], b


def _stray_conjunct(parse: Parse, cands: Candidates, s: int, own: tuple[int, int]) -> tuple[int, int] | None:
    """ "a 2014 study by Harvard and the University of Texas found": a weak parser makes the last
    conjunct the subject (its phrase ``own``); the phrase it belongs to starts with the noun the
    first conjunct hangs on ("study"), and that noun heads the speaker mention."""
    cc = [k for k in parse.kids(s, "cc") if k.i < s]
    if not cc or cc[0].i == 0:
        return None
    j = cc[0].i - 1
    while parse.toks[j].rel in ("nmod", "compound", "flat", "amod") and parse.toks[j].head < j:
        if parse.toks[parse.toks[j].head].upos not in ("NOUN", "PROPN"):
            break
        j = parse.toks[j].head
    top = parse.toks[j]
    if j == cc[0].i - 1 or top.upos != "NOUN" or top.rel == "nsubj" or cands.in_quote(j):
        return None  # no noun above the first conjunct, or one with a clause of its own
    return mention_range(parse, cands, j)[0], own[1]


_ROLE_PREPOSITIONS = frozenset({"to", "for", "of"})


def _role_holder_before(parse: Parse, cands: Candidates, rng: tuple[int, int]) -> tuple[int, int]:
    """ "an aide to [Agriculture Secretary Richard Lyng] said": a parser that makes the name the
    subject leaves out the person who holds a role "to", "for" or "of" it; that person speaks."""
    a, b = rng
    first = parse.sentences[parse.toks[a].sent][0]
    prep = a - 1
    while prep >= first and parse.toks[prep].upos == "PROPN" and a - prep <= 3:
        prep -= 1  # the name's own title: "to [Agriculture Secretary] Richard Lyng"
    if prep - 1 < first or parse.toks[prep].lower not in _ROLE_PREPOSITIONS or parse.toks[prep].upos != "ADP":
        return rng
    role = prep - 1
    if not is_role_word(parse.toks[role]) or cands.in_quote(role):
        return rng
    k = role
    while k - 1 >= first and parse.toks[k - 1].upos in ("DET", "ADJ", "NOUN", "PROPN") and not cands.in_quote(k - 1):
        k -= 1
    return k, b


def _opening_adverb(parse: Parse, s: Tok) -> bool:
    """ "Meanwhile," / "However," opening the sentence (quotes/data/not_names.txt), whatever its tag."""
    s_first = parse.sentences[s.sent][0]
    return s.i == s_first and s.i + 1 < len(parse.toks) and parse.toks[s.i + 1].text == "," and s.lower in wordlist("not_names.txt")


def _name_right_before(parse: Parse, cands: Candidates, rng: tuple[int, int], verb: int) -> bool:
    """ "walk-ins were the third time AROS said it had ...": when the phrase a weak parser gave the cue
    as its subject is a clause of its own (it holds a verb), a name right before the cue, outside
    that phrase, is the cue's subject."""
    name = verb - 1
    if rng[1] >= name or parse.toks[name].upos != "PROPN" or cands.in_quote(name):
        return False
    return holds_a_verb(parse, rng)


def source_of(parse: Parse, cands: Candidates, verb: int, hops: int = 3) -> tuple[int, int] | None:
    """Speaker mention of a cue verb, or None (passive with no agent, expletive).

    A verb with no subject of its own ("..., advocating for X", "plans to")
    inherits its governor's, unless the governor lies inside a quotation
    (then the subject belongs to the quoted speech, not the cue). A dateline is
    never the speaker ("WASHINGTON (Reuters) — Senator Warren said", "PARIS - ...,
    saying"): what a weak parser found there gives way to the phrase after its dash.
    """
    rng = _cue_subject(parse, cands, verb, hops)
    dash = dateline_end(parse, verb) if rng is not None else None  # no look-up without a subject
    if rng is None or dash is None or rng[0] >= dash or parse.toks[rng[0]].sent != parse.toks[dash].sent:
        return rng
    if dash + 1 >= verb:
        return None
    if _name_right_before(parse, cands, (dash + 1, verb - 2), verb):
        # "NEW YORK — Stocks fell after Fed Chair Jerome Powell said ...": what follows the dash is a
        # clause of its own, and the name right before the cue speaks
        return mention_range(parse, cands, verb - 1)
    return noun_phrase_after(parse, dash + 1)


def _share_of_a_group(parse: Parse, t: Tok) -> bool:
    """ "one in four said", "two of the senators said": a number with the group it counts speaks."""
    return t.upos == "NUM" and any(c.lower in ("in", "of") for k in parse.kids(t.i, "nmod") for c in parse.kids(k.i, "case"))


# Verbs that pass someone's words on: "quoted / cited X as saying", "X was quoted as saying".
CITING_VERBS = frozenset({"quote", "cite"})


def _quoted_as_saying(parse: Parse, cands: Candidates, verb: int) -> tuple[int, int] | None:
    """ "Lopez was quoted as saying ...": the passive subject of "quoted" (or "cited") is the speaker;
    "state media quoted Andrei Volkov as saying ...": the phrase between "quoted" and "as" is."""
    v = parse.toks[verb]
    if v.xpos != "VBG" or v.head < 0:
        return None
    active = _quoted_object(parse, verb)
    if active is not None:
        return active  # by word order: a weak parser hangs "as saying" anywhere
    if not any(k.lower == "as" for k in parse.kids(verb, "mark")):
        return None
    h = v.head
    if parse.toks[h].lemma.lower() not in CITING_VERBS or not parse.kids(h, "aux:pass"):
        return None
    subj = [k for k in parse.kids(h, "nsubj:pass", "nsubj") if k.i < h and not cands.in_quote(k.i)]
    return mention_range(parse, cands, subj[-1].i) if subj else None


def _with_absolute(parse: Parse, cands: Candidates, verb: int) -> tuple[int, int] | None:
    """ "talks stalled, with Turkey's foreign minister accusing both sides of ...": in an absolute
    phrase the noun phrase between "with" and the participle is its subject, whatever the parser
    made of it (the main clause's subject is not)."""
    s_first = parse.sentences[parse.toks[verb].sent][0]
    k = verb - 1
    while k > s_first and verb - k < 8 and (parse.toks[k].upos in _NP_UPOS or parse.toks[k].lower in POSSESSIVE_MARKS):
        k -= 1
    if parse.toks[k].lower != "with" or k == verb - 1 or parse.toks[verb - 1].upos not in ("NOUN", "PROPN", "PRON"):
        return None
    return None if any(cands.in_quote(j) for j in range(k + 1, verb)) else (k + 1, verb - 1)



def _quoted_object(parse: Parse, verb: int) -> tuple[int, int] | None:
    """The noun phrase in "quoted / cited [NP] as saying", when it fills the gap exactly."""
    if verb < 3 or parse.toks[verb - 1].lower != "as":
        return None
    s_first = parse.sentences[parse.toks[verb].sent][0]
    q = next((k for k in range(verb - 3, max(s_first, verb - 12) - 1, -1) if parse.toks[k].lemma.lower() in CITING_VERBS), None)
    if q is None or parse.toks[q].upos != "VERB":
        return None
    rng = noun_phrase_after(parse, q + 1)
    return rng if rng is not None and rng[1] == verb - 2 else None


def _quantifier_before(parse: Parse, verb: int) -> bool:
    """A quantifier standing alone as the subject right before a finite cue that opens its sentence
    or clause ("Most said ...", "but many argued ...")."""
    j = verb - 1
    if j < 0 or parse.toks[verb].xpos not in ("VBD", "VBZ", "VBP") or parse.toks[j].lower not in QUANTIFIER_SUBJECTS:
        return False
    s_first = parse.sentences[parse.toks[verb].sent][0]
    return j == s_first or parse.toks[j - 1].upos in ("CCONJ", "PUNCT")


def _after_opening_phrase(parse: Parse, before: list[Tok], verb: int) -> list[Tok]:
    """ "In Puerto Bello, the town closest to the crater, resident Carlos Ruiz said": a weak parser
    makes a word of the opening phrase (or of its apposition) a subject too; the subject is the one
    after the last comma before the cue."""
    s_first = parse.sentences[parse.toks[verb].sent][0]
    # (or any opening phrase before a pronoun, which is no apposition: "Outside court, she said")
    pronoun = len(before) >= 2 and before[-1].upos == "PRON" and parse.toks[before[-1].i - 1].text == ","
    # (an opening "When ..." clause too, whatever the tagger made of "when")
    opening = parse.toks[s_first].upos in ("ADP", "SCONJ") or parse.toks[s_first].lower in _SUBORDINATORS
    if len(before) < 2 or not (opening or pronoun):
        return before
    last_comma = max((k for k in range(s_first, verb) if parse.toks[k].text == ","), default=None)
    if last_comma is None or before[0].i > last_comma:
        return before
    return [s for s in before if s.i > last_comma] or before


_SUBORDINATORS = frozenset({"after", "before", "since", "when", "while", "because", "until", "once", "although", "though"})


def _subordinate_subject(parse: Parse, verb: int) -> tuple[int, int] | None:
    """The noun phrase right before a finite cue that a subordinating word opens ("after a newspaper
    reported", "when the company announced"), whatever the parser hung it on."""
    first = parse.sentences[parse.toks[verb].sent][0]
    k = verb - 1
    while k >= first and verb - k <= 6 and parse.toks[k].upos in _NP_UPOS:
        k -= 1
    if k < first or k == verb - 1 or parse.toks[k].lower not in _SUBORDINATORS:
        return None
    words = parse.toks[k + 1 : verb]
    if not any(t.upos in ("NOUN", "PROPN", "PRON") for t in words) or any(t.lemma.lower() in wordlist("time_nouns.txt") for t in words):
        return None  # not "when Fiorina a month later said"
    if _document_described_before(parse, first, k):
        return None  # "The statement released after the meeting said": the statement said it
    return k + 1, verb - 1


def _document_described_before(parse: Parse, first: int, k: int) -> bool:
    """Tokens ``first..k-1`` are a document noun phrase and a past form ("The statement released",
    "A report published"): a participle describing the document, not a clause of its own."""
    j = k - 1
    if j <= first or parse.toks[j].xpos not in ("VBD", "VBN"):
        return False
    head = parse.toks[j - 1]
    return head.upos == "NOUN" and nominal_kind(head) == "document" and all(t.upos in _NP_UPOS for t in parse.toks[first : j - 1])


def _document_before_mark(parse: Parse, verb: int) -> tuple[int, int] | None:
    """ "The statement released after the meeting said ...", parsed as "[the meeting said] after the
    statement released": the whole opening phrase, a document described by a past form, speaks."""
    first = parse.sentences[parse.toks[verb].sent][0]
    mark = next((m.i for m in parse.kids(verb, "mark") if m.lower in _SUBORDINATORS), None)
    if mark is None or not all(t.upos in _NP_UPOS for t in parse.toks[mark + 1 : verb]):
        return None
    if not _document_described_before(parse, first, mark):
        return None
    return first, verb - 1


def _cue_subject(parse: Parse, cands: Candidates, verb: int, hops: int) -> tuple[int, int] | None:
    v = parse.toks[verb]
    quoted = _quoted_as_saying(parse, cands, verb)
    if quoted is not None:
        return quoted
    owner = _possessor_before(parse, cands, verb)
    if owner is not None:
        return owner  # "Trump's claim that ...": whoever the claim belongs to, whatever the tagger made of "claim"
    described = _document_before_mark(parse, verb)
    if described is not None:
        return described
    subj = parse.kids(verb, "nsubj")
    # "Trump has called for ...": a passive subject with no "be" or "get" before the verb is a
    # parser's slip, and the subject is active
    passive = bool(parse.kids(verb, "aux:pass")) or any(a.lemma.lower() in ("be", "get") for a in parse.kids(verb, "aux"))
    speaks = [s for s in subj if not never_speaks(s) or _share_of_a_group(parse, s)]
    active = [s for s in speaks if (s.deprel != "nsubj:pass" or not passive) and not cands.in_quote(s.i)]
    before = [s for s in active if s.i < verb]
    # "the stadium, which, Tompkins said, is full": a weak parser gives the cue two subjects;
    # the relative pronoun belongs to the clause around the cue.
    before = [s for s in before if PRONOUNS.get(s.lower) != "relative"] or before
    # "Meanwhile, both candidates have opposed": a sentence adverb the tagger took for a name, a
    # lone word before a comma at the start, is no subject when another one follows
    before = [s for s in before if not _opening_adverb(parse, s)] or before
    # "LEEDS Mr Jones said": a parser that makes the dateline a second subject
    before = [s for s in before if not dateline_word(parse, s.i)] or before
    before = _after_opening_phrase(parse, before, verb)
    if not active and v.xpos == "VBG":
        absolute = _with_absolute(parse, cands, verb)
        if absolute is not None:
            return absolute
        opening = _subject_after_opening_participle(parse, cands, verb)
        if opening is not None:
            return opening
    if not before and v.xpos == "VBG" and verb > 0 and parse.toks[verb - 1].text == ",":
        # "A judge rejected the request on Trump's divorce, saying the courts ...": the main clause's
        # subject, not the content's, nor a noun the parser hung the participle on
        main = _main_clause_subject(parse, cands, verb)
        if main is not None:
            return main
        active = []
    if active and not before and (verb + 1 in {s.i for s in active} or active[0].upos not in ("PROPN", "PRON")):
        # "Bamberg said the videos show ...": a weak parser makes the content's
        # subject the cue's; a speaker phrase before the cue wins over it.
        left = speaker_before(parse, cands, verb)
        if left is not None:
            return left
    if len(before) > 1:
        sub = _subordinate_subject(parse, verb)
        if sub is not None and sub[0] <= before[-1].i:
            # "The minister, who resigned after a newspaper reported": a parser that gives the cue
            # both nouns as subjects; the one a subordinating word opens reports
            return sub
    if active:
        s = before[0] if before else active[0]
        if len(before) > 1:
            # "Brazil's central bank President Francisco Gros said", "Ivana Trump's brief said": a weak
            # parser makes the possessor a subject too; the first subject after the last "'s" is the head
            marks = [k for k in range(s.i, verb) if parse.toks[k].lower in POSSESSIVE_MARKS]
            s = next((t for t in before if marks and t.i > marks[-1]), s)
            between = parse.toks[before[0].i + 1 : before[-1].i]
            if before[-1].i == verb - 1 and before[-1].upos == "PROPN" and not marks and any(t.upos == "AUX" for t in between):
                # "walk-ins were the third time AROS said": the name right before the cue, when what
                # comes before it is a clause of its own (not "an aide to Secretary Lyng said")
                s = before[-1]
        if s.lower in EXPLETIVES and any(k.rel in ("ccomp", "csubj") for k in parse.kids(verb)) and not _speech_verb(v):
            return None  # "it seems that ...", but "it said that ..." is the company speaking
        own = _joined_subjects(parse, cands, [s, *(t for t in before if t.i > s.i)])
        rng = _stray_conjunct(parse, cands, s.i, own) or _reduced_relative(parse, cands, own) or own
        rng = _role_holder_before(parse, cands, rng)
        if _name_right_before(parse, cands, rng, verb):
            return mention_range(parse, cands, verb - 1)
        return rng
    if (
        not active
        and v.rel == "acl"
        and v.xpos == "VBG"
        and parse.toks[v.head].upos in ("NOUN", "PROPN")
        and not parse.kids(verb, "mark", "case")
        and not parse.kids(v.head, "case")  # not "sent a letter to the board urging them"
        and parse.toks[verb - 1].lower not in ("by", "after", "before", "while", "when", "in", "for")
    ):
        # "a statement announcing the pick", "a letter urging restraint": the noun the participle
        # describes does the saying (not "their check by announcing ...", an adverbial the parser misplaced)
        return mention_range(parse, cands, v.head)
    if not active and not passive:
        if _quantifier_before(parse, verb):
            return verb - 1, verb - 1  # "Most said the vote was fair", "Most" an adverb to a weak parser
        if v.xpos in ("VBD", "VBZ", "VBP") or (v.xpos == "VBN" and not parse.kids(verb, "aux")):
            sub = _subordinate_subject(parse, verb)
            if sub is not None:
                return sub  # "resigned after [a newspaper] reported that ...": not the main clause's subject
    if passive:
        for obl in parse.kids(verb, "obl", "obl:agent"):
            if any(c.lower == "by" for c in parse.kids(obl.i, "case")):
                return mention_range(parse, cands, obl.i)
        return None
    if hops and v.rel in CLAUSE_RELS and v.head >= 0 and not cands.in_quote(v.head):
        # "said exports rose and predicted ...": the speaker's next act, not the reported clause's
        outer = reports_again(parse, verb)
        inherited = source_of(parse, cands, v.head if outer is None else outer, hops - 1)
        if inherited is not None and inherited[0] == inherited[1] and PRONOUNS.get(parse.toks[inherited[0]].lower) == "relative":
            # "Mulgrew, president of the union, which represents teachers, said": not the union's "which"
            return _opening_name(parse, verb) or _verbless_root(parse, cands, verb) or inherited
        if inherited is not None and v.rel == "advcl" and inherited[0] > verb and v.xpos in ("VBD", "VBZ", "VBP"):
            # "When Fiorina a month later announced layoffs, some workers felt ...": a finite clause
            # before its main clause has its own subject before it, not the main clause's after it
            inherited = speaker_before(parse, cands, verb) or inherited
        if inherited is not None:
            return inherited
    continued = _continued_cue(parse, cands, verb)
    if continued is not None:
        return continued
    # No subject in the tree at all: the phrase right before the cue ("It's denouncing"), or a name
    # opening the sentence that the parser hung elsewhere ("Republican nominee Donald Trump, in
    # particular, has criticized ...", with "Trump" an obl)
    if v.xpos != "VBG" or parse.toks[verb - 1].upos == "AUX":
        return speaker_before(parse, cands, verb) or _opening_name_phrase(parse, cands, verb)
    prev = parse.toks[verb - 1]
    if prev.upos == "NOUN" and nominal_kind(prev) in ("document", "organisation") and not cands.in_quote(prev.i):
        return mention_range(parse, cands, prev.i)  # "In a statement announcing the pick, ...": the statement
    return None


_CONTINUING = frozenset({"go", "add", "continue", "note", "say", "tell", "insist", "argue", "warn", "explain"})


def _continued_cue(parse: Parse, cands: Candidates, verb: int) -> tuple[int, int] | None:
    """ "..., Sanders said, going on to say that ...", "..., he told CNN, adding that ...": a
    participle clause after a comma continues the sentence's earlier cue and shares its speaker."""
    s_first = parse.sentences[parse.toks[verb].sent][0]
    j = verb
    while j > s_first and parse.toks[j].xpos != "VBG" and verb - j < 4:
        j -= 1  # "going on to [say]"
    if parse.toks[j].xpos != "VBG" or parse.toks[j].lemma.lower() not in _CONTINUING or parse.toks[j - 1].text != ",":
        return None
    for k in range(j - 2, s_first - 1, -1):
        t = parse.toks[k]
        if t.upos == "VERB" and not cands.in_quote(k) and t.lemma.lower() in lexicon():
            subj = [s for s in parse.kids(k, "nsubj") if not cands.in_quote(s.i)]
            return mention_range(parse, cands, subj[0].i) if subj else None
    return None


def _ends_clause(parse: Parse, cands: Candidates, k: int) -> bool:
    """A comma outside quotations, or the one a quotation ends with (``... on," she``)."""
    nxt = parse.toks[k + 1] if k + 1 < len(parse.toks) else None
    return not cands.in_quote(k) or (nxt is not None and nxt.is_punct and nxt.text in ("\u201d", '"', "''"))


_OPENING_MARKS = frozenset({"after", "before", "while", "since", "upon", "when", "in", "by"})


def _subject_after_opening_participle(parse: Parse, cands: Candidates, verb: int) -> tuple[int, int] | None:
    """ "After saying her foot was "so swollen ...", she was rushed to hospital": a participle
    clause that opens the sentence has the main clause's subject, the first one after it outside
    quotations, however a weak parser joined the two."""
    s_first, s_end = parse.sentences[parse.toks[verb].sent]
    if verb - s_first != 1 or parse.toks[s_first].lower not in _OPENING_MARKS:
        return None
    comma = next((k for k in range(verb + 1, s_end) if parse.toks[k].text == "," and _ends_clause(parse, cands, k)), None)
    if comma is None:
        return None
    for t in parse.toks[comma + 1 : s_end]:
        if t.rel == "nsubj" and not cands.in_quote(t.i) and not never_speaks(t):
            return mention_range(parse, cands, t.i)
    return None


def _joined_subjects(parse: Parse, cands: Candidates, subjects: list[Tok]) -> tuple[int, int]:
    """The mention of the first subject, run on into a proper noun right after it that the parser
    made a second subject ("Pop star Mara | Vale has cancelled")."""
    own = mention_range(parse, cands, subjects[0].i)
    nxt = next((t for t in subjects if t.i > own[1]), None)
    last = parse.toks[own[1]]
    # a first name the parser cut off from its surname: not "whom | Trump", "The amount | Trump";
    # or an organisation's kind before its name ("Fan group | Rovers Trust")
    kind = last.upos == "NOUN" and nominal_kind(last) == "organisation"
    if nxt is None or not (kind or (last.upos == "PROPN" and last.is_capitalised and not last.text.endswith("."))):
        return own
    other = mention_range(parse, cands, nxt.i)
    first = parse.toks[other[0]]
    if other[0] == own[1] + 1 and first.upos == "PROPN" and first.is_capitalised and "\n" not in parse.text[last.end : first.start]:
        return own[0], other[1]
    return own


def _main_clause_subject(parse: Parse, cands: Candidates, verb: int) -> tuple[int, int] | None:
    j = parse.toks[verb].head
    for _ in range(4):
        if j < 0 or cands.in_quote(j):
            break
        t = parse.toks[j]
        if t.upos in ("VERB", "AUX"):
            subj = [s for s in parse.kids(j, "nsubj") if s.i < j and not cands.in_quote(s.i) and not never_speaks(s)]
            if subj and PRONOUNS.get(subj[0].lower) == "relative" and t.deprel == "acl:relcl" and t.head >= 0:
                # "said Eric Herzik, who chairs ..., citing": the relative's subject antecedent speaks;
                # "blocked a law that required ..., ruling": the law does not, the clause above it does
                ante = parse.toks[t.head]
                if ante.rel == "nsubj" and not cands.in_quote(ante.i):
                    return mention_range(parse, cands, ante.i)
            elif subj:
                return _joined_subjects(parse, cands, subj)
        j = t.head
    return _subject_by_word_order(parse, cands, verb)


_NP_UPOS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM"})


def _noun_phrase_word(t: Tok, first: int) -> bool:
    """A word an opening noun phrase may hold: a comma or dash between its parts, a preposition
    inside it ("The ministry of health")."""
    if t.upos == "PUNCT":
        return t.text in (",", "-")
    return t.upos in _NP_UPOS or (t.upos == "ADP" and t.i > first)


def _subject_by_word_order(parse: Parse, cands: Candidates, verb: int) -> tuple[int, int] | None:
    """ "Her deputy, Tom Reid, disagreed, saying ...": where the tree gives the participle no main
    clause, the sentence's opening noun phrase before its verb (a past tense the tagger may read as
    a participle: no auxiliary can stand among the noun phrase's words), right before the comma."""
    first = parse.sentences[parse.toks[verb].sent][0]
    # the clause's verb: the first verb of the sentence ("The ministry disputed the figures, saying")
    main = next((k for k in range(first + 1, verb - 1) if parse.toks[k].upos in ("VERB", "AUX")), None)
    if main is None or parse.toks[main].xpos not in ("VBD", "VBZ", "VBP", "VBN") or cands.in_quote(first):
        return None
    words = parse.toks[first:main]
    if not all(_noun_phrase_word(t, first) for t in words) or any(t.lower in RELATIVE_WORDS or t.lower in ("this", "it") for t in words):
        return None  # "Khan, who is ...", "That would ...": no opening noun phrase
    if parse.toks[main - 1].text == ",":
        main -= 1  # "Her deputy, Tom Reid[,]"
    # the last stretch between commas is the subject ("The day before, at a rally, [Mr. Trump] was"),
    # with the role before it when it is a name set beside one ("[Her deputy, Tom Reid]")
    commas = [k for k in range(first, main) if parse.toks[k].text == ","]
    start = commas[-1] + 1 if commas else first
    name = all(parse.toks[k].upos == "PROPN" for k in range(start, main))
    if name and len(commas) == 1 and is_role_word(parse.toks[commas[0] - 1]) and parse.toks[first].upos != "ADP":
        start = first
    segment = parse.toks[start:main]
    return (start, main - 1) if segment and any(t.upos in ("NOUN", "PROPN") for t in segment) else None


def _possessor_before(parse: Parse, cands: Candidates, cue: int) -> tuple[int, int] | None:
    """The owner in "Donald Trump's claim", "the company's statement", "Tulsa police's earlier
    claim": the noun phrase before the 's that stands right before the cue word (or before one
    adjective before it)."""
    mark = cue - 2 if cue >= 3 and parse.toks[cue - 1].upos == "ADJ" else cue - 1
    if mark < 1 or parse.toks[mark].lower not in POSSESSIVE_MARKS or cands.in_quote(mark - 1):
        return None
    if parse.toks[cue].lemma.lower() not in lexicon() and parse.toks[cue].lower not in lexicon():
        return None  # "Trump's divorce" owns no speech (a governor the subject search climbed to)
    j = mark - 1
    if parse.toks[j].upos not in ("PROPN", "NOUN"):
        return None
    first = parse.sentences[parse.toks[cue].sent][0]
    a = j
    while a - 1 >= first and parse.toks[a - 1].upos in ("PROPN", "DET", "ADJ") and not cands.in_quote(a - 1):
        a -= 1  # "the company's", "Donald Trump's"
    if parse.toks[a].upos == "DET" and parse.toks[a].lower not in ("the", "a", "an", "this", "that"):
        a += 1
    return a, j


def _verbless_root(parse: Parse, cands: Candidates, verb: int) -> tuple[int, int] | None:
    """ "The parents of a teenager who died ... have called for a ban": a tree whose root is the
    sentence's opening noun (no verb above the cue) hangs the cue in the relative clause; that noun
    is the subject."""
    s_first, s_end = parse.sentences[parse.toks[verb].sent]
    root = next((k for k in range(s_first, s_end) if parse.toks[k].head < 0), None)
    if root is None or parse.toks[root].upos not in ("NOUN", "PROPN") or root > verb:
        return None
    if any(parse.toks[k].upos in ("VERB", "AUX") for k in range(s_first, root)):
        return None
    return mention_range(parse, cands, root)


def _opening_name(parse: Parse, verb: int) -> tuple[int, int] | None:
    """The proper name that opens the cue's sentence and is closed by a comma ("Michael Mulgrew, ...")."""
    first = parse.sentences[parse.toks[verb].sent][0]
    j = first
    while j < verb and parse.toks[j].upos == "PROPN" and j - first < 5:
        j += 1
    return (first, j - 1) if j > first and parse.toks[j].text == "," else None


def _opening_name_phrase(parse: Parse, cands: Candidates, verb: int) -> tuple[int, int] | None:
    """A noun phrase ending in a name that opens the cue's sentence, closed by a comma or followed
    by the sentence's verb, when nothing in the tree is the subject: its mention."""
    first = parse.sentences[parse.toks[verb].sent][0]
    j = first
    while j < verb and parse.toks[j].upos in NP_UPOS and not cands.in_quote(j) and j - first < 8:
        j += 1
    if j == first or j >= verb or parse.toks[j - 1].upos != "PROPN":
        return None
    if parse.toks[j].text != "," and parse.toks[j].upos not in ("AUX", "VERB"):
        return None
    return mention_range(parse, cands, j - 1)


def dateline_end(parse: Parse, i: int) -> int | None:
    """The dash closing a dateline at the start of token ``i``'s paragraph
    ("LONDON (Reuters) -", "WASHINGTON —"), or None."""
    line_start = parse.text.rfind("\n", 0, parse.toks[i].start) + 1
    first = parse.tok_at(line_start + len(parse.text[line_start:]) - len(parse.text[line_start:].lstrip()))
    if first is None or not (parse.toks[first].text.isupper() and len(parse.toks[first].text) > 1):
        return None
    for j in range(first + 1, min(first + 12, i)):  # "FLINT, Mich., Oct. 4 (UPI) —"
        if is_dash(parse, j):
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
    if j > first and parse.toks[j].text == ")":
        # "Paul Ryan (R-Wis.) said": step over the party tag
        k = next((k for k in range(j - 1, max(first - 1, j - 9), -1) if parse.toks[k].text == "("), None)
        j = k - 1 if k is not None else j
    if j >= first and parse.toks[j].text == ",":
        k = j - 1
        while k >= first and parse.toks[k].text != "," and j - k < 25:
            k -= 1
        if k >= first and parse.toks[k].text == ",":
            j = k - 1
    end = j
    # (an age the tokenizer split at its hyphen, right before the cue, is one word: "the 23-year-old said")
    aged = parse.toks[verb].upos == "VERB" and end == verb - 1 and end - 2 >= first
    aged = aged and inner_hyphen(parse, end - 1) and parse.toks[end - 2].upos == "NUM"
    while j >= first and not cands.in_quote(j):
        np_word = parse.toks[j].upos in NP_UPOS or _capitalised_word(parse, j)
        if not (np_word or (aged and j == end - 1) or _possessed_gerund(parse, j, end)):
            break
        j -= 1
    nominal = (k for k in range(j + 1, end + 1) if parse.toks[k].upos in ("PROPN", "NOUN", "PRON") or _capitalised_word(parse, k))
    if end - j < 1 or next(nominal, None) is None:
        return None
    if j - 1 >= first and parse.toks[j].lower == "of" and is_role_word(parse.toks[j - 1]) and not cands.in_quote(j - 1):
        # "presidential contenders of both parties have said": the role noun the "of" phrase belongs to
        k = j - 1
        while k - 1 >= first and parse.toks[k - 1].upos in ("ADJ", "NOUN", "PROPN", "DET") and not cands.in_quote(k - 1):
            k -= 1
        return k, end
    described = j - 2 >= first and parse.toks[j].upos == "ADP" and parse.toks[j].lower != "by"  # not "a memo seen by Reuters"
    # (a past form too: "The statement released after the meeting said" has one finite verb, the cue)
    described = described and (parse.toks[j - 1].upos == "ADJ" or parse.toks[j - 1].xpos in ("VBN", "VBD"))
    if described and parse.toks[j - 2].upos in ("NOUN", "PRON") and not cands.in_quote(j - 2):
        # "People familiar with the matter said", "sources close to the talks", "officials briefed on the plan":
        # the people, not what they know about
        k = j - 2
        while k - 1 >= first and parse.toks[k - 1].upos in ("ADJ", "DET", "NUM", "NOUN") and not cands.in_quote(k - 1):
            k -= 1
        return k, end
    return j + 1, end


def _possessed_gerund(parse: Parse, j: int, end: int) -> bool:
    """ "Trump's running mate": a gerund between a possessive "'s" and its noun, and that "'s", are
    words of the noun phrase, though a tagger reads "Trump is running" (AUX, VBG)."""
    t = parse.toks[j]
    if t.lower in POSSESSIVE_MARKS:
        return j + 2 <= end and _possessed_gerund(parse, j + 1, end)
    return t.xpos == "VBG" and j < end and parse.toks[j - 1].lower in POSSESSIVE_MARKS and parse.toks[j + 1].upos == "NOUN"


def _capitalised_word(parse: Parse, j: int) -> bool:
    """A capitalised word that a weak tagger took for a verb ("But Keating said"); opening the
    sentence only when the lemmatizer did not know it either ("Keating said", not "Asked")."""
    t = parse.toks[j]
    if not (t.is_capitalised and t.upos in ("VERB", "X", "ADV")):
        return False
    return j != parse.sentences[t.sent][0] or (t.lemma == t.text and t.lower not in lexicon())


def _speech_verb(v: Tok) -> bool:
    cue = lexicon().get(v.lemma.lower())
    return cue is not None and cue.frame == "speech"
