"""The sieves that start from a quotation or a label: a cue next to it (``quote_with_adjacent_cue``),
a transcript label (``transcript_turn``), a headline's label (``headline_label``), a colon or a
dash (``quote_with_punct_cue``), a title or a scare quote (``title_or_scare_quote``: skipped, not
speech), a quotation that continues the previous speaker (``floating_quote``) and one with no
source (``unattributed_quote``). Their order is :data:`quotes.engine.sieves.SIEVES`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import takewhile

from quotes.engine.candidates import (
    FINAL_PUNCT,
    Candidates,
    CueHit,
    noun_phrase_after,
    sentence_end,
    trim_range,
)
from quotes.engine.claims import GAP_UPOS, MAX_GAP, Claims, Draft, _free_cue, _free_quotes, _gap_speaker, _hits, _paragraph_break
from quotes.engine.names import given_names, is_honorific, nominal_kind
from quotes.engine.parse import Parse
from quotes.engine.roles import is_place, role_noun_opening_phrase, wordlist
from quotes.engine.speakers import source_of


def _one_phrase(parse: Parse, rng: tuple[int, int] | None) -> tuple[int, int] | None:
    """``rng`` when it is one plain noun phrase (no comma, no preposition): "IMF chief economist
    Paul Lee", not "the incident, she"."""
    if rng is None or any(parse.toks[k].upos in ("PUNCT", "ADP") for k in range(rng[0], rng[1] + 1)):
        return None
    return rng


def _cue_after(parse: Parse, cands: Candidates, claims: Claims, hits, last: int) -> tuple[CueHit, list[int]] | None:
    """``"...," [speaker] CUE``: the first free cue verb after the quote with
    only a speaker phrase between (no verb, no sentence end, no new quote)."""
    gap: list[int] = []
    depth = 0  # inside "(D-Wis.)" anything goes
    for j in range(last + 1, min(last + 1 + MAX_GAP, len(parse.toks))):
        t = parse.toks[j]
        if cands.in_quote(j) or _paragraph_break(parse, j - 1, j):
            return None
        depth += {"(": 1, ")": -1}.get(t.text, 0)
        hit = None if depth > 0 else _free_cue(cands, claims, hits, j, "quote")
        if hit:
            # "... “resolutely opposed” to the test and warned": a verb joined by "and" is the
            # sentence's own next predicate, not a cue with its speaker between
            if gap and parse.toks[gap[-1]].upos == "CCONJ":
                return None
            # 'called the plan "a mistake," adding that ...': a cue right after the quote that opens
            # a "that"-clause of its own reports that clause, not the quote
            own_clause = not gap and hit.tok + 1 < len(parse.toks) and parse.toks[hit.tok + 1].lower == "that"
            return None if own_clause else (hit, gap)
        # A participle may modify the speaker ("one of the states suing the EPA"); a noun a tagger
        # made a verb may sit inside the speaker's phrase ("White House press secretary", "IMF chief economist").
        nxt = parse.toks[j + 1] if j + 1 < len(parse.toks) else None
        in_phrase = bool(gap) and parse.toks[gap[-1]].upos in ("PROPN", "NOUN", "ADJ") and nxt is not None and nxt.upos in ("PROPN", "NOUN")
        verbal = t.upos == "VERB" and (t.xpos in ("VBG", "VBN") or in_phrase or role_noun_opening_phrase(parse, j))
        if depth <= 0 and (t.text in FINAL_PUNCT or (t.upos not in GAP_UPOS and not verbal) or t.lower in ("that", "who", "which")):
            return None
        gap.append(j)
    return None


def _cue_before(
    parse: Parse, cands: Candidates, claims: Claims, hits, first: int, quote_text: str, ends_clause: bool
) -> tuple[CueHit, list[int]] | None:
    """``[speaker] CUE [object]:|, "..."``: the nearest free cue verb before
    the quote, the stretch between ending in a colon or comma (or empty, when
    the quotation starts like a sentence)."""
    gap: list[int] = []
    for j in range(first - 1, max(first - 1 - MAX_GAP, -1), -1):
        t = parse.toks[j]
        if cands.in_quote(j) or _paragraph_break(parse, j, j + 1):
            return None
        hit = _free_cue(cands, claims, hits, j, "quote")
        if hit:
            between = parse.text[parse.toks[j].end : parse.toks[first].start].strip()
            starts_sentence = quote_text.lstrip("\"'“‘«`").strip()[:1].isupper()
            if between.endswith((":", ",")) or (not between and starts_sentence and ends_clause):
                return hit, gap
            return None
        if t.text in FINAL_PUNCT or t.upos not in GAP_UPOS or t.lower in ("that", "who", "which"):
            return None
        gap.append(j)
    return None


