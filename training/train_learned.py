"""Train the learned stage (``quotes/engine/learned.py``) on PolNeAR train; tune its threshold on dev.

Usage (from the repository root, after ``training/parse_polnear.py`` has cached train parses)::

    nice -n 19 .venv/bin/python training/train_learned.py            # writes quotes/data/learned_cues.json
    nice -n 19 .venv/bin/python training/train_learned.py --dry-run  # figures only

Steps:
1. Train examples: every candidate (cue word, content) of :func:`quotes.engine.learned.candidates` in the
   cached train parses (embedded Stanza model, every sentence parsed), labelled positive when its
   content matches a gold content as the scorer counts it (>= 50 % of the longer span's
   non-space characters) and the cue word lies in that attribution's cue span.
2. A logistic regression over the feature names of :func:`quotes.engine.learned.features` (features seen
   in fewer than ``--min-count`` train examples are dropped), fitted by Adagrad with L2, in plain
   Python, deterministic (fixed seed, fixed order).
3. The threshold: the extractor with the stage in its place runs on dev with the CoreNLP parses
   (``../shared/bench/polnear-dev-corenlp``), scored by ``../shared/bench/score.py``, for each
   threshold of ``--grid``; the best content F1 among those where the stage's own dev content
   precision is at least ``--min-precision`` is kept.
4. Calibration: Platt scaling (two numbers) fitted to the stage's dev predictions at that threshold,
   so that ``confidence`` reads as the chance of being right; the card shows precision by bin.

Only train is learned from; dev chooses the threshold and the two calibration numbers. No corpus text or label is
written into the project: the model file holds feature names (lemmas, tags, relation names) and
weights.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "training"))
sys.path.insert(0, str(REPO / "bench"))

from parse_polnear import SHARED, load_cached, read_gold  # noqa: E402

from quotes.engine.candidates import find_candidates  # noqa: E402
from quotes.engine.learned import MODEL_FILE, candidates, features  # noqa: E402

OUT = REPO / "quotes" / "data" / MODEL_FILE
CARD = OUT.with_suffix(".md")


def chars(text: str, spans) -> frozenset[int]:
    return frozenset(k for s, e in spans for k in range(s, e) if not text[k].isspace())


def rule_claims(parse, cands):
    """What the rule sieves before the learned stage claim (the stage sees only the rest)."""
    from quotes.engine.sieves import Claims, run_sieves

    rules = with_stage(None)
    at = next(i for i, s in enumerate(rules) if s.name == "title_or_scare_quote")
    claims = Claims()
    for d in run_sieves(parse, cands, rules[:at]):
        claims.take(d)
    return claims


def free(parse, claims, c) -> bool:
    """The sieve's own test: the cue word and the content touch nothing the rules claimed."""
    v = parse.toks[c.cue]
    a, b = c.rng
    return not (c.cue in claims.cues or claims.overlaps(v.start, v.end) or claims.overlaps(parse.toks[a].start, parse.toks[b].end))


WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")


def cue_counts(art: dict) -> Counter:
    """Per lower-case word form of one article: ("cue", form) times inside a cue span, ("n", form) occurrences."""
    starts = sorted(k for a in art["attributions"] for s, e in a["cue"] for k in range(s, e))
    inside = set(starts)
    out: Counter = Counter()
    for m in WORD.finditer(art["text"]):
        form = m.group(0).lower()
        out["n", form] += 1
        if m.start() in inside:
            out["cue", form] += 1
    return out


def cue_rates(articles: list[dict], min_n: int = 3) -> tuple[dict[str, list[int]], Counter]:
    """The table shipped in the model (forms seen at least ``min_n`` times and at least once in a cue) and the raw counts."""
    total: Counter = Counter()
    for art in articles:
        total.update(cue_counts(art))
    table = {f: [total["cue", f], n] for (k, f), n in total.items() if k == "n" and n >= min_n and total["cue", f] > 0}
    return dict(sorted(table.items())), total


def label_article(art: dict, parse, total: Counter | None = None) -> list[tuple[list[str], int]]:
    """Features and label of every candidate the rules leave free (the stage's own inputs). The
    cue-rate feature is read from ``total`` less this article's own counts (no label leaks in)."""
    own = cue_counts(art)

    def rates(form: str) -> tuple[int, int]:
        if total is None:
            return (0, 0)
        return (total["cue", form] - own["cue", form], total["n", form] - own["n", form])

    text = art["text"]
    gold = [(chars(text, a["content"]), chars(text, a["cue"])) for a in art["attributions"]]
    cands = find_candidates(parse)
    claims = rule_claims(parse, cands)
    out = []
    memo: dict = {}  # what the candidates of one cue word share (quotes.engine.learned.features)
    for c in candidates(parse, cands):
        if not free(parse, claims, c):
            continue
        a, b = c.rng
        mine = chars(text, [(parse.toks[a].start, parse.toks[b].end)])
        cue = parse.toks[c.cue]
        cue_chars = set(range(cue.start, cue.end))
        y = 0
        for g, gc in gold:
            if mine and g and len(mine & g) >= 0.5 * max(len(mine), len(g)) and cue_chars & gc:
                y = 1
                break
        out.append((features(parse, cands, c, rates, memo), y))
    return out


