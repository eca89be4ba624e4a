"""The fast tree decoder against Stanza's own: same heads, and how much faster.

    python bench/decoder.py [--texts ../shared/bench/polnear-dev.jsonl] [--docs 20]
                            [--check-docs 0] [--repeats 2] [--threads 1] [--attributions]
    python bench/decoder.py --speedups [--each] [--docs 20] [--repeats 3]

On the configured model (QUOTES_STANZA_DIR or the default choice), one process:
1. speed: the bare Stanza pipeline (``quotes.common.nlp.build_pipeline``) on the first
   ``--docs`` texts, one document at a time and in bulk, with Stanza's decoder and
   with ``quotes.engine.decoder``, alternating; the best of ``--repeats`` runs of each; the
   dependency parser's own time (its share, and its ratio) and the tree decoder's
   (its share, its seconds, and the ratio a decoder costing nothing would give);
2. sameness: every text (or the first ``--check-docs``) parsed with each decoder,
   bulk, and every word's head and relation compared; also how many sentences
   each of the fast decoder's paths decoded (greedy / argmax / ufal / stanza: a tie); with
   ``--attributions`` also the extraction results through the service's parse path.
Prints words/s, the ratios, the counts, and one JSON line.

``--speedups`` measures instead the whole of what ``build_pipeline`` does against a stock
pipeline (Stanza's decoder, no ``quotes.engine.speedups``), and the fast decoder alone between
them: the bare pipeline in bulk, and the service's parse path (``quotes.common.nlp.NLP``:
selective, one document at a time, then extraction), the arms alternating in one
process, best of ``--repeats``, by wall clock and by the process's CPU time (steadier
on a shared machine: one torch thread, so CPU time is the work done); ``--each`` adds
each speedup alone on top of the fast decoder. Last, the per-request cost of the API
(the same documents posted to the Flask app's test client, against the service path).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.speed import read_texts, words_of  # noqa: E402


def build(threads: int):
    import torch

    from quotes.common.nlp import build_pipeline, choose_model
    from quotes.common.settings import Settings

    torch.set_num_threads(threads)
    return build_pipeline(choose_model(Settings.from_env()), threads)


def use(fast: bool) -> None:
    from quotes.engine import decoder

    if fast:
        decoder.install()
    else:
        decoder.uninstall()


def parse_single(pipe, texts: list[str]) -> list:
    return [pipe(t) for t in texts]


def parse_bulk(pipe, texts: list[str]) -> list:
    import stanza

    return pipe([stanza.Document([], text=t) for t in texts])


@contextmanager
def timing(owner, name: str) -> Iterator[list[float]]:
    """Seconds spent in ``owner.<name>`` while the block runs (in a one-item list)."""
    original, spent, own = getattr(owner, name), [0.0], name in vars(owner)

    def timed(*args):
        t0 = time.perf_counter()
        try:
            return original(*args)
        finally:
            spent[0] += time.perf_counter() - t0

    setattr(owner, name, timed)
    try:
        yield spent
    finally:
        if own:
            setattr(owner, name, original)
        else:
            delattr(owner, name)  # the class's method again


def seconds(pipe, texts: list[str], parse, fast: bool) -> tuple[float, float, float, float]:
    """Seconds of the whole parse, of its dependency parser, and of the tree decoder (wall
    clock), and the process's CPU seconds for the whole parse (one torch thread: the work done,
    steadier than the wall clock on a machine shared with anything else)."""
    import stanza.models.depparse.model as depparse_model

    use(fast)
    with timing(pipe.processors["depparse"], "process") as depparse, timing(depparse_model, "chuliu_edmonds_one_root") as decoding:
        t0, c0 = time.perf_counter(), time.process_time()
        parse(pipe, texts)
        return time.perf_counter() - t0, depparse[0], decoding[0], time.process_time() - c0


def speed(pipe, texts: list[str], repeats: int) -> dict:
    parse_single(pipe, texts)  # warm up: torch prepares its CPU kernels per input shape
    words = words_of(parse_bulk(pipe, texts))
    out: dict = {"docs": len(texts), "words": words}
    for mode, parse in (("single", parse_single), ("bulk", parse_bulk)):
        runs: dict[bool, list[tuple[float, float, float, float]]] = {False: [], True: []}
        for i in range(repeats):  # alternating, so load from elsewhere hits both alike
            for fast in (False, True) if i % 2 == 0 else (True, False):
                runs[fast].append(seconds(pipe, texts, parse, fast))
        (stanza_s, stanza_dep, stanza_dec, _), (fast_s, fast_dep, fast_dec, _) = min(runs[False]), min(runs[True])
        stanza_cpu, fast_cpu = (min(r[3] for r in runs[arm]) for arm in (False, True))
        out[mode] = {
            "stanza_wps": words / stanza_s,
            "fast_wps": words / fast_s,
            "ratio": stanza_s / fast_s,
            "ratio_cpu": stanza_cpu / fast_cpu,
            "depparse_share_stanza": stanza_dep / stanza_s,
            "depparse_ratio": stanza_dep / fast_dep,
            "decoder_share_stanza": stanza_dec / stanza_s,
            "decoder_s": {"stanza": stanza_dec, "fast": fast_dec},
            # what a decoder that cost nothing would give
            "ratio_ceiling": stanza_s / (stanza_s - stanza_dec),
        }
    return out


def arm(fast_decoder: bool, speedups_on: tuple[str, ...]) -> None:
    from quotes.engine import speedups

    use(fast_decoder)
    speedups.uninstall()
    speedups.install(speedups_on)


def speedups_speed(texts: list[str], repeats: int, each: bool) -> dict:
    """Words/s (wall, and per CPU second) of each arm, bare bulk and service path, best of ``repeats``."""
    import gc

    import stanza

    from quotes.common.nlp import NLP
    from quotes.common.settings import Settings
    from quotes.engine import speedups
    from quotes.engine.extract import extract_stanza

    nlp = NLP(Settings.from_env())
    pipe = nlp.load()
    gc.collect()
    gc.freeze()  # as a service worker is: the model out of the collector's reach
    arms = {"stock": (False, ()), "fast decoder": (True, ()), "fast decoder + speedups": (True, speedups.NAMES)}
    if each:
        arms.update({f"fast decoder + {name}": (True, (name,)) for name in speedups.NAMES})

    def bulk() -> None:
        pipe([stanza.Document([], text=t) for t in texts])

    def service() -> None:
        for t in texts:
            extract_stanza(nlp(t), t)

    words = words_of(pipe([stanza.Document([], text=t) for t in texts]))
    out: dict = {"docs": len(texts), "words": words, "arms": list(arms)}
    for mode, work in (("bulk", bulk), ("service path", service)):
        work()  # warm up
        wall: dict[str, list[float]] = {a: [] for a in arms}
        cpu: dict[str, list[float]] = {a: [] for a in arms}
        for i in range(repeats):
            for name in list(arms) if i % 2 == 0 else list(reversed(arms)):
                arm(*arms[name])
                t0, c0 = time.perf_counter(), time.process_time()
                work()
                wall[name].append(time.perf_counter() - t0)
                cpu[name].append(time.process_time() - c0)
        out[mode] = {
            name: {
                "wps": words / min(wall[name]),
                "wps_cpu": words / min(cpu[name]),
                "ratio": min(wall["stock"]) / min(wall[name]),
                "ratio_cpu": min(cpu["stock"]) / min(cpu[name]),
            }
            for name in arms
        }
    arm(True, speedups.NAMES)  # as build_pipeline leaves it
    out["request_overhead"] = request_overhead(nlp, texts, repeats, service)
    return out


def request_overhead(nlp, texts: list[str], repeats: int, service) -> dict:
    """The service path against the same documents posted to the Flask app (test client:
    validation, admission, the response's serialisation; no network, no gunicorn)."""
    from quotes.service.app import create_app

    client = create_app(nlp.settings, nlp=nlp).test_client()

    def requests() -> None:
        for t in texts:
            assert client.post("/v1/attributions", json={"text": t}).status_code == 200

    requests()
    runs: dict[str, list[float]] = {"path": [], "requests": []}
    for i in range(repeats):
        for name in ("path", "requests") if i % 2 == 0 else ("requests", "path"):
            c0 = time.process_time()
            service() if name == "path" else requests()
            runs[name].append(time.process_time() - c0)
    path, requests_s = min(runs["path"]), min(runs["requests"])
    per_request_ms = (requests_s - path) / len(texts) * 1000
    return {"path_cpu_s": path, "requests_cpu_s": requests_s, "per_request_ms": per_request_ms, "share": requests_s / path - 1}


def print_speedups(result: dict, threads: int, repeats: int) -> None:
    print(f"{result['docs']} documents, {result['words']} words, {threads} torch thread(s), best of {repeats}, arms alternating")
    print(f"{'':14s} {'':26s} {'words/s':>8s} {'ratio':>6s}  {'words/CPU s':>11s} {'ratio':>6s}")
    for mode in ("bulk", "service path"):
        for name in result["arms"]:
            m = result[mode][name]
            print(f"{mode:14s} {name:26s} {m['wps']:8.0f} {m['ratio']:5.2f}x  {m['wps_cpu']:11.0f} {m['ratio_cpu']:5.2f}x")
    o = result["request_overhead"]
    print(
        f"per request (Flask test client, all speedups): {o['per_request_ms']:.1f} ms CPU over the service path "
        f"({o['share']:+.1%}; {o['requests_cpu_s']:.2f} s against {o['path_cpu_s']:.2f} s)"
    )


def heads(docs) -> list[tuple[int, str]]:
    return [(w.head, w.deprel) for d in docs for s in d.sentences for w in s.words]


def sameness(pipe, texts: list[str]) -> dict:
    from quotes.engine import decoder

    paths: Counter[str] = Counter()
    decode = decoder.decode

    def counted(scores):
        tree, path = decode(scores)
        paths[path] += 1
        return tree, path

    use(False)
    reference = heads(parse_bulk(pipe, texts))
    use(True)
    decoder.decode = counted
    try:
        fast = heads(parse_bulk(pipe, texts))
    finally:
        decoder.decode = decode
    differ = sum(a != b for a, b in zip(reference, fast)) + abs(len(reference) - len(fast))
    return {"docs": len(texts), "words": len(reference), "differ": differ, "paths": dict(paths)}


def same_attributions(texts: list[str]) -> dict:
    """Each text through the service's parse path (quotes.common.nlp.NLP: selective, one document
    at a time) and extraction, with each decoder: how many give equal results."""
    from quotes.common.nlp import NLP
    from quotes.common.settings import Settings
    from quotes.engine.extract import extract
    from quotes.engine.parse import from_stanza

    nlp = NLP(Settings.from_env())
    nlp.load()

    def results(fast: bool) -> list:
        use(fast)
        out = []
        for t in texts:
            r = extract(from_stanza(nlp(t), t))
            out.append((r.attributions, r.speakers, r.skipped))
        return out

    fast, slow = results(True), results(False)
    use(True)
    return {"docs": len(texts), "same": sum(a == b for a, b in zip(fast, slow)), "attributions": sum(len(r[0]) for r in fast)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--texts", default=str(ROOT.parent / "shared" / "bench" / "polnear-dev.jsonl"))
    ap.add_argument("--docs", type=int, default=20, help="documents for the speed runs")
    ap.add_argument("--check-docs", type=int, default=0, help="documents compared head by head (0: all)")
    ap.add_argument("--repeats", type=int, default=2, help="runs of each decoder per mode; the best counts")
    ap.add_argument("--threads", type=int, default=1, help="torch threads (a service worker has 1)")
    ap.add_argument("--attributions", action="store_true", help="also compare the extracted attributions (~1 min more)")
    ap.add_argument("--speedups", action="store_true", help="instead: stock pipeline against the fast decoder and quotes.engine.speedups")
    ap.add_argument("--each", action="store_true", help="with --speedups: each speedup alone too")
    args = ap.parse_args()

    from quotes.engine import decoder

    if args.speedups:
        import torch

        torch.set_num_threads(args.threads)
        result = speedups_speed(read_texts(args.texts, args.docs), args.repeats, args.each)
        print_speedups(result, args.threads, args.repeats)
        print(json.dumps({"speedups": result}))
        return

    pipe = build(args.threads)
    if decoder.fast_decoder() is None:
        sys.exit("ufal.chu_liu_edmonds is not installed: nothing to compare")
    fast = speed(pipe, read_texts(args.texts, args.docs), args.repeats)
    same = sameness(pipe, read_texts(args.texts, args.check_docs))
    if args.attributions:
        same["attributions"] = same_attributions(read_texts(args.texts, args.check_docs))

    print(f"{fast['docs']} documents, {fast['words']} words, {args.threads} torch thread(s), best of {args.repeats}")
    print(f"{'bare pipeline':24s} {'Stanza decoder':>15s} {'fast decoder':>13s} {'ratio':>6s}  parser: share, ratio  decoder: share, s")
    for mode in ("single", "bulk"):
        m = fast[mode]
        label = "one document at a time" if mode == "single" else "bulk"
        print(
            f"{label:24s} {m['stanza_wps']:11.0f} w/s {m['fast_wps']:9.0f} w/s {m['ratio']:5.2f}x"
            f"  {m['depparse_share_stanza']:6.0%} {m['depparse_ratio']:5.2f}x"
            f"  {m['decoder_share_stanza']:6.0%} {m['decoder_s']['stanza']:.2f} -> {m['decoder_s']['fast']:.2f}"
            f" (a free decoder: {m['ratio_ceiling']:.2f}x); by CPU time {m['ratio_cpu']:.2f}x"
        )
    print(
        f"same heads and relations: {same['words'] - same['differ']:,} of {same['words']:,} words "
        f"({same['docs']} documents); sentences by path: {same['paths']}"
    )
    if "attributions" in same:
        a = same["attributions"]
        print(f"same attributions, speakers and skipped: {a['same']} of {a['docs']} documents ({a['attributions']} attributions)")
    print(json.dumps({"speed": fast, "sameness": same}))


if __name__ == "__main__":
    main()
