"""The sieves that start from a cue: ``according_to``, a cue verb and its clause
(``cue_verb_clause``), a reported clause before its cue (``reported_clause_before_cue``), the
sentence around a cue set between commas (``parenthetical_cue``), a noun cue and its clause
(``nominal_cue_clause``), a quoted fragment of the writer's sentence (``partial_quote_of_cue``), a
quotation inside a paraphrase (``quote_in_cue_clause``) and the learned stage
(``learned_cue_clause``). Their order is :data:`quotes.engine.sieves.SIEVES`.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

from quotes.engine import learned
from quotes.engine.candidates import (
    ADJUNCT_WORDS,
    FINITE_XPOS,
    Candidates,
    CueHit,
    clause_content,
    holds_a_verb,
    noun_phrase_after,
    object_content,
    participle_before_noun,
    phrase_host_content,
    phrase_source,
    prenominal_participle,
    sentence_end,
    tells,
    trim_range,
)
from quotes.engine.claims import Claims, Draft, _free_quotes, _gap_speaker, _hits, _quotes_inside, _span_of
from quotes.engine.cues import cue_for, lookup_lemma, nominal_lexicon
from quotes.engine.names import nominal_kind
from quotes.engine.parse import Parse
from quotes.engine.roles import wordlist
from quotes.engine.speakers import CITING_VERBS, dateline_end, mention_range, source_of


def according_to(parse: Parse, cands: Candidates, claims: Claims) -> list[Draft]:
    """``CONTENT, according to SOURCE`` (either order): the content is the
    rest of the sentence."""
    drafts = []
    for phrase in cands.source_phrases:
        if any(cands.in_quote(i) or i in claims.cues for i in phrase):
            continue
        np = phrase_source(parse, phrase[-1] + 1)
        if np is None:
            continue
        draft = Draft(content=(), cue=phrase, source=np, sieve="according_to", confidence=0.9, frame="speech")
        d = _host_draft(parse, cands, claims, phrase, np[1], draft)
        if d is not None:
            drafts.append(d)
    return drafts


def _host_draft(parse: Parse, cands: Candidates, claims: Claims, phrase: tuple[int, ...], end: int, draft: Draft) -> Draft | None:
    """``draft`` with its content: the sentence a source phrase is set into (tokens ``phrase[0]..end``
    left out, :func:`phrase_host_content`, after a dateline), unless something already claimed it."""
    frags = [_span_of(parse, r) for r in _after_dateline(parse, phrase_host_content(parse, phrase, end))]
    if not frags or any(claims.overlaps(s, e) for s, e in frags):
        return None
    quotes = tuple(q for s, e in frags for q in _quotes_inside(cands, claims, s, e))
    return replace(draft, content=tuple(frags), quotes=quotes)


def as_reported(parse: Parse, cands: Candidates, claims: Claims) -> list[Draft]:
    """``As Western Journalism reported, CONTENT`` / ``CONTENT, as reported by X`` / ``A, as X
    noted, B``: an "as" clause of a speech verb set off by commas names the source of the sentence
    around it, like "according to". By word order: "as", the source and a finite verb of speech
    ("as X reported"), or the verb and "by" and the source ("as reported by X"), then a comma or
    the sentence's end; the content is the rest of the sentence (:func:`phrase_host_content`)."""
    drafts = []
    for hit in cands.cues:
        phrase = _as_phrase(parse, hit)
        if phrase is None or any(cands.in_quote(k) or k in claims.cues for k in range(phrase[0], phrase[3] + 1)):
            continue
        start, src_start, src_end, end = phrase
        weight = 0.85 * hit.cue.weight
        draft = Draft(content=(), cue=hit.toks, source=(src_start, src_end), sieve="as_reported", confidence=weight, frame=hit.cue.frame)
        d = _host_draft(parse, cands, claims, tuple(range(start, hit.tok + 1)), end, draft)
        if d is not None:
            drafts.append(d)
    return drafts


def _as_phrase(parse: Parse, hit: CueHit) -> tuple[int, int, int, int] | None:
    """(the "as", the source's first and last token, the phrase's last token) of "as X reported" / "as reported by X" set off
    at the start of its sentence or after a comma, and closed by a comma or the sentence's end."""
    v = parse.toks[hit.tok]
    first, last = parse.sentences[v.sent]
    if hit.cue.frame != "speech" or "clause" not in hit.cue.takes:
        return None
    if hit.tok + 1 < last and parse.toks[hit.tok + 1].lower == "by" and hit.tok - 1 >= first and parse.toks[hit.tok - 1].lower == "as":
        start, src = hit.tok - 1, noun_phrase_after(parse, hit.tok + 2)  # "as reported by X"
        if src is None:
            return None
        close = src[1] + 1
    else:
        if v.xpos not in ("VBD", "VBZ", "VBP"):
            return None
        as_at = next((k for k in range(hit.tok - 1, max(first, hit.tok - 8) - 1, -1) if parse.toks[k].lower == "as"), None)
        if as_at is None or as_at + 1 >= hit.tok:
            return None
        start, src = as_at, (as_at + 1, hit.tok - 1)
        clause = any(parse.toks[k].upos in ("VERB", "AUX", "SCONJ", "PUNCT") for k in range(*src))
        if clause or parse.toks[src[1]].upos not in ("NOUN", "PROPN", "PRON"):
            return None  # "as the talks went on, officials said": not a source phrase
        close = hit.tok + 1
        while close < last and parse.toks[close].upos in ("ADP", "DET", "ADJ", "NOUN", "PROPN", "NUM") and close - hit.tok < 8:
            close += 1  # "as X reported in his book," / "as X noted Monday,"
    opens = start == first or parse.toks[start - 1].text == "," or (start == first + 1 and parse.toks[first].upos == "CCONJ")
    closes = close >= last or parse.toks[close].text == "," or (close == last - 1 and parse.toks[close].is_punct)
    return (start, src[0], src[1], close - 1) if opens and closes else None


