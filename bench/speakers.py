"""Score speaker names and roles on the hand-labelled sets in ``../shared/bench/speakers/``.

Usage (from the repository root)::

    python bench/speakers.py                       # both dev sets, a table each and one JSON line
    python bench/speakers.py --errors              # also every wrong name and role
    python bench/speakers.py --gold ../shared/bench/speakers/reuters-dev.jsonl

The same figures as ``../shared/bench/speakers/run_speakers.sh`` (it runs ``quotes extract`` per
article; this runs the same ``analyze`` + ``dump_result`` in one process), scored by the shared
``score_speakers.py``. Parses are cached under ``.cache/speakers/`` keyed by the model directory and
the text, so re-scoring after a change to the rules takes seconds; ``--no-cache`` parses afresh.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import pickle
import sys
from pathlib import Path

from quotes.common.nlp import NLP, choose_model
from quotes.common.schemas import dump_result
from quotes.common.settings import Settings
from quotes.engine import selective
from quotes.engine.extract import extract_stanza
from quotes.engine.learned import trigger_lemmas

REPO = Path(__file__).resolve().parent.parent
SETS = REPO.parent / "shared" / "bench" / "speakers"
DEFAULT_GOLD = (SETS / "polnear-dev-speakers.jsonl", SETS / "reuters-dev.jsonl")
CACHE = REPO / ".cache" / "speakers"


def load_scorer(path: Path):
    spec = importlib.util.spec_from_file_location("score_speakers", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Parser:
    """The configured pipeline, loaded only when an article is not in the cache."""

    def __init__(self, use_cache: bool):
        settings = Settings.from_env()
        self.nlp = NLP(settings)
        choice = choose_model(settings)
        # what a parse depends on besides its text: the model (its version is a checksum of its
        # files, so a model rebuilt in the same folder is another one), the tokenizer's rules, and
        # which sentences the selective parser takes (the learned stage's cue words add some)
        self.parse_key = [choice.dir, choice.version, settings.tokenizer, selective.fingerprint(settings.tokenizer)]
        self.parse_key.append(f"selective={settings.selective_parse}")
        self.parse_key.append("triggers=" + hashlib.sha256(" ".join(sorted(trigger_lemmas())).encode()).hexdigest()[:12])
        self.use_cache = use_cache

    def __call__(self, text: str):
        if not self.nlp.ready:
            self.nlp.load()
        return self.nlp(text)

    def doc(self, text: str):
        key = hashlib.sha256("\0".join([*self.parse_key, text]).encode()).hexdigest()[:24]
        path = CACHE / f"{key}.pkl"
        if self.use_cache and path.exists():
            return pickle.loads(path.read_bytes())
        doc = self(text)
        CACHE.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(doc))
        return doc


def run(gold: Path, parser: Parser, scorer, errors: bool) -> dict:
    articles = [json.loads(line) for line in gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    preds = {}
    for art in articles:
        result = extract_stanza(parser.doc(art["text"]), art["text"])
        body = dump_result(result, doc_id=art["id"], model={})
        preds[art["id"]] = scorer.parse_response(body, art["text"], art["id"], lambda m: None)
    wrong: list[str] = []
    res = scorer.score(articles, preds, errors=wrong if errors else None)
    print(f"== {gold.name}")
    print(scorer.table(res))
    for line in wrong:
        print(line)
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, action="append", help="gold JSONL (repeatable; default both dev sets)")
    ap.add_argument("--scorer", type=Path, default=SETS / "score_speakers.py")
    ap.add_argument("--errors", action="store_true", help="list every wrong name and role")
    ap.add_argument("--no-cache", action="store_true")
    args = ap.parse_args(argv)
    scorer = load_scorer(args.scorer)
    parser = Parser(not args.no_cache)
    summary = {}
    for gold in args.gold or DEFAULT_GOLD:
        res = run(gold, parser, scorer, args.errors)
        s = res["speaker_name_strict"]["accuracy"], res["role_lenient"]["accuracy"], res["role_strict"]["accuracy"]
        summary[gold.stem] = {
            "content_f1": round(res["content"]["f1"], 3),
            "name": round(s[0], 3),
            "role_head": round(s[1], 3),
            "role_exact": round(s[2], 3),
        }
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
