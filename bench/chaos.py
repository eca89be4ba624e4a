"""Archive chaos: ``quotes batch`` killed with SIGKILL again and again, resumed until done (issue 17).

The input is a JSONL file of documents (1,000 by default, ``--docs``): paragraphs of the PolNeAR
train articles (``../shared/bench/polnear-train.jsonl.gz``), each a document, plus documents made bad on
purpose: empty and blank texts, a text over the character limit, binary junk (NULs, control
characters, bytes read as Latin-1), a line of invalid UTF-8, a line that is not JSON, broken HTML,
HTML with no text, an HTML tag bomb, an unknown format, a text that is a number, a missing text.

For each mode (JSONL and Parquet output; the local engine with ``--workers 2`` and the Dask engine
on a local cluster of 2 workers) it first runs the batch once uninterrupted, then runs it again
into a fresh output and kills it at random moments: the whole process group (as the OOM killer or
a power cut would), or, with the Dask engine, one Dask worker process (the nanny starts another
and the scheduler gives its task to a worker); after each kill of the group it runs the same
command again, until the run completes. After every kill the output must not look complete
(``results.jsonl`` is still ``.partial``, no ``_SUCCESS``). At the end it counts rows lost (an
input id with no row), duplicated (an id with more than one row) and corrupt (a line or part that
does not read, a row that is neither a result nor an error slot), and compares every row with the
uninterrupted run's (the timings left out). Everything runs under ``nice``, with one torch thread
per worker process, in a temporary folder outside the repository.

    .venv/bin/python bench/chaos.py                            # 4 modes x 14 kills, 1,016 documents: ~25 min
    .venv/bin/python bench/chaos.py --docs 300 --kills 3       # a quick look
    .venv/bin/python bench/chaos.py --modes jsonl-local,parquet-dask
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLNEAR_TRAIN = ROOT.parent / "shared" / "bench" / "polnear-train.jsonl.gz"
QUOTES = Path(sys.executable).with_name("quotes")
MAX_CHARS = 20_000
PART_ROWS = 20  # documents per partition: a Dask task, a Parquet part file
MODES = {
    "jsonl-local": ("jsonl", "local"),
    "parquet-local": ("parquet", "local"),
    "jsonl-dask": ("jsonl", "dask"),
    "parquet-dask": ("parquet", "dask"),
}


# -- the input ------------------------------------------------------------------------------------


def bad_documents(rng: random.Random) -> list[bytes]:
    """Lines of the input file that are bad on purpose (each a JSONL line, without its newline)."""

    def line(**doc) -> bytes:
        return json.dumps(doc, ensure_ascii=False).encode("utf-8")

    junk = bytes(rng.randrange(256) for _ in range(3000)).decode("latin-1")
    return [
        line(id="bad-empty", text=""),
        line(id="bad-blank", text=" \n\t  \n"),
        line(id="bad-huge", text=("The minister said prices would fall. " * 700)[: MAX_CHARS + 5000]),
        line(id="bad-binary", text=junk),
        line(id="bad-nul", text="He said\x00 \x00\x00 \x07\x1b[31m hello\x00."),
        line(id="bad-html-broken", text='<div><p>"Prices will fall," <b>the <i>minister said &#xZZZ; &bogus; <scr', format="html"),
        line(id="bad-html-empty", text="<br><br><!-- nothing --><script>var x = 1;</script>", format="html"),
        line(id="bad-html-bomb", text="<b>" * 25_000 + "He said hi.", format="html"),
        line(id="bad-html-deep", text="<div>" * 3000 + '"We will win," she said.' + "</div>" * 3000, format="html"),
        line(id="bad-format", text="He said hi.", format="pdf"),
        line(id="bad-number", text=42),
        line(id="bad-no-text"),
        b'{"id": "bad-surrogate", "text": "He said \\ud800 hi."}',  # JSON can spell a lone surrogate
        b"\xff\xfe not UTF-8 \xc3\x28 at all",
        b'{"id": "bad-not-json", "text": "He said',
        b"[1, 2, 3]",
    ]


def build_input(path: Path, docs: int, seed: int) -> list[str]:
    """Write the input; the ids every output must have, one row each."""
    rng = random.Random(seed)
    good: list[bytes] = []
    with gzip.open(POLNEAR_TRAIN, "rt", encoding="utf-8") as f:
        for line in f:
            article = json.loads(line)
            for n, para in enumerate(p for p in article["text"].split("\n\n") if len(p.split()) >= 8):
                good.append(json.dumps({"id": f"{article['id']}#{n}", "text": para}, ensure_ascii=False).encode("utf-8"))
                if len(good) >= docs:
                    break
            if len(good) >= docs:
                break
    bad = bad_documents(rng)
    lines = good[:]
    for b in bad:  # spread through the file
        lines.insert(rng.randrange(len(lines) + 1), b)
    path.write_bytes(b"\n".join(lines) + b"\n")
    ids = []
    for n, raw in enumerate(lines, start=1):
        try:
            obj = json.loads(raw)
        except ValueError:
            obj = None
        ids.append(str(obj["id"]) if isinstance(obj, dict) and obj.get("id") is not None else f"line:{n}")
    assert len(set(ids)) == len(ids)
    return ids


# -- running and killing ----------------------------------------------------------------------------


def command(src: Path, out: Path, engine: str, workers: int) -> list[str]:
    cmd = ["nice", "-n", "10", str(QUOTES), "batch", str(src), str(out), "--workers", str(workers), "--engine", engine]
    return cmd + ["--max-chars", str(MAX_CHARS), "--part-rows", str(PART_ROWS), "--chunk", "8", "--log-every", "10"]


def environment() -> dict[str, str]:
    env = {**os.environ, "QUOTES_TORCH_THREADS": "1", "QUOTES_MAX_HTML_TAGS": "20000"}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    return env


def descendants(pid: int) -> dict[int, int]:
    """Every process below ``pid``, with its depth (1: a child)."""
    found: dict[int, int] = {}
    frontier = [(pid, 0)]
    while frontier:
        p, depth = frontier.pop()
        children = []
        for task in Path(f"/proc/{p}/task").glob("*"):  # every thread's: Dask's nannies spawn from another thread
            try:
                children += (task / "children").read_text().split()
            except OSError:
                continue
        for c in children:
            found[int(c)] = depth + 1
            frontier.append((int(c), depth + 1))
    return found


def dask_workers(pid: int) -> list[int]:
    """The Dask worker processes of a local cluster: the nannies live in the run's own process and
    spawn one worker process each (multiprocessing's spawn; its resource tracker is not one)."""
    workers = []
    for p, depth in descendants(pid).items():
        try:
            cmdline = Path(f"/proc/{p}/cmdline").read_bytes()
        except OSError:
            continue
        if depth == 1 and b"spawn_main" in cmdline:
            workers.append(p)
    return workers


def looks_complete(out: Path, kind: str) -> bool:
    return (out / "_SUCCESS").exists() if kind == "parquet" else out.exists()


def run_once(cmd: list[str], log: Path, timeout: float) -> tuple[int, float]:
    t0 = time.monotonic()
    with open(log, "ab") as f:
        f.write(b"=== uninterrupted ===\n")
        f.flush()
        proc = subprocess.run(cmd, env=environment(), stdout=f, stderr=subprocess.STDOUT, cwd=ROOT, timeout=timeout)
    return proc.returncode, time.monotonic() - t0


def progress(out: Path, kind: str) -> int:
    """How far a run has come: rows in the JSONL output, part files in the Parquet one."""
    if kind == "parquet":
        return sum(1 for p in out.glob("part-*")) if out.is_dir() else 0
    for path in (out.with_name(out.name + ".partial"), out):
        try:
            return path.read_bytes().count(b"\n")
        except OSError:
            continue
    return 0


def run_with_kills(cmd: list[str], out: Path, kind: str, engine: str, kills: int, units: int, rng: random.Random, log: Path) -> dict:
    """Start, kill at a random moment, start again ... until ``kills`` kills are done; then run to the end.

    A moment is either a random time in the first seconds (start-up, model loading, the Dask
    cluster coming up) or a random point of progress: when the output has grown by a random share
    of what is left (rows or part files), plus up to 0.3 s (so that some kills land mid-write)."""
    group_kills = worker_kills = starts = 0
    premature = 0  # outputs that looked complete right after a kill
    exits: Counter[int] = Counter()
    t0 = time.monotonic()
    while True:
        starts += 1
        with open(log, "ab") as f:
            f.write(f"\n=== start {starts} ===\n".encode())
            f.flush()
            proc = subprocess.Popen(cmd, env=environment(), stdout=f, stderr=subprocess.STDOUT, cwd=ROOT, start_new_session=True)
        try:
            while proc.poll() is None:
                left = kills - group_kills - worker_kills
                if left <= 0:
                    proc.wait(timeout=3600)
                    break
                started = time.monotonic()
                if rng.random() < 0.25:
                    until, target = started + rng.uniform(0.5, 10.0), None
                else:
                    now = progress(out, kind)
                    until, target = None, now + rng.randint(1, max(1, (units - now) // (left + 1)))
                while proc.poll() is None:
                    if until is not None and time.monotonic() >= until:
                        break
                    if target is not None and progress(out, kind) >= target:
                        time.sleep(rng.uniform(0.0, 0.3))
                        break
                    time.sleep(0.02)
                if proc.poll() is not None:
                    break  # it finished before the kill
                workers = dask_workers(proc.pid) if engine == "dask" else []
                if workers and rng.random() < 0.4:
                    os.kill(rng.choice(workers), signal.SIGKILL)  # one Dask worker; the run goes on
                    worker_kills += 1
                    continue
                os.killpg(proc.pid, signal.SIGKILL)  # the run and every process it started
                proc.wait(timeout=60)
                group_kills += 1
                premature += looks_complete(out, kind)
                break
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=60)
        exits[proc.returncode] += 1
        if proc.returncode == 0:
            break
        # Anything else than 0 (killed, or failed after a Dask worker was lost): the same command again.
        if starts > kills + 20:
            raise SystemExit(f"{cmd}: not done after {starts} starts; see {log}")
    return {
        "group_kills": group_kills,
        "worker_kills": worker_kills,
        "kills": group_kills + worker_kills,
        "starts": starts,
        "exits": {str(k): v for k, v in sorted(exits.items())},
        "premature_complete": premature,
        "seconds": round(time.monotonic() - t0, 1),
    }


# -- reading the output back --------------------------------------------------------------------------


def well_formed(row: object) -> bool:
    if not isinstance(row, dict) or not isinstance(row.get("id"), str):
        return False
    if "error" in row:
        err = row["error"]
        return (
            set(row) == {"id", "error"}
            and isinstance(err, dict)
            and isinstance(err.get("code"), str)
            and isinstance(err.get("message"), str)
        )
    return isinstance(row.get("attributions"), list) and isinstance(row.get("meta"), dict) and "words" in row["meta"]


def read_output(out: Path, kind: str) -> tuple[list[dict], int]:
    """Every row, and how many lines or parts did not read."""
    rows: list[dict] = []
    corrupt = 0
    if kind == "jsonl":
        for line in out.read_bytes().splitlines():
            try:
                rows.append(json.loads(line))
            except ValueError:
                corrupt += 1
    else:
        import pyarrow.parquet as pq

        for part in sorted(out.iterdir()):
            if part.name.startswith((".", "_")):
                continue
            try:
                table = pq.read_table(part)
            except Exception:  # a part that does not read is corrupt, whatever pyarrow raises
                corrupt += 1
                continue
            for row_id, result in zip(table.column("id").to_pylist(), table.column("result").to_pylist()):
                try:
                    body = json.loads(result)
                except (TypeError, ValueError):
                    corrupt += 1
                    continue
                if body.get("id") != row_id:
                    corrupt += 1
                rows.append(body)
    return rows, corrupt


def comparable(row: dict) -> str:
    """The row without what changes from run to run (its timings)."""
    row = json.loads(json.dumps(row))
    row.get("meta", {}).pop("timings_ms", None)
    return json.dumps(row, sort_keys=True, ensure_ascii=False)


def check(out: Path, kind: str, ids: list[str]) -> dict:
    rows, corrupt = read_output(out, kind)
    counts = Counter(r.get("id") for r in rows if isinstance(r, dict))
    corrupt += sum(not well_formed(r) for r in rows)
    return {
        "rows": len(rows),
        "lost": sum(1 for i in ids if counts[i] == 0),
        "duplicated": sum(n - 1 for n in counts.values() if n > 1),
        "corrupt": corrupt,
        "unexpected": sum(1 for i in counts if i not in set(ids)),
        "complete": looks_complete(out, kind),
        "errors": dict(Counter(r["error"]["code"] for r in rows if isinstance(r, dict) and isinstance(r.get("error"), dict))),
        "_by_id": {r["id"]: comparable(r) for r in rows if isinstance(r, dict) and "id" in r},
    }


# -- the modes ------------------------------------------------------------------------------------------


def run_mode(name: str, src: Path, ids: list[str], work: Path, kills: int, workers: int, rng: random.Random) -> dict:
    kind, engine = MODES[name]
    suffix = ".jsonl" if kind == "jsonl" else ".parquet"
    log = work / f"{name}.log"
    base_out, chaos_out = work / f"{name}-uninterrupted{suffix}", work / f"{name}-chaos{suffix}"
    code, base_s = run_once(command(src, base_out, engine, workers), log, timeout=3600)
    if code != 0:
        raise SystemExit(f"{name}: the uninterrupted run exited {code}; see {log}")
    base = check(base_out, kind, ids)
    units = len(ids) if kind == "jsonl" else progress(base_out, kind)
    chaos = run_with_kills(command(src, chaos_out, engine, workers), chaos_out, kind, engine, kills, units, rng, log)
    got = check(chaos_out, kind, ids)
    differ = sorted(i for i in ids if got["_by_id"].get(i) != base["_by_id"].get(i))
    return {
        "mode": name,
        "uninterrupted_s": round(base_s, 1),
        **chaos,
        **{k: v for k, v in got.items() if not k.startswith("_")},
        "baseline": {k: v for k, v in base.items() if k in ("rows", "lost", "duplicated", "corrupt", "complete")},
        "differ_from_uninterrupted": len(differ),
        "differ_examples": differ[:5],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=1000, help="good documents (PolNeAR train paragraphs); 16 bad ones are added")
    parser.add_argument("--kills", type=int, default=14, help="kills per mode")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--modes", default=",".join(MODES), help=f"comma-separated, of {', '.join(MODES)}")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--keep", type=Path, help="keep the input, outputs and logs here")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    modes = [m for m in args.modes.split(",") if m]
    unknown = set(modes) - set(MODES)
    if unknown:
        parser.error(f"unknown modes: {', '.join(sorted(unknown))}")

    def go(work: Path) -> list[dict]:
        src = work / "input.jsonl"
        ids = build_input(src, args.docs, args.seed)
        print(f"input: {len(ids):,} documents ({args.docs:,} PolNeAR train paragraphs, {len(ids) - args.docs} bad on purpose)", flush=True)
        results = []
        for name in modes:
            r = run_mode(name, src, ids, work, args.kills, args.workers, rng)
            results.append(r)
            print(
                f"{name:14} kills {r['kills']:>3} ({r['group_kills']} of the run, {r['worker_kills']} of a Dask worker),"
                f" starts {r['starts']},"
                f" {r['seconds']:.0f} s (uninterrupted {r['uninterrupted_s']:.0f} s); rows {r['rows']:,}: lost {r['lost']},"
                f" duplicated {r['duplicated']}, corrupt {r['corrupt']}, unexpected {r['unexpected']}; looked complete after a kill"
                f" {r['premature_complete']}; differ from uninterrupted {r['differ_from_uninterrupted']}; error rows {r['errors']}",
                flush=True,
            )
        return results

    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        results = go(args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="quotes-chaos-") as tmp:
            results = go(Path(tmp))
    total = {k: sum(r[k] for r in results) for k in ("kills", "lost", "duplicated", "corrupt", "unexpected", "premature_complete")}
    total["differ_from_uninterrupted"] = sum(r["differ_from_uninterrupted"] for r in results)
    ok = all(r["complete"] for r in results) and not any(v for k, v in total.items() if k != "kills")
    print(f"total: {total}; {'OK' if ok else 'FAILED'}")
    print(json.dumps({"modes": results, "total": total, "ok": ok}))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