def _after_dateline(parse: Parse, frags: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Content that opens a paragraph starts after its dateline ("PARIS - ...")."""
    if not frags:
        return frags
    a, b = frags[0]
    dash = dateline_end(parse, b)
    if dash is not None and a < dash < b:
        rng = trim_range(parse, dash + 1, b)
        return [rng, *frags[1:]] if rng else frags[1:]
    return frags


def _cue_draft(
    parse: Parse, cands: Candidates, claims: Claims, hit: CueHit, span: tuple[int, int], sieve: str, base: float, source=None
) -> Draft:
    """A one-fragment attribution of a cue verb, its source from the tree
    unless given, claiming the quotations the content holds."""
    start, end = span
    return Draft(
        content=(span,),
        cue=hit.toks,
        source=source if source is not None else source_of(parse, cands, hit.tok),
        sieve=sieve,
        confidence=base * hit.cue.weight,
        frame=hit.cue.frame,
        quotes=_quotes_inside(cands, claims, start, end + 1),
    )


def _through_following_quotes(parse: Parse, cands: Candidates, end: int, cue: int) -> int:
    """Grow a paraphrase over the quotations that finish it in the same
    sentence, which a weak parse leaves out: 'claiming that voting fraud is
    "a big, big problem" but "nobody has the guts to talk about it."'"""
    sentence_end_char = parse.toks[sentence_end(parse, cue)].end
    for q in cands.quotes:
        if q.start < end:
            continue
        gap = parse.text[end : q.start].strip()
        if q.start >= sentence_end_char or gap not in ("", ",", "but", "and", ", but", ", and", "or"):
            break
        end = q.end
    return end


def _agentless_passive(parse: Parse, verb: int) -> bool:
    """ "is expected to", "were believed to": a passive cue with no "by" agent before an infinitive."""
    if not parse.kids(verb, "aux:pass") or verb + 1 >= len(parse.toks) or parse.toks[verb + 1].lower != "to":
        return False
    return not any(c.lower == "by" for k in parse.kids(verb, "obl", "obl:agent") for c in parse.kids(k.i, "case"))


def _before_next_report(parse: Parse, verb: int, rng: tuple[int, int]) -> tuple[int, int] | None:
    """Cut a content before a second cue verb joined to its own by "and" or "but": "announced the
    arrest [and said a curfew would ...]", "told CNN that ... [, but he said ...]" report twice."""
    for k in parse.kids(verb, "conj"):
        if not rng[0] < k.i <= rng[1]:
            continue
        cue = cue_for(k)
        if cue is None or cue.frame != "speech":
            continue
        first = min(parse.subtree(k.i))
        # the second report starts at its "and" (or the comma before it), not earlier: a "that" or
        # a subject the parser hung on it means it is the content's own verb; with a subject of its
        # own it follows a comma ("..., but he said"; not "said professors or supervisors would ...")
        comma = parse.toks[first].text == ","
        opens = [t for t in parse.toks[first : first + 2] if t.head == k.i and t.deprel == "cc"]
        own_subject = bool(parse.kids(k.i, "nsubj"))
        if opens and (first == opens[0].i or comma) and (comma or not own_subject):
            return trim_range(parse, rng[0], first - 1)
    return rng


_SUBJECT_UPOS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "PRON", "NUM"})


def _before_second_speaker(parse: Parse, cands: Candidates, rng: tuple[int, int] | None) -> tuple[int, int] | None:
    """ "said the party does not care [and one in four said it was hostile]", "said hackers broke in
    [and she accused Trump of ...]": "and" or "but", a short subject and a finite verb of saying
    inside a content start a second report, whatever the parser hung it on; the content stops
    before it."""
    if rng is None:
        return None
    for k in range(rng[0] + 1, rng[1] - 1):
        if parse.toks[k].lower not in ("and", "but") or cands.in_quote(k):
            continue
        j = k + 1
        while j <= min(rng[1], k + 6) and (parse.toks[j].upos in _SUBJECT_UPOS or parse.toks[j].lower in ("of", "in")):
            j += 1
        subject = parse.toks[k + 1 : j]
        if not subject or j > rng[1] or subject[-1].upos not in ("NOUN", "PROPN", "PRON", "NUM"):
            continue
        if any(w.lower in ("that", "which") or len(subject) > 1 and w.upos == "PRON" and w.xpos != "PRP$" for w in subject):
            continue  # "the competence and hard work [she promised]": a relative clause, not a new subject
        t = parse.toks[j]
        cue = cue_for(t)
        if cue is not None and cue.frame == "speech" and t.xpos in ("VBD", "VBZ", "VBP") and not cands.in_quote(j):
            cut = k - 1 if parse.toks[k - 1].text != "," else k - 2
            return trim_range(parse, rng[0], cut)
    return rng


def _before_subjectless_report(parse: Parse, cands: Candidates, rng: tuple[int, int] | None) -> tuple[int, int] | None:
    """ "A letter urging the board to act [said the schools were failing]": a finite verb of saying
    with no subject of its own inside a content is the sentence's main verb, which a weak parse hung
    inside the content; the content stops before it, and the verb reports on its own."""
    if rng is None:
        return None
    for k in range(rng[0] + 1, rng[1] + 1):
        t = parse.toks[k]
        # finite, or a participle with a clause and no auxiliary (a tagger's "said" as VBN)
        finite = t.xpos in ("VBD", "VBZ") or (t.xpos == "VBN" and parse.kids(k, "ccomp") and not parse.kids(k, "aux", "aux:pass"))
        if not finite or cands.in_quote(k) or parse.kids(k, "nsubj", "nsubj:pass", "expl"):
            continue
        cue = cue_for(t)
        # right after the bare verb that ends an infinitive ("to act said"): not after a subject by
        # word order ("a number of writers suggested"), an adverb ("even assured") or "and"
        after_infinitive = parse.toks[k - 1].xpos == "VB" and parse.toks[k - 1].upos == "VERB"
        if cue is not None and cue.frame == "speech" and "clause" in cue.takes and after_infinitive:
            return trim_range(parse, rng[0], k - 1)
    return rng


