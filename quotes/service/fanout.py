"""Batch fan-out: one batch request's documents parsed on more than one core.

A gunicorn worker parses one request at a time with one torch thread, and more
torch threads do not help this small model (``bench/speed.py``: 2 threads cut the
service's throughput). A batch from a single client would then keep one core busy
and leave the others idle. So each worker forks ``QUOTES_BATCH_HELPERS`` helper
processes when it starts, before it has any thread, sharing the model it already
holds; a batch is split by length between the worker and its helpers, which parse
and extract their share and send back :class:`~quotes.engine.model.Result` objects.

A single document leaves the worker only when the worker is parsing already and a
helper is idle (two requests accepted by the same worker). A helper that dies (killed,
out of memory) breaks the pool: the worker then parses everything itself, logs it once,
and gets new helpers when gunicorn recycles it (``QUOTES_MAX_REQUESTS``); forking again
from a worker that runs threads would not be safe. Helpers end with their worker,
however it ends.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

from quotes.common import memory
from quotes.engine.model import Result

log = logging.getLogger("quotes.fanout")

_nlp = None  # the worker's pipeline, inherited by its helpers through fork


@dataclass(frozen=True)
class Share:
    """What a helper sends back: its parse time and one result per text."""

    parse_ms: float
    results: tuple[Result, ...]


def _helper_init(worker_pid: int) -> None:
    import torch

    torch.set_num_threads(1)
    _plain_signals()
    _die_with(worker_pid)


def _plain_signals() -> None:
    """Forked from a gunicorn worker, a helper inherits its signal handlers, and the worker's
    SIGTERM handler only asks the worker's loop to stop: a helper would outlive a killed
    worker. Helpers take the defaults (SIGTERM ends them) and no wake-up pipe."""
    import signal

    for sig in signal.valid_signals():
        try:
            if callable(signal.getsignal(sig)):
                signal.signal(sig, signal.SIG_DFL)
        except (OSError, ValueError):
            pass
    signal.set_wakeup_fd(-1)


def _die_with(worker_pid: int) -> None:
    """A worker that dies, however (SIGKILL, out of memory), takes its helpers with it:
    PR_SET_PDEATHSIG on Linux; a helper also checks that its worker did not die before."""
    import ctypes
    import signal

    try:
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != worker_pid:
        os._exit(0)


def _work(texts: list[str], deadline_at: float | None) -> Share:
    """In a helper: parse and extract ``texts`` (DeadlineExceeded and parser errors go back to the worker)."""
    from quotes.engine.extract import extract_stanza

    assert _nlp is not None, "helper without a pipeline"
    t0 = time.perf_counter()
    docs = _nlp.parse_many(texts, deadline_at)
    parse_ms = round((time.perf_counter() - t0) * 1000, 1)
    results = tuple(extract_stanza(doc, text) for doc, text in zip(docs, texts))
    del docs
    memory.release()
    return Share(parse_ms, results)


class Helpers:
    """The helper processes of one worker."""

    def __init__(self, nlp, count: int):
        global _nlp
        _nlp = nlp
        self.count = count
        self.broken = False
        self.groups_sent = 0
        self._pending: set[Future] = set()  # shares submitted, maybe finished
        self._lock = threading.Lock()  # the worker's request threads share this object
        self._pool = ProcessPoolExecutor(
            count, mp_context=multiprocessing.get_context("fork"), initializer=_helper_init, initargs=(os.getpid(),)
        )
        # With fork, the pool forks all its processes at the first submit: now, while the
        # worker has one thread. The warm-up also prepares the helpers' torch kernels.
        for future in [self._pool.submit(_work, ["He said it works."], None) for _ in range(count)]:
            future.result(timeout=120)

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self._pool._processes.values()]  # noqa: SLF001 - for tests and the benchmark

    def split(self, texts: list[str], worker_busy: bool = False) -> list[list[int]]:
        """Indexes of ``texts`` per process, the worker's share first (it may be empty), then
        one share per helper. Several documents are balanced by length. A single document
        stays with the worker unless the worker's pipeline is busy and a helper is idle:
        gunicorn's workers race to accept connections, so two requests often land on one
        worker while the other core is free."""
        if self.broken or not texts:
            return [list(range(len(texts)))]
        if len(texts) == 1:
            return [[], [0]] if worker_busy and self.idle else [[0]]
        groups: list[list[int]] = [[] for _ in range(self.count + 1)]
        sizes = [0] * len(groups)
        for i in sorted(range(len(texts)), key=lambda i: -len(texts[i])):  # longest first
            g = sizes.index(min(sizes))
            groups[g].append(i)
            sizes[g] += len(texts[i])
        return [sorted(groups[0])] + [sorted(g) for g in groups[1:] if g]

    @property
    def idle(self) -> bool:
        """Has some helper nothing to do? (A future is done before its waiter wakes.)"""
        with self._lock:
            self._pending = {f for f in self._pending if not f.done()}
            return len(self._pending) < self.count

    def submit(self, texts: list[str], deadline_at: float | None) -> Future | None:
        """A helper's share, or None when the pool is broken."""
        if self.broken:
            return None
        try:
            future = self._pool.submit(_work, texts, deadline_at)
        except RuntimeError:  # BrokenProcessPool, or shut down
            self._mark_broken()
            return None
        with self._lock:
            self._pending.add(future)
            self.groups_sent += 1
        return future

    def _mark_broken(self) -> None:
        if not self.broken:
            self.broken = True
            log.error("a batch helper process died; this worker parses batches alone until it is recycled")

    def collect(self, future: Future, deadline_at: float | None) -> Share | None:
        """The helper's share; None when the helper broke (the caller parses it itself).
        DeadlineExceeded and the parser's own errors are raised."""
        from concurrent.futures.process import BrokenProcessPool

        from quotes.common.deadline import DeadlineExceeded

        # The helper stops itself at the deadline; the grace covers sending the share back.
        wait = None if deadline_at is None else max(0.0, deadline_at - time.monotonic()) + 5.0
        try:
            return future.result(timeout=wait)
        except BrokenProcessPool:
            self._mark_broken()
            return None
        except DeadlineExceeded:
            raise
        except TimeoutError as exc:  # the helper did not answer in time either
            raise DeadlineExceeded("a batch helper did not answer before the time limit") from exc

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)


_helpers: Helpers | None = None


def start(nlp, count: int) -> Helpers | None:
    """Fork ``count`` helpers for this process (call it while the process has one thread)."""
    global _helpers
    if count > 0 and nlp.ready:
        _helpers = Helpers(nlp, count)
    return _helpers


def current() -> Helpers | None:
    return _helpers


def stop() -> None:
    global _helpers
    if _helpers is not None:
        _helpers.shutdown()
        _helpers = None
