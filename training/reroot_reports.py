"""Make the speech verb the root of "...," Ushakov noted. in the parser's training data.

UD English EWT (and ``augment.py``'s attribution copies, which follow it) makes the quotation's verb
the root and a following ``he said`` its ``parataxis``. Issue #15 asks the embedded model for the
analysis news parsers give and the engine reads first: the speech verb is the root of its clause
and what was said hangs on it (``ccomp``). This rewrites, in a CoNLL-U file, every sentence whose
root has a ``parataxis`` dependent after it that is a speech verb (a ``speech`` cue of
``quotes/data/cues.tsv``) with no complement of its own: that verb becomes the root, the old root its ``ccomp``, and the
sentence's closing punctuation moves to the new root. Nothing else changes (words, tags, the other
relations), so the file still matches its text.

Usage::

    python training/reroot_reports.py IN.conllu OUT.conllu
"""

from __future__ import annotations

import argparse
from pathlib import Path

from quotes.engine.cues import lexicon


def speech_verbs() -> frozenset[str]:
    """The engine's verbs of saying (``quotes/data/cues.tsv``, frame ``speech``)."""
    return frozenset(cue.lemma for cue in lexicon().values() if cue.frame == "speech")


def reroot(rows: list[list[str]], verbs: frozenset[str]) -> bool:
    """Rewrite one sentence's word rows (CoNLL-U columns) in place; True if it changed."""
    words = [r for r in rows if r[0].isdigit()]
    root = next((r for r in words if r[6] == "0"), None)
    if root is None:
        return False
    speech = next(
        (r for r in words if r[6] == root[0] and r[7] == "parataxis" and int(r[0]) > int(root[0]) and r[2].lower() in verbs),
        None,
    )
    if speech is None or any(r[6] == speech[0] and r[7] in ("ccomp", "xcomp", "parataxis") for r in words):
        return False  # "DPA: authorities announced that ...": the verb has its own complement
    last = words[-1]
    if last[3] == "PUNCT" and last[6] == root[0] and int(last[0]) > int(speech[0]):
        last[6] = speech[0]  # the full stop closes the reporting sentence
    speech[6], speech[7] = "0", "root"
    root[6], root[7] = speech[0], "ccomp"
    return True


def convert(text: str, verbs: frozenset[str]) -> tuple[str, int]:
    out: list[str] = []
    changed = 0
    for block in text.strip("\n").split("\n\n"):
        lines = block.split("\n")
        rows = [line.split("\t") if not line.startswith("#") else [line] for line in lines]
        if reroot([r for r in rows if len(r) == 10], verbs):
            changed += 1
        out.append("\n".join("\t".join(r) for r in rows))
    return "\n\n".join(out) + "\n\n", changed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("src", type=Path)
    ap.add_argument("dst", type=Path)
    args = ap.parse_args(argv)
    text, changed = convert(args.src.read_text(encoding="utf-8"), speech_verbs())
    args.dst.write_text(text, encoding="utf-8")
    print(f"{args.src} -> {args.dst}: {changed} sentences rerooted")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