def _quotes_as_saying(parse: Parse, verb: int) -> bool:
    """ "quoted / cited a senior official as saying ...": the citing verb is no report of its own."""
    if parse.toks[verb].lemma.lower() not in CITING_VERBS:
        return False
    last = sentence_end(parse, verb)
    for k in range(verb + 1, min(last, verb + 12)):
        if parse.toks[k].lower == "as":
            cue = cue_for(parse.toks[k + 1])
            return parse.toks[k + 1].xpos == "VBG" and cue is not None and cue.frame == "speech"
    return False


def cue_verb_clause(parse: Parse, cands: Candidates, claims: Claims) -> list[Draft]:
    """Indirect speech and attitudes: ``X said (that) ...``, ``X plans to ...``,
    ``the report shows that ...``, ``X announced his resignation``. A quotation
    inside the clause makes it mixed."""
    drafts = []
    for hit in cands.cues:
        v = parse.toks[hit.tok]
        if hit.tok in claims.cues or cands.in_quote(hit.tok) or claims.overlaps(v.start, v.end):
            continue
        if _reported_by_a_later_cue(parse, cands, hit.tok):
            continue  # "Demand is expected to slow, Keating said": the forecast is what Keating said
        if _closes_before_appositive(parse, cands, hit):
            continue  # "Prices rose, the agency said, the biggest rise in a decade": the comment is not what was said
        if _quotes_as_saying(parse, hit.tok):
            continue  # "media quoted Volkov as saying ...": "saying" reports, and Volkov speaks
        if hit.cue.frame == "belief" and _free_relative_subject(parse, hit.tok):
            continue  # "followed up with what appeared to be ...": a thing described, no one's belief
        if "object" not in hit.cue.takes and _speaker_follows(parse, hit.tok):
            continue  # "..., said Mark Lee, a political scientist": who spoke follows the cue, what was said precedes it
        rng = clause_content(parse, hit) or object_content(parse, hit)
        rng = rng and _before_subjectless_report(parse, cands, _before_next_report(parse, hit.tok, rng))
        rng = _before_second_speaker(parse, cands, rng)
        if rng is None or rng[1] - rng[0] < 1:
            continue
        start, end = _span_of(parse, rng)
        # A content that stops inside a quotation runs to its closing mark.
        end = max([end] + [cands.quotes[q].end for q in cands.quotes_starting_in(start, end) if end < cands.quotes[q].end])
        end = _through_following_quotes(parse, cands, end, hit.tok)
        if claims.overlaps(start, end):
            continue
        d = _cue_draft(parse, cands, claims, hit, (start, end), "cue_verb_clause", 0.85)
        claims.take(d)  # so a cue inside this content is not attributed again
        drafts.append(d)
    return drafts


def nominal_cue_clause(parse: Parse, cands: Candidates, claims: Claims) -> list[Draft]:
    """``Donald Trump's claim that ...``, ``her warning that ...``: a noun of saying or believing
    (``quotes/data/nominal_cues.tsv``) with an owner and, right after it, a "that" clause, which is
    the content (the clause that starts at the "that", wherever a parser hung it). Without an owner
    the sentence says nothing about who claimed it, so no attribution."""
    drafts = []
    for t in parse.toks:
        cue = nominal_lexicon().get(t.lemma.lower()) if t.upos == "NOUN" else None
        if cue is None or t.i + 1 >= len(parse.toks) or cands.in_quote(t.i) or claims.overlaps(t.start, t.end):
            continue
        that = parse.toks[t.i + 1]
        owners = [k.i for k in parse.kids(t.i, "nmod:poss") if not cands.in_quote(k.i)]
        if that.lower != "that" or that.deprel != "mark" or that.head < 0 or not owners:
            continue
        clause = parse.subtree(that.head)
        if min(clause) != that.i:
            continue  # the clause must start at the "that"
        rng = trim_range(parse, that.i + 1, max(clause))
        if rng is None:
            continue
        start, end = _span_of(parse, rng)
        if claims.overlaps(start, end):
            continue
        a, _ = mention_range(parse, cands, max(owners))
        owner = (min(a, min(owners)), max(owners))  # "the company", "Donald Trump", "her": not the noun it owns
        d = _cue_draft(parse, cands, claims, CueHit(t.i, cue), (start, end), "nominal_cue_clause", 0.75, owner)
        claims.take(d)
        drafts.append(d)
    return drafts


def _inverted_speaker(parse: Parse, verb: int, comma: int) -> tuple[int, int] | None:
    """ "Acme will expand, said chairman John Holloway.": a cue right after the comma with no subject
    of its own has its speaker after it, not the subject a weak parse lends it from the clause before
    (the cue made a conjunct of the reported verb, the name its object)."""
    lent = parse.kids(verb, "nsubj") and not _speaker_follows(parse, verb)  # else a subject lent from the clause before
    if comma != verb - 1 or lent or parse.toks[verb].xpos not in FINITE_XPOS or tells(parse, verb):
        return None  # "..., told CBS News.": whom a speaker told, not who spoke
    after = noun_phrase_after(parse, verb + 1)
    if after is None:
        return None
    if parse.toks[after[0]].upos not in ("DET", "PROPN", "NOUN", "ADJ", "PRON") and not prenominal_participle(parse, after[0], after[0]):
        return None  # ", said on Monday."
    return after if any(parse.toks[j].upos in ("PROPN", "NOUN", "PRON") for j in range(after[0], after[1] + 1)) else None


