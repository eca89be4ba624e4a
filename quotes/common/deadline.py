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

import re
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


# -- work that no hook can stop must be bounded instead --------------------------------------
#
# Stanza's tokenizer runs an e-mail/URL regular expression over each paragraph, in pure
# Python between model calls (so no deadline check), and that expression backtracks: a
# stretch of n characters with no space costs O(n^2) (40,000 apostrophes: 17 s; 200,000:
# minutes, past any time limit). A match never holds whitespace, so the same expression run
# on each whitespace-free stretch finds the same e-mails and URLs; stretches longer than
# MAX_REGEX_RUN characters (no real address is that long) are left to the neural tokenizer.
MAX_REGEX_RUN = 300
_RUN = re.compile(r"\S+")
_bounded = False
stanza_update_pred_regex = None  # Stanza's own function, kept for comparison


def _bounded_update_pred_regex(raw, pred):
    """``stanza.models.tokenization.utils.update_pred_regex``, over bounded stretches."""
    from stanza.models.tokenization.utils import MASK_RE, find_spans

    for span_begin, span_end in find_spans(raw):
        text = "".join(raw[span_begin:span_end])
        for run in _RUN.finditer(text):
            if run.end() - run.start() > MAX_REGEX_RUN:
                continue
            for match in MASK_RE.finditer(run.group()):
                begin = span_begin + run.start() + match.start()
                end = span_begin + run.start() + match.end()
                for char in range(begin, end - 1):  # as Stanza: no split inside, a word split at the end
                    pred[char] = 0
                if pred[end - 1] == 0:
                    pred[end - 1] = 1
    return pred


def _bound_tokenizer_regex() -> None:
    global _bounded, stanza_update_pred_regex
    with _hook_lock:
        if not _bounded:
            from stanza.models.tokenization import utils

            stanza_update_pred_regex = utils.update_pred_regex
            utils.update_pred_regex = _bounded_update_pred_regex
            _bounded = True


@contextmanager
def deadline(at: float | None) -> Iterator[None]:
    """Run the body under a deadline (a ``time.monotonic()`` value; None: no limit)."""
    _bound_tokenizer_regex()
    if at is not None:
        _install_hook()
    previous = getattr(_local, "at", None)
    _local.at = at
    try:
        check()
        yield
    finally:
        _local.at = previous
