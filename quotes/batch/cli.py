"""``quotes batch INPUT OUTPUT``: the command's arguments, its run and its exit status."""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import sys
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from quotes.batch.documents import BatchError
from quotes.batch.plan import Config
from quotes.batch.runner import run
from quotes.batch.summary import format_table, speaker_table, summary_path, write_summary_csv

log = logging.getLogger("quotes.batch")

EXIT_INTERRUPTED = 130


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