def reported_clause_before_cue(parse: Parse, cands: Candidates, claims: Claims) -> list[Draft]:
    """``The talks went well, Ushakov said.`` / ``..., said Ushakov.``: an
    unquoted clause, then a comma and a short cue clause ending the sentence."""
    drafts = []
    for hit in cands.cues:
        if hit.tok in claims.cues:
            continue
        comma = _closing_cue_comma(parse, cands, hit)
        if comma is None:
            continue
        first = parse.sentences[parse.toks[hit.tok].sent][0]
        dash = dateline_end(parse, comma)
        if dash is not None and dash < comma - 1:
            first = dash + 1  # "TOKYO, March 2 - Japanese banks are ..., sources said": the dateline is no content
        rng = trim_range(parse, first, comma - 1)
        if rng is None or not (_bare_cue_clause(parse, hit.tok) or holds_a_verb(parse, rng)):
            continue  # "In court documents, the counsel asked for ..., calling ...": a phrase; but "People like Scott, he said."
        start, end = _span_of(parse, rng)
        if claims.overlaps(start, end):
            continue
        # ", Sen. Lindsey Graham (R-S.C.) told ...": the speaker is what stands between the comma and
        # the cue, whatever subject a weak parse hangs on the cue from the clause before
        gap = _gap_speaker(parse, list(range(comma + 1, hit.tok)))
        source = gap or _inverted_speaker(parse, hit.tok, comma) or source_of(parse, cands, hit.tok)
        source = source or noun_phrase_after(parse, hit.tok + 1)
        drafts.append(_cue_draft(parse, cands, claims, hit, (start, end), "reported_clause_before_cue", 0.8, source))
    return drafts


def _bare_cue_clause(parse: Parse, cue: int) -> bool:
    """Nothing but punctuation after the cue in its sentence: "..., he said." """
    end = parse.sentences[parse.toks[cue].sent][1]
    return all(parse.toks[k].is_punct for k in range(cue + 1, end))


def parenthetical_cue(parse: Parse, cands: Candidates, claims: Claims) -> list[Draft]:
    """``The talks, Ushakov said, went well.`` / ``To stop it, he said, officials must act.``: a short
    finite cue of speech set between commas inside its sentence, with its subject beside it ("he
    said", "said Smith") and at most when, where or to whom (:func:`_cue_clause_rest`), reports the
    sentence around it in two fragments. The second is left out when it holds no finite verb
    ("..., he said, wiping his face"), when it is already claimed, or when it describes the
    speaker ("..., said Ann Lee, a professor who ..."). (PolNeAR train: right 61 times in 92.)"""
    drafts = []
    for hit in cands.cues:
        v = parse.toks[hit.tok]
        if hit.tok in claims.cues or cands.in_quote(hit.tok) or "clause" not in hit.cue.takes:
            continue
        if hit.cue.frame not in ("speech", "evidence") or v.xpos not in FINITE_XPOS:
            continue  # "X, I think, Y" hedges; "fearing ...", "known as ..." are no cue clauses
        if _closing_cue_comma(parse, cands, hit) is not None:
            continue  # "..., said Mark Lee, a political scientist.": a cue clause that closes the sentence
        first, end = parse.sentences[v.sent]
        before = next((j for j in range(hit.tok - 1, max(first, hit.tok - 6) - 1, -1) if parse.toks[j].text == ","), None)
        after = next((j for j in range(hit.tok + 1, min(end, hit.tok + 6)) if parse.toks[j].text == ","), None)
        if before is None or after is None or before - first < 2:
            continue
        subject = list(range(before + 1, hit.tok)) or list(range(hit.tok + 1, after))
        rest = [j for j in range(before + 1, after) if j != hit.tok and j not in subject]
        inverted = subject[0] > hit.tok if subject else False
        if not subject or not _cue_clause_rest(parse, hit.tok, rest):
            continue  # the cue clause is its subject and the cue, and maybe "also", "Monday" or "reporters"
        if any(parse.toks[j].upos in ("VERB", "AUX", "SCONJ", "PUNCT") or parse.toks[j].lower in _NOT_SUBJECTS for j in subject):
            continue  # ", which he said,", ", as he said,": another construction
        speaker = _gap_speaker(parse, subject)
        # "TOKYO, March 3 (Reuters) - Car makers are ..., sources said, as ...": not the dateline
        left = next(iter(_after_dateline(parse, [r for r in [trim_range(parse, first, before - 1)] if r])), None)
        right = trim_range(parse, after + 1, end - 1, frozenset({"and", "but"}))  # "..., he said, and costs fell"
        if speaker is None or left is None:
            continue
        spans = [_span_of(parse, left)]
        if claims.overlaps(*spans[0]):
            continue
        taken = [left]
        if right is not None and _continues_clause(parse, right, inverted) and not claims.overlaps(*_span_of(parse, right)):
            spans.append(_span_of(parse, right))
            taken.append(right)
        if not any(holds_a_verb(parse, r) for r in taken):
            continue  # what it reports must hold a clause: not "In court filings, the lawyer asked ..., calling ..."
        d = _cue_draft(parse, cands, claims, hit, spans[0], "parenthetical_cue", 0.8, speaker)
        if len(spans) == 2:
            more = tuple(q for q in _quotes_inside(cands, claims, spans[1][0], spans[1][1] + 1) if q not in d.quotes)
            d = replace(d, content=tuple(spans), quotes=d.quotes + more)
        claims.take(d)
        drafts.append(d)
    return drafts


