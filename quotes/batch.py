"""Archive batch: ``quotes batch INPUT OUTPUT``.

Documents come from a JSONL file (``{"id", "text", "format"?}`` per line), a
folder of ``.txt`` / ``.html`` files, or Parquet (``id``, ``text``, optional
``format`` columns; a file or a folder of files). Each gets one row in OUTPUT:
the API's v1 result for that document (the same ``result_document`` and
``ResultSchema`` the HTTP service dumps) or, when it failed, its
``{"id", "error"}`` slot, never a missing row.

OUTPUT is JSONL (written as ``OUTPUT.partial``, one fsynced line at a time,
renamed to OUTPUT when every document is done) or, for a ``.parquet`` / ``.pq``
name, a Parquet dataset: a directory of part files, each written under a
hidden temporary name and renamed, and a ``_SUCCESS`` marker once complete.
Rerunning the same command resumes: documents whose id is already in OUTPUT
are skipped, and a torn last JSONL line is dropped.

Single machine: ``--workers N`` processes, each with one pipeline, fed chunks of
documents parsed in one Stanza bulk call. Many machines: ``--engine dask``
(:mod:`quotes.batch_dask`). Each document is held to ``QUOTES_MAX_CHARS``
(``--max-chars``) and its parse to ``QUOTES_REQUEST_TIMEOUT`` seconds
(``--timeout``), through the same deadline the service uses.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import io
import json
import logging
import os
import re
import signal
import sys
import threading
import time
import uuid
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from quotes.settings import Settings

log = logging.getLogger("quotes.batch")

PARQUET_SUFFIXES = (".parquet", ".pq")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json", ".jsonl.gz", ".ndjson.gz")
TEXT_SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html"}
SUCCESS = "_SUCCESS"
EXIT_INTERRUPTED = 130
_SURROGATE = re.compile("[\ud800-\udfff]")


class BatchError(RuntimeError):
    """Bad input or output for a batch run; the message says what to do."""


# -- documents in, rows out ------------------------------------------------------


class Row(NamedTuple):
    """One output row: the document's id, its v1 JSON (result or error slot), and
    what progress and Parquet columns need without parsing the JSON again."""

    id: str
    json: str
    words: int
    error: str | None  # the error code; None for a result
    attributions: int


def _doc(doc_id: Any, text: Any = None, fmt: Any = None, error: str | None = None) -> dict[str, Any]:
    """A raw document as readers yield it; ``error``: it could not even be read."""
    # An id must survive being written: a lone surrogate (JSON "\ud800", an undecodable
    # file name) is spelt out as its escape, the same on every run.
    out: dict[str, Any] = {"id": str(doc_id).encode("utf-8", "backslashreplace").decode("utf-8")}
    if text is not None:
        out["text"] = text
    if fmt is not None:
        out["format"] = fmt
    if error is not None:
        out["_error"] = error
    return out


@dataclass(frozen=True)
class Limits:
    """What one document may cost: characters of text (QUOTES_MAX_CHARS, after HTML
    is turned into text), characters as read (QUOTES_MAX_BODY_BYTES, which bounds
    the HTML work too), tags of HTML (QUOTES_MAX_HTML_TAGS), and seconds of parsing
    (QUOTES_REQUEST_TIMEOUT)."""

    max_chars: int
    max_raw: int
    timeout: float
    max_html_tags: int | None = None  # QUOTES_MAX_HTML_TAGS, per document here


def _prepare(raw: dict[str, Any], limits: Limits):
    """The API's own validation and HTML handling (BatchDocumentSchema, then
    :func:`quotes.api.inputs.prepare`): the same errors, the same text."""
    from marshmallow import ValidationError

    from quotes.api.errors import ApiError
    from quotes.api.inputs import Item, check_html_tags, prepare
    from quotes.schemas import BatchDocumentSchema

    if "_error" in raw:
        return Item(raw["id"], error=ApiError(422, "invalid_input", raw["_error"]))
    text = raw.get("text")
    if isinstance(text, str) and _SURROGATE.search(text):
        message = "text holds an unpaired UTF-16 surrogate (\\ud800-\\udfff), which is not a character"
        return Item(raw["id"], error=ApiError(422, "invalid_input", message, {"text": [message]}))
    if isinstance(text, str) and len(text) > limits.max_raw:
        message = f"the document has {len(text)} characters as read; the limit is {limits.max_raw} (QUOTES_MAX_BODY_BYTES)"
        return Item(raw["id"], error=ApiError(422, "invalid_input", message, {"text": [message]}))
    fields_ = {k: raw[k] for k in ("id", "text", "format") if k in raw}
    try:
        doc: Any = BatchDocumentSchema().load(fields_)
    except ValidationError as exc:
        doc = exc
    if limits.max_html_tags and isinstance(doc, dict):
        try:
            check_html_tags([doc], limits.max_html_tags)  # the API's per-request bound, per document here
        except ApiError as err:
            return Item(raw["id"], error=err)
    item = prepare(doc, limits.max_chars)
    item.id = raw["id"]  # kept even when it failed validation (e.g. longer than 256 characters)
    return item


def timeout_body(seconds: float) -> dict[str, str]:
    return {
        "code": "timeout",
        "message": f"parsing took longer than {seconds:g} s (--timeout, QUOTES_REQUEST_TIMEOUT) and was abandoned",
    }


def process_docs(nlp, raws: list[dict[str, Any]], limits: Limits) -> list[Row]:
    """Rows for ``raws``, in order: one Stanza bulk call for all the valid documents,
    each held to ``limits.timeout`` seconds; a bulk call that runs out of time or breaks is
    redone document by document, so only the culprit gets the error."""
    from quotes.api.errors import ApiError
    from quotes.deadline import DeadlineExceeded
    from quotes.extract import extract_stanza

    timeout = limits.timeout
    items = [_prepare(r, limits) for r in raws]
    todo = [i for i in items if i.error is None]
    docs: list[Any] = []
    failed = None
    if todo:
        try:
            docs = nlp.parse_many([i.text for i in todo], time.monotonic() + timeout)
        except Exception as exc:  # DeadlineExceeded included: find the one that is slow or breaks
            failed = type(exc).__name__
    # Retried outside the except block: the exception's traceback holds the abandoned
    # parse (its tensors) until the block ends, and each retry has its own time limit.
    if failed is not None:
        if len(todo) > 1:
            log.info("bulk parse of %d documents failed (%s); parsing them one by one", len(todo), failed)
        docs = []
        for item in todo:
            try:
                docs.append(nlp.parse_many([item.text], time.monotonic() + timeout)[0])
            except DeadlineExceeded:
                item.error = ApiError(504, **timeout_body(timeout))
                docs.append(None)
            except Exception:
                log.exception("document %r could not be parsed", item.id)
                item.error = ApiError(500, "parse_failed", "the parser failed on this document")
                docs.append(None)
    for item, doc in zip(todo, docs):
        if doc is None:
            continue
        try:
            item.result = extract_stanza(doc, item.text, item.timings_ms)
        except Exception:
            log.exception("extraction failed for document %r", item.id)
            item.error = ApiError(500, "internal_error", "internal error; this document was not processed")
            continue
    model = nlp.model_info()
    return [_row(item, model) for item in items]


def _row(item, model: dict[str, str]) -> Row:
    """The document's v1 JSON exactly as the API dumps it."""
    from quotes.schemas import DocumentErrorSchema, ResultSchema, dump_result, result_document

    if item.error is not None:
        body = DocumentErrorSchema().dump({"id": item.id, "error": item.error.body()})
        return Row(item.id, _json(body), 0, item.error.code, 0)
    if item.html:  # the API returns the text the HTML became; dump_result has no `text` argument
        body = ResultSchema().dump(result_document(item.result, doc_id=item.id, model=model, text=item.text))
    else:
        body = dump_result(item.result, doc_id=item.id, model=model)
    return Row(item.id, _json(body), item.result.words, None, len(body["attributions"]))


