"""What a batch run is to do: its configuration and the partitions of documents still to do
(the same partitions for both engines)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from quotes.batch.documents import chunked
from quotes.batch.progress import Stats
from quotes.batch.sources import ParquetSource, Source, read_part

log = logging.getLogger("quotes.batch")


# -- the run -----------------------------------------------------------------------


@dataclass(frozen=True)
class Config:
    input: str
    output: str
    engine: str = "local"
    workers: int = 1
    scheduler: str | None = None
    chunk_docs: int = 16
    chunk_chars: int = 100_000
    part_rows: int = 1000
    part_seconds: float = 60.0
    timeout: float | None = None  # None: QUOTES_REQUEST_TIMEOUT
    max_chars: int | None = None  # None: QUOTES_MAX_CHARS
    log_every: float = 30.0


def _todo(source: Iterable[dict[str, Any]], done: set[str], stats: Stats) -> Iterator[dict[str, Any]]:
    """The documents not yet in the output; counts the skipped ones and warns about
    ids seen twice in the input (each occurrence gets its row)."""
    seen: set[str] = set()
    dups = 0
    for d in source:
        if d["id"] in done:
            stats.skipped += 1
            continue
        if d["id"] in seen:
            dups += 1
        seen.add(d["id"])
        yield d
    if dups:
        log.warning("%d documents reuse an id already used earlier in the input; resuming treats an id as done once any row has it", dups)


def partitions(source: Source, done: set[str], stats: Stats, part_rows: int) -> Iterator[list[dict[str, Any]]]:
    """The documents still to do, in partitions of at most ``part_rows``: a Parquet
    source's own row-group partitions, else runs of consecutive documents. Both
    engines cut the same partitions and the same bulk chunks inside them (Stanza's
    figures can move in the last digits with the company a text is parsed in)."""
    if isinstance(source, ParquetSource):
        for part in source.parts:
            docs = read_part(part)
            todo = [d for d in docs if d["id"] not in done]
            stats.skipped += len(docs) - len(todo)
            if todo:
                yield todo
    else:
        yield from chunked(_todo(source, done, stats), part_rows, 1 << 62)
