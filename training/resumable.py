"""Shared pieces of the resumable training loops: atomic checkpoints, RNG state, time budget, logging."""

from __future__ import annotations

import argparse
import logging
import os
import random
import signal
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch

logger = logging.getLogger("stanza")


OUR_FLAGS = {"--extend"}  # ours without a value


def split_argv(argv: list[str], ours: set[str]) -> tuple[list[str], list[str]]:
    """Separate this recipe's options (named in ``ours``) from Stanza's own."""
    mine: list[str] = []
    rest: list[str] = []
    it = iter(argv)
    for item in it:
        name = item.split("=", 1)[0]
        if name in ours:
            mine.append(item)
            if "=" not in item and name not in OUR_FLAGS:
                mine.append(next(it))
        else:
            rest.append(item)
    return mine, rest


def rng_state() -> dict[str, Any]:
    return {"python": random.getstate(), "numpy": np.random.get_state(), "torch": torch.get_rng_state()}


def set_rng_state(state: dict[str, Any]) -> None:
    random.setstate(state["python"])
    np.random.set_state(state["numpy"])
    torch.set_rng_state(state["torch"])


def save_checkpoint(path: Path, payload: dict[str, Any]) -> None:
    """Write to a temporary file and rename, so an interruption never leaves half a checkpoint."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    torch.save(payload, tmp)
    os.replace(tmp, path)
    logger.info("checkpoint saved to %s at step %d", path, payload.get("global_step", -1))


def load_checkpoint(path: Path) -> dict[str, Any] | None:
    if not path.exists():
        return None
    # our own file (optimizer states, numpy RNG state): not loadable with weights_only
    return torch.load(path, map_location="cpu", weights_only=False)


class StopFlag:
    """Set by SIGTERM/SIGINT or when the time budget runs out: the loop checkpoints and exits cleanly."""

    def __init__(self, max_minutes: float | None) -> None:
        self.deadline = time.time() + max_minutes * 60 if max_minutes else None
        self.signalled = False
        signal.signal(signal.SIGTERM, self._handler)
        signal.signal(signal.SIGINT, self._handler)

    def _handler(self, signum: int, frame: object) -> None:
        del frame
        logger.info("signal %d: stopping at the next step, after a checkpoint", signum)
        self.signalled = True

    def __bool__(self) -> bool:
        return self.signalled or (self.deadline is not None and time.time() > self.deadline)


def set_threads(n: int | None) -> None:
    if n:
        torch.set_num_threads(n)


# The wrappers' own options; everything else goes to Stanza's trainer.
WRAPPER_OPTIONS = {"--checkpoint", "--checkpoint_every", "--max_minutes", "--threads", "--extend", "--set_lr"}


def wrapper_args(argv: list[str]) -> tuple[argparse.Namespace, list[str]]:
    """The resumable wrappers' options (parsed, threads set) and the rest of ``argv`` for Stanza."""
    mine, rest = split_argv(argv, WRAPPER_OPTIONS)
    p = argparse.ArgumentParser()
    p.add_argument("--checkpoint", type=Path, required=True)
    p.add_argument("--checkpoint_every", type=int, default=None, help="steps; default: every dev evaluation")
    p.add_argument("--max_minutes", type=float, default=None)
    p.add_argument("--threads", type=int, default=None)
    p.add_argument("--extend", action="store_true", help="continue a finished run (with a larger step limit)")
    p.add_argument("--set_lr", type=float, default=None,
                   help="learning rate of every optimizer after resuming (anneal a run that has stalled at its first rate)")
    opts = p.parse_args(mine)
    set_threads(opts.threads)
    return opts, rest
