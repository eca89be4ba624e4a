"""The local engine of an archive batch: ``--workers N`` processes, each with one pipeline, fed
chunks of documents parsed in one Stanza bulk call; and :func:`run`, which runs a batch with
either engine and leaves a resumable output when interrupted."""

from __future__ import annotations

import dataclasses
import logging
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator
from typing import Any

from quotes.batch.documents import BatchError, Limits, Row, chunked, process_docs, process_nlp
from quotes.batch.plan import Config, partitions
from quotes.batch.progress import Progress, Stats
from quotes.batch.sinks import Sink, open_sink
from quotes.batch.sources import open_source
from quotes.common.settings import Settings

log = logging.getLogger("quotes.batch")


# -- the local engine ----------------------------------------------------------------


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
    from quotes.common.nlp import choose_model

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
            from quotes.batch import dask_engine

            dask_engine.run(cfg, source, sink, done, stats, progress, limits)
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
