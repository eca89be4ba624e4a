"""End-to-end evaluation on UD English EWT test: raw text in, CoNLL 2018 shared-task scores out.

The pipeline (tokenize, mwt, pos, lemma, depparse) reads the test text (paragraphs as in the
treebank, from ``prepare_data.py``) and its output is scored against the released
``en_ewt-ud-test.conllu`` with the CoNLL 2018 scorer that Stanza 1.15 itself uses
(``udtools.udeval``, through ``stanza.models.common.utils.ud_scores``).

Models come from a Stanza resources dir (``--models``, default: the package's current model) and any
component can be replaced by a file just trained (``--pos training/runs/pos/en_ewt_tagger.pt
--pos_pretrain training/data/pretrain/ewt_w2v100.pt``), so each new component can be measured end to
end before the others exist.  ``tokenize_max_seqlen`` is 5000 so the test set's two 600-character
URLs are not replaced by ``<UNK>`` (as for the first model's figures).

Usage::

    python training/evaluate.py [--models DIR] [--tokenize F] [--mwt F] [--pos F --pos_pretrain F]
        [--lemma F] [--depparse F --depparse_pretrain F] [--json out.json] [--conllu out.conllu]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "training" / "data"
METRICS = ["Tokens", "Sentences", "Words", "UPOS", "XPOS", "UFeats", "AllTags", "Lemmas", "UAS", "LAS", "CLAS", "MLAS", "BLEX"]
PROCESSORS = ["tokenize", "mwt", "pos", "lemma", "depparse"]


def build_pipeline(args: argparse.Namespace):  # -> stanza.Pipeline
    import stanza

    config: dict[str, object] = {"tokenize_max_seqlen": 5000}
    if args.mwt_dict_only:
        config["mwt_dict_only"] = True  # the expander's dictionary alone, no sequence model
    for proc in PROCESSORS:
        path = getattr(args, proc)
        if path:
            config[f"{proc}_model_path"] = str(path)
    for proc in ("pos", "depparse"):
        pretrain = getattr(args, f"{proc}_pretrain")
        if pretrain:
            config[f"{proc}_pretrain_path"] = str(pretrain)
    return stanza.Pipeline(lang="en", dir=str(args.models), processors=",".join(PROCESSORS), download_method=None,
                           use_gpu=False, logging_level="WARN", **config)


def score(gold: Path, system: Path) -> dict[str, float]:
    from stanza.models.common.utils import ud_scores

    evaluation = ud_scores(str(gold), str(system))
    return {m: round(100 * evaluation[m].f1, 2) for m in METRICS}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", type=Path, default=ROOT / "quotes" / "models" / "stanza-en")
    for proc in PROCESSORS:
        parser.add_argument(f"--{proc}", type=Path, default=None, help=f"{proc} model file replacing the one in --models")
    parser.add_argument("--pos_pretrain", type=Path, default=None)
    parser.add_argument("--depparse_pretrain", type=Path, default=None)
    parser.add_argument("--text", type=Path, default=DATA / "tokenize" / "en_ewt.test.txt")
    parser.add_argument("--gold", type=Path, default=DATA / "ewt" / "en_ewt-ud-test.conllu")
    parser.add_argument("--conllu", type=Path, default=None, help="where to write the predicted CoNLL-U")
    parser.add_argument("--json", type=Path, default=None, help="where to write the scores")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--mwt_dict_only", action="store_true", help="expand multi-word tokens by the dictionary alone")
    args = parser.parse_args(argv)

    import torch
    from stanza.utils.conll import CoNLL

    torch.set_num_threads(args.threads)
    nlp = build_pipeline(args)
    text = args.text.read_text(encoding="utf-8")
    start = time.time()
    doc = nlp(text)
    seconds = time.time() - start
    out = args.conllu or Path("/tmp") / "ewt-test-pred.conllu"
    CoNLL.write_doc2conll(doc, str(out))
    scores = score(args.gold, out)
    n_words = sum(len(s.words) for s in doc.sentences)
    result = {
        "scores": scores,
        "words": n_words,
        "seconds": round(seconds, 1),
        "words_per_second": round(n_words / seconds, 1),
        "threads": args.threads,
        "models": {p: str(getattr(args, p) or f"{args.models}/en/{p}/(default)") for p in PROCESSORS},
    }
    print(" | ".join(METRICS))
    print(" | ".join(f"{scores[m]:.2f}" for m in METRICS))
    print(f"{n_words} words in {seconds:.1f} s = {n_words / seconds:.0f} words/s ({args.threads} threads, pipeline only)")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