def _json(body: dict) -> str:
    return json.dumps(body, ensure_ascii=False, separators=(",", ":"))


def chunked(docs: Iterable[dict[str, Any]], max_docs: int, max_chars: int) -> Iterator[list[dict[str, Any]]]:
    """Groups of at most ``max_docs`` documents and (past the first) ``max_chars`` characters."""
    chunk: list[dict[str, Any]] = []
    size = 0
    for d in docs:
        n = len(d.get("text") or "") if isinstance(d.get("text"), str) else 0
        if chunk and (len(chunk) >= max_docs or size + n > max_chars):
            yield chunk
            chunk, size = [], 0
        chunk.append(d)
        size += n
    if chunk:
        yield chunk


# -- the pipeline of this process --------------------------------------------------

_NLP: dict[Settings, Any] = {}


def process_nlp(settings: Settings):
    """The one pipeline of this process for ``settings``, loaded on first use (a
    ``--workers`` process, a Dask worker, the tests)."""
    from quotes.nlp import NLP

    nlp = _NLP.get(settings)
    if nlp is None:
        nlp = NLP(settings)
        nlp.load()
        _NLP[settings] = nlp
    return nlp


# -- inputs ------------------------------------------------------------------------


def _fs(url: str):
    """(fsspec filesystem, path) for a local path or any URL fsspec knows (s3://, gs://, …)."""
    from fsspec.core import url_to_fs

    return url_to_fs(url)