_NOT_SUBJECTS = frozenset({"that", "which", "who", "as"})


def _cue_clause_rest(parse: Parse, cue: int, rest: list[int]) -> bool:
    """May ``rest`` stand in a parenthetical cue clause beside its subject and cue? Adverbs, times and
    where it was said ("he said Monday", "the agency said in a June report"), and after a cue of
    telling its addressee ("he told reporters")."""
    addressee = tells(parse, cue) and all(j > cue for j in rest)
    return all(
        parse.toks[j].upos in ("ADV", "ADP", "DET", "ADJ", "NUM")
        or parse.toks[j].lemma.lower() in wordlist("time_nouns.txt")
        or parse.toks[j].lower in ADJUNCT_WORDS
        or (parse.toks[j].upos == "NOUN" and nominal_kind(parse.toks[j]) == "document")
        or (addressee and parse.toks[j].upos in ("NOUN", "PROPN"))
        for j in rest
    )


def _continues_clause(parse: Parse, rng: tuple[int, int], inverted: bool) -> bool:
    """Is what follows a parenthetical cue the rest of the reported clause? It must hold a finite
    verb ("..., he said, officials must act"; not "..., he said, wiping his face"); after "said Ann
    Lee," a noun phrase describes her instead ("a professor who ...")."""
    a, b = rng
    if inverted and parse.toks[a].upos in ("DET", "ADJ", "NOUN", "PROPN", "NUM"):
        return False
    return any(parse.toks[k].xpos in FINITE_XPOS for k in range(a, b + 1))


def _closing_cue_comma(parse: Parse, cands: Candidates, hit: CueHit) -> int | None:
    """The comma before a short cue clause that ends its sentence (", Ushakov said.",
    ", said Ushakov.", ", banking sources said here."), or None."""
    v = parse.toks[hit.tok]
    if cands.in_quote(hit.tok) or "clause" not in hit.cue.takes:
        return None
    if v.xpos in ("VBG", "VBN") and not _said_read_as_participle(parse, hit.tok):
        return None  # "..., a community known to be ...", "..., adding to her run": no cue clause of its own
    first, last = parse.sentences[v.sent]
    comma = next((j for j in range(hit.tok - 1, max(first, hit.tok - 12) - 1, -1) if parse.toks[j].text == ","), None)
    last = _before_sentence_appositive(parse, hit.tok, last)
    tail = [parse.toks[j] for j in range(hit.tok + 1, last)]
    if comma is None or comma - first < 3:
        return None
    if comma == hit.tok - 1 and _speaker_follows(parse, hit.tok):
        # "..., said Ed Ross, who chairs the committee.": what follows the speaker's name describes him
        tail = tail[: next((k for k, t in enumerate(tail) if t.text == ","), len(tail))]
    # the cue's clause goes on, unless the verb is the participle opening the speaker's name ("said
    # retired Gen. Mark Hale")
    opens_name = v.xpos in FINITE_XPOS and prenominal_participle(parse, hit.tok + 1, hit.tok + 1)
    if any((t.upos in ("VERB", "SCONJ") or t.xpos in FINITE_XPOS) and not (opens_name and t.i == hit.tok + 1) for t in tail):
        return None  # (a finite "was": "..., boosters insisted it was a dip" says what follows)
    if any(
        parse.toks[j].upos in ("VERB", "SCONJ") and not participle_before_noun(parse, j) and not _participle_after_noun(parse, j, hit.tok)
        for j in range(comma + 1, hit.tok)
    ):
        return None
    modal = any(parse.toks[j].xpos == "MD" for j in range(comma + 1, hit.tok))
    if modal and any(t.upos in ("NOUN", "PROPN", "NUM", "SYM") for t in tail):
        return None  # "..., the plan would add $1 trillion": a clause of its own ("..., I would say" is a cue clause)
    if any(parse.toks[j].lower in ("that", "which", "who", "whom") for j in range(comma + 1, hit.tok)):
        return None  # ", another company that had declared bankruptcy": a relative clause
    if not any(parse.toks[j].upos in ("NOUN", "PROPN", "PRON") for j in (*range(comma + 1, hit.tok), *range(hit.tok + 1, last))):
        return None  # ", is not expected until 1989": nobody speaks
    if tail and tail[0].lower == "to" and not any(parse.toks[j].upos in ("NOUN", "PROPN", "PRON") for j in range(comma + 1, hit.tok)):
        return None  # ", now reported to be below four billion": a participle with its infinitive, no one speaking
    second = next((k for k, t in enumerate(tail) if t.text == ","), None)
    if second is not None and any(t.upos == "AUX" for t in tail[second:]):
        return None  # "But to prevent problems, he said, officials should be vigilant": the cue sits inside the sentence
    if _says_something_else(parse, hit, comma):
        return None
    return comma


def _subject_before(parse: Parse, cue: int) -> bool:
    """A noun or pronoun right before the cue: its subject stands there ("..., mediators said"), so
    the cue clause is not "..., denied the report" with what it reports after it."""
    return cue > 0 and parse.toks[cue - 1].upos in ("NOUN", "PROPN", "PRON")


def _participle_after_noun(parse: Parse, j: int, cue: int) -> bool:
    """ "a diplomat [involved] in the mediation told", "officials [briefed] on the talks said": a past
    participle and its prepositional phrase describing the noun before it, up to the cue."""
    t = parse.toks[j]
    if t.xpos != "VBN" or j == 0 or parse.toks[j - 1].upos not in ("NOUN", "PROPN") or parse.toks[j + 1].upos != "ADP":
        return False
    return all(parse.toks[k].upos in ("ADP", "DET", "ADJ", "NOUN", "PROPN", "NUM") for k in range(j + 1, cue))


