"""A per-request time limit that really stops the work, and leaves the process usable.

A Python thread cannot be killed, and a worker thread left parsing after a
timeout would hold the one pipeline for the next request. Instead the limit is
cooperative but fine-grained: a global torch forward pre-hook checks the
calling thread's deadline before every module call of every Stanza model, so a
parse over time raises :class:`DeadlineExceeded` within one batch of one
processor; callers also :func:`check` between documents. The exception unwinds
through Stanza like any other error, so the pipeline stays fit for the next
request.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

_local = threading.local()
_hook_lock = threading.Lock()
_hooked = False


class DeadlineExceeded(TimeoutError):
    """The work ran past its deadline and was abandoned."""


def check() -> None:
    """Raise DeadlineExceeded when this thread's deadline has passed."""
    at = getattr(_local, "at", None)
    if at is not None and time.monotonic() > at:
        raise DeadlineExceeded(f"time limit passed {time.monotonic() - at:.2f} s ago")


def remaining() -> float | None:
    """Seconds left before this thread's deadline (None: no deadline)."""
    at = getattr(_local, "at", None)
    return None if at is None else at - time.monotonic()


def _pre_forward(module, args) -> None:
    check()


def _install_hook() -> None:
    global _hooked
    with _hook_lock:
        if not _hooked:
            from torch.nn.modules.module import register_module_forward_pre_hook

            register_module_forward_pre_hook(_pre_forward)
            _hooked = True


@contextmanager
def deadline(at: float | None) -> Iterator[None]:
    """Run the body under a deadline (a ``time.monotonic()`` value; None: no limit)."""
    if at is not None:
        _install_hook()
    previous = getattr(_local, "at", None)
    _local.at = at
    try:
        check()
        yield
    finally:
        _local.at = previous