def _opens_clause(parse: Parse, i: int) -> bool:
    """Does the quotation starting at token ``i`` open its sentence (or follow
    a colon or a sentence-initial conjunction)?"""
    first = parse.sentences[parse.toks[i].sent][0]
    prev = [t for t in parse.toks[first:i] if not t.is_punct or t.text == ":"]
    return not prev or prev[-1].text == ":" or (len(prev) == 1 and prev[0].upos == "CCONJ") or _opens_sentence(parse, i)


def _writer_trail(parse: Parse, cands: Candidates, i: int) -> int:
    """Where the writer's words that finish a quotation's sentence end ('He said, "We teach
    nothing" against it in the meetings'): the sentence's end, or the next quotation or full stop."""
    last = sentence_end(parse, i)
    j = i
    while j + 1 <= last and not cands.in_quote(j + 1) and parse.toks[j + 1].text not in FINAL_PUNCT:
        j += 1
    rng = trim_range(parse, i, j)
    return parse.toks[rng[1]].end if rng else parse.toks[i - 1].end


def _writer_lead(parse: Parse, i: int, gap: list[int]) -> tuple[int, int]:
    """Characters of a mixed content: from the sentence start through the
    quotation and any words after it up to the comma before the speaker
    ("Mills "got an immunity agreement," said Jordan")."""
    first = parse.sentences[parse.toks[i].sent][0]
    # Not past a full stop or a paragraph break the parser left in the sentence.
    while first < i and (parse.toks[first].text in FINAL_PUNCT or "\n" in parse.text[parse.toks[first].end : parse.toks[i].start]):
        first += 1
    commas = [j for j in gap if parse.toks[j].text == ","]
    end_tok = (commas[-1] - 1) if commas else (gap[0] - 1 if gap else i)
    rng = trim_range(parse, first, max(end_tok, i)) or (i, i)
    return parse.toks[rng[0]].start, parse.toks[rng[1]].end




def _cue_in_lead(parse: Parse, hits, i: int) -> bool:
    """A speech verb of the writer's sentence before the quotation starting at token ``i``: the
    quotation is then a fragment of what that verb reports, not the words of a later cue."""
    first = parse.sentences[parse.toks[i].sent][0]
    return any(j in hits and parse.toks[j].upos == "VERB" and "clause" in hits[j].cue.takes for j in range(first, i))


