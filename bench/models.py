"""Two Stanza model directories side by side: size, bare-pipeline words/s and where the time goes.

    python bench/models.py OLD_DIR NEW_DIR [--docs 20] [--repeats 2] [--threads 1]
    python bench/models.py quotes/models/stanza-en training/runs/stanza-en      # shipped model against a new build

Both pipelines are built the way the service builds them (``quotes.common.nlp.build_pipeline``:
the same fast tree decoder and batching speedups for both), loaded in this one process, and
parse the same PolNeAR dev articles one document at a time, alternating old/new per repeat so
that a busy machine slows both alike; the best repeat counts. Per processor seconds come from
timing each processor's ``process``. Prints a table, the new/old ratio, and one JSON line.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.speed import read_texts  # noqa: E402


def dir_size_mb(root: Path) -> float:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file()) / 1e6


def load(root: Path, threads: int):
    from quotes.common.nlp import ModelChoice, build_pipeline, check_dir

    root = root.resolve()
    return build_pipeline(ModelChoice("bench", str(root), check_dir(root)), threads)


def timed_run(pipe, texts: list[str]) -> tuple[float, dict[str, float]]:
    """Wall seconds for parsing ``texts`` one by one, and seconds inside each processor."""
    spent: dict[str, float] = {}
    originals = {}
    for name, proc in pipe.processors.items():
        originals[name] = proc.process

        def wrapped(doc, _name=name, _orig=proc.process):
            t0 = time.perf_counter()
            try:
                return _orig(doc)
            finally:
                spent[_name] = spent.get(_name, 0.0) + time.perf_counter() - t0

        proc.process = wrapped
    try:
        t0 = time.perf_counter()
        for text in texts:
            pipe(text)
        return time.perf_counter() - t0, spent
    finally:
        for name, proc in pipe.processors.items():
            proc.process = originals[name]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old", type=Path)
    ap.add_argument("new", type=Path)
    ap.add_argument("--texts", default=str(ROOT.parent / "shared" / "bench" / "polnear-dev.jsonl"))
    ap.add_argument("--docs", type=int, default=20)
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--threads", type=int, default=1, help="torch threads (a service worker has 1)")
    args = ap.parse_args(argv)

    texts = read_texts(args.texts, args.docs)
    words = sum(len(t.split()) for t in texts)  # whitespace words, as the peer benchmark counts them
    pipes = {"old": load(args.old, args.threads), "new": load(args.new, args.threads)}
    for pipe in pipes.values():  # warm-up
        pipe(texts[0])
    best: dict[str, tuple[float, dict[str, float]]] = {}
    for _ in range(args.repeats):
        for key, pipe in pipes.items():
            run = timed_run(pipe, texts)
            if key not in best or run[0] < best[key][0]:
                best[key] = run

    procs = list(pipes["old"].processors)
    print(f"{len(texts)} documents, {words:,} words, {args.threads} torch thread(s), best of {args.repeats}")
    print(f"{'model':5} {'dir':45} {'MB':>6} {'words/s':>8} " + " ".join(f"{p:>9}" for p in procs))
    out: dict[str, dict] = {}
    for key, root in (("old", args.old), ("new", args.new)):
        wall, spent = best[key]
        out[key] = {"dir": str(root), "mb": round(dir_size_mb(root), 2), "words_per_s": round(words / wall, 1)}
        out[key]["seconds"] = {p: round(spent.get(p, 0.0), 2) for p in procs}
        cells = " ".join(f"{spent.get(p, 0.0):>8.2f}s" for p in procs)
        print(f"{key:5} {str(root)[-45:]:45} {out[key]['mb']:>6.2f} {out[key]['words_per_s']:>8.1f} {cells}")
    ratio = out["new"]["words_per_s"] / out["old"]["words_per_s"]
    print(f"new/old words/s: {ratio:.2f}x")
    out["ratio"] = round(ratio, 3)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
