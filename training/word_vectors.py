"""Word vectors for the tagger and parser, trained on the EWT train split's own text.

Licence: the only text is UD English EWT train (CC BY-SA 4.0), the same data the model is trained
on, so the vectors carry no other licence.  Larger corpora were considered and left out: web-scale
vectors (GloVe, fastText, word2vec Google News) are trained on text whose terms do not clearly allow
redistribution in an Apache-2.0 package, and the PolNeAR articles (news, copyrighted) are not ours
to ship in any form.

Method: gensim word2vec (skip-gram, negative sampling) on lower-cased word forms, as Stanza looks
pretrained vectors up by the lower-cased word.  The text includes the augmented copies, so the news
punctuation (‘ ’ '' — –) has vectors.  Single worker and a fixed seed: the same data gives the same
vectors.  The output is a Stanza pretrain file (``.pt``: vocabulary + float32 matrix), written with
Stanza's own ``Pretrain`` class from a word2vec text file.

Usage::

    python training/word_vectors.py [--train training/data/en_ewt.train.conllu] [--dim 100]
    python training/word_vectors.py --extra training/data/extra/*.txt --name ewtpd   # + training/extra_text.py's text

``--extra`` adds plain text files (one tokenised, lower-cased sentence per line), such as the
public-domain and MASC text ``training/extra_text.py`` writes (its docstring gives each licence).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def read_sentences(path: Path) -> list[list[str]]:
    """Lower-cased syntactic word forms of every sentence of a CoNLL-U file."""
    sents: list[list[str]] = []
    cur: list[str] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            if line.startswith("#"):
                continue
            cols = line.split("\t")
            if cols[0].isdigit():
                cur.append(cols[1].lower().replace(" ", "\xa0"))
    if cur:
        sents.append(cur)
    return sents


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--train", type=Path, default=DATA / "en_ewt.train.conllu")
    parser.add_argument("--out", type=Path, default=DATA / "pretrain")
    parser.add_argument("--dim", type=int, default=100)
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--window", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--extra", type=Path, nargs="*", default=[], help="more text: one tokenised sentence per line")
    parser.add_argument("--name", default="ewt", help="output name: <name>_w2v<dim>.pt")
    args = parser.parse_args(argv)

    if os.environ.get("PYTHONHASHSEED") != "0":  # gensim's vocabulary order hashes strings: re-exec deterministically
        os.environ["PYTHONHASHSEED"] = "0"
        os.execv(sys.executable, [sys.executable, *sys.argv])

    from gensim.models import Word2Vec
    from stanza.models.common.pretrain import Pretrain

    logging.basicConfig(format="%(asctime)s %(message)s", level=logging.INFO)
    sents = read_sentences(args.train)
    for path in args.extra:
        sents.extend(line.split() for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    model = Word2Vec(
        sentences=sents,
        vector_size=args.dim,
        window=args.window,
        min_count=args.min_count,
        sg=1,
        negative=10,
        sample=1e-4,
        epochs=args.epochs,
        workers=1,
        seed=args.seed,
    )
    args.out.mkdir(parents=True, exist_ok=True)
    name = f"{args.name}_w2v{args.dim}"
    txt = args.out / f"{name}.txt"
    model.wv.save_word2vec_format(str(txt), binary=False)  # most frequent first
    pt = args.out / f"{name}.pt"
    if pt.exists():
        pt.unlink()
    pretrain = Pretrain(str(pt), str(txt))
    pretrain.load()
    print(f"{pt}: {len(pretrain.vocab)} words x {pretrain.emb.shape[1]} dims from {sum(map(len, sents))} tokens")
    for probe in ("said", "president", "—"):
        if probe in model.wv:
            print(probe, "->", ", ".join(w for w, _ in model.wv.most_similar(probe, topn=6)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
