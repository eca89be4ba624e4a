"""The cyclic garbage collector held off while a document is flattened and extracted.

Flattening and extraction allocate tens of thousands of small objects per article (tokens,
lists, tuples) and free them by reference counting: they make no reference cycles that need the
collector. Yet every 700 allocations CPython runs it, and its older generations walk every object
of the parsed Stanza document still alive: 10-15 % of extraction's time for nothing
(``bench/speed.py``). The collector runs as usual once the call returns.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
R = TypeVar("R")


def collector_paused(fn: Callable[P, R]) -> Callable[P, R]:
    """Run ``fn`` with the cyclic collector off, then on again if it was on.

    Thread-safe in effect: only a call that found the collector on turns it back on, so it
    never stays off after every call has returned; a call running alongside another may run
    with it on, which only costs time."""

    @wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        was_on = gc.isenabled()
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            if was_on:
                gc.enable()

    return wrapper
