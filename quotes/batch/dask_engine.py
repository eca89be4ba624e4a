"""``quotes batch --engine dask``: the same job on a Dask distributed cluster.

Each worker process loads the pipeline once, when it joins (the
:class:`PipelinePlugin` worker plugin, which also covers workers added later),
and keeps it in :func:`quotes.batch.documents.process_nlp`'s per-process cache. A task is
one partition: up to ``--part-rows`` documents, parsed in bulk chunks of
``--chunk``. Parquet input is read by the workers themselves (each task gets a
file and row-group slices, opened through fsspec, so ``s3://``, ``gs://`` and
``abfs://`` URLs work where their fsspec package is installed); JSONL and folder
input are read here and sent in partitions. A Parquet output is written by the
workers, one part file per task, all or nothing; JSONL rows come back here and
are appended like the local engine's. Resuming works as with the local engine:
the ids already in the output are sent once to every worker and skipped.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import os
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from typing import Any

from distributed import WorkerPlugin

from quotes.batch.documents import BatchError, Limits, chunked, process_docs, process_nlp
from quotes.batch.plan import Config, partitions
from quotes.batch.progress import Progress, Stats
from quotes.batch.sinks import Sink, write_part
from quotes.batch.sources import ParquetPart, ParquetSource, Source, read_part
from quotes.common import memory
from quotes.common.settings import Settings

log = logging.getLogger("quotes.batch")


def worker_settings(worker=None) -> Settings:
    """The worker's own settings (its environment says where its model is); torch
    threads: QUOTES_TORCH_THREADS, else the worker's thread count (Dask starts its
    workers with OMP_NUM_THREADS=1 and runs one task per thread)."""
    base = Settings.from_env()
    if base.torch_threads:
        return base
    try:
        if worker is None:
            from distributed import get_worker

            worker = get_worker()
        nthreads = worker.state.nthreads
    except Exception:  # not on a worker
        nthreads = 1
    return dataclasses.replace(base, torch_threads=max(1, nthreads))


def heap_for_tensors() -> bool:
    """Undo, in this worker process, the cost of Dask's ``MALLOC_TRIM_THRESHOLD_``.

    The nanny starts workers with ``MALLOC_TRIM_THRESHOLD_=65536`` (so freed memory
    goes back to the system). Setting it also turns off glibc's sliding mmap
    threshold, so every tensor buffer over 128 KiB is a fresh mmap with its page
    faults: parsing ran about 20 % slower. The thresholds glibc would reach by itself
    (mmap 32 MiB, trim twice that) bring the speed back; memory stays bounded, as the
    pipeline's working set is the same from one chunk to the next."""
    if "MALLOC_TRIM_THRESHOLD_" not in os.environ:
        return False
    return memory.set_thresholds(32 << 20, 64 << 20)


class PipelinePlugin(WorkerPlugin):
    """Loads the pipeline once in each worker process, off the worker's event loop."""

    name = "quotes-pipeline"

    async def setup(self, worker) -> None:
        heap_for_tensors()
        logging.getLogger("quotes.nlp").setLevel(logging.ERROR)
        settings = worker_settings(worker)
        await asyncio.get_running_loop().run_in_executor(None, process_nlp, settings)


def process_partition(
    part: ParquetPart | list[dict[str, Any]],
    done: frozenset[str],
    *,
    chunk_docs: int,
    chunk_chars: int,
    limits: Limits,
    out_url: str | None,
    part_name: str | None,
) -> dict[str, Any]:
    """One task: read the partition (Parquet) or take its documents, skip those
    done, parse the rest in bulk chunks, write one part file (Parquet output) or
    return the rows (JSONL output)."""
    docs = read_part(part) if isinstance(part, ParquetPart) else part
    todo = [d for d in docs if d["id"] not in done]
    nlp = process_nlp(worker_settings())
    rows = []
    for chunk in chunked(todo, chunk_docs, chunk_chars):
        rows.extend(process_docs(nlp, chunk, limits))
    out: dict[str, Any] = {
        "skipped": len(docs) - len(todo),
        "documents": len(rows),
        "words": sum(r.words for r in rows),
        "errors": Counter(r.error for r in rows if r.error),
    }
    if out_url is not None:
        if rows:
            write_part(out_url, part_name, rows)
    else:
        out["rows"] = rows
    return out