def quote_with_adjacent_cue(parse: Parse, cands: Candidates, claims: Claims) -> list[Draft]:
    """Direct quotations next to their cue clause, before, after or around it:
    ``"...," Ushakov noted`` / ``said Ushakov`` / ``He said: "..."`` /
    ``"A," she said, "B."`` (one attribution, two fragments)."""
    hits = _hits(cands)
    found: dict[int, tuple[CueHit, list[int], tuple[int, int] | None]] = {}
    lead: dict[int, tuple[int, int]] = {}  # mixed: the writer's words around a mid-sentence quote
    trail: dict[int, int] = {}  # mixed: where the writer's words finishing a quote's sentence end
    for q, span, toks in _free_quotes(cands, claims):
        # "...we will win." Smith said: a full stop inside the marks ends the
        # sentence, so a cue after it belongs to what follows.
        after = None if span.text.rstrip("\"'”’»` ").endswith(".") else _cue_after(parse, cands, claims, hits, max(toks))
        if after and not _opens_clause(parse, toks[0]) and _cue_in_lead(parse, hits, toks[0]):
            after = None  # 'Holm said the ad “plainly” suggests ...': the quote is inside what Holm said
        nxt = max(toks) + 1
        ends_clause = nxt >= len(parse.toks) or parse.toks[nxt].is_punct or parse.toks[nxt].sent != parse.toks[max(toks)].sent
        before = None if after else _cue_before(parse, cands, claims, hits, min(toks), span.text, ends_clause)
        match = after or before
        if match is None:
            continue
        hit, gap = match
        source = source_of(parse, cands, hit.tok)
        if after and source is not None:
            # '"...," said former Sen. and party elder Paul Lee.', '"...," IMF chief economist Paul Lee
            # said.': the tree's subject is one word of the speaker phrase after the quote or the cue;
            # the phrase, read by word order, holds the name
            phrase = noun_phrase_after(parse, hit.tok + 1) if source[0] > hit.tok else _one_phrase(parse, _gap_speaker(parse, gap))
            source = phrase if phrase and phrase[0] <= source[0] and source[1] <= phrase[1] else source
        if source is None and after:
            source = _gap_speaker(parse, gap) or noun_phrase_after(parse, hit.tok + 1)
        elif source is None:
            source = _gap_speaker(parse, [j for j in range(hit.tok - 1, max(hit.tok - 6, -1), -1) if not cands.in_quote(j)])
        if after and not _opens_clause(parse, toks[0]):
            if _is_title(span.text):
                continue  # 'On "Fox News Sunday," Pence said': a name, not his words
            lead[q] = _writer_lead(parse, toks[0], gap)
        if before and not ends_clause and span.text.rstrip("\"'”’»` ")[-1:] not in ".,;:!?":
            trail[q] = _writer_trail(parse, cands, nxt)  # 'said, "we teach nothing" against it': one clause
        found[q] = (hit, gap, source)
    drafts = []
    by_cue: dict[int, list[int]] = {}
    for q, (hit, _, _) in found.items():
        by_cue.setdefault(hit.tok, []).append(q)
    for qs in by_cue.values():
        hit, _, source = found[qs[0]]
        qs = _with_continuations(parse, cands, claims, found, sorted(qs), hit.tok)
        content = [(cands.quotes[q].start, cands.quotes[q].end) for q in qs]
        if qs[0] in lead:
            content[0] = (lead[qs[0]][0], max(content[0][1], lead[qs[0]][1]))
        if len(qs) == 1 and qs[0] in trail:
            content[0] = (content[0][0], max(content[0][1], trail[qs[0]]))
        drafts.append(
            Draft(
                content=tuple(content),
                cue=hit.toks,
                source=source,
                sieve="quote_with_adjacent_cue",
                confidence=0.95 * hit.cue.weight,
                frame=hit.cue.frame,
                quotes=tuple(sorted(qs)),
            )
        )
    return drafts


def _with_continuations(parse: Parse, cands: Candidates, claims: Claims, found: dict, qs: list[int], cue: int) -> list[int]:
    """Extend a quotation's fragments with the cue-less quotations that carry
    it on: ``"A," he said. "B." "C."`` in one paragraph, or a quotation left
    open at a paragraph end and reopened in the next (news convention)."""
    text = parse.text
    # Where the cue clause ends: its sentence-final mark (a parser may have
    # put the next quotation's opening mark into the same sentence).
    stop = next((t.end for t in parse.toks[cue:] if t.text in (".", "!", "?") or cands.in_quote(t.i)), len(text))
    # A quotation run on from the paragraph before, reopened here: "...town.\n\n"We will ...," she added.
    while qs[0] > 0 and cands.quotes[qs[0]].continues and not cands.quotes[qs[0] - 1].closed:
        if qs[0] - 1 in found or qs[0] - 1 in claims.quotes:
            break
        qs.insert(0, qs[0] - 1)
    q = qs[-1]
    while q + 1 < len(cands.quotes) and q + 1 not in found and q + 1 not in claims.quotes:
        prev, nxt = cands.quotes[q], cands.quotes[q + 1]
        between = text[prev.end : nxt.start]
        runs_on = nxt.continues and not prev.closed
        # "A," Tester said, referring to X, "B.": the cue clause, then a comma.
        resumed = prev.end <= parse.toks[cue].start < nxt.start and between.rstrip().endswith(",") and stop >= nxt.start
        toks_next = cands.quote_toks(q + 1)
        # "A," Obama said after X. He did not Y. "B.": no other cue in between.
        later = (
            bool(toks_next)
            and _opens_sentence(parse, toks_next[0])
            and not any(prev.end <= parse.toks[h.tok].start < nxt.start for h in cands.cues if h.tok != cue)
        )
        adjacent = later or resumed or not between.strip() or (prev.end <= stop <= nxt.start and not text[stop : nxt.start].strip())
        if not runs_on and (not adjacent or "\n" in between):
            break
        q += 1
        qs.append(q)
    return qs


DASHES = frozenset({"\u2015", "\u2014", "\u2013", "--", "-"})