def _closes_before_appositive(parse: Parse, cands: Candidates, hit: CueHit) -> bool:
    last = parse.sentences[parse.toks[hit.tok].sent][1]
    return _before_sentence_appositive(parse, hit.tok, last) < last and _closing_cue_comma(parse, cands, hit) is not None


def _before_sentence_appositive(parse: Parse, cue: int, last: int) -> int:
    """Where a cue clause ends before a noun phrase or a participle clause that comments on the whole
    sentence ("..., the department said on Friday, [the latest sign that ...]", "[a move that ...]",
    "..., mediators said, [raising hopes ...]")."""
    comma = next((j for j in range(cue + 1, last) if parse.toks[j].text == ","), None)
    if comma is None or comma + 1 >= last:
        return last
    if parse.toks[comma + 1].xpos == "VBG" and parse.toks[comma + 1].text.islower() and _subject_before(parse, cue):
        # "..., mediators said on Friday, [raising hopes ...]", "..., [speaking on condition of anonymity]";
        # not a gerund subject of a clause going on ("..., he said, [replacing Clinton] would be ...")
        for t in parse.toks[comma + 2 : last]:
            if t.upos == "SCONJ" or t.lower in ("that", "who", "which"):
                return comma
            if t.xpos in FINITE_XPOS:
                return last
        return comma
    if parse.toks[comma + 1].lower not in ("the", "a", "an"):
        return last
    np = noun_phrase_after(parse, comma + 1)
    if np is None or parse.toks[np[1]].upos != "NOUN":
        return last
    rest = parse.toks[np[1] + 1 : last]
    if not any(t.upos in ("VERB", "AUX") for t in rest):
        return comma  # "..., the biggest rise in a decade."
    # "the latest sign [that the market is ...]", "a debate [that is likely to ...]": one clause on the
    # noun, with one finite verb (not "the company [that made it] was sold": the sentence goes on)
    finite = sum(t.xpos in FINITE_XPOS for t in rest)
    return comma if rest[0].lower in ("that", "which") and finite == 1 else last


def _speaker_follows(parse: Parse, cue: int) -> bool:
    """A finite cue right after a comma, followed up to the next comma or the end of the sentence
    by a noun phrase with no verb: "..., said Mark Lee, a political scientist." / "..., says the
    company's chief executive." That phrase is who spoke, whatever the parser hung on the cue;
    "..., said the deal was off" goes on with a verb, "..., saying ..." is no finite cue."""
    v = parse.toks[cue]
    first, last = parse.sentences[v.sent]
    if v.xpos not in FINITE_XPOS or cue - 1 <= first or parse.toks[cue - 1].text != "," or tells(parse, cue):
        return False  # "..., urged Ann Lee, his aide, to ...": whom the cue addresses
    tail = []
    for t in parse.toks[cue + 1 : last]:
        if t.text == "," or t.is_punct and t.i == last - 1:
            break
        tail.append(t)
    if not tail or tail[0].upos not in ("PROPN", "NOUN", "DET", "ADJ", "NUM"):
        return False  # "..., says she ...", "..., said on CNN that ...": no speaker's name opens the rest
    if not any(t.upos in ("VERB", "AUX") for t in parse.toks[first : cue - 1]):
        return False  # "A spokesman for the firm, John Roe, said the results ...": the subject before, no clause
    if any(t.upos in ("VERB", "AUX", "SCONJ") or t.lower in ("that", "to") for t in tail):
        return False
    return any(t.upos in ("PROPN", "NOUN", "PRON") for t in tail)


def _said_read_as_participle(parse: Parse, cue: int) -> bool:
    """A participle that still closes a report: "..., other studies have found." (a perfect, no
    passive), "..., Smith said." with "said" tagged a participle (a subject right before it)."""
    if parse.toks[cue].xpos != "VBN" or parse.kids(cue, "aux:pass"):
        return False
    aux = parse.kids(cue, "aux")
    if aux:
        return all(a.lemma.lower() == "have" for a in aux)
    return cue > 0 and parse.toks[cue - 1].upos in ("PROPN", "NOUN", "PRON")


def _says_something_else(parse: Parse, hit: CueHit, comma: int) -> bool:
    """A cue with its subject before it and its own object after it reports that object, not the
    clause before the comma: "Campaigning in 2012, he barely mentioned climate change", "..., yet
    Trump brags about his prowess". Not an addressee ("..., he told reporters")."""
    v = hit.tok
    if not any(parse.toks[j].upos in ("NOUN", "PROPN", "PRON") for j in range(comma + 1, v)):
        return False  # "..., said Mr. Obama": what follows is the speaker
    if tells(parse, v):
        return False
    for k in parse.kids(v, "obj", "obl"):
        if k.i < v or k.upos not in ("NOUN", "PROPN", "PRON", "NUM") or k.lemma.lower() in wordlist("time_nouns.txt"):
            continue
        if k.rel == "obj" or any(c.lower == "about" for c in parse.kids(k.i, "case")):
            return True
    return False


def _free_relative_subject(parse: Parse, cue: int) -> bool:
    """The cue's only subject is "what" ("what appeared to be a reference to ...", "what is considered
    a loss"): it describes a thing, nobody holds the belief."""
    subjects = parse.kids(cue, "nsubj", "nsubj:pass")
    return bool(subjects) and all(s.lower in ("what", "whatever") for s in subjects)


def _reported_by_a_later_cue(parse: Parse, cands: Candidates, tok: int) -> bool:
    s_last = parse.sentences[parse.toks[tok].sent][1]
    return any(tok < h.tok <= s_last and (_closing_cue_comma(parse, cands, h) or -1) > tok for h in cands.cues)


