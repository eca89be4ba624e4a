"""Licence-clean English text beyond EWT, for the word vectors only (never for tags or trees).

Reads three corpora from a checkout or bare mirror of ``nltk/nltk_data`` (the ``fetch`` tool's
``github:nltk/nltk_data`` gives a bare git dir) and writes one lower-cased, tokenised sentence per
line to ``training/data/extra/<corpus>.txt``:

* ``state_union``: State of the Union addresses 1945-2006. nltk_data's licence field: public domain
  (works of the US federal government).
* ``inaugural``: US presidential inaugural addresses 1789-2021. Public domain.
* ``masc_tagged``: MASC (Manually Annotated Sub-Corpus of the American National Corpus), already
  tokenised (``word_TAG``); only the words are read. nltk_data's licence field: "This data may be
  used for the purposes of linguistic education, research, and development, including commercial
  development."

Left out on purpose: ``brown`` ("may be used for non-commercial purposes"), and every corpus whose
package names no licence (``webtext``, ``abc``, ``reuters``).

Usage::

    python training/extra_text.py --nltk-data /path/to/nltk_data   # checkout or bare git dir
"""

from __future__ import annotations

import argparse
import io
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
CORPORA = {
    "state_union": "public domain",
    "inaugural": "public domain",
    "masc_tagged": "may be used for linguistic education, research, and development, including commercial development",
}
# EWT-style tokens: n't and 's split off, punctuation on its own, numbers kept whole.
TOKEN = re.compile(r"n't\b|'(?:s|re|ve|ll|d|m)\b|\d+(?:[.,:]\d+)*|\w+(?:[-.'’]\w+)*|--|\.\.\.|[^\w\s]", re.IGNORECASE)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“'‘(]?[A-Z])")


def read_zip(nltk_data: Path, corpus: str) -> zipfile.ZipFile:
    member = f"packages/corpora/{corpus}.zip"
    path = nltk_data / member
    if path.exists():
        return zipfile.ZipFile(path)
    blob = subprocess.run(["git", "--git-dir", str(nltk_data), "show", f"HEAD:{member}"], check=True, capture_output=True).stdout
    return zipfile.ZipFile(io.BytesIO(blob))


def plain_sentences(text: str) -> list[list[str]]:
    """Sentences of running text (one paragraph per line), tokenised EWT-style, roughly: a title's
    full stop is split off and may end a sentence ("mr" "."), where EWT writes "Mr.". That is left
    as it is on purpose: word vectors barely feel it, and the vectors the v2 experiments were
    trained with (``ewtpd_w2v100``) came from exactly this code, so the recipe rebuilds them.

    >>> plain_sentences("We won't stop. The U.S. grew 3.5 percent.")
    [['we', 'wo', "n't", 'stop', '.'], ['the', 'u.s', '.', 'grew', '3.5', 'percent', '.']]
    """
    out = []
    for para in text.splitlines():
        for sent in SENTENCE_END.split(para.strip()):
            words = [w.lower() for w in TOKEN.findall(sent.replace("won't", "wo n't").replace("can't", "ca n't"))]
            if len(words) > 1:
                out.append(words)
    return out


def tagged_sentences(text: str) -> list[list[str]]:
    """MASC's ``word_TAG`` lines: the words of each non-empty line."""
    out = []
    for line in text.splitlines():
        words = [tok.rsplit("_", 1)[0].lower() for tok in line.split() if "_" in tok]
        if len(words) > 1:
            out.append(words)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nltk-data", type=Path, required=True)
    parser.add_argument("--out", type=Path, default=DATA / "extra")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    manifest = {}
    for corpus, licence in CORPORA.items():
        zf = read_zip(args.nltk_data, corpus)
        sents: list[list[str]] = []
        for name in sorted(zf.namelist()):
            if not name.endswith(".txt") or name.endswith("categories.txt"):
                continue
            text = zf.read(name).decode("utf-8", errors="replace")
            sents.extend(tagged_sentences(text) if corpus == "masc_tagged" else plain_sentences(text))
        (args.out / f"{corpus}.txt").write_text("".join(" ".join(s) + "\n" for s in sents), encoding="utf-8")
        manifest[corpus] = {"licence": licence, "sentences": len(sents), "words": sum(map(len, sents))}
        print(f"{corpus}: {len(sents):,} sentences, {manifest[corpus]['words']:,} words ({licence})")
    (args.out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