def _short_np(parse: Parse, a: int, b: int) -> tuple[int, int] | None:
    """Token range [a, b] as a speaker phrase: a few words, no verb."""
    rng = trim_range(parse, a, b)
    if rng is None or rng[1] - rng[0] > 7:
        return None
    toks = parse.toks[rng[0] : rng[1] + 1]
    if any(t.upos in ("VERB", "SCONJ") for t in toks) or not any(t.upos in ("PROPN", "NOUN", "PRON") for t in toks):
        return None
    return rng


def _clause_root(parse: Parse, a: int, b: int) -> int | None:
    """The token of [a, b] whose head lies outside it (the clause's main word)."""
    tops = [i for i in range(a, b + 1) if not (a <= parse.toks[i].head <= b)]
    return tops[0] if len(tops) == 1 else None


def quote_with_punct_cue(parse: Parse, cands: Candidates, claims: Claims) -> list[Draft]:
    """Punctuation as the cue: ``X reports:`` then a quotation (even in the
    next paragraph), ``Ellis: "..."``, and ``"..." -- X`` / ``"..." ― X``."""
    hits = _hits(cands)
    drafts = []
    for q, span, toks in _free_quotes(cands, claims):
        cue: tuple[int, ...] = ()
        source = None
        frame, conf = "speech", 0.8
        colon = toks[0] - 1
        after = toks[-1] + 1
        if colon >= 0 and parse.toks[colon].text == ":" and not cands.in_quote(colon):
            first = parse.sentences[parse.toks[colon].sent][0]
            verbs = [h for j in range(first, colon) if (h := _free_cue(cands, claims, hits, j, "quote"))]
            if verbs:
                cue, source = verbs[-1].toks, source_of(parse, cands, verbs[-1].tok)
                frame, conf = verbs[-1].cue.frame, 0.9 * verbs[-1].cue.weight
                if source is None:
                    source = _short_np(parse, max(first, verbs[-1].tok - 6), verbs[-1].tok - 1) or noun_phrase_after(
                        parse, verbs[-1].tok + 1
                    )
            elif (np := _short_np(parse, first, colon - 1)) is not None:
                cue, source = (colon,), np
            elif (root := _clause_root(parse, first, colon - 1)) is not None and parse.toks[root].upos == "VERB":
                # "The piece used one of her quotes as its headline: ..."
                cue, source, conf = (colon,), source_of(parse, cands, root), 0.6
        elif colon >= 0 and parse.toks[colon].text in DASHES and not cands.in_quote(colon):
            # "... including Mitt Romney -- ''It is disqualifying ...''"
            first = parse.sentences[parse.toks[colon].sent][0]
            np = _short_np(parse, max(first, colon - 4), colon - 1)
            if np is not None and parse.toks[np[1]].upos == "PROPN":
                cue, source = (colon,), np
        elif after < len(parse.toks) and parse.toks[after].text in DASHES and not _paragraph_break(parse, toks[-1], after):
            np = noun_phrase_after(parse, after + 1)
            if np is not None and parse.toks[np[0]].is_capitalised:
                cue, source = (after,), np
        if not cue:
            continue
        drafts.append(Draft(((span.start, span.end),), cue, source, "quote_with_punct_cue", conf, frame, (q,)))
    return drafts


TURN_LABEL = re.compile(r"^[\"“'‘]*\s*([A-Z][A-Z.'’\- ]{1,30}[A-Z.]):\s+\S")


def transcript_turn(parse: Parse, cands: Candidates, claims: Claims) -> list[Draft]:
    """A transcript paragraph: ``WALLACE: Do you really see ...`` (quoted or
    not). The upper-case label is the speaker, the colon the cue, the rest of
    the paragraph the content."""
    drafts = []
    pos = 0
    for para in parse.text.split("\n"):
        start, pos = pos, pos + len(para) + 1
        m = TURN_LABEL.match(para)
        if not m:
            continue
        label_start, colon = start + m.start(1), start + m.end(1)
        body_start = colon + 1 + (len(para[m.end(1) + 1 :]) - len(para[m.end(1) + 1 :].lstrip()))
        body_end = start + len(para.rstrip())
        label = [t.i for t in parse.toks if label_start <= t.start and t.end <= colon]
        cue = [t.i for t in parse.toks if t.start == colon and t.text.startswith(":")]
        if not label or claims.overlaps(body_start, body_end):
            continue
        quotes = tuple(q for q, sp in enumerate(cands.quotes) if sp.start < body_end and body_start < sp.end and q not in claims.quotes)
        drafts.append(Draft(((body_start, body_end),), tuple(cue), (label[0], label[-1]), "transcript_turn", 0.85, "speech", quotes))
    return drafts