def partial_quote_of_cue(parse: Parse, cands: Candidates, claims: Claims) -> list[Draft]:
    """A quoted fragment that is the object of a cue in the writer's own
    sentence: ``advocating for "peace and diplomacy"``."""
    hits = _hits(cands)
    drafts: list[Draft] = []
    for q, span, toks in _free_quotes(cands, claims):
        j, between = min(toks) - 1, list[int]()
        while j >= 0 and parse.toks[j].upos in ("ADP", "PART") and len(between) < 2 and not cands.in_quote(j):
            between.append(j)
            j -= 1
        hit = hits.get(j) if j >= 0 else None
        # Only through a preposition ("advocating for"): a bare object ("reported "2,521 incidents" in ...")
        # is the start of a longer paraphrase, left to the clause sieves.
        if hit is None or not between or j in claims.cues or cands.in_quote(j) or not ({"object", "quote"} & hit.cue.takes):
            continue
        drafts.append(
            Draft(
                content=((span.start, span.end),),
                cue=tuple(sorted((*hit.toks, *between))),
                source=source_of(parse, cands, hit.tok),
                sieve="partial_quote_of_cue",
                confidence=0.8 * hit.cue.weight,
                frame=hit.cue.frame,
                quotes=(q,),
                partial=True,
            )
        )
    return drafts


def quote_in_cue_clause(parse: Parse, cands: Candidates, claims: Claims) -> list[Draft]:
    """A quotation inside the writer's paraphrase after a cue, when the tree
    did not give the clause: ``she said she wanted to speak "directly to white
    people"``: the content runs from after the cue to the end of the sentence."""
    drafts = []
    for _, span, toks in _free_quotes(cands, claims):
        first, _ = parse.sentences[parse.toks[toks[0]].sent]
        hit = next(
            (
                h
                for h in reversed(cands.cues)
                if first <= h.tok < toks[0] and h.tok not in claims.cues and not cands.in_quote(h.tok) and h.cue.takes & {"clause", "quote"}
            ),
            None,
        )
        if hit is None:
            continue
        rng = trim_range(parse, _after_adjunct(parse, hit, toks[0]), sentence_end(parse, hit.tok), frozenset({"that"}))
        if rng is None:
            continue
        start, end = _span_of(parse, rng)
        if claims.overlaps(start, end) or not (start <= span.start and span.end <= end + 1):
            continue
        d = _cue_draft(parse, cands, claims, hit, (start, end), "quote_in_cue_clause", 0.7)
        claims.take(d)
        drafts.append(d)
    return drafts


# Documents that report findings: "In a new poll, ..." (not "In a letter, ...", "In his book, ...", which
# set a scene at least as often on PolNeAR train).
_FINDINGS = frozenset({"poll", "survey", "study", "analysis", "data", "figures", "census", "research", "report"})


def in_document(parse: Parse, cands: Candidates, claims: Claims) -> list[Draft]:
    """``In a CNN poll released Monday, 50 percent chose Clinton``: a sentence that opens with "In"
    and a document of findings ("poll", "survey", "report") set off by a comma reports what follows;
    the document is the source and "In" the cue. Read by word order (the selective parser leaves
    such a sentence untreed); not when a verb of saying in the rest reports it ("In a report, Lee
    said ...")."""
    drafts = []
    speech = {h.tok for h in cands.cues if h.cue.frame == "speech"}
    for first, end in parse.sentences:
        j = first + 1 if parse.toks[first].upos == "CCONJ" else first
        if j >= end - 2 or parse.toks[j].lower != "in":
            continue
        comma = next((k for k in range(j + 2, min(j + 15, end)) if parse.toks[k].text == ","), None)
        doc = next((k for k in range(j + 1, min(comma or j, j + 7)) if parse.toks[k].lemma.lower() in _FINDINGS), None)
        if comma is None or doc is None:
            continue
        rng = trim_range(parse, comma + 1, end - 1)
        if rng is None or rng[1] - rng[0] < 2 or any(k in speech for k in range(rng[0], rng[1] + 1)):
            continue
        start, stop = _span_of(parse, rng)
        if claims.overlaps(start, stop) or any(cands.in_quote(k) for k in range(j, comma)):
            continue
        d = Draft(
            content=((start, stop),),
            cue=(j,),
            source=(j + 1, doc),  # "a new poll" (released Monday): its head noun last
            sieve="in_document",
            confidence=0.7,
            frame="speech",
            quotes=_quotes_inside(cands, claims, start, stop + 1),
        )
        claims.take(d)
        drafts.append(d)
    return drafts


def _after_adjunct(parse: Parse, hit: CueHit, opening: int) -> int:
    """Where the content starts: right after the cue, or at a quoted sentence set off by a comma from
    the cue's own adjunct (said in a statement after the vote, "We ..."): the adjunct is no part of
    what was said. A "that" or a clause between them keeps it (said that, if elected, "I ...")."""
    start = hit.toks[-1] + 1
    between = parse.toks[start:opening]
    if between and between[0].upos == "ADP":
        # "said in a securities filing [that] it was "...": the setting is no part of what was said
        that = next((t.i for t in between if t.lower == "that"), None)
        # no verb or punctuation before it ("a filing" may read VBG)
        if that is not None and not any(t.upos in ("VERB", "AUX") and t.xpos != "VBG" or t.is_punct for t in parse.toks[start:that]):
            return that + 1
    if len(between) < 2 or between[-1].text != "," or between[0].upos != "ADP":
        return start
    if any(t.lower == "that" or t.upos == "SCONJ" for t in between):
        return start
    first_word = next((t for t in parse.toks[opening:] if not t.is_punct), None)
    return opening if first_word is not None and first_word.text[:1].isupper() else start