def train(examples: list[tuple[list[str], int]], epochs: int, l2: float, lr: float, min_count: int, seed: int = 13) -> dict[str, float]:
    counts = Counter(f for feats, _ in examples for f in set(feats))
    keep = {f for f, n in counts.items() if n >= min_count}
    data = [([f for f in feats if f in keep], y) for feats, y in examples]
    w: dict[str, float] = dict.fromkeys(keep, 0.0)
    g2: dict[str, float] = dict.fromkeys(keep, 1e-8)
    order = list(range(len(data)))
    rng = random.Random(seed)
    for ep in range(epochs):
        rng.shuffle(order)
        loss = 0.0
        for i in order:
            feats, y = data[i]
            z = sum(w[f] for f in feats)
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            loss -= math.log(p if y else 1 - p + 1e-12) if p > 0 else 30.0
            g = p - y
            for f in feats:
                grad = g + l2 * w[f]
                g2[f] += grad * grad
                w[f] -= lr * grad / math.sqrt(g2[f])
        print(f"epoch {ep + 1}: loss {loss / len(data):.4f}", file=sys.stderr, flush=True)
    return {f: round(v, 4) for f, v in w.items() if abs(v) >= 1e-3}


def dev_parses(gold: Path, conllu: Path) -> list[tuple[dict, object]]:
    """Dev articles with their CoreNLP parses (the one without a parse is left out of tuning)."""
    from polnear import conllu_file, load_conllu

    from quotes.engine.parse import from_stanza

    out = []
    for art in read_gold(gold):
        path = conllu_file(conllu, art["id"])
        if path is not None:
            out.append((art, from_stanza(load_conllu(path), art["text"])))
    return out


def with_stage(threshold: float | None, model=None):
    """The default sieves with the learned stage in its place (after the rule sieves that make
    attributions, before the ones that skip quotations), at ``threshold``."""
    from functools import partial

    from quotes.engine.sieves import RULE_SIEVES, Sieve, learned_cue_clause

    rules = list(RULE_SIEVES)
    at = next(i for i, s in enumerate(rules) if s.name == "title_or_scare_quote")
    stage = Sieve("learned_cue_clause", partial(learned_cue_clause, threshold=threshold, model=model))
    return tuple(rules[:at] + [stage] + rules[at:]) if threshold is not None else tuple(rules)


def evaluate(dev: list[tuple[dict, object]], scorer, threshold: float | None, model=None) -> tuple[dict, list[tuple[float, int]]]:
    """Scorer result on dev, and (confidence, content hit) for each learned-stage prediction."""
    from quotes.engine.extract import extract

    sieves = with_stage(threshold, model)
    preds = []
    for art, parse in dev:
        res = extract(parse, sieves)
        preds.append(
            {
                "id": art["id"],
                "attributions": [
                    {
                        "content": [[c.start, c.end] for c in a.content],
                        "source": [[a.speaker.mention.start, a.speaker.mention.end]] if a.speaker else [],
                        "sieve": a.sieve,
                        "confidence": a.confidence,
                    }
                    for a in res.attributions
                ],
            }
        )
    gold = [art for art, _ in dev]
    res = scorer.score(gold, preds)
    hits = []
    for art, p in zip(gold, preds):
        g = [chars(art["text"], a["content"]) for a in art["attributions"]]
        for a in p["attributions"]:
            if a["sieve"] == "learned_cue_clause":
                m = chars(art["text"], a["content"])
                hits.append((a["confidence"], int(any(len(m & x) >= 0.5 * max(len(m), len(x)) for x in g))))
    return res, hits


def figures(res: dict) -> dict:
    m, t = res["metrics"], res["by_type"]
    return {
        "content": round(m["content"]["f1"], 4),
        "attribution": round(m["attribution"]["f1"], 4),
        "direct": round(t["direct"]["content"]["f1"], 4),
        "indirect": round(t["indirect"]["content"]["f1"], 4),
        "mixed": round(t["mixed"]["content"]["f1"], 4),
        "content_p": round(m["content"]["precision"], 4),
        "content_r": round(m["content"]["recall"], 4),
    }