def headline_label(parse: Parse, cands: Candidates, claims: Claims) -> list[Draft]:
    """A headline that names its source before a colon: ``Pence: Flowers Won't Be at Debate``,
    ``Poll: Clinton and Trump in dead heat``. The label is one to three capitalised words that
    the article names again below (or a noun for a document, "Poll"); not an upper-case
    transcript label, a phrase opening with an article ("The Latest: ..."), a rubric naming the
    article's genre ("Analysis: ...", quotes/data/headline_rubrics.txt), a dateline's place ("New
    Delhi: ...") or a day. The colon is the cue, the rest of the line the content. (PolNeAR
    train: right 52 times in 61.)"""
    line_end = parse.text.find("\n")
    if line_end < 0:
        return []  # a headline needs an article below it
    first = list(takewhile(lambda t: t.end <= line_end, parse.toks))  # the headline's tokens
    colon = next((k for k, t in enumerate(first[:4]) if t.text == ":"), None)
    if colon is None or colon == 0 or colon + 1 >= len(first):
        return []
    label, body = first[:colon], first[colon + 1 :]
    if not all(t.is_capitalised for t in label) or any(t.text.isupper() and len(t.text) > 1 for t in label):
        return []
    if label[0].upos == "DET" or label[0].lower in ("the", "a", "an") or label[-1].lower in wordlist("headline_rubrics.txt"):
        return []  # "The Latest: ...", "Analysis: ...": no source
    if is_place([t.text for t in label]) or label[-1].lower in wordlist("time_nouns.txt"):
        return []  # "New Delhi: Prime Minister ...", "Monday: ...": a dateline
    below = {t.text for t in parse.toks[len(first) :] if t.is_capitalised}
    document = len(label) == 1 and nominal_kind(label[0]) == "document"
    # a columnist's byline-style label need not recur below ("Jane Roe: Why ..."): a given name and a surname
    person = len(label) == 2 and label[0].lower in given_names() and all(t.upos == "PROPN" for t in label)
    if label[-1].text not in below and not document and not person:
        return []
    start, end = body[0].start, body[-1].end
    if claims.overlaps(start, end):
        return []
    quotes = tuple(q for q, sp in enumerate(cands.quotes) if sp.start < end and start < sp.end and q not in claims.quotes)
    return [Draft(((start, end),), (first[colon].i,), (label[0].i, label[-1].i), "headline_label", 0.8, "speech", quotes)]


def _words(text: str) -> list[str]:
    return [w for w in text.strip("\"'“”‘’«»`,.;:!? ").split() if any(c.isalnum() for c in w)]


