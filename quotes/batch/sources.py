"""Where an archive batch's documents come from: a JSONL file, a folder of ``.txt`` /
``.html`` files, or Parquet (a file or a folder of files; local or any fsspec URL)."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quotes.batch.documents import BatchError, raw_doc

log = logging.getLogger("quotes.batch")

PARQUET_SUFFIXES = (".parquet", ".pq")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json", ".jsonl.gz", ".ndjson.gz")
TEXT_SUFFIXES = {".txt": "text", ".html": "html", ".htm": "html"}


# -- inputs ------------------------------------------------------------------------


def filesystem(url: str):
    """(fsspec filesystem, path) for a local path or any URL fsspec knows (s3://, gs://, …)."""
    from fsspec.core import url_to_fs

    return url_to_fs(url)


def is_local(fs) -> bool:
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
                yield raw_doc(f"line:{n}", error=f"line {n} is not a JSON object")
                continue
            doc_id = obj.get("id")
            yield raw_doc(f"line:{n}" if doc_id is None else doc_id, obj.get("text"), obj.get("format"))


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
                yield raw_doc(doc_id, error="the file is not UTF-8 text")
                continue
            yield raw_doc(doc_id, text, TEXT_SUFFIXES[p.suffix.lower()])


class ParquetSource(Source):
    """A Parquet file, or a folder of them (``_`` and ``.`` names left out), read
    through fsspec; ``id`` and ``text`` columns, ``format`` optional."""

    kind = "parquet"

    def __init__(self, url: str, part_rows: int = 1000):
        import pyarrow.parquet as pq

        self.fs, path = filesystem(url)
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

    fs, path = filesystem(part.url)
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
                out.append(raw_doc(f"row:{n}" if doc_id is None else doc_id, rec.get("text"), rec.get("format")))
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
