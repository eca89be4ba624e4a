"""Mine cue words from a PolNeAR-style training file, to review the cue lexicon.

    python bench/mine_cues.py --gold ../shared/bench/polnear-train.jsonl.gz [--min 5]

Prints each single-word cue form's count in the gold, lemma guesses, and whether
``quotes/data/cues.tsv`` already has it. The lexicon is edited by hand from this
list (with frames); nothing here is copied into the package automatically.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import json
from pathlib import Path

from quotes.engine.cues import lookup_lemma

ROOT = Path(__file__).resolve().parents[1]


def read_jsonl(path: str):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default=str(ROOT.parent / "shared" / "bench" / "polnear-train.jsonl.gz"))
    ap.add_argument("--min", type=int, default=5)
    args = ap.parse_args()
    counts: collections.Counter[str] = collections.Counter()
    for art in read_jsonl(args.gold):
        for att in art["attributions"]:
            words = [w for w in att["cue_text"].lower().replace(":", " : ").split() if w.isalpha() or w == ":"]
            if words:
                counts[words[-1] if words[-1] not in ("to", "that", "for", "in", "out") or len(words) == 1 else words[-2]] += 1
    for form, n in counts.most_common():
        if n < args.min:
            break
        cue = lookup_lemma(form)
        print(f"{n:6d}  {form:20s}  {'lexicon:' + cue.lemma + '/' + cue.frame if cue else 'MISSING'}")


if __name__ == "__main__":
    main()