def platt(hits: list[tuple[float, int]], steps: int = 3000, lr: float = 0.05) -> tuple[float, float]:
    """(a, b) of sigmoid(a * logit(p) + b) fitted to the stage's dev predictions (raw p, right or not)."""
    xs = [(math.log(max(p, 1e-9) / max(1 - p, 1e-9)), h) for p, h in hits]
    a, b = 1.0, 0.0
    for _ in range(steps):
        ga = gb = 0.0
        for z, h in xs:
            q = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, a * z + b))))
            ga += (q - h) * z
            gb += q - h
        a -= lr * ga / len(xs)
        b -= lr * gb / len(xs)
    return a, b


def calibration(hits: list[tuple[float, int]]) -> list[dict]:
    bins = [(0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01)]
    out = []
    for lo, hi in bins:
        inside = [h for p, h in hits if lo <= p < hi]
        if inside:
            out.append({"bin": f"{lo:.1f}-{min(hi, 1.0):.1f}", "n": len(inside), "precision": round(sum(inside) / len(inside), 3)})
    return out


def card(model: dict, size: int) -> str:
    """The model card, from the model's own metadata (written next to it by every training run)."""
    m = model["meta"]
    top = sorted(((w, f) for f, w in model["weights"].items() if f.startswith("lemma=")), reverse=True)[:25]
    rows = [
        "# learned_cues.json: model card",
        "",
        "The model of the `learned_cue_clause` sieve (`quotes/engine/learned.py`). Written by `training/train_learned.py`;",
        "do not edit by hand.",
        "",
        "- **What it does**: scores (cue word, content) pairs that the dependency tree offers (a word and the clause,",
        "  infinitive, object or complement it governs, or the clause it hangs on) as attributions or not.",
        "  Pairs at or above the threshold that the rule sieves left free become attributions with",
        "  `sieve: learned_cue_clause` and the model's probability, calibrated on dev, as `confidence`. Whatever",
        "  its score, the stage never proposes a content after the cue that opens with a preposition (a topic:",
        "  \"commented on the rumors\") or a conjunction, nor anything in a line set in capitals.",
        "  Off unless `QUOTES_LEARNED_STAGE=1` (see docs/accuracy.md: it lowers precision on Reuters dev).",
        "- **Kind**: logistic regression over sparse indicator features (lemma, UPOS/XPOS, dependency relations, the",
        "  content's marker word, cue-lexicon frame, the subject's class and NER tag, quotation membership, lengths,",
        "  position, the WordNet classes of the cue word's commonest senses: `quotes/data/wordnet_sense_classes.tsv`),",
        "  plus a prior: the share of a word form's occurrences in all 840 PolNeAR train texts that lie",
        f"  in a cue span ({len(model.get('cue_rates', {})):,} forms seen >= 3 times and at least once in a cue; for",
        "  training examples the article's own counts are left out). Adagrad with L2, plain Python, no run-time dependency.",
        f"- **Trained on**: {m['trained_on']}; {m['candidates']:,} candidate pairs, {m['positives']:,} positive",
        "  (content matches a gold content at >= 50 % overlap as the PolNeAR scorer counts it, and the cue word lies",
        "  in that attribution's cue).",
        f"- **Hyper-parameters**: epochs {m['epochs']}, L2 {m['l2']}, learning rate {m['lr']}, features seen in at least",
        f"  {m['min_count']} examples; {m['features']:,} weights, {size / 1e6:.2f} MB.",
        f"- **Tuned on**: PolNeAR dev with CoreNLP parses: the threshold, {model['threshold']}, is the grid value with",
        "  the best content F1 whose stage precision stays above the floor; the calibration",
        f"  {model.get('calibration')} (Platt a, b) is fitted to the same dev predictions, so the bins below are in-sample.",
        "- **Data terms**: PolNeAR is for research use; the file holds feature names, weights and per-word counts (no",
        "  text, no labels); treat it as derived from research-only data.",
        "- **Limits**: trained on a part of train (parsing is the bottleneck); PolNeAR's broad notion of attribution",
        "  (plans, support, attitudes, polls) does not carry to newswire labelled for speech (Reuters dev).",
        "",
        "## Scores (PolNeAR dev, CoreNLP parses, content F1 at >= 50 % overlap)",
        "",
        "As measured when the model was trained, with the rules of that time; today's figures, with today's",
        "rules, and the stage's predictions by confidence: docs/accuracy.md (`bench/polnear.py --by-rule`).",
        "",
    ]
    if "dev_corenlp_rules_only" in m:
        rows += ["| | content | attribution | direct | indirect | mixed | content P | content R |", "|---|---|---|---|---|---|---|---|"]
        for name, key in (("rules only", "dev_corenlp_rules_only"), ("rules + learned stage", "dev_corenlp_with_stage")):
            f = m[key]
            rows.append(
                f"| {name} | {f['content']} | {f['attribution']} | {f['direct']} | {f['indirect']} | {f['mixed']}"
                f" | {f['content_p']} | {f['content_r']} |"
            )
        rows += ["", "Calibration (the stage's dev predictions by confidence):", "", "| confidence | predictions | content precision |"]
        rows += ["|---|---|---|"] + [f"| {b['bin']} | {b['n']} | {b['precision']} |" for b in m["dev_calibration"]]
    rows += ["", "Strongest cue lemmas (`lemma=` weights): " + ", ".join(f"{f[6:]} {w:+.2f}" for w, f in top), ""]
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=SHARED / "polnear-train.jsonl.gz")
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--l2", type=float, default=0.01)
    ap.add_argument("--lr", type=float, default=0.1)
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--threshold", type=float, help="skip the dev search and use this threshold")
    ap.add_argument("--grid", type=float, nargs="+", default=[0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7])
    ap.add_argument("--min-precision", type=float, default=0.5, help="the stage's own dev content precision must reach this")
    ap.add_argument("--card-only", action="store_true", help="rewrite the model card from the shipped model and stop")
    ap.add_argument("--dry-run", action="store_true", help="do not write the model file")
    args = ap.parse_args(argv)
    if args.card_only:
        CARD.write_text(card(json.loads(OUT.read_text(encoding="utf-8")), OUT.stat().st_size), encoding="utf-8")
        return 0

    t0 = time.time()
    articles = read_gold(args.gold)
    table, total = cue_rates(articles)
    examples, used = [], []
    for art in articles:
        parse = load_cached(art)
        if parse is None:
            continue
        used.append(art["id"])
        examples.extend(label_article(art, parse, total))
    pos = sum(y for _, y in examples)
    print(f"train: {len(used)} of {len(articles)} articles parsed; {len(examples)} candidates, {pos} positive", file=sys.stderr)
    weights = train(examples, args.epochs, args.l2, args.lr, args.min_count)
    model = {
        "weights": weights,
        "cue_rates": table,
        "threshold": args.threshold if args.threshold is not None else 0.5,
        "meta": {
            "trained_on": f"PolNeAR train ({len(used)} of {len(articles)} articles, embedded Stanza parses, every sentence parsed)",
            "train_articles": len(used),
            "candidates": len(examples),
            "positives": pos,
            "features": len(weights),
            "epochs": args.epochs,
            "l2": args.l2,
            "lr": args.lr,
            "min_count": args.min_count,
            "seconds": round(time.time() - t0, 1),
        },
    }
    if args.threshold is None:  # tune on dev
        from polnear import load_scorer

        from quotes.engine.learned import Model

        trained = Model(weights, 0.5, {}, table)
        scorer = load_scorer(SHARED / "score.py")
        dev = dev_parses(SHARED / "polnear-dev.jsonl", SHARED / "polnear-dev-corenlp")
        base = figures(evaluate(dev, scorer, None, trained)[0])
        print(f"dev, rules only: {base}", file=sys.stderr)
        best = None
        for thr in args.grid:
            res, hits = evaluate(dev, scorer, thr, trained)
            fig = figures(res)
            stage_p = sum(h for _, h in hits) / len(hits) if hits else 0.0
            print(f"dev, threshold {thr:.2f}: {fig} stage predictions {len(hits)} content P {stage_p:.3f}", file=sys.stderr)
            if stage_p >= args.min_precision and (best is None or fig["content"] > best[1]["content"]):
                best = (thr, fig, hits)
        if best is None:
            print("no threshold keeps the stage's precision; the model is not written", file=sys.stderr)
            return 1
        thr, fig, hits = best
        a, b = platt(hits)
        model["threshold"] = thr
        model["calibration"] = [round(a, 4), round(b, 4)]
        hits = [(Model(weights, thr, {}, table, (a, b)).confidence(p), h) for p, h in hits]
        model["meta"]["dev_corenlp_rules_only"] = base
        model["meta"]["dev_corenlp_with_stage"] = fig
        model["meta"]["dev_calibration"] = calibration(hits)
        print(f"chosen threshold {thr}: {fig}", file=sys.stderr)
        print("calibration:", json.dumps(model["meta"]["dev_calibration"]), file=sys.stderr)
    if not args.dry_run:
        OUT.write_text(json.dumps(model, sort_keys=True, separators=(",", ":")) + "\n", encoding="utf-8")
        print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.2f} MB, {len(weights)} weights)", file=sys.stderr)
        CARD.write_text(card(model, OUT.stat().st_size), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
