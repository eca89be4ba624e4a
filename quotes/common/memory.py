"""Process memory of the gunicorn workers: keep what the master loaded shared, and
give back what a request used.

Measured with ``bench/speed.py`` (two workers, preload): without these a worker's
private memory grew to 240-480 MiB, 75 % of its RSS, so a second worker cost almost
as much as the first. Three causes, three remedies:

- the cyclic garbage collector writes to every object it scans, so a worker's first
  full collection copies the master's pages (the model, the app): :func:`freeze`
  before forking moves them out of its reach (``gc.freeze``, Python's advice for
  pre-fork servers);
- glibc gives each thread that allocates its own arena (up to 8 per core), and
  gthread workers have several threads: :func:`limit_arenas` caps them;
- freed parse buffers stay in those arenas: :func:`trim` returns them to the
  system after each parsing request (1-5 ms, after the response is sent). A parsed
  Stanza document links its words, tokens and sentences both ways, so it is freed only
  by the cyclic collector: :func:`release` runs a collection first (about 3 ms after a
  news article; only objects made since the freeze are scanned), then trims. Without
  it a helper's private memory after 24 articles was 73 MiB instead of 34.

The malloc functions are glibc's; elsewhere (musl, macOS) they do nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from functools import cache

# mallopt parameters, from glibc's malloc.h
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD, M_ARENA_MAX = -1, -3, -8


@cache
def _libc():
    """glibc, or None where malloc is someone else's."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name)
        libc.mallopt  # noqa: B018 - only glibc has both
        libc.malloc_trim  # noqa: B018
    except (OSError, AttributeError, TypeError):
        return None
    return libc


def freeze() -> None:
    """Collect now, then keep every live object out of later collections."""
    gc.collect()
    gc.freeze()


def limit_arenas(n: int) -> bool:
    """At most ``n`` malloc arenas in this process and its children (0: glibc's default).
    True when applied. Call before threads start allocating."""
    libc = _libc()
    if n <= 0 or libc is None:
        return False
    return bool(libc.mallopt(M_ARENA_MAX, n))


def set_thresholds(mmap_bytes: int, trim_bytes: int) -> bool:
    """Fixed mmap and trim thresholds (which also stops glibc's sliding mmap threshold); True when applied."""
    libc = _libc()
    return libc is not None and bool(libc.mallopt(M_MMAP_THRESHOLD, mmap_bytes) and libc.mallopt(M_TRIM_THRESHOLD, trim_bytes))


def release() -> bool:
    """After a parse: collect the cyclic garbage it left (its Stanza documents), then :func:`trim`."""
    gc.collect()
    return trim()


def trim() -> bool:
    """Give freed heap memory back to the system; True if some was."""
    libc = _libc()
    return bool(libc.malloc_trim(0)) if libc is not None else False