# Passive forms whose subject feels what follows ("voters were incensed that ..."): a WordNet class of
# one of the verb's commonest senses, unlike "was criticized" (communication), whose subject is the target.
_EXPERIENCER_CLASSES = frozenset({"emotion", "feeling"})


def _stage_source(parse: Parse, cands: Candidates, cue: int) -> tuple[int, int] | None:
    """The learned stage's cues reach past the lexicon's verbs: besides a verb's own subject
    (:func:`source_of`), a noun cue held by a verb has that verb's ("France unveiled a proposal for
    ...", "the agency has questions about ..."), and a passive of feeling has its subject ("they
    were incensed that ...")."""
    found = source_of(parse, cands, cue)
    if found is not None:
        return found
    v = parse.toks[cue]
    if v.upos == "NOUN" and v.rel in ("obj", "obl") and v.head >= 0 and parse.toks[v.head].upos == "VERB":
        return source_of(parse, cands, v.head)
    classes = learned.sense_classes().get((v.lemma.lower(), "v"), ())
    if v.upos in ("VERB", "ADJ") and classes and classes[0] != "communication" and _EXPERIENCER_CLASSES & set(classes):
        subj = [k for k in parse.kids(cue, "nsubj") if not cands.in_quote(k.i)]
        if subj:
            return mention_range(parse, cands, subj[0].i)
    return None


def learned_cue_clause(
    parse: Parse, cands: Candidates, claims: Claims, threshold: float | None = None, model: learned.Model | None = None
) -> list[Draft]:
    """The learned stage (``quotes/engine/learned.py``, model card ``quotes/data/learned_cues.md``): what
    the rules left, every word governing a clause, an infinitive or an object paired with the
    content that dependent spans, scored by a logistic model trained on PolNeAR train. Pairs at or
    above the threshold, best first, that touch nothing already claimed become attributions whose
    confidence is the model's probability calibrated on dev. The frame is the cue lexicon's, else ``speech``."""
    m = model or learned.model()
    if m is None:
        return []
    thr = m.threshold if threshold is None else threshold

    # Callbacks as partials of module functions, not nested defs: compiled, nested defs that call
    # each other make a reference cycle that keeps the parse alive until the garbage collector runs.
    wanted = partial(_stage_wants, parse, cands, claims, {})
    free_cue = partial(_free_cue, parse, claims)
    drafts = []
    for p, c in sorted(learned.scored(parse, cands, m, keep=wanted, cue_ok=free_cue), key=lambda pc: (-pc[0], pc[1].cue, pc[1].rng)):
        if p < thr:
            break
        if not _free_pair(parse, cands, claims, c):
            continue  # a pair taken by a better one of this stage
        v = parse.toks[c.cue]
        start, end = _span_of(parse, c.rng)
        lex = lookup_lemma(v.lemma) if v.upos in ("VERB", "AUX") else None
        d = Draft(
            content=((start, end),),
            cue=(c.cue,),
            source=_stage_source(parse, cands, c.cue),
            sieve="learned_cue_clause",
            confidence=m.confidence(p),
            frame=lex.frame if lex else "speech",
            quotes=_quotes_inside(cands, claims, start, end + 1),
        )
        claims.take(d)
        drafts.append(d)
    return drafts


def _free_cue(parse: Parse, claims: Claims, i: int) -> bool:
    return i not in claims.cues and not claims.overlaps(parse.toks[i].start, parse.toks[i].end)


def _free_pair(parse: Parse, cands: Candidates, claims: Claims, c: learned.Candidate) -> bool:
    """Untouched by every claim so far: claims only grow, so a pair failing now never passes.
    A quotation is the quote sieves' to attribute (a floating quote goes to its speaker)."""
    start, end = _span_of(parse, c.rng)
    return _free_cue(parse, claims, c.cue) and not claims.overlaps(start, end) and not _mostly_quoted(cands, start, end)


def _stage_wants(parse: Parse, cands: Candidates, claims: Claims, capitals: dict[int, bool], c: learned.Candidate) -> bool:
    """Free, and of a kind the stage proposes at all: the rest is not worth scoring. ``capitals``
    remembers per sentence whether it is set in capitals."""
    if not _free_pair(parse, cands, claims, c) or _beyond_the_stage(parse, c):
        return False
    sent = parse.toks[c.cue].sent
    if sent not in capitals:
        capitals[sent] = _in_capitals(parse, sent)
    return not capitals[sent]


def _beyond_the_stage(parse: Parse, c: learned.Candidate) -> bool:
    """Pairs the learned stage never proposes, whatever their score: a content after the cue that
    opens with a conjunction ("said [and Drug Administration approval ...]": a name or a clause the
    tree split) or a preposition (a topic: "would not comment [on the rumors]", "criticism [of the
    plan]" say who spoke about what, not what was said). Nor any pair in a line set in capitals
    (:func:`_in_capitals`)."""
    first = parse.toks[c.rng[0]]
    return first.i > c.cue and first.upos in ("CCONJ", "ADP")


def _in_capitals(parse: Parse, sent: int) -> bool:
    """Is sentence ``sent`` set in capitals (most of its words, a one-letter word aside)? There
    the word classes the learned stage's features rest on are the tagger's guesses."""
    a, b = parse.sentences[sent]
    words = [t.text for t in parse.toks[a:b] if any(ch.isalpha() for ch in t.text)]
    return sum(w.isupper() and len(w) > 1 for w in words) * 2 >= len(words)


def _mostly_quoted(cands: Candidates, start: int, end: int) -> bool:
    return cands.quoted_width(start, end) * 2 >= end - start
