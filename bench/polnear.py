"""Score the quotes extractor on the PolNeAR attribution corpus.

Usage (from the repository root)::

    python bench/polnear.py [--gold ../shared/bench/polnear-dev.jsonl] \\
        [--conllu ../shared/bench/polnear-dev-corenlp] [--out preds.jsonl] \\
        [--limit N] [--by-rule] [--scorer ../shared/bench/score.py]

Gold is PolNeAR JSONL (``.jsonl`` or ``.jsonl.gz``), one article a line:
``{"id", "text", "attributions": [...]}``; see ``../shared/bench/README.md``.

Each article is parsed either from ``DIR/<id>.conllu[.gz]`` (with ``--conllu``;
tokens carry ``start_char``/``end_char`` into the article text) or, when there is
no such file or no ``--conllu``, by the configured Stanza pipeline
(:class:`quotes.common.nlp.NLP`, which honours ``QUOTES_STANZA_DIR`` and is loaded only
if some article needs it). Extraction is the API's own code path:
``extract(from_stanza(doc, text))``. An article whose parse or extraction raises
is reported on stderr and scored as having no predictions.

Output on stdout: the scorer's table; with ``--by-rule`` a table of each sieve's
prediction count and precision (that sieve's predictions scored alone against
the full gold, so only P is meaningful); a summary line; and last one JSON line
of headline figures (content and attribution F1, overall and per quote type,
articles, words = non-punctuation tokens parsed, seconds = load + parse +
extract wall time, mode). Nothing here needs the network.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import sys
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from stanza.models.common.doc import Document

from quotes.engine.extract import extract
from quotes.engine.model import Attribution
from quotes.engine.parse import from_stanza

REPO = Path(__file__).resolve().parent.parent
DEFAULT_GOLD = REPO.parent / "shared" / "bench" / "polnear-dev.jsonl"
DEFAULT_SCORER = REPO.parent / "shared" / "bench" / "score.py"
TYPES = ("direct", "indirect", "mixed")

Article = dict[str, Any]


# ---------------------------------------------------------------------------
# Input
# ---------------------------------------------------------------------------
def open_text(path: Path):
    """A text-mode handle on ``path``, gunzipping when the name ends in ``.gz``."""
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def read_gold(path: Path, limit: int | None = None) -> list[Article]:
    """The first ``limit`` (default: all) articles of a gold JSONL(.gz) file."""
    articles: list[Article] = []
    with open_text(path) as f:
        for n, line in enumerate(f, 1):
            if limit is not None and len(articles) >= limit:
                break
            line = line.strip()
            if not line:
                continue
            try:
                articles.append(json.loads(line))
            except ValueError as exc:
                raise SystemExit(f"{path} line {n}: {exc}") from exc
    return articles


def conllu_file(conllu_dir: Path | None, article_id: str) -> Path | None:
    """``DIR/<id>.conllu`` or ``DIR/<id>.conllu.gz``, whichever exists."""
    if conllu_dir is None:
        return None
    for name in (f"{article_id}.conllu", f"{article_id}.conllu.gz"):
        path = conllu_dir / name
        if path.is_file():
            return path
    return None


def load_conllu(path: Path) -> Document:
    from stanza.utils.conll import CoNLL

    with open_text(path) as f:
        return CoNLL.conll2doc(input_str=f.read())


def misaligned_words(doc: Document, text: str) -> int:
    """Words whose ``start_char``/``end_char`` do not cover their own form in ``text``."""
    bad = 0
    for sent in doc.sentences:
        for w in sent.words:
            s, e = w.start_char, w.end_char
            if s is None or e is None or text[s:e] != w.text:
                bad += 1
    return bad


class Pipeline:
    """The configured Stanza pipeline, built on first use (never if all articles have parses)."""

    def __init__(self, cache: Path | None = None) -> None:
        self._nlp = None
        self._error: Exception | None = None
        self.load_seconds = 0.0
        self.cache = cache
        self._key: tuple[str, ...] | None = None

    def __call__(self, text: str) -> Document:
        if self.cache is None:
            return self._parse(text)
        import hashlib
        import pickle

        from quotes.engine.learned import trigger_lemmas

        key = "\0".join([*self._parse_key(), *sorted(trigger_lemmas()), text])
        path = self.cache / f"{hashlib.sha256(key.encode()).hexdigest()[:24]}.pkl"
        if path.exists():
            return pickle.loads(path.read_bytes())
        doc = self._parse(text)
        self.cache.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(doc))
        return doc

    def _parse_key(self) -> tuple[str, ...]:
        """What a parse depends on besides its text: the model (its version is a checksum of its
        files), the tokenizer, selective parsing and what the parse stage does besides the model
        (``quotes.engine.selective.fingerprint``: the rule tokenizer's rules, the tag repairs). Worked out once."""
        if self._key is not None:
            return self._key
        from quotes.common.nlp import choose_model
        from quotes.common.settings import Settings
        from quotes.engine import selective

        settings = Settings.from_env()
        choice = choose_model(settings)
        stage = selective.fingerprint(settings.tokenizer)
        self._key = (choice.dir, choice.version, str(settings.selective_parse), settings.tokenizer, stage)
        return self._key

    def _parse(self, text: str) -> Document:
        if self._error is not None:
            raise self._error  # the model did not load: fail fast for every later article
        if self._nlp is None:
            from quotes.common.nlp import NLP
            from quotes.common.settings import Settings

            t0 = time.perf_counter()
            nlp = NLP(Settings.from_env())
            try:
                nlp.load()
            except Exception as exc:
                self._error = exc
                raise
            finally:
                self.load_seconds += time.perf_counter() - t0
            self._nlp = nlp
            print(f"pipeline: {nlp.choice.source} model in {nlp.choice.dir}", file=sys.stderr)
        return self._nlp(text)


# ---------------------------------------------------------------------------
# Extraction
# ---------------------------------------------------------------------------
@dataclass
class Run:
    """What running the extractor over the gold articles produced."""

    predictions: list[Article] = field(default_factory=list)
    words: int = 0
    failed: list[str] = field(default_factory=list)
    from_conllu: int = 0
    from_pipeline: int = 0
    dropped_spans: int = 0
    misaligned: int = 0
    load_seconds: float = 0.0
    parse_seconds: float = 0.0
    extract_seconds: float = 0.0


def span_list(text: str, spans: Iterable[tuple[int, int]], run: Run) -> list[list[int]]:
    """``[[s, e], ...]`` keeping only spans the scorer accepts (non-empty, inside the text)."""
    out = []
    for s, e in spans:
        if 0 <= s < e <= len(text):
            out.append([s, e])
        else:
            run.dropped_spans += 1
    return out


def to_prediction(text: str, a: Attribution, run: Run) -> Article | None:
    """One attribution in the scorer's prediction shape (None if no valid content is left)."""
    content = span_list(text, ((c.start, c.end) for c in a.content), run)
    if not content:
        return None
    source = [(a.speaker.mention.start, a.speaker.mention.end)] if a.speaker else []
    cue = [(a.cue.start, a.cue.end)] if a.cue else []
    return {
        "content": content,
        "source": span_list(text, source, run),
        "cue": span_list(text, cue, run),
        "type": a.type,
        "sieve": a.sieve,
        "confidence": a.confidence,
    }


def parse_article(article: Article, conllu_dir: Path | None, pipeline: Pipeline, run: Run) -> Document:
    text = article["text"]
    path = conllu_file(conllu_dir, article["id"])
    t0 = time.perf_counter()
    try:
        if path is not None:
            doc = load_conllu(path)
            run.from_conllu += 1
            run.misaligned += misaligned_words(doc, text)
        else:
            doc = pipeline(text)
            run.from_pipeline += 1
    finally:
        run.parse_seconds += time.perf_counter() - t0
    return doc


def extract_article(article: Article, doc: Document, run: Run) -> list[Article]:
    """The API's extraction path on one parsed article, as prediction dicts."""
    text = article["text"]
    t0 = time.perf_counter()
    try:
        parse = from_stanza(doc, text)
        run.words += parse.word_count()
        result = extract(parse)
    finally:
        run.extract_seconds += time.perf_counter() - t0
    preds = (to_prediction(text, a, run) for a in result.attributions)
    return [p for p in preds if p is not None]


def run_extractor(gold: list[Article], conllu_dir: Path | None, cache: Path | None = None) -> Run:
    """Parse and extract every article; failures are reported and predict nothing."""
    run, pipeline = Run(), Pipeline(cache)
    for n, article in enumerate(gold, 1):
        attributions: list[Article] = []
        try:
            doc = parse_article(article, conllu_dir, pipeline, run)
            attributions = extract_article(article, doc, run)
        except Exception:  # one bad article must not stop the benchmark
            run.failed.append(article["id"])
            print(f"error: article {article['id']} failed:\n{traceback.format_exc()}", file=sys.stderr)
        run.predictions.append({"id": article["id"], "attributions": attributions})
        if n % 20 == 0 or n == len(gold):
            print(f"[{n}/{len(gold)}] articles done", file=sys.stderr)
    run.load_seconds = pipeline.load_seconds
    run.parse_seconds -= pipeline.load_seconds  # the model load is reported on its own
    return run


def write_jsonl(path: Path, rows: Iterable[Article]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------
def load_scorer(path: Path) -> ModuleType:
    """Import ``score.py`` from ``path`` (it is not a package)."""
    spec = importlib.util.spec_from_file_location("polnear_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import the scorer from {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def warn(msg: str) -> None:
    print("warning: " + msg, file=sys.stderr)


def headline(res: dict, run: Run, articles: int, seconds: float, mode: str) -> dict[str, Any]:
    """The one-line summary: F1 figures from the scorer's result plus run facts."""

    def f1(metric: str, typ: str | None = None) -> float | None:
        c = res["metrics"][metric] if typ is None else res["by_type"][typ][metric]
        return None if c["f1"] is None else round(c["f1"], 4)

    return {
        "content_f1": f1("content"),
        "attribution_f1": f1("attribution"),
        "content_f1_by_type": {t: f1("content", t) for t in TYPES},
        "attribution_f1_by_type": {t: f1("attribution", t) for t in TYPES},
        "articles": articles,
        "words": run.words,
        "seconds": round(seconds, 2),
        "mode": mode,
    }


def only_sieve(predictions: list[Article], sieve: str) -> list[Article]:
    return [{"id": p["id"], "attributions": [a for a in p["attributions"] if a["sieve"] == sieve]} for p in predictions]


def by_rule_rows(score: Callable, gold: list[Article], predictions: list[Article]) -> Iterator[tuple[str, int, int, int]]:
    """(sieve, predictions, content TPs, attribution TPs): each sieve scored alone on the full gold."""
    counts: dict[str, int] = {}
    for p in predictions:
        for a in p["attributions"]:
            counts[a["sieve"]] = counts.get(a["sieve"], 0) + 1
    for sieve in sorted(counts, key=lambda s: (-counts[s], s)):
        res = score(gold, only_sieve(predictions, sieve))["metrics"]
        yield sieve, counts[sieve], res["content"]["tp"], res["attribution"]["tp"]


def by_rule_table(score: Callable, gold: list[Article], predictions: list[Article]) -> str:
    head = f"{'sieve':<32} {'pred':>6} {'content P':>10} {'attrib P':>9}"
    rows = [head, "-" * len(head)]
    for sieve, n, c_tp, a_tp in by_rule_rows(score, gold, predictions):
        rows.append(f"{sieve:<32} {n:>6d} {c_tp / n:>10.3f} {a_tp / n:>9.3f}")
    rows.append("(each sieve's predictions scored alone against all gold: precision only)")
    return "\n".join(rows)


def by_confidence_table(score: Callable, gold: list[Article], predictions: list[Article], sieve: str = "learned_cue_clause") -> str:
    """Calibration: one sieve's predictions binned by confidence, each bin scored alone
    (content precision should rise with confidence)."""
    edges = (0.0, 0.5, 0.6, 0.7, 0.8, 1.01)
    head = f"{sieve + ' confidence':<32} {'pred':>6} {'content P':>10}"
    rows = [head, "-" * len(head)]
    for lo, hi in zip(edges, edges[1:]):
        def in_bin(a: dict, lo: float = lo, hi: float = hi) -> bool:
            return a["sieve"] == sieve and lo <= a["confidence"] < hi

        kept = [{"id": p["id"], "attributions": [a for a in p["attributions"] if in_bin(a)]} for p in predictions]
        n = sum(len(p["attributions"]) for p in kept)
        if n:
            tp = score(gold, kept)["metrics"]["content"]["tp"]
            rows.append(f"{f'{lo:.1f}-{min(hi, 1.0):.1f}':<32} {n:>6d} {tp / n:>10.3f}")
    return "\n".join(rows)


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------
def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description="Score the quotes extractor on PolNeAR gold JSONL.")
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="gold .jsonl or .jsonl.gz (default: %(default)s)")
    ap.add_argument("--conllu", type=Path, help="directory of <id>.conllu[.gz] parses; others go through the pipeline")
    ap.add_argument("--out", type=Path, help="write predictions here as JSONL")
    ap.add_argument("--limit", type=int, help="only the first N articles")
    ap.add_argument("--cache", type=Path, help="keep the pipeline's parses here (keyed by model, selective parsing and text)")
    ap.add_argument("--by-rule", action="store_true", help="precision and count per sieve (and the learned stage's by confidence)")
    ap.add_argument("--scorer", type=Path, default=DEFAULT_SCORER, help="path to score.py (default: %(default)s)")
    args = ap.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        ap.error("--limit must be >= 1")
    if args.conllu is not None and not args.conllu.is_dir():
        ap.error(f"--conllu {args.conllu} is not a directory")
    for name in ("gold", "scorer"):
        if not getattr(args, name).is_file():
            ap.error(f"--{name} {getattr(args, name)} does not exist")
    return args


def summary(run: Run, articles: int) -> str:
    return (
        f"parsed: {run.from_conllu} from CoNLL-U, {run.from_pipeline} by the pipeline; "
        f"failed: {len(run.failed)} of {articles} articles; "
        f"dropped invalid spans: {run.dropped_spans}; misaligned CoNLL-U words: {run.misaligned}; "
        f"seconds: load {run.load_seconds:.1f}, parse {run.parse_seconds:.1f}, extract {run.extract_seconds:.1f}"
    )


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    scorer = load_scorer(args.scorer)
    gold = read_gold(args.gold, args.limit)

    t0 = time.perf_counter()
    run = run_extractor(gold, args.conllu, args.cache)
    seconds = time.perf_counter() - t0
    if args.out:
        write_jsonl(args.out, run.predictions)

    res = scorer.score(gold, run.predictions, warn=warn)
    print(scorer.table(res))
    if args.by_rule:
        print()
        print(by_rule_table(scorer.score, gold, run.predictions))
        if any(a["sieve"] == "learned_cue_clause" for p in run.predictions for a in p["attributions"]):
            print()
            print(by_confidence_table(scorer.score, gold, run.predictions))
    print()
    print(summary(run, len(gold)))
    if run.failed:
        print(f"failed articles: {', '.join(run.failed)}")
    mode = "conllu" if args.conllu else "pipeline"
    print(json.dumps(headline(res, run, len(gold), seconds, mode)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