def load_pipelines(client) -> bool:
    """Register :class:`PipelinePlugin`: every worker loads the pipeline now, and every worker
    that joins later (a nanny's replacement for one that died, a worker added to the cluster)
    when it joins. True when every worker answered.

    The scheduler stores the plugin before it sends it to the workers, so a worker that dies
    while loading (killed, out of memory: the broadcast fails with ``CommClosedError``) costs
    nothing: its replacement gets the plugin when it joins, and a task on a worker without the
    pipeline loads it itself (:func:`process_partition`). Only the plugin's own failures (a broken
    model: ``ModelError``) end the run. Not retried: a second broadcast would load the pipeline
    again, concurrently, in a replacement already loading it."""
    from distributed.comm import CommClosedError

    try:
        client.register_plugin(PipelinePlugin(), name=PipelinePlugin.name)
    except (CommClosedError, OSError, TimeoutError) as exc:  # a worker lost, not a plugin failure
        log.warning(
            "a Dask worker was lost while loading the pipeline (%s: %s); its tasks run on the others or its replacement",
            type(exc).__name__,
            exc,
        )
        return False
    return True


def _client(cfg: Config):
    from distributed import Client, LocalCluster

    if cfg.scheduler:
        return Client(cfg.scheduler), None
    logging.getLogger("distributed").setLevel(logging.ERROR)  # the scheduler runs in this process: keep its chatter out
    cluster = LocalCluster(
        n_workers=cfg.workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    return Client(cluster), cluster


def run(cfg: Config, source: Source, sink: Sink, done: set[str], stats: Stats, progress: Progress, limits: Limits) -> None:
    from distributed import as_completed

    t0 = time.monotonic()
    client, cluster = _client(cfg)
    futures: set = set()
    t1 = t2 = t0
    try:
        load_pipelines(client)
        t1 = t2 = time.monotonic()  # the cluster is up and every worker has its pipeline
        run_id = getattr(sink, "run", None) or uuid.uuid4().hex[:12]
        out_url = sink.url if sink.kind == "parquet" else None

        parts: Iterator[ParquetPart | list[dict[str, Any]]]
        on_workers = isinstance(source, ParquetSource)
        if on_workers:  # the workers read it, and skip what is done
            parts = iter(source.parts)
            done_ref: Any = client.scatter([frozenset(done)], broadcast=True)[0] if done else frozenset()
        else:  # read here, what is done skipped here
            parts = partitions(source, done, stats, cfg.part_rows)
            done_ref = frozenset()

        queue = as_completed()
        index = 0

        def submit() -> bool:
            nonlocal index
            part = next(parts, None)
            if part is None:
                return False
            fut = client.submit(
                process_partition,
                part,
                done_ref,
                chunk_docs=cfg.chunk_docs,
                chunk_chars=cfg.chunk_chars,
                limits=limits,
                out_url=out_url,
                part_name=sink.part_name(index) if out_url else None,
                key=f"quotes-batch-{run_id}-{index}",
                pure=False,
            )
            index += 1
            futures.add(fut)
            queue.add(fut)
            return True

        def fill() -> None:
            """Every Parquet partition at once (a few bytes each: the scheduler balances
            them, over workers that join later too); documents read here, a couple of
            partitions per worker thread, so the input is read as it is used."""
            while on_workers or len(futures) < 2 * max(1, sum(client.nthreads().values())):
                if not submit():
                    return

        fill()
        for fut in queue:
            try:
                res = fut.result()
            except Exception as exc:
                raise BatchError(f"a Dask task failed ({type(exc).__name__}: {exc}); rerun the same command to resume") from exc
            if "rows" in res:
                sink.write(res["rows"])
            stats.skipped += res["skipped"]
            stats.documents += res["documents"]
            stats.words += res["words"]
            stats.failed += sum(res["errors"].values())
            stats.errors.update(res["errors"])
            progress.update(res["documents"], res["words"], sum(res["errors"].values()))
            futures.discard(fut)
            fill()
        t2 = time.monotonic()
    finally:
        if futures:
            client.cancel(list(futures))
        client.close()
        if cluster is not None:
            cluster.close()
        stats.phases = {"start": round(t1 - t0, 2), "work": round(t2 - t1, 2), "stop": round(time.monotonic() - t2, 2)}
