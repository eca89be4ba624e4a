"""The one entry point: a parsed document in, a :class:`~quotes.engine.model.Result` out.

    text -> parse (nlp) -> candidates -> sieves -> speakers -> Result

The API, the CLI and the benchmarks all call :func:`extract` (or
:func:`analyze`, which parses first), so they can never disagree.
"""

from __future__ import annotations

import time
from collections.abc import Sequence

from stanza.models.common.doc import Document

from quotes.engine.candidates import Candidates, find_candidates, non_space
from quotes.engine.collector import collector_paused
from quotes.engine.entities import resolve
from quotes.engine.mentions import Entity
from quotes.engine.model import Attribution, Result, Skipped, Span, Speaker, SpeakerRef
from quotes.engine.parse import Parse, from_stanza
from quotes.engine.roles import self_description
from quotes.engine.sieves import SIEVES, Draft, Sieve, run_sieves

_TRIM = " \t\n\r\"'“”‘’«»`,.;:!?()[]—–-"


def quote_type(text: str, spans: Sequence[tuple[int, int]], quotes: Candidates) -> str:
    """direct | indirect | mixed: how much of the content (its non-space characters, trimmed
    of marks at either end) lies inside quotation marks."""
    inside = outside = 0
    for s, e in spans:
        frag = text[s:e]
        lead = len(frag) - len(frag.lstrip(_TRIM))
        s2, e2 = s + lead, s + len(frag.rstrip(_TRIM))
        if s2 >= e2:
            continue
        quoted = quotes.quoted_chars(text, s2, e2)
        inside += quoted
        outside += non_space(text[s2:e2]) - quoted
    if inside and not outside:
        return "direct"
    return "mixed" if inside else "indirect"


def _content_before(parse: Parse, d: Draft) -> int:
    """Where the draft's content before its speaker mention ends (a character offset), or 0."""
    if d.source is None:
        return 0
    start = parse.toks[d.source[0]].start
    return max((e for _, e in d.content if e <= start), default=0)


@collector_paused
def extract(parse: Parse, sieves: tuple[Sieve, ...] = SIEVES) -> Result:
    """Attributions, speakers and skipped quotations of one parsed document."""
    cands = find_candidates(parse)
    drafts = run_sieves(parse, cands, sieves)
    found = sorted((d for d in drafts if d.skip is None), key=lambda d: d.content[0])
    skipped = sorted(
        (Skipped(Span.of(parse.text, *d.content[0]), d.skip) for d in drafts if d.skip is not None),
        key=lambda s: s.span.start,
    )
    resolved, entities = resolve(parse, cands, [d.source for d in found], [_content_before(parse, d) for d in found])

    for d, r in zip(found, resolved):
        if r is not None and d.quotes and not entities[r.entity].roles:
            _self_described(parse, d, entities[r.entity])

    speaker_ids: dict[int, str] = {}
    attributions = []
    for n, (d, r) in enumerate(zip(found, resolved), start=1):
        ref = None
        if r is not None:
            sid = speaker_ids.setdefault(r.entity, f"s{len(speaker_ids) + 1}")
            ent = entities[r.entity]
            roles = ent.ranked_roles()
            ref = SpeakerRef(sid, r.mention, ent.name, roles[0] if roles else None, ent.kind, r.resolver)
        attributions.append(_attribution(parse, cands, d, f"a{n}", ref))

    speakers = []
    for e, sid in speaker_ids.items():
        ent = entities[e]
        speakers.append(
            Speaker(
                id=sid,
                name=ent.name,
                roles=tuple(ent.ranked_roles()),
                kind=ent.kind,
                mentions=tuple(Span.of(parse.text, s, t) for s, t in sorted(ent.mentions)),
                attributions=tuple(a.id for a in attributions if a.speaker and a.speaker.id == sid),
            )
        )
    return Result(parse.text, tuple(attributions), tuple(speakers), tuple(skipped), words=parse.word_count())


def _self_described(parse: Parse, d: Draft, ent: Entity) -> None:
    """ "As a Gold Star mother, my son ...," she said: the role a person with none gives themself."""
    first = parse.tok_at(d.content[0][0])
    while first is not None and first < len(parse.toks) and parse.toks[first].is_punct:
        first += 1
    if first is not None and first < len(parse.toks) and ent.kind == "person":
        ent.add_role(self_description(parse, first, parse.sentences[parse.toks[first].sent][1]))


def _attribution(parse: Parse, cands: Candidates, d: Draft, aid: str, ref: SpeakerRef | None) -> Attribution:
    cue = None
    if d.cue:
        cue = Span.of(parse.text, parse.toks[d.cue[0]].start, parse.toks[d.cue[-1]].end)
    return Attribution(
        id=aid,
        type=quote_type(parse.text, d.content, cands),
        content=tuple(Span.of(parse.text, s, e) for s, e in d.content),
        cue=cue,
        speaker=ref,
        confidence=round(d.confidence, 3),
        sieve=d.sieve,
        frame=d.frame,
        partial=d.partial,
    )


@collector_paused
def extract_stanza(doc: Document, text: str, timings: dict[str, float] | None = None) -> Result:
    """:func:`extract` on a parsed Stanza document whose offsets index ``text``. The result's
    ``timings_ms`` holds ``timings`` (the earlier stages': html, parse), then ``extract``,
    this call's own time (flattening the document included). The collector stays off from the
    flattening to the result: between the two it would walk every token just made, all alive."""
    t0 = time.perf_counter()
    result = extract(from_stanza(doc, text))
    result.timings_ms.update(timings or {})
    result.timings_ms["extract"] = round((time.perf_counter() - t0) * 1000, 1)
    return result


def analyze(text: str, pipeline) -> Result:
    """Parse ``text`` with a Stanza pipeline and extract, with timings."""
    t0 = time.perf_counter()
    doc = pipeline(text)
    return extract_stanza(doc, text, {"parse": round((time.perf_counter() - t0) * 1000, 1)})