def _is_local(fs) -> bool:
    from fsspec.implementations.local import LocalFileSystem

    return isinstance(fs, LocalFileSystem)


@dataclass(frozen=True)
class ParquetPart:
    """Rows of one Parquet file: (row group, offset, length) slices; ``first`` is the
    global number (from 1) of its first row, the id of a row whose id is null."""

    url: str
    slices: tuple[tuple[int, int, int], ...]
    first: int


class Source:
    kind = ""

    def __iter__(self) -> Iterator[dict[str, Any]]:
        raise NotImplementedError

    def count(self) -> int:
        raise NotImplementedError


class JsonlSource(Source):
    kind = "jsonl"

    def __init__(self, url: str):
        self.url = url

    def _lines(self) -> Iterator[bytes]:
        import fsspec

        with fsspec.open(self.url, "rb", compression="infer") as f:
            yield from f

    def count(self) -> int:
        return sum(1 for line in self._lines() if line.strip())

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for n, line in enumerate(self._lines(), start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except ValueError:
                obj = None
            if not isinstance(obj, dict):
                yield _doc(f"line:{n}", error=f"line {n} is not a JSON object")
                continue
            doc_id = obj.get("id")
            yield _doc(f"line:{n}" if doc_id is None else doc_id, obj.get("text"), obj.get("format"))


class FolderSource(Source):
    """Every ``.txt``, ``.html`` and ``.htm`` file under a folder (hidden ones left
    out), in path order; the id is the path relative to the folder."""

    kind = "folder"

    def __init__(self, root: str):
        self.root = Path(root)
        self.files = sorted(
            p
            for p in self.root.rglob("*")
            if p.suffix.lower() in TEXT_SUFFIXES and p.is_file() and not any(s.startswith(".") for s in p.relative_to(self.root).parts)
        )

    def count(self) -> int:
        return len(self.files)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for p in self.files:
            doc_id = p.relative_to(self.root).as_posix()
            try:
                text = p.read_bytes().decode("utf-8-sig")
            except UnicodeDecodeError:
                yield _doc(doc_id, error="the file is not UTF-8 text")
                continue
            yield _doc(doc_id, text, TEXT_SUFFIXES[p.suffix.lower()])


class ParquetSource(Source):
    """A Parquet file, or a folder of them (``_`` and ``.`` names left out), read
    through fsspec; ``id`` and ``text`` columns, ``format`` optional."""

    kind = "parquet"

    def __init__(self, url: str, part_rows: int = 1000):
        import pyarrow.parquet as pq

        self.fs, path = _fs(url)
        self.protocol = url.split("://")[0] + "://" if "://" in url else ""
        if self.fs.isdir(path):
            files = sorted(
                f
                for f in self.fs.find(path)
                if f.endswith(PARQUET_SUFFIXES) and not any(s.startswith(("_", ".")) for s in f[len(path.rstrip("/")) + 1 :].split("/"))
            )
        else:
            files = [path]
        if not files:
            raise BatchError(f"no Parquet files in {url}")
        self.parts: list[ParquetPart] = []
        self.columns: tuple[str, ...] = ()
        first = 1
        for f in files:
            with self.fs.open(f, "rb") as fh:
                meta = pq.ParquetFile(fh).metadata
                names = set(meta.schema.names)
            missing = {"id", "text"} - names
            if missing:
                raise BatchError(f"{f} has no {' and no '.join(sorted(missing))} column (Parquet input needs id and text)")
            self.columns = ("id", "text", "format") if "format" in names else ("id", "text")
            slices: list[tuple[int, int, int]] = []
            rows = 0
            for rg in range(meta.num_row_groups):
                n = meta.row_group(rg).num_rows
                for off in range(0, n, part_rows):
                    length = min(part_rows, n - off)
                    if rows and rows + length > part_rows:
                        self.parts.append(ParquetPart(self.protocol + f, tuple(slices), first))
                        first += rows
                        slices, rows = [], 0
                    slices.append((rg, off, length))
                    rows += length
            if slices:
                self.parts.append(ParquetPart(self.protocol + f, tuple(slices), first))
                first += rows
        self.rows = first - 1

    def count(self) -> int:
        return self.rows

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for part in self.parts:
            yield from read_part(part)


def read_part(part: ParquetPart) -> list[dict[str, Any]]:
    """The documents of one Parquet partition (on whichever machine runs it)."""
    import pyarrow.parquet as pq

    fs, path = _fs(part.url)
    out: list[dict[str, Any]] = []
    n = part.first
    with fs.open(path, "rb") as fh:
        pf = pq.ParquetFile(fh)
        columns = [c for c in ("id", "text", "format") if c in pf.schema_arrow.names]
        groups: dict[int, Any] = {}
        for rg, off, length in part.slices:
            if rg not in groups:
                groups = {rg: pf.read_row_group(rg, columns=columns)}
            for rec in groups[rg].slice(off, length).to_pylist():
                doc_id = rec.get("id")
                out.append(_doc(f"row:{n}" if doc_id is None else doc_id, rec.get("text"), rec.get("format")))
                n += 1
    return out


def open_source(url: str, part_rows: int = 1000) -> Source:
    low = url.lower().rstrip("/")
    if "://" not in url and not Path(url).exists():
        raise BatchError(f"input {url} does not exist")
    if low.endswith(PARQUET_SUFFIXES):
        return ParquetSource(url, part_rows)
    if low.endswith(JSONL_SUFFIXES):
        return JsonlSource(url)
    if "://" in url:  # a dataset folder in object storage
        return ParquetSource(url, part_rows)
    if Path(url).is_dir():
        folder = FolderSource(url)
        if not folder.files and any(p.suffix in PARQUET_SUFFIXES for p in Path(url).rglob("*")):
            return ParquetSource(url, part_rows)
        return folder
    raise BatchError(f"input {url}: expected a .jsonl file, a folder of .txt/.html files, or .parquet")


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

    fs, root = _fs(url)
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
    if _is_local(fs):
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
        self.fs, self.root = _fs(self.url)
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


def _exit_with_parent(parent: int) -> None:
    """A worker whose parent was killed (SIGKILL, out of memory) ends itself."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _worker_init(settings: Settings) -> None:
    # Ctrl-C and a stop signal sent to the whole process group are for the parent, which
    # keeps what is finished and then ends the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    logging.getLogger("quotes.nlp").setLevel(logging.ERROR)  # the parent already said which model
    process_nlp(settings)


def _worker_chunk(settings: Settings, chunk: list[dict[str, Any]], limits: Limits) -> list[Row]:
    return process_docs(process_nlp(settings), chunk, limits)


def _local_results(cfg: Config, settings: Settings, chunks: Iterator[list[dict[str, Any]]], limits: Limits):
    """Rows of each chunk, in input order: in this process for one worker, else
    from ``workers`` spawned processes (a few chunks in flight per worker, so the
    input is read as it is consumed)."""
    if cfg.workers == 1:
        nlp = process_nlp(settings)
        for chunk in chunks:
            yield process_docs(nlp, chunk, limits)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(cfg.workers, mp_context=multiprocessing.get_context("spawn"), initializer=_worker_init, initargs=(settings,))
    pending: deque = deque()
    ok = False
    try:
        for chunk in chunks:
            pending.append(pool.submit(_worker_chunk, settings, chunk, limits))
            if len(pending) >= 3 * cfg.workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
        ok = True
    finally:
        # Done, interrupted or failed: end the workers now (an idle one takes seconds
        # to exit by itself; an interrupted run must not finish the chunks in flight).
        for f in pending:
            f.cancel()
        for p in list((getattr(pool, "_processes", None) or {}).values()):
            p.kill()
        pool.shutdown(wait=ok, cancel_futures=True)


class _Terminated(KeyboardInterrupt):
    pass


def _on_sigterm(signum, frame):
    raise _Terminated()


def run(cfg: Config, stream=None) -> tuple[Stats, Sink]:
    """Run a batch; KeyboardInterrupt (Ctrl-C, SIGTERM) leaves a resumable output."""
    from quotes.nlp import choose_model

    stream = stream or sys.stderr
    base = Settings.from_env()
    settings = dataclasses.replace(base, workers=cfg.workers)  # torch threads: cores / workers unless QUOTES_TORCH_THREADS
    limits = Limits(
        max_chars=cfg.max_chars if cfg.max_chars is not None else base.max_chars,
        max_raw=max(base.max_body_bytes, cfg.max_chars or base.max_chars),
        timeout=cfg.timeout if cfg.timeout is not None else base.request_timeout,
        max_html_tags=base.max_html_tags,
    )
    if cfg.engine == "local" and cfg.workers > 1:
        choose_model(settings)  # a missing model fails here, once (and says which), before any worker starts
    if cfg.scheduler and cfg.engine != "dask":
        raise BatchError("--scheduler needs --engine dask")

    source = open_source(cfg.input, cfg.part_rows)
    sink = open_sink(cfg.output, cfg.part_rows, cfg.part_seconds)
    stats = Stats()
    t0 = time.monotonic()
    done = sink.open()
    total = source.count()
    todo_count = max(total - len(done), 0)
    if done:
        print(f"quotes batch: resuming {cfg.output}: {len(done)} documents already done", file=stream, flush=True)

    sink.begin()
    progress = Progress(todo_count, stream, cfg.log_every)
    previous = signal.signal(signal.SIGTERM, _on_sigterm) if _main_thread() else None
    try:
        if cfg.engine == "dask":
            from quotes import batch_dask

            batch_dask.run(cfg, source, sink, done, stats, progress, limits)
        else:
            chunks = (c for part in partitions(source, done, stats, cfg.part_rows) for c in chunked(part, cfg.chunk_docs, cfg.chunk_chars))
            for rows in _local_results(cfg, settings, chunks, limits):
                sink.write(rows)
                stats.add(rows)
                progress.update(len(rows), sum(r.words for r in rows), sum(1 for r in rows if r.error))
        sink.finish()
    except BaseException:
        sink.abort()
        raise
    finally:
        progress.close()
        stats.seconds = time.monotonic() - t0
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
    return stats, sink


def _main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


# -- the speaker summary -------------------------------------------------------------


def speaker_table(bodies: Iterable[dict]) -> tuple[list[dict[str, Any]], int]:
    """Speakers by number of attributions across every result: canonical name and
    kind; the role is the one most often given at their attributions. Also the
    number of attributions with no speaker."""
    counts: Counter = Counter()
    docs: dict[tuple[str, str], set] = {}
    roles: dict[tuple[str, str], Counter] = {}
    unattributed = 0
    for body in bodies:
        for a in body.get("attributions") or ():
            sp = a.get("speaker")
            if not sp:
                unattributed += 1
                continue
            # An unnamed source counts under its description: "(unnamed) White House spokesman".
            key = (sp["name"] or f"(unnamed) {sp.get('role') or sp['mention']['text']}", sp["kind"])
            counts[key] += 1
            docs.setdefault(key, set()).add(body.get("id"))
            if sp.get("role"):
                roles.setdefault(key, Counter())[sp["role"]] += 1
    table = []
    for (name, kind), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0].casefold(), kv[0][1])):
        role = roles.get((name, kind))
        table.append(
            {
                "speaker": name,
                "role": role.most_common(1)[0][0] if role else "",
                "kind": kind,
                "attributions": n,
                "documents": len(docs[(name, kind)]),
            }
        )
    return table, unattributed


def write_summary_csv(table: list[dict[str, Any]], path: str) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=["speaker", "role", "kind", "attributions", "documents"])
        w.writeheader()
        w.writerows(table)


def format_table(table: list[dict[str, Any]], top: int) -> str:
    rows = table[:top] if top else table
    head = ("#", "speaker", "role", "kind", "attributions", "documents")
    cells = [[str(i), r["speaker"], r["role"], r["kind"], str(r["attributions"]), str(r["documents"])] for i, r in enumerate(rows, start=1)]
    widths = [max([len(h)] + [len(c[k]) for c in cells]) for k, h in enumerate(head)]
    right = {0, 4, 5}

    def fmt(c):
        return "  ".join(x.rjust(w) if k in right else x.ljust(w) for k, (x, w) in enumerate(zip(c, widths))).rstrip()

    return "\n".join([fmt(head), fmt(["-" * w for w in widths])] + [fmt(c) for c in cells])


def summary_path(output: str) -> str:
    out = output.rstrip("/")
    for suffix in (*PARQUET_SUFFIXES, ".jsonl", ".ndjson", ".json"):
        if out.lower().endswith(suffix):
            out = out[: -len(suffix)]
            break
    return out + ".speakers.csv"


# -- the command ---------------------------------------------------------------------


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "input", help="a .jsonl file ({id, text, format?} per line), a folder of .txt/.html files, or .parquet (id, text columns)"
    )
    p.add_argument("output", help="a .jsonl file, or a .parquet directory of part files; rerun the same command to resume")
    p.add_argument("--workers", type=int, default=1, help="processes (local engine) or local cluster workers (dask engine); default 1")
    p.add_argument("--engine", choices=("local", "dask"), default="local", help="local processes (default) or Dask distributed")
    p.add_argument("--scheduler", help="Dask scheduler address (tcp://host:8786); without it --engine dask starts a local cluster")
    p.add_argument("--timeout", type=float, help="seconds a document's parse may take (default QUOTES_REQUEST_TIMEOUT)")
    p.add_argument("--max-chars", type=int, help="characters a document may have (default QUOTES_MAX_CHARS)")
    p.add_argument("--chunk", type=int, default=16, help="documents per Stanza bulk call (default 16)")
    p.add_argument("--part-rows", type=int, default=1000, help="rows per Parquet part file and per Dask partition (default 1000)")
    p.add_argument("--summary", action="store_true", help="print the speakers by number of attributions and write them as CSV")
    p.add_argument("--summary-csv", help="where the summary CSV goes (default OUTPUT's name with .speakers.csv)")
    p.add_argument("--top", type=int, default=25, help="speakers shown in the printed summary (0: all; the CSV has all)")
    p.add_argument("--log-every", type=float, default=30.0, help="seconds between progress lines when not on a terminal")
    p.add_argument("--report", help="write the run's figures (documents, failed, words, seconds) as JSON to this file")


def main(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for name, value in (("--workers", args.workers), ("--chunk", args.chunk), ("--part-rows", args.part_rows)):
        if value < 1:
            print(f"quotes: {name} must be at least 1", file=sys.stderr)
            return 1
    cfg = Config(
        input=args.input,
        output=args.output,
        engine=args.engine,
        workers=args.workers,
        scheduler=args.scheduler,
        chunk_docs=args.chunk,
        part_rows=args.part_rows,
        timeout=args.timeout,
        max_chars=args.max_chars,
        log_every=args.log_every,
    )
    try:
        stats, sink = run(cfg)
    except BatchError as exc:
        print(f"quotes: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"quotes batch: interrupted; what was done is in {args.output}: rerun the same command to resume", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenProcessPool:
        print(
            f"quotes batch: a worker process died (out of memory?); what was done is in {args.output}: rerun the same command to resume",
            file=sys.stderr,
        )
        return 1
    rate = stats.documents / stats.seconds if stats.seconds else 0.0
    errors = ", ".join(f"{k} {v}" for k, v in sorted(stats.errors.items()))
    print(
        f"quotes batch: {stats.documents} documents ({stats.failed} failed{': ' + errors if errors else ''}), "
        f"{stats.skipped} already done, {stats.words:,} words in {stats.seconds:.1f} s "
        f"({rate:.2f} docs/s, {stats.words / stats.seconds if stats.seconds else 0:,.0f} words/s); output: {args.output}",
        file=sys.stderr,
    )
    if args.report:
        report = {k: v for k, v in dataclasses.asdict(stats).items() if k != "errors"}
        report.update(errors=dict(stats.errors), engine=cfg.engine, workers=cfg.workers)
        Path(args.report).write_text(json.dumps(report) + "\n", encoding="utf-8")
    if args.summary:
        table, unattributed = speaker_table(sink.bodies())
        path = args.summary_csv or summary_path(args.output)
        write_summary_csv(table, path)
        print(format_table(table, args.top))
        print(f"({len(table)} speakers, {unattributed} attributions without a speaker; CSV: {path})")
    return 0
