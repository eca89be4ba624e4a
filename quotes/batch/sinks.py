"""Where an archive batch's rows go: JSONL written as ``OUTPUT.partial`` (one fsynced line
at a time, renamed when complete) or a Parquet dataset of part files with a ``_SUCCESS``
marker. Each sink also says which ids are done already, so that a rerun resumes."""

from __future__ import annotations

import io
import json
import logging
import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from quotes.batch.documents import BatchError, Row
from quotes.batch.sources import PARQUET_SUFFIXES, filesystem, is_local

log = logging.getLogger("quotes.batch")

SUCCESS = "_SUCCESS"


# -- outputs -----------------------------------------------------------------------


def _read_ids_jsonl(f: io.BufferedIOBase) -> tuple[set[str], int, int]:
    """Ids of the complete lines, the offset after the last of them, and the
    number of lines dropped after it (a torn write)."""
    ids: set[str] = set()
    good = pos = 0
    dropped = 0
    for line in f:
        pos += len(line)
        try:
            obj = json.loads(line) if line.endswith(b"\n") else None
        except ValueError:
            obj = None
        if dropped or not isinstance(obj, dict) or "id" not in obj:
            dropped += 1
            continue
        ids.add(obj["id"])
        good = pos
    return ids, good, dropped


class Sink:
    """Where rows go. ``open()`` returns the ids already done; ``begin()`` before the
    first row; ``finish()`` marks the output complete; ``abort()`` keeps what is done."""

    kind = ""
    url = ""

    def open(self) -> set[str]:
        raise NotImplementedError

    def begin(self) -> None:
        pass

    def write(self, rows: list[Row]) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        pass

    def abort(self) -> None:
        pass

    def bodies(self) -> Iterator[dict]:
        """Every row's v1 JSON (the summary reads them back)."""
        raise NotImplementedError


class JsonlSink(Sink):
    """``OUTPUT.partial`` while running (append, flush and fsync after every chunk),
    renamed to OUTPUT once every document is in it."""

    kind = "jsonl"

    def __init__(self, url: str):
        if "://" in url:
            raise BatchError("JSONL output must be a local path; use a .parquet output for object storage")
        self.path = Path(url)
        self.url = url
        self.partial = self.path.with_name(self.path.name + ".partial")
        self._f: io.BufferedWriter | None = None

    def open(self) -> set[str]:
        if self.path.is_dir():
            raise BatchError(f"output {self.path} is a directory; name a .jsonl file or a .parquet dataset")
        if self.path.exists() and self.partial.exists():
            raise BatchError(f"both {self.path} and {self.partial} exist: remove the one you do not want, then rerun")
        current = self.partial if self.partial.exists() else self.path
        if not current.exists():
            return set()
        with open(current, "rb") as f:
            ids, good, dropped = _read_ids_jsonl(f)
        if dropped:
            if current == self.path:
                raise BatchError(f"{self.path} has {dropped} unreadable lines at its end; it was not written by quotes batch")
            log.warning("dropping %d torn line(s) at the end of %s (an interrupted write)", dropped, self.partial)
            with open(self.partial, "r+b") as f:
                f.truncate(good)
                os.fsync(f.fileno())
        return ids

    def begin(self) -> None:
        if self.path.exists():  # a complete output gets more documents: incomplete again until done
            os.replace(self.path, self.partial)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._f = open(self.partial, "ab")

    def write(self, rows: list[Row]) -> None:
        assert self._f is not None
        self._f.write("".join(r.json + "\n" for r in rows).encode("utf-8"))
        self._f.flush()
        os.fsync(self._f.fileno())

    def finish(self) -> None:
        if self._f is not None:
            self._f.close()
            self._f = None
        if self.partial.exists():
            os.replace(self.partial, self.path)
            _fsync_dir(self.path.parent)

    def abort(self) -> None:
        if self._f is not None:
            self._f.close()
            self._f = None

    def bodies(self) -> Iterator[dict]:
        current = self.path if self.path.exists() else self.partial
        with open(current, "rb") as f:
            for line in f:
                yield json.loads(line)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def parquet_schema():
    import pyarrow as pa

    return pa.schema(
        [
            pa.field("id", pa.string(), nullable=False),
            pa.field("error", pa.string()),  # the error code, null for a result
            pa.field("words", pa.int64()),
            pa.field("attributions", pa.int32()),
            pa.field("result", pa.string()),  # the v1 JSON document (or error slot)
        ]
    )


