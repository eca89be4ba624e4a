"""A bound on the work a worker process takes on: overload is answered with 503 at once.

Each gunicorn worker has one pipeline, used by one request at a time. With
``QUOTES_THREADS`` > 1 (gunicorn's gthread worker) a worker accepts more
connections than it can parse at once: the extra threads answer health checks
and cheap rejections while the pipeline is busy, and requests for the pipeline
wait for it. ``QUOTES_MAX_PENDING`` bounds how many may wait, in this worker:
one more gets ``503 overloaded`` with ``Retry-After`` within milliseconds,
instead of a queue (and a latency) that grows without limit. Waiting time also
counts towards ``QUOTES_REQUEST_TIMEOUT``.

The count is per process on purpose: it needs no shared state, and a worker
killed in the middle of a request takes its count with it.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from quotes.common.errors import ApiError


class Admission:
    """Requests of this process that are parsing, or waiting to parse."""

    def __init__(self, max_pending: int):
        self.max_pending = max_pending
        self._lock = threading.Lock()
        self.active = 0
        self._seconds: float | None = None  # moving average of a request's time in this stage, waiting included

    @property
    def busy(self) -> bool:
        return self.active > 0

    def retry_after(self) -> int:
        """Seconds until this worker's queue has moved on, roughly (1..60): the recent
        time of a request in this stage, which with a full queue is the wait for all of it."""
        return min(60, max(1, math.ceil(self._seconds or 1.0)))

    @contextmanager
    def slot(self) -> Iterator[None]:
        """Take part in the pipeline stage, or raise 503 when the queue is full."""
        with self._lock:
            if self.active > self.max_pending:  # one running + max_pending waiting
                seconds = self.retry_after()
                raise ApiError(
                    503,
                    "overloaded",
                    f"the service is busy ({self.max_pending} requests already wait in this worker, QUOTES_MAX_PENDING); "
                    f"retry in {seconds} s",
                    headers={"Retry-After": str(seconds)},
                )
            self.active += 1
        started = time.monotonic()
        try:
            yield
        finally:
            took = time.monotonic() - started
            with self._lock:
                self.active -= 1
                self._seconds = took if self._seconds is None else 0.8 * self._seconds + 0.2 * took
