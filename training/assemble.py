"""Assemble trained components into a Stanza resources dir with float16 weights.

Layout (what ``stanza.Pipeline(lang="en", dir=OUT, download_method=None)`` reads)::

    OUT/resources.json                    package "combined" for every processor, md5 of every file
    OUT/en/{tokenize,mwt,pos,lemma,depparse}/combined.pt
    OUT/en/pretrain/<name>.pt             word vectors (float32; optionally pruned to --max_vocab)

Every floating-point tensor of a model's weights is stored as float16 (``load_state_dict`` casts them
back to the float32 parameters on load); optimizer states, if a file has any, are dropped.  The word
vectors stay float32: Stanza feeds them straight into float32 layers.  Pruning keeps the most
frequent words (the vector file is ordered by frequency).

Usage::

    python training/assemble.py --out DIR --tokenize F --mwt F --pos F --lemma F --depparse F --pretrain F
        [--max_vocab N] [--base quotes/models/stanza-en]   # --base: components not given come from there
        [--dict_only lemma mwt]                            # only their dictionaries (smaller, faster)
        [--pos_pretrain F]                                 # the tagger's own vectors (the parser keeps --pretrain)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import torch

PROCESSORS = ["tokenize", "mwt", "pos", "lemma", "depparse"]
USES_PRETRAIN = ("pos", "depparse")
DICT_PROCESSORS = ("lemma", "mwt")  # a dictionary first, a seq2seq model for the rest


def to_half(obj: Any) -> Any:
    """float32/float64 tensors -> float16, recursively through dicts, lists and tuples."""
    if isinstance(obj, torch.Tensor):
        return obj.half() if obj.is_floating_point() else obj
    if isinstance(obj, dict):
        return {k: to_half(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [to_half(v) for v in obj]
    if isinstance(obj, tuple):
        return tuple(to_half(v) for v in obj)
    return obj


# What a parser checkpoint carries besides the model (training history), dropped from the package.
TRAINING_STATE = ("optimizer", "optimizers", "optimizer_state_dict", "global_step", "last_best_step", "dev_score_history")


def convert_model(src: Path, dst: Path, dict_only: bool = False) -> None:
    """A component as float16, without training state; ``dict_only`` (lemma, mwt) keeps only the
    dictionary Stanza consults first and drops the seq2seq model it falls back to."""
    data = torch.load(src, map_location="cpu", weights_only=True)
    for key in TRAINING_STATE:
        data.pop(key, None)
    if dict_only:
        data.pop("model", None)
        data["config"] = {**data["config"], "dict_only": True}
    if "model" in data:
        data["model"] = to_half(data["model"])
    dst.parent.mkdir(parents=True, exist_ok=True)
    torch.save(data, dst, _use_new_zipfile_serialization=False)


def convert_pretrain(src: Path, dst: Path, max_vocab: int | None) -> None:
    data = torch.load(src, map_location="cpu", weights_only=True)
    emb = data["emb"]
    if not isinstance(emb, torch.Tensor):
        emb = torch.as_tensor(emb)
    emb = emb.float()
    vocab = data["vocab"]
    if max_vocab and emb.shape[0] > max_vocab:
        from stanza.models.common.pretrain import PretrainedWordVocab
        from stanza.models.common.vocab import VOCAB_PREFIX

        words = PretrainedWordVocab.load_state_dict(vocab)._id2unit[len(VOCAB_PREFIX) : max_vocab]
        vocab = PretrainedWordVocab(words).state_dict()
        emb = emb[:max_vocab].clone()
    dst.parent.mkdir(parents=True, exist_ok=True)
    torch.save({"vocab": vocab, "emb": emb}, dst, _use_new_zipfile_serialization=False)


def md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def resources(out: Path, pretrain_name: str, pos_pretrain_name: str | None = None) -> dict[str, Any]:
    """resources.json; the tagger may have vectors of its own (``pos_pretrain_name``)."""
    names = {"pos": pos_pretrain_name or pretrain_name, "depparse": pretrain_name}
    deps = {proc: [{"model": "pretrain", "package": names[proc]}] for proc in USES_PRETRAIN}
    en: dict[str, Any] = {"lang_name": "English"}
    for proc in PROCESSORS:
        entry: dict[str, Any] = {"md5": md5(out / "en" / proc / "combined.pt")}
        if proc in USES_PRETRAIN:
            entry["dependencies"] = deps[proc]
        en[proc] = {"combined": entry}
    en["pretrain"] = {name: {"md5": md5(out / "en" / "pretrain" / f"{name}.pt")} for name in sorted(set(names.values()))}
    en["default_processors"] = {proc: "combined" for proc in PROCESSORS}
    en["default_dependencies"] = deps
    en["packages"] = {"default": {proc: "combined" for proc in PROCESSORS}}
    return {"en": en}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True)
    for proc in PROCESSORS:
        parser.add_argument(f"--{proc}", type=Path, default=None)
    parser.add_argument("--pretrain", type=Path, default=None, help="Stanza pretrain .pt (default: the one in --base)")
    parser.add_argument("--pretrain_name", default=None, help="package name of the vectors (default: file stem)")
    parser.add_argument("--pos_pretrain", type=Path, default=None, help="the tagger's own vectors (default: --pretrain)")
    parser.add_argument("--max_vocab", type=int, default=None, help="keep only this many vectors (most frequent first)")
    parser.add_argument("--base", type=Path, default=None, help="resources dir to take components not given from")
    parser.add_argument("--dict_only", nargs="*", default=[], choices=DICT_PROCESSORS, help="keep only the dictionary of these")
    args = parser.parse_args(argv)

    out: Path = args.out
    if out.exists():
        shutil.rmtree(out)
    for proc in PROCESSORS:
        src = getattr(args, proc) or (args.base / "en" / proc / "combined.pt" if args.base else None)
        if src is None:
            raise SystemExit(f"no model for {proc}: give --{proc} or --base")
        convert_model(src, out / "en" / proc / "combined.pt", dict_only=proc in args.dict_only)
    pretrain = args.pretrain
    if pretrain is None:
        if args.base is None:
            raise SystemExit("give --pretrain or --base")
        pretrain = next((args.base / "en" / "pretrain").glob("*.pt"))
    name = args.pretrain_name or pretrain.stem
    convert_pretrain(pretrain, out / "en" / "pretrain" / f"{name}.pt", args.max_vocab)
    pos_name = None
    if args.pos_pretrain is not None and args.pos_pretrain.stem != name:
        pos_name = args.pos_pretrain.stem
        convert_pretrain(args.pos_pretrain, out / "en" / "pretrain" / f"{pos_name}.pt", args.max_vocab)
    (out / "resources.json").write_text(json.dumps(resources(out, name, pos_name), indent=2) + "\n", encoding="utf-8")
    total = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    for p in sorted(out.rglob("*.pt")):
        print(f"{p.relative_to(out)}: {p.stat().st_size / 1e6:.2f} MB")
    print(f"{out}: {total / 1e6:.2f} MB in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
