"""Parse PolNeAR articles once with the service's own pipeline and cache the flat parses.

Usage (from the repository root; about 10 minutes for the 840 train articles on 2 cores)::

    QUOTES_SELECTIVE_PARSE=0 nice -n 10 .venv/bin/python training/parse_polnear.py \\
        [--gold ../shared/bench/polnear-train.jsonl.gz] [--limit N] >> .cache/parse-train.log 2>&1 &

One torch thread unless ``QUOTES_TORCH_THREADS`` says otherwise: on a machine busy with other
jobs, two OpenMP threads wait for each other and parsing ran 40 times slower (29.5 s an article
against 0.7 s).

Each article becomes ``.cache/polnear-parses/<model>/<id>.pkl``: the tokens of
:class:`quotes.engine.parse.Parse` as plain tuples (text, lemma, upos, xpos, head, deprel, start, end, ner)
and the sentence ranges; small, and no Stanza objects. Resumable: an article already cached is
skipped. ``QUOTES_SELECTIVE_PARSE=0`` gives every sentence a tree (the learned stage looks at verbs
outside the cue lexicon, which selective parsing leaves flat). Nothing from the corpus is written
outside ``.cache/`` (git-ignored).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import pickle
import sys
import time
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "bench"
CACHE = REPO / ".cache" / "polnear-parses"


def read_gold(path: Path) -> list[dict]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def flat(parse) -> dict:
    return {
        "toks": [(t.text, t.lemma, t.upos, t.xpos, t.head, t.deprel, t.start, t.end, t.ner) for t in parse.toks],
        "sentences": list(parse.sentences),
    }


def unflat(text: str, data: dict):
    from quotes.engine.parse import Parse, Tok

    toks = []
    for i, (w, lemma, upos, xpos, head, deprel, start, end, ner) in enumerate(data["toks"]):
        toks.append(Tok(i, 0, w, lemma, upos, xpos, head, deprel, start, end, ner))
    sent_of = [0] * len(toks)
    for s, (a, b) in enumerate(data["sentences"]):
        for k in range(a, b):
            sent_of[k] = s
    toks = [Tok(t.i, sent_of[t.i], t.text, t.lemma, t.upos, t.xpos, t.head, t.deprel, t.start, t.end, t.ner) for t in toks]
    return Parse(text=text, toks=tuple(toks), sentences=tuple(tuple(s) for s in data["sentences"]))


def cache_dir(model_name: str) -> Path:
    return CACHE / model_name


@cache
def configured_model() -> str:
    """The cache folder of the configured model (QUOTES_STANZA_DIR or the embedded one): its name and
    version, so parses of a model replaced in place are never read for the new one, and what the
    parse stage does besides the model (``quotes.engine.selective.fingerprint``)."""
    from quotes.common.nlp import choose_model
    from quotes.common.settings import Settings
    from quotes.engine import selective

    settings = Settings.from_env()
    choice = choose_model(settings)
    return f"{choice.name}-{choice.version}-{selective.fingerprint(settings.tokenizer)}"


def load_cached(article: dict, model_name: str | None = None):
    path = cache_dir(model_name or configured_model()) / f"{article['id']}.pkl"
    if not path.exists():
        return None
    return unflat(article["text"], pickle.loads(path.read_bytes()))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=SHARED / "polnear-train.jsonl.gz")
    ap.add_argument("--limit", type=int)
    args = ap.parse_args(argv)

    os.environ.setdefault("QUOTES_TORCH_THREADS", "1")
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from quotes.common.nlp import NLP
    from quotes.common.settings import Settings
    from quotes.engine.parse import from_stanza

    settings = Settings.from_env()
    nlp = NLP(settings)
    nlp.load()
    out = cache_dir(configured_model())
    out.mkdir(parents=True, exist_ok=True)
    print(f"model {nlp.choice.dir}, selective={settings.selective_parse}, into {out}", flush=True)
    # A fixed interleaved order (by a hash of the id), so that a partial cache is a fair sample of publishers and months.
    articles = sorted(read_gold(args.gold), key=lambda a: hashlib.sha1(a["id"].encode()).hexdigest())[: args.limit]
    t0, done = time.time(), 0
    for n, art in enumerate(articles, 1):
        path = out / f"{art['id']}.pkl"
        if path.exists():
            continue
        doc = nlp(art["text"])
        tmp = path.with_suffix(".tmp")
        tmp.write_bytes(pickle.dumps(flat(from_stanza(doc, art["text"]))))
        tmp.rename(path)
        done += 1
        print(f"[{n}/{len(articles)}] {art['id']} {time.time() - t0:.0f}s ({(time.time() - t0) / done:.1f}s/article)", flush=True)
    print("done", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
