"""Checks the prepared EWT data: exact sizes of the rebuilt splits, dev/test equal to the released files.

Run after ``prepare_data.py`` (``training/recipe.sh data`` runs both); exits non-zero on any mismatch::

    python training/check_data.py [--data training/data]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from prepare_data import DEFAULT_OUT, EXPECTED, count  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    manifest = json.loads((args.data / "manifest.json").read_text(encoding="utf-8"))
    failures = []
    for split, (n_sent, n_words) in EXPECTED.items():
        got = count((args.data / "ewt" / f"en_ewt-ud-{split}.conllu").read_text(encoding="utf-8"))
        ok = got == (n_sent, n_words)
        print(f"{split}: {got[0]} sentences / {got[1]} words (expected {n_sent} / {n_words}) {'ok' if ok else 'MISMATCH'}")
        if not ok:
            failures.append(split)
    for split in ("dev", "test"):
        same = manifest["splits"][split]["equals_released"]
        print(f"{split}: rebuild equals the released en_ewt-ud-{split}.conllu: {same}")
        if same is not True:
            failures.append(f"{split}-released")
    slim_train = count((args.data / "en_ewt.train.plain.conllu").read_text(encoding="utf-8"))
    print(f"slim train: {slim_train[0]} sentences / {slim_train[1]} words")
    if slim_train != EXPECTED["train"]:
        failures.append("slim-train")
    print(f"augmented train: +{manifest['augmentation']['added_sentences']} sentences {manifest['augmentation']['by_kind']}")
    if failures:
        print("FAILED:", ", ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