def write_part(url: str, name: str, rows: list[Row]) -> None:
    """One part file of a Parquet output, all or nothing: written under a hidden
    name and renamed on a local disk; on object storage an object appears only
    once its upload is complete."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    fs, root = filesystem(url)
    table = pa.Table.from_pydict(
        {
            "id": [r.id for r in rows],
            "error": [r.error for r in rows],
            "words": [r.words for r in rows],
            "attributions": [r.attributions for r in rows],
            "result": [r.json for r in rows],
        },
        schema=parquet_schema(),
    )
    final = f"{root.rstrip('/')}/{name}"
    if is_local(fs):
        tmp = f"{root.rstrip('/')}/.tmp-{name}"
        with open(tmp, "wb") as fh:
            pq.write_table(table, fh, compression="zstd")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, final)
        _fsync_dir(Path(final).parent)
    else:
        with fs.open(final, "wb") as fh:
            pq.write_table(table, fh, compression="zstd")


class ParquetSink(Sink):
    """A directory of ``part-*.parquet`` files and, once complete, ``_SUCCESS``
    (Hadoop's convention; readers such as pyarrow, Spark and Dask skip ``_`` and
    ``.`` names). Rows are gathered into parts of ``part_rows`` rows or
    ``part_seconds`` seconds, whichever comes first."""

    kind = "parquet"

    def __init__(self, url: str, part_rows: int = 1000, part_seconds: float = 60.0):
        self.url = url.rstrip("/")
        self.fs, self.root = filesystem(self.url)
        self.root = self.root.rstrip("/")
        self.part_rows, self.part_seconds = part_rows, part_seconds
        self.run = time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + "-" + uuid.uuid4().hex[:6]
        self._buffer: list[Row] = []
        self._since = time.monotonic()
        self._seq = 0

    def parts(self) -> list[str]:
        if not self.fs.isdir(self.root):
            return []
        return sorted(f for f in self.fs.ls(self.root, detail=False) if f.rsplit("/", 1)[-1].startswith("part-"))

    def open(self) -> set[str]:
        import pyarrow.parquet as pq

        if self.fs.isfile(self.root):
            raise BatchError(f"output {self.url} is a file; a Parquet output is a directory of part files")
        ids: set[str] = set()
        for f in self.parts():
            with self.fs.open(f, "rb") as fh:
                ids.update(pq.read_table(fh, columns=["id"]).column("id").to_pylist())
        return ids

    def begin(self) -> None:
        self.fs.makedirs(self.root, exist_ok=True)
        for f in self.fs.ls(self.root, detail=False):
            name = f.rsplit("/", 1)[-1]
            if name.startswith(".tmp-"):  # left by a killed run; never part of the output
                self.fs.rm(f)
        if self.fs.exists(f"{self.root}/{SUCCESS}"):
            self.fs.rm(f"{self.root}/{SUCCESS}")
        self._since = time.monotonic()

    def part_name(self, index: int) -> str:
        return f"part-{self.run}-{index:06d}.parquet"

    def write(self, rows: list[Row]) -> None:
        self._buffer.extend(rows)
        if len(self._buffer) >= self.part_rows or time.monotonic() - self._since >= self.part_seconds:
            self.flush()

    def flush(self) -> None:
        if self._buffer:
            write_part(self.url, self.part_name(self._seq), self._buffer)
            self._seq += 1
            self._buffer = []
        self._since = time.monotonic()

    def finish(self) -> None:
        self.flush()
        with self.fs.open(f"{self.root}/{SUCCESS}", "wb") as fh:
            fh.write(b"")

    def abort(self) -> None:
        self.flush()  # the buffered rows are finished results: keep them

    def bodies(self) -> Iterator[dict]:
        import pyarrow.parquet as pq

        for f in self.parts():
            with self.fs.open(f, "rb") as fh:
                for batch in pq.ParquetFile(fh).iter_batches(columns=["result"]):
                    for s in batch.column(0).to_pylist():
                        yield json.loads(s)


def open_sink(url: str, part_rows: int = 1000, part_seconds: float = 60.0) -> Sink:
    if url.lower().rstrip("/").endswith(PARQUET_SUFFIXES):
        return ParquetSink(url, part_rows, part_seconds)
    return JsonlSink(url)
