"""Throughput of ``quotes batch``: plain ``--workers 1`` and ``--workers 2``, then the
Dask engine on a local cluster (127.0.0.1) of 1 and 2 workers started by the run.

Usage (from the repository root)::

    python bench/batch.py [--data ../shared/bench/polnear-dev.jsonl] [--limit N]
                          [--part-rows 8] [--chunk 8] [--repeat N] [--threads-reference]

The articles are read from ``--data`` (PolNeAR dev by default; only ``id`` and
``text`` are used) and written once to a temporary Parquet file outside the
repository, so every configuration reads the same input the way a cluster does
(the Dask workers read their own row groups). Each configuration is a fresh
``python -m quotes.cli batch`` process with ``QUOTES_TORCH_THREADS=1`` (one torch
thread per worker process; the machine's cores are shared out by processes),
writing Parquet into the temporary directory. The figures are end to end: the
command's wall time, interpreter start, model loading in every worker and, for
Dask, starting and stopping the local cluster included; ``in-run`` is the time
the command itself measured from opening the input to the last row; for Dask the
engine's own phases too (cluster start and model loading, work, stop). ``CPU s`` is
the user + system time of the command and all its processes: on a machine shared
with other work it shows the engine's cost better than the wall clock does.
``--repeat N`` runs the configurations N times, interleaved, and keeps each one's
fastest run.

``--threads-reference`` adds ``--workers 1`` with torch's default threads (all
the cores in one process), to compare processes with threads.

Output: a table, the ratios (scaling from 1 to 2 workers per engine; the Dask
engine's time over plain ``--workers`` at the same count), a check that every
configuration (torch threads aside) produced the same results, and last one
JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "bench" / "polnear-dev.jsonl"


def load(path: Path, limit: int | None) -> list[dict]:
    docs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                d = json.loads(line)
                docs.append({"id": str(d["id"]), "text": d["text"]})
                if limit and len(docs) >= limit:
                    break
    return docs


def results(out: Path) -> dict[str, str]:
    """id -> the v1 JSON without its timings, to compare configurations."""
    import pyarrow.parquet as pq

    table = pq.read_table(out, columns=["id", "result"])
    rows = {}
    for i, r in zip(table.column("id").to_pylist(), table.column("result").to_pylist()):
        body = json.loads(r)
        body.get("meta", {}).pop("timings_ms", None)
        rows[i] = json.dumps(body, sort_keys=True)
    return rows


def run_one(name: str, src: Path, tmp: Path, extra: list[str], env: dict[str, str]) -> dict:
    out, report = tmp / f"{name}.parquet", tmp / f"{name}.report.json"
    shutil.rmtree(out, ignore_errors=True)  # a fresh run each time, never a resumed one
    cmd = [sys.executable, "-m", "quotes.cli", "batch", str(src), str(out), "--report", str(report), *extra]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    done = subprocess.run(cmd, env={**os.environ, **env}, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        sys.exit(f"{name} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    rep = json.loads(report.read_text())
    return {
        "name": name,
        "command": "quotes batch IN OUT " + " ".join(extra),
        "documents": rep["documents"],
        "failed": rep["failed"],
        "words": rep["words"],
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 1),
        "in_run_s": round(rep["seconds"], 2),
        "docs_per_s": round(rep["documents"] / wall, 3),
        "engine_phases_s": rep.get("phases") or None,
        "words_per_s": round(rep["words"] / wall, 1),
        "_out": out,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--limit", type=int, help="only the first N articles (a quick run)")
    ap.add_argument("--part-rows", type=int, default=8, help="documents per partition (Dask task, Parquet part) in every configuration")
    ap.add_argument("--chunk", type=int, default=8, help="documents per Stanza bulk call in every configuration")
    ap.add_argument("--threads-reference", action="store_true", help="also --workers 1 with torch's default threads")
    ap.add_argument("--repeat", type=int, default=1, help="run each configuration N times (interleaved) and keep the fastest")
    args = ap.parse_args()
    if not args.data.is_file():
        sys.exit(f"{args.data} is missing: the benchmark reads the dev articles from ../shared/bench")

    import pyarrow as pa
    import pyarrow.parquet as pq

    docs = load(args.data, args.limit)
    common = ["--part-rows", str(args.part_rows), "--chunk", str(args.chunk)]
    one = {"QUOTES_TORCH_THREADS": "1"}
    configs = [
        ("workers-1", ["--workers", "1", *common], one),
        ("workers-2", ["--workers", "2", *common], one),
        ("dask-1", ["--engine", "dask", "--workers", "1", *common], one),
        ("dask-2", ["--engine", "dask", "--workers", "2", *common], one),
    ]
    if args.threads_reference:
        configs.append(("workers-1-default-threads", ["--workers", "1", *common], {"QUOTES_TORCH_THREADS": "0"}))
    load_before = os.getloadavg()[0]
    print(
        f"{len(docs)} articles from {args.data.name}, {os.cpu_count()} cores, load average {load_before:.2f}"
        f"{' (other work is running: figures will be low)' if load_before > 0.5 else ''}",
        file=sys.stderr,
    )
    with tempfile.TemporaryDirectory(prefix="quotes-bench-batch-") as d:
        tmp = Path(d)
        src = tmp / "articles.parquet"
        pq.write_table(pa.table({"id": [x["id"] for x in docs], "text": [x["text"] for x in docs]}), src, row_group_size=args.part_rows)
        best: dict[str, dict] = {}
        for round_ in range(args.repeat):
            for name, extra, env in configs:
                print(f"running {name} ({round_ + 1}/{args.repeat}) …", file=sys.stderr, flush=True)
                r = run_one(f"{name}", src, tmp, extra, env)
                if name not in best or r["wall_s"] < best[name]["wall_s"]:
                    best[name] = r
                    shutil.rmtree(tmp / f"{name}-best.parquet", ignore_errors=True)
                    r["_out"] = r["_out"].rename(tmp / f"{name}-best.parquet")
        runs = [best[name] for name, _, _ in configs]
        reference = results(runs[0]["_out"])
        identical = {r["name"]: results(r["_out"]) == reference for r in runs[1:]}
    by = {r["name"]: r for r in runs}

    print(f"{'configuration':<27} {'docs':>5} {'words':>7} {'wall s':>7} {'in-run s':>8} {'CPU s':>6} {'docs/s':>7} {'words/s':>8}")
    for r in runs:
        phases = r["engine_phases_s"]
        print(
            f"{r['name']:<27} {r['documents']:>5} {r['words']:>7} {r['wall_s']:>7.1f} {r['in_run_s']:>8.1f} {r['cpu_s']:>6.1f} "
            f"{r['docs_per_s']:>7.2f} {r['words_per_s']:>8.0f}"
            + (f"   (start + models {phases['start']:.1f} s, work {phases['work']:.1f} s, stop {phases['stop']:.1f} s)" if phases else "")
        )
    ratios = {
        "scaling_workers_2_over_1": round(by["workers-2"]["docs_per_s"] / by["workers-1"]["docs_per_s"], 2),
        "scaling_dask_2_over_1": round(by["dask-2"]["docs_per_s"] / by["dask-1"]["docs_per_s"], 2),
        "dask_time_over_workers_1": round(by["dask-1"]["wall_s"] / by["workers-1"]["wall_s"], 2),
        "dask_time_over_workers_2": round(by["dask-2"]["wall_s"] / by["workers-2"]["wall_s"], 2),
        "dask_cpu_over_workers_1": round(by["dask-1"]["cpu_s"] / by["workers-1"]["cpu_s"], 2),
        "dask_cpu_over_workers_2": round(by["dask-2"]["cpu_s"] / by["workers-2"]["cpu_s"], 2),
    }
    print(
        f"scaling 1 -> 2 workers: plain {ratios['scaling_workers_2_over_1']:.2f}x, Dask {ratios['scaling_dask_2_over_1']:.2f}x; "
        f"Dask engine time over plain --workers: {ratios['dask_time_over_workers_1']:.2f} (1 worker), "
        f"{ratios['dask_time_over_workers_2']:.2f} (2 workers); CPU time over plain: "
        f"{ratios['dask_cpu_over_workers_1']:.2f}, {ratios['dask_cpu_over_workers_2']:.2f}"
    )
    same = all(v for k, v in identical.items() if k.startswith(("workers-2", "dask-")))
    print(f"same results with plain --workers and the Dask engine: {'yes' if same else 'NO: ' + str(identical)}")
    if "workers-1-default-threads" in identical:
        print(f"(default torch threads give the same results: {'yes' if identical['workers-1-default-threads'] else 'no'})")
    summary = {
        "articles": len(docs),
        "cores": os.cpu_count(),
        "load_average_before": round(load_before, 2),
        "load_average_after": round(os.getloadavg()[0], 2),
        "repeat": args.repeat,
        "part_rows": args.part_rows,
        "chunk": args.chunk,
        "runs": [{k: v for k, v in r.items() if not k.startswith("_")} for r in runs],
        **ratios,
        "identical_results": same,
        "identical_by_run": identical,
    }
    print(json.dumps(summary))
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
