"""What a batch run has done so far: its figures (:class:`Stats`) and the progress bar or
progress lines (:class:`Progress`)."""

from __future__ import annotations

import logging
import sys
import time
from collections import Counter
from dataclasses import dataclass, field

from quotes.batch.documents import Row

log = logging.getLogger("quotes.batch")


# -- progress ----------------------------------------------------------------------


@dataclass
class Stats:
    documents: int = 0
    failed: int = 0
    words: int = 0
    skipped: int = 0  # already in the output
    seconds: float = 0.0
    errors: Counter = field(default_factory=Counter)
    phases: dict[str, float] = field(default_factory=dict)  # the engine's: start, work, stop (seconds)

    def add(self, rows: list[Row]) -> None:
        self.documents += len(rows)
        for r in rows:
            self.words += r.words
            if r.error:
                self.failed += 1
                self.errors[r.error] += 1


def _duration(s: float) -> str:
    s = int(s)
    return f"{s // 3600}h{s % 3600 // 60:02d}m" if s >= 3600 else f"{s // 60}m{s % 60:02d}s"


class Progress:
    """A tqdm bar (documents, words/s, ETA) on a terminal; otherwise a plain line
    every ``every`` seconds."""

    def __init__(self, total: int | None, stream=None, every: float = 30.0):
        self.stream = stream or sys.stderr
        self.total, self.every = total, every
        self.start = self.last = time.monotonic()
        self.docs = self.words = self.failed = 0
        self.bar = None
        if getattr(self.stream, "isatty", lambda: False)():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="doc", file=self.stream, dynamic_ncols=True, smoothing=0.05)

    def update(self, docs: int, words: int, failed: int) -> None:
        self.docs += docs
        self.words += words
        self.failed += failed
        now = time.monotonic()
        if self.bar is not None:
            self.bar.update(docs)
            self.bar.set_postfix_str(f"{self.words / max(now - self.start, 1e-9):,.0f} words/s, {self.failed} failed", refresh=False)
        elif now - self.last >= self.every:
            self.last = now
            print(self.line(), file=self.stream, flush=True)

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.start, 1e-9)
        rate = self.docs / elapsed
        done = f"{self.docs}/{self.total} documents ({100 * self.docs / self.total:.1f} %)" if self.total else f"{self.docs} documents"
        eta = ""
        if self.total and rate > 0:
            eta = f", ETA {_duration(max(self.total - self.docs, 0) / rate)}"
        return f"quotes batch: {done}, {rate:.2f} docs/s, {self.words / elapsed:,.0f} words/s, {self.failed} failed{eta}"

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
