"""The service under steady mixed load for a bounded time (issue 17's soak): does worker memory level off?

Starts gunicorn as deployed (``config/gunicorn.conf.py``, the Procfile's command: 2 workers,
4 threads, 1 batch helper each, every limit at its default) on a free 127.0.0.1 port, with one
change: ``QUOTES_MAX_REQUESTS=0``, so that workers are never recycled and a leak cannot hide behind
a restart (``--recycle`` keeps the deployed 2,000). Then ``--concurrency`` clients (default 2) send,
for ``--minutes`` (default 30), a seeded mix of what a CMS sends:

- articles of 1 to 30 paragraphs (about 100 to 6,000 characters), each freshly assembled from the
  seed article and the PolNeAR dev paragraphs (read at run time from ``../shared/bench``, never
  stored here), as JSON text, raw ``text/plain``, JSON ``"format": "html"`` and raw ``text/html``
  (paragraphs in ``<p>``, entities, inline markup, a script, a style, a comment);
- batches of 2 to 6 such articles;
- bad requests: malformed JSON (400), a body over ``QUOTES_MAX_BODY_BYTES`` (413), an unsupported
  content type (415), and 422s (empty or blank text, HTML with no text, an unknown field, a bad option);
- ``/healthz`` and ``/readyz`` probes.

Every answer's status is checked against the request's (a 200 must hold ``attributions``; every
error must be the JSON envelope). A sampler reads every worker's RSS and PSS (and its batch
helpers') from ``/proc`` every ``--sample-every`` seconds (default 10). At the end it prints requests,
statuses, 5xx, p50/p95 latency per half (all requests and the parses), RSS per worker at the start,
the middle and the end, the growth over the last half, and whether the targets hold (>= 30
minutes, last-half RSS growth < 5 % for every worker, no 5xx, no worker lost). Samples and summary
go to ``artifacts/soak/`` (git-ignored) as JSON and CSV. Exit 0 when the targets hold.

    .venv/bin/python bench/soak.py                     # 30 minutes
    .venv/bin/python bench/soak.py --minutes 3         # a quick look (the duration target then fails)
    .venv/bin/python bench/soak.py --mix batch=1       # batches only: the batch helpers at work
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import os
import random
import statistics
import sys
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.service import ROOT, Client, Server, children, memory_kb  # noqa: E402 - the repository root first

OUT_DIR = ROOT / "artifacts" / "soak"
TARGET_MINUTES = 30
TARGET_GROWTH = 0.05

# Sentences of this file's own, for articles when ../shared/bench is absent and to vary the rest.
OWN = [
    "“We will not raise fares this year,” the transport minister told reporters on Tuesday.",
    "The council said in a statement that the bridge would reopen in March.",
    "According to the union, more than 4,000 workers joined the strike.",
    "“It is too early to say,” a spokeswoman for the hospital said, adding that tests were under way.",
    "Analysts expect the central bank to hold rates steady at its next meeting.",
    "The mayor, who faces re-election in May, denied that the budget had been cut.",
    "Residents complained that the water had been brown for days.",
    "“Nobody told us anything,” said Maria Lopez, 54, who has lived on the street for 30 years.",
    "Officials declined to comment on the report, which was first published by a local newspaper.",
    "The company’s chief executive said sales had risen by 12 percent in the third quarter.",
]


def paragraphs(shared: Path) -> list[str]:
    """Paragraphs to assemble articles from: the seed article, the PolNeAR dev texts if present, our own."""
    seed = shared / "seed" / "putin-india.txt"
    if not seed.exists():
        seed = ROOT / "tests" / "data" / "putin-india.txt"
    pool = [p.strip() for p in seed.read_text(encoding="utf-8").split("\n") if p.strip()]
    dev = shared / "bench" / "polnear-dev.jsonl"
    if dev.exists():
        for line in dev.read_text(encoding="utf-8").splitlines():
            pool += [p.strip() for p in json.loads(line)["text"].split("\n") if len(p.split()) >= 5]
    rnd = random.Random(0)
    pool += [" ".join(rnd.sample(OWN, 3)) for _ in range(30)]
    return pool


class Mix:
    """The seeded request mix: (kind, method, path, body, headers, expected statuses)."""

    WEIGHTS = {"json": 22, "plain": 12, "html_json": 12, "html_raw": 12, "batch": 8, "bad": 18, "probe": 16}

    def __init__(self, pool: list[str], rnd: random.Random, max_body: int, weights: dict[str, float] | None = None):
        self.pool, self.rnd, self.max_body = pool, rnd, max_body
        self.kinds, self.weights = zip(*(weights or self.WEIGHTS).items())

    def article(self) -> list[str]:
        n = min(30, max(1, int(self.rnd.expovariate(1 / 8))))
        return self.rnd.sample(self.pool, n)

    def html(self, paras: list[str]) -> str:
        def esc(p: str) -> str:
            p = p.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            return p.replace("“", "&ldquo;").replace("”", "&rdquo;").replace("’", "&rsquo;")

        body = []
        for i, p in enumerate(paras):
            words = esc(p).split(" ")
            if len(words) > 6:
                k = self.rnd.randrange(len(words) - 2)
                words[k] = f"<em>{words[k]}</em>"
            body.append(("<blockquote>" if i % 7 == 6 else "<p>") + " ".join(words) + ("</blockquote>" if i % 7 == 6 else "</p>"))
        head = "<head><title>News</title><style>p{margin:0}</style></head>"
        script = f"<script>track({self.rnd.randrange(10**6)})</script>"
        return f"<html>{head}<body><h1>{esc(paras[0][:60])}</h1><!-- cms:{self.rnd.random()} -->{''.join(body)}{script}</body></html>"

    def next(self):
        kind = self.rnd.choices(self.kinds, self.weights)[0]
        j = {"Content-Type": "application/json"}
        if kind == "json":
            doc = {"text": "\n\n".join(self.article()), "id": f"a{self.rnd.randrange(10**9)}"}
            if self.rnd.random() < 0.3:
                doc["options"] = {"min_confidence": round(self.rnd.random() * 0.8, 2), "include_skipped": self.rnd.random() < 0.5}
            return "json", "POST", "/v1/attributions", json.dumps(doc).encode(), j, {200}
        if kind == "plain":
            text = "\n\n".join(self.article()).encode()
            return "plain", "POST", "/v1/attributions", text, {"Content-Type": "text/plain; charset=utf-8"}, {200}
        if kind == "html_json":
            body = json.dumps({"text": self.html(self.article()), "format": "html"}).encode()
            return "html_json", "POST", "/v1/attributions", body, j, {200}
        if kind == "html_raw":
            return "html_raw", "POST", "/v1/attributions", self.html(self.article()).encode(), {"Content-Type": "text/html"}, {200}
        if kind == "batch":
            docs = []
            for i in range(self.rnd.randint(2, 6)):
                paras = self.article()[:6]
                if i % 3 == 2:
                    docs.append({"id": f"b{i}", "text": self.html(paras), "format": "html"})
                else:
                    docs.append({"id": f"b{i}", "text": "\n\n".join(paras)})
            return "batch", "POST", "/v1/attributions/batch", json.dumps({"documents": docs}).encode(), j, {200}
        if kind == "probe":
            return "probe", "GET", self.rnd.choice(["/healthz", "/healthz", "/readyz"]), b"", {}, {200}
        bad = self.rnd.randrange(8)
        if bad == 0:
            return "bad_400", "POST", "/v1/attributions", b'{"text": "unterminated', j, {400}
        if bad == 1:
            body = b'{"text": "' + b"x" * (self.max_body + 10) + b'"}'
            return "bad_413", "POST", "/v1/attributions", body, j, {413}
        if bad == 2:
            ct = self.rnd.choice(["application/xml", "multipart/form-data; boundary=x", "image/png"])
            return "bad_415", "POST", "/v1/attributions", b"<text>hi</text>", {"Content-Type": ct}, {415}
        if bad == 3:
            return "bad_422", "POST", "/v1/attributions", json.dumps({"text": self.rnd.choice(["", "   ", "\n\t"])}).encode(), j, {422}
        if bad == 4:
            html = self.rnd.choice(
                ["<p> </p><script>x()</script>", "<!-- nothing -->", "<html><head><title>T</title></head><body></body></html>"]
            )
            return "bad_422", "POST", "/v1/attributions", html.encode(), {"Content-Type": "text/html"}, {422}
        if bad == 5:
            return "bad_422", "POST", "/v1/attributions", json.dumps({"text": "Hi.", "colour": "red"}).encode(), j, {422}
        if bad == 6:
            return "bad_422", "POST", "/v1/attributions", json.dumps({"text": "Hi.", "options": {"types": ["quoted"]}}).encode(), j, {422}
        return "bad_422", "POST", "/v1/attributions/batch", json.dumps({"documents": "none"}).encode(), j, {422}


def check(status: int, data: bytes, expected: set[int]) -> str | None:
    """Why the answer is not as documented, or None."""
    if status not in expected:
        return f"status {status}, expected {sorted(expected)}"
    try:
        body = json.loads(data)
    except ValueError:
        return "not JSON"
    if status >= 400:
        if not (isinstance(body, dict) and isinstance(body.get("error"), dict) and body["error"].get("code") and body.get("request_id")):
            return "not the error envelope"
    elif isinstance(body, dict) and "status" not in body and "attributions" not in body and "results" not in body:
        return "a 200 without attributions/results"
    return None


class Sampler(threading.Thread):
    """Every worker's (and its helpers') RSS and PSS every ``every`` seconds."""

    def __init__(self, server: Server, t0: float, every: float):
        super().__init__(daemon=True)
        self.server, self.t0, self.every = server, t0, every
        self.samples: list[dict] = []
        self.stopped = threading.Event()

    def sample(self) -> None:
        t = round(time.monotonic() - self.t0, 1)
        for wid, pid in enumerate(sorted(self.server.workers())):
            mem = memory_kb(pid)
            if mem is None:
                continue
            helpers = [m for m in (memory_kb(c) for c in children(pid)) if m]
            self.samples.append(
                {
                    "t_s": t,
                    "worker": wid,
                    "pid": pid,
                    "rss_mb": round(mem["rss"] / 1024, 1),
                    "pss_mb": round(mem.get("pss", 0) / 1024, 1),
                    "helpers_rss_mb": round(sum(h["rss"] for h in helpers) / 1024, 1),
                    "helpers_pss_mb": round(sum(h.get("pss", 0) for h in helpers) / 1024, 1),
                }
            )

    def run(self) -> None:
        while not self.stopped.wait(self.every):
            self.sample()


def drive(port: int, mix: Mix, deadline: float, t0: float, log: list, lock: threading.Lock) -> None:
    client = Client(port, timeout=300)
    while time.monotonic() < deadline:
        kind, method, path, body, headers, expected = mix.next()
        start = time.monotonic()
        try:
            status, _, data = client.send(method, path, body, headers)
            problem = check(status, data, expected)
        except OSError as exc:
            status, problem = 0, f"no answer: {exc!r}"
        row = {"t_s": start - t0, "kind": kind, "status": status, "latency_s": time.monotonic() - start, "problem": problem}
        with lock:
            log.append(row)
    client.close()


def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(q * (len(values) - 1))))]


def summarise(log: list[dict], samples: list[dict], seconds: float, lifecycle: dict, app_errors: int) -> dict:
    half = seconds / 2
    statuses = Counter(r["status"] for r in log)
    parses = {"json", "plain", "html_json", "html_raw", "batch"}
    halves = {}
    for name, rows in (("first", [r for r in log if r["t_s"] < half]), ("second", [r for r in log if r["t_s"] >= half])):
        lat = [r["latency_s"] for r in rows]
        plat = [r["latency_s"] for r in rows if r["kind"] in parses]
        halves[name] = {
            "requests": len(rows),
            "p50_ms": round(1000 * pct(lat, 0.5), 1) if lat else None,
            "p95_ms": round(1000 * pct(lat, 0.95), 1) if lat else None,
            "parse_p50_ms": round(1000 * pct(plat, 0.5), 1) if plat else None,
            "parse_p95_ms": round(1000 * pct(plat, 0.95), 1) if plat else None,
        }
    # RSS per worker: the mean of the samples in the first minute, the minute around the middle, the last minute.
    workers = {}
    for wid in sorted({s["worker"] for s in samples}):
        mine = [s for s in samples if s["worker"] == wid]

        def mean(rows: list[dict], key: str) -> float | None:
            return round(statistics.fmean(r[key] for r in rows), 1) if rows else None

        windows = {
            "start": [s for s in mine if s["t_s"] <= 60],
            "middle": [s for s in mine if abs(s["t_s"] - half) <= 30],
            "end": [s for s in mine if s["t_s"] >= seconds - 60],
        }
        w = {f"rss_{k}_mb": mean(v, "rss_mb") for k, v in windows.items()}
        w |= {f"pss_{k}_mb": mean(v, "pss_mb") for k, v in windows.items()}
        w |= {f"helpers_rss_{k}_mb": mean(v, "helpers_rss_mb") for k, v in windows.items()}
        w["rss_peak_mb"] = max(s["rss_mb"] for s in mine)
        w["pids"] = sorted({s["pid"] for s in mine})
        if w["rss_middle_mb"] and w["rss_end_mb"]:
            w["rss_growth_last_half_pct"] = round(100 * (w["rss_end_mb"] - w["rss_middle_mb"]) / w["rss_middle_mb"], 2)
            w["helpers_rss_growth_last_half_pct"] = (
                round(100 * (w["helpers_rss_end_mb"] - w["helpers_rss_middle_mb"]) / w["helpers_rss_middle_mb"], 2)
                if w["helpers_rss_middle_mb"]
                else None
            )
        workers[wid] = w
    growth = [w.get("rss_growth_last_half_pct") for w in workers.values()]
    fivexx = sum(n for s, n in statuses.items() if s >= 500)
    targets = {
        "duration_30_min": seconds >= TARGET_MINUTES * 60 - 1,
        "rss_growth_last_half_under_5_pct": bool(growth) and all(g is not None and g < 100 * TARGET_GROWTH for g in growth),
        "no_5xx": fivexx == 0,
        "no_unanswered_or_wrong": not any(r["problem"] for r in log),
        "no_worker_lost": lifecycle["deaths"] == 0 and all(len(w["pids"]) == 1 for w in workers.values()),
        "no_unhandled_errors": app_errors == 0,
    }
    return {
        "seconds": round(seconds, 1),
        "requests": len(log),
        "by_kind": dict(sorted(Counter(r["kind"] for r in log).items())),
        "by_status": dict(sorted(statuses.items())),
        "5xx": fivexx,
        "problems": Counter(r["problem"] for r in log if r["problem"]).most_common(10),
        "halves": halves,
        "workers": workers,
        "lifecycle": lifecycle,
        "unhandled_errors": app_errors,
        "targets": targets,
        "met": all(targets.values()),
    }


def print_report(s: dict) -> None:
    print(f"\nsoak: {s['seconds'] / 60:.1f} minutes, {s['requests']:,} requests")
    print("  by kind:   " + ", ".join(f"{k} {n:,}" for k, n in s["by_kind"].items()))
    print("  by status: " + ", ".join(f"{k}: {n:,}" for k, n in s["by_status"].items()) + f"; 5xx: {s['5xx']}")
    if s["problems"]:
        print("  problems:  " + "; ".join(f"{p} x{n}" for p, n in s["problems"]))
    for name, h in s["halves"].items():
        print(
            f"  {name} half: {h['requests']:,} requests, p50 {h['p50_ms']} ms, p95 {h['p95_ms']} ms;"
            f" parses p50 {h['parse_p50_ms']} ms, p95 {h['parse_p95_ms']} ms"
        )
    for wid, w in s["workers"].items():
        print(
            f"  worker {wid} (pid {', '.join(map(str, w['pids']))}): RSS start {w['rss_start_mb']} / middle {w['rss_middle_mb']} /"
            f" end {w['rss_end_mb']} MB (peak {w['rss_peak_mb']}), last half {w.get('rss_growth_last_half_pct')} %;"
            f" PSS {w['pss_start_mb']} / {w['pss_middle_mb']} / {w['pss_end_mb']} MB;"
            f" its helper RSS {w['helpers_rss_start_mb']} / {w['helpers_rss_middle_mb']} / {w['helpers_rss_end_mb']} MB"
            f" ({w.get('helpers_rss_growth_last_half_pct')} %)"
        )
    print(f"  load average at the end: {s.get('load_average_at_end')}")
    print(f"  workers: {s['lifecycle']}; unhandled errors logged: {s['unhandled_errors']}")
    print("  targets: " + ", ".join(f"{k} {'MET' if v else 'NOT MET'}" for k, v in s["targets"].items()))
    print(json.dumps({k: s[k] for k in ("seconds", "requests", "by_status", "5xx", "halves", "met")}))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--minutes", type=float, default=TARGET_MINUTES)
    ap.add_argument("--concurrency", type=int, default=2)
    ap.add_argument("--sample-every", type=float, default=10.0, help="seconds between RSS samples")
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--mix", default="", help="the mix's weights, e.g. batch=3,probe=1 (kinds: " + ", ".join(Mix.WEIGHTS) + ")")
    ap.add_argument("--recycle", action="store_true", help="keep the deployed QUOTES_MAX_REQUESTS (workers recycled)")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="where seed/ and bench/ are")
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    args = ap.parse_args()

    weights = {k: float(w) for k, w in (kv.split("=") for kv in args.mix.split(","))} if args.mix else None
    if weights and not set(weights) <= set(Mix.WEIGHTS):
        ap.error(f"--mix: kinds are {', '.join(Mix.WEIGHTS)}")
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%Y%m%d-%H%M%S")
    env = {} if args.recycle else {"QUOTES_MAX_REQUESTS": "0"}
    server = Server(env, args.out, name=f"soak-{stamp}-gunicorn")
    pool = paragraphs(args.shared)
    max_body = int(2 * 1024 * 1024)
    try:
        ready = server.wait_ready()
        print(
            f"gunicorn ready in {ready:.1f} s on port {server.port}, workers {server.workers()}; "
            f"{len(pool):,} paragraphs; {args.minutes} minutes at concurrency {args.concurrency}",
            flush=True,
        )
        t0 = time.monotonic()
        sampler = Sampler(server, t0, args.sample_every)
        sampler.sample()
        sampler.start()
        deadline = t0 + args.minutes * 60
        log: list[dict] = []
        lock = threading.Lock()
        threads = [
            threading.Thread(
                target=drive,
                args=(server.port, Mix(pool, random.Random(args.seed * 1000 + i), max_body, weights), deadline, t0, log, lock),
                daemon=True,
            )
            for i in range(args.concurrency)
        ]
        for t in threads:
            t.start()
        next_note = t0 + 60
        while any(t.is_alive() for t in threads):
            time.sleep(1)
            if time.monotonic() >= next_note:
                next_note += 60
                with lock:
                    n, bad = len(log), sum(1 for r in log if r["problem"])
                last = {s["worker"]: (s["rss_mb"], s["helpers_rss_mb"]) for s in sampler.samples[-4:]}
                print(
                    f"  {(time.monotonic() - t0) / 60:5.1f} min: {n:,} requests, {bad} not as expected; RSS MB (worker, helper) {last}",
                    flush=True,
                )
        seconds = time.monotonic() - t0
        sampler.stopped.set()
        sampler.sample()
        lifecycle, app_errors = server.lifecycle(), server.app_errors()
    finally:
        server.stop()
    summary = summarise(log, sampler.samples, seconds, lifecycle, app_errors)
    summary["command"] = " ".join(sys.argv)
    summary["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    summary["settings"] = {
        "QUOTES_MAX_REQUESTS": env.get("QUOTES_MAX_REQUESTS", "deployed default"),
        "concurrency": args.concurrency,
        "seed": args.seed,
        "mix": weights or Mix.WEIGHTS,
    }
    base = args.out / f"soak-{stamp}"
    base.with_suffix(".json").write_text(json.dumps({"summary": summary, "samples": sampler.samples}, indent=1) + "\n")
    with open(base.with_suffix(".csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(sampler.samples[0]))
        w.writeheader()
        w.writerows(sampler.samples)
    print_report(summary)
    print(f"samples: {base.with_suffix('.json')} and .csv; log: {server.log_path}")
    return 0 if summary["met"] else 1


if __name__ == "__main__":
    sys.exit(main())