SMALL_WORDS = frozenset({"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "de", "la"})


def _is_title(text: str) -> bool:
    """Title case over two or more words: "The Order of St. Andrew the Apostle"."""
    words = _words(text)
    return len(words) >= 2 and all(w[:1].isupper() or w.lower() in SMALL_WORDS for w in words)


def title_or_scare_quote(parse: Parse, cands: Candidates, claims: Claims) -> list[Draft]:
    """Quoted names and scare quotes with no cue are not speech: a quotation in
    title case ("The Order of St. Andrew the Apostle") or of a few words."""
    drafts = []
    for q, span in enumerate(cands.quotes):
        if q in claims.quotes:
            continue
        words = _words(span.text)
        if not words:
            continue
        title = _is_title(span.text)
        if title or len(words) <= 4:
            drafts.append(
                Draft(
                    ((span.start, span.end),),
                    (),
                    None,
                    "title_or_scare_quote",
                    0.9,
                    "speech",
                    (q,),
                    skip="title" if title else "scare_quote",
                )
            )
    return drafts


def floating_quote(parse: Parse, cands: Candidates, claims: Claims, previous: list[Draft]) -> list[Draft]:
    """A quotation with no cue of its own, opening a sentence in the same or
    the next paragraph as a quoted attribution: news convention gives it to
    the same speaker, and it joins that attribution as its next fragment
    (annotators of PolNeAR and of the Reuters set mark one attribution). When
    the turn passed to someone named in between, it is theirs, on its own."""
    drafts: list[Draft] = []
    for q, span, toks in _free_quotes(cands, claims):
        if len(_words(span.text)) < 5 or not _opens_sentence(parse, toks[0]):
            continue
        earlier = [d for d in (*previous, *drafts) if d.skip is None and d.source and d.quotes and d.content[-1][1] <= span.start]
        if not earlier:
            continue
        last = max(earlier, key=lambda d: d.content[-1][1])
        breaks = len(re.findall(r"\n\s*", parse.text[last.content[-1][1] : span.start]))
        if breaks > 1:
            continue
        source = _turn_taker(parse, cands, last, toks[0])
        if source is None:
            continue
        if source == last.source:  # the speaker goes on: one attribution in two paragraphs
            drafts.append(replace(last, content=(*last.content, (span.start, span.end)), quotes=(*last.quotes, q), extends=last))
        else:
            drafts.append(Draft(((span.start, span.end),), (), source, "floating_quote", 0.6, last.frame, (q,)))
    return drafts


def _turn_taker(parse: Parse, cands: Candidates, last: Draft, first: int) -> tuple[int, int] | None:
    """Who a cue-less quotation after ``last`` belongs to: the previous speaker, unless a sentence
    in between has another named person as its subject. Then the quotation is that person's when
    their sentence is the one right before it ("Sen. Jo Marsh named housing as the issue. \"Young
    people are angry ...\""), and nobody's when the turn passed further back."""
    s_first = parse.toks[first].sent
    for s in range(s_first - 1, -1, -1):
        a, b = parse.sentences[s]
        if parse.toks[a].start < last.content[-1][1]:
            break
        if cands.in_quote(a):
            continue
        subject = _sentence_subject(parse, cands, a, b)
        if subject is None or parse.toks[subject[1]].upos != "PROPN" or _same_name(parse, subject, last.source):
            continue
        return subject if s == s_first - 1 else None
    return last.source


def _sentence_subject(parse: Parse, cands: Candidates, a: int, b: int) -> tuple[int, int] | None:
    """The subject of sentence ``a..b``: its root's, or where the sentence was left unparsed
    (selective parsing parses only sentences with a cue or a quotation) or the parser made a
    quoted title its root (On "Face the Nation," ...), the first run of proper nouns before its
    first verb."""
    root = next((t.i for t in parse.toks[a:b] if t.head < 0), None)
    if root is not None and parse.toks[root].deprel == "root" and not cands.in_quote(root):
        subject = source_of(parse, cands, root)
        if subject is not None:
            return subject
    first = next((t.i for t in parse.toks[a:b] if t.upos in ("PROPN", "VERB", "AUX") and not cands.in_quote(t.i)), None)
    if first is None or parse.toks[first].upos != "PROPN":
        return None
    last = first
    while last + 1 < b and parse.toks[last + 1].upos == "PROPN":
        last += 1
    has_verb = any(t.upos == "VERB" for t in parse.toks[last + 1 : b])
    return (first, last) if has_verb else None


def _same_name(parse: Parse, one: tuple[int, int], other: tuple[int, int] | None) -> bool:
    """Do two mentions name the same person: the same surname, and the shorter one's names end the
    longer's ("Ebeling" and "Tom Ebeling", not "Betsy Ebeling" and "Tom Ebeling")?"""
    if other is None:
        return False
    a, b = (tuple(t.lower for t in parse.toks[r[0] : r[1] + 1] if t.upos == "PROPN" and not is_honorific(t)) for r in (one, other))
    short, long = sorted((a, b), key=len)
    return bool(short) and long[len(long) - len(short) :] == short


def _opens_sentence(parse: Parse, i: int) -> bool:
    """Does token ``i`` start its sentence or its paragraph?"""
    first = parse.sentences[parse.toks[i].sent][0]
    before = parse.text[parse.toks[first].start : parse.toks[i].start]
    return i == first or "\n" in before[before.rstrip().rfind(" ") + 1 :] or not before.strip() or before.endswith("\n")


def unattributed_quote(parse: Parse, cands: Candidates, claims: Claims) -> list[Draft]:
    """What is left: a long quotation with no cue and no speaker nearby."""
    return [
        Draft(((s.start, s.end),), (), None, "unattributed_quote", 0.5, "speech", (q,), skip="no_cue")
        for q, s in enumerate(cands.quotes)
        if q not in claims.quotes
    ]
