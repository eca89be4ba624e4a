"""What a tagger or parser of another size would cost, before training one.

Each size is built with random weights from a trained model's own vocabularies and arguments
(only the sizes changed), swapped into the service's pipeline (``quotes.common.nlp.NLP``: rule
tokenizer, selective parsing, the fast decoder and speedups), and timed on PolNeAR dev articles,
one document at a time and one torch thread as a worker runs. Random weights give other tags and
trees than a trained model would, so only the networks' forward passes are timed (the tree
decoder's cost depends on the scores, and random ones nearly tie everywhere).

    python training/probe_sizes.py [--model build/stanza-en-v2] [--docs 20] [--repeats 2]

Prints forward-pass seconds for the tagger and the parser at each size of :data:`TAGGERS` and :data:`PARSERS`
(the first of each is the model's own size, loaded trained), and one JSON line.
"""

from __future__ import annotations

import argparse
import copy
import json
import logging
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# name -> argument overrides; "trained" keeps the loaded model.
TAGGERS: dict[str, dict] = {
    "trained": {},
    "hidden 96, char 64": {"hidden_dim": 96, "char_hidden_dim": 64, "deep_biaff_hidden_dim": 96, "composite_deep_biaff_hidden_dim": 48},
    "hidden 64, char 50": {
        "hidden_dim": 64,
        "char_hidden_dim": 50,
        "char_emb_dim": 32,
        "deep_biaff_hidden_dim": 64,
        "composite_deep_biaff_hidden_dim": 32,
    },
    "hidden 128, no char": {"char": False},
    "hidden 96, no char": {"hidden_dim": 96, "char": False, "deep_biaff_hidden_dim": 96, "composite_deep_biaff_hidden_dim": 48},
    "hidden 64, no char": {"hidden_dim": 64, "char": False, "deep_biaff_hidden_dim": 64, "composite_deep_biaff_hidden_dim": 32},
}
PARSERS: dict[str, dict] = {
    "trained": {},
    "hidden 96, biaffine 64, no char": {"hidden_dim": 96, "deep_biaff_hidden_dim": 64, "char": False},
    "hidden 64, biaffine 64, no char": {"hidden_dim": 64, "deep_biaff_hidden_dim": 64, "char": False},
    "hidden 96, biaffine 64, char 50": {"hidden_dim": 96, "deep_biaff_hidden_dim": 64, "char_hidden_dim": 50},
}


def random_tagger(trained, overrides: dict, pretrain):
    from stanza.models.pos.trainer import Trainer

    args = copy.deepcopy(trained.args)
    args.update(overrides)
    return Trainer(args=args, vocab=trained.vocab, pretrain=pretrain, device="cpu")


def random_parser(trained, overrides: dict, pretrain):
    from stanza.models import parser

    args = {**vars(parser.build_argparse().parse_args([])), **copy.deepcopy(trained.args)}  # keys newer than the file
    args.update(overrides)
    return type(trained)(args=args, vocab=trained.vocab, pretrain=pretrain, device="cpu", build_optimizer=False)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", default=str(ROOT / "build" / "stanza-en-v2"))
    ap.add_argument("--texts", default=str(ROOT.parent / "shared" / "bench" / "polnear-dev.jsonl"))
    ap.add_argument("--docs", type=int, default=20)
    ap.add_argument("--repeats", type=int, default=2)
    args = ap.parse_args(argv)

    import os

    os.environ["QUOTES_STANZA_DIR"] = args.model
    import torch

    from bench.speed import read_texts
    from quotes.common import memory
    from quotes.common.nlp import NLP
    from quotes.common.settings import Settings

    torch.manual_seed(0)
    torch.set_num_threads(1)
    nlp = NLP(Settings.from_env())
    pipeline = nlp.load()
    memory.freeze()
    texts = read_texts(args.texts, args.docs)

    def seconds(processor, method: str) -> float:
        """The network's passes only (the tagger's ``forward``, the parser's ``predict`` less its
        tree decoding): with random weights the parser's arc scores nearly tie everywhere, which
        sends the tree decoder down its slowest path; a trained model's do not."""
        from stanza.models.depparse import model as parser_model

        network = processor._trainer.model
        real, real_decoder = getattr(network, method), parser_model.chuliu_edmonds_one_root
        spent = [0.0]

        def clocked(fn, sign: float):
            def run(*a, **k):
                t0 = time.perf_counter()
                try:
                    return fn(*a, **k)
                finally:
                    spent[0] += sign * (time.perf_counter() - t0)

            return run

        setattr(network, method, clocked(real, 1.0))
        parser_model.chuliu_edmonds_one_root = clocked(real_decoder, -1.0)
        try:
            best = float("inf")
            for t in texts[:3]:
                nlp(t)  # warm up this shape of network
            for _ in range(args.repeats):
                spent[0] = 0.0
                for t in texts:
                    nlp(t)
                best = min(best, spent[0])
            return best
        finally:
            delattr(network, method)
            parser_model.chuliu_edmonds_one_root = real_decoder

    result: dict[str, dict[str, float]] = {"pos": {}, "depparse": {}}
    for proc, label, sizes, build, method in (
        ("pos", "tagger", TAGGERS, random_tagger, "forward"),
        ("depparse", "parser", PARSERS, random_parser, "predict"),
    ):
        processor = pipeline.processors[proc]
        own = processor._trainer
        for name, overrides in sizes.items():
            processor._trainer = build(own, overrides, processor.pretrain) if overrides else own
            processor._trainer.model.eval()
            logging.getLogger("stanza").setLevel(logging.WARNING)  # building a model turns Stanza's debug log back on
            result[proc][name] = seconds(processor, method)
            size = sum(p.numel() for p in processor._trainer.model.parameters())
            print(f"{label} {name:34s} {result[proc][name]:6.2f} s  {size:>9,} parameters")
        processor._trainer = own
    print(json.dumps({"model": args.model, "docs": args.docs, "seconds": result}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
