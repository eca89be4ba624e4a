"""Results: frozen dataclasses, the one shape the API, CLI and benchmarks share.

Offsets are Python string indexes into the text that was analysed, end
exclusive, so ``text[span.start:span.end] == span.text`` always holds.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])


@dataclass(frozen=True)
class SpeakerRef:
    """Who said an attribution: the mention as written plus the resolved entity."""

    id: str
    mention: Span
    name: str | None  # None when the article never names the source ("a spokesman", "analysts")
    role: str | None  # the most specific role the article gives the speaker
    kind: str  # person | organisation | group | document | unknown
    resolved_by: str = "name"  # the resolver that placed the mention (quotes.entities.RESOLVERS)


@dataclass(frozen=True)
class Attribution:
    id: str
    type: str  # direct | indirect | mixed
    content: tuple[Span, ...]  # one per fragment, in text order
    cue: Span | None
    speaker: SpeakerRef | None
    confidence: float
    sieve: str
    frame: str  # speech | belief | intention | evidence
    partial: bool = False  # a quoted fragment inside the writer's own sentence

    @property
    def content_text(self) -> str:
        return " ".join(s.text for s in self.content)


@dataclass(frozen=True)
class Speaker:
    id: str
    name: str | None
    roles: tuple[str, ...]  # most specific first
    kind: str
    mentions: tuple[Span, ...]
    attributions: tuple[str, ...]


@dataclass(frozen=True)
class Skipped:
    span: Span
    reason: str  # title | scare_quote | no_cue


@dataclass(frozen=True)
class Result:
    text: str
    attributions: tuple[Attribution, ...]
    speakers: tuple[Speaker, ...]
    skipped: tuple[Skipped, ...]
    words: int = 0
    timings_ms: dict[str, float] = field(default_factory=dict, compare=False)


def filter_result(
    result: Result,
    min_confidence: float = 0.0,
    types: tuple[str, ...] | None = None,
    frames: tuple[str, ...] | None = None,
) -> Result:
    """The same result with only the attributions a client asked for; speakers
    left with no attribution drop out."""
    kept = tuple(
        a
        for a in result.attributions
        if a.confidence >= min_confidence and (not types or a.type in types) and (not frames or a.frame in frames)
    )
    ids = {a.id for a in kept}
    speakers = tuple(
        Speaker(s.id, s.name, s.roles, s.kind, s.mentions, tuple(x for x in s.attributions if x in ids))
        for s in result.speakers
        if any(x in ids for x in s.attributions)
    )
    return Result(result.text, kept, speakers, result.skipped, result.words, result.timings_ms)
