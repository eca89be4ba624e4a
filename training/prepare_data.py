"""Data preparation for the embedded Stanza model: UD English EWT, rebuilt, checked, slimmed, augmented.

Steps (all deterministic; the output goes under training/data/, which is not in git):

1. Rebuild ``en_ewt-ud-{train,dev,test}.conllu`` from ``not-to-release/sources/`` in the order of
   ``not-to-release/file-lists/files.<split>`` (what EWT's own ``not-to-release/tools/build.py`` does),
   reading the repository with ``git show`` so that a bare mirror works as well as a clone.
2. Check: train has exactly 12,544 sentences / 204,577 words, and the rebuilt dev (and test) equal the
   released files byte for byte.  Any mismatch stops the recipe.
3. Slim: MISC keeps only ``SpaceAfter=No``, DEPS becomes ``_``, empty nodes (``8.1``) are dropped, and
   only the ``newdoc`` / ``newpar`` / ``sent_id`` / ``text`` comments stay.  Loading a rich MISC column
   costs Stanza minutes per run.
4. Augment the train split (see ``augment.py``): news-style quotes and dashes, seeded.
5. Write the tokenizer's inputs with Stanza's own converters: raw text (``.txt``), character labels
   (``.toklabels``) and the MWT dictionary (``-mwt.json``).

Usage::

    python training/prepare_data.py --ewt /path/to/UD_English-EWT[.git] [--out training/data]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

try:  # run as a script (python training/prepare_data.py) or imported as training.prepare_data
    from augment import augment_sentences
except ImportError:  # pragma: no cover
    from training.augment import augment_sentences

SPLITS = ("train", "dev", "test")
EXPECTED = {
    "train": (12544, 204577),
    "dev": (2001, 25147),
    "test": (2077, 25094),
}
KEEP_COMMENTS = ("# newdoc", "# newpar", "# sent_id", "# text")
DEFAULT_OUT = Path(__file__).resolve().parent / "data"
SHORTHAND = "en_ewt"


class Repo:
    """Reads files at one revision of a git repository, bare (a mirror) or with a work tree."""

    def __init__(self, path: Path, rev: str = "HEAD") -> None:
        self.path = path
        bare = (path / "HEAD").is_file() and (path / "objects").is_dir()
        self.git = ["git", f"--git-dir={path}"] if bare else ["git", "-C", str(path)]
        self.rev = self._run("rev-parse", rev).strip()

    def _run(self, *args: str) -> str:
        return subprocess.run([*self.git, *args], check=True, capture_output=True, text=True, encoding="utf-8").stdout

    def show(self, relpath: str) -> str:
        return self._run("show", f"{self.rev}:{relpath}")

    def exists(self, relpath: str) -> bool:
        """Whether the file's content is there (a snapshot may list a file whose blob is absent)."""
        cmd = [*self.git, "cat-file", "-e", f"{self.rev}:{relpath}"]
        return subprocess.run(cmd, capture_output=True).returncode == 0


def rebuild_split(repo: Repo, split: str) -> str:
    """The released file of one split, rebuilt from the per-document sources in the listed order."""
    names = [line.strip() for line in repo.show(f"not-to-release/file-lists/files.{split}").splitlines() if line.strip()]
    return "".join(repo.show(f"not-to-release/sources/{name}") for name in names)


def sentences(text: str) -> Iterator[list[str]]:
    """The sentences of a CoNLL-U text, each as its list of lines (comments and tokens)."""
    block: list[str] = []
    for line in text.splitlines():
        if line.strip():
            block.append(line)
        elif block:
            yield block
            block = []
    if block:
        yield block


def count(text: str) -> tuple[int, int]:
    """(sentences, syntactic words): words are lines with an integer ID, not ranges or empty nodes."""
    n_sent = n_words = 0
    for sent in sentences(text):
        n_sent += 1
        n_words += sum(1 for line in sent if not line.startswith("#") and line.split("\t", 1)[0].isdigit())
    return n_sent, n_words


def slim_misc(misc: str) -> str:
    return "SpaceAfter=No" if "SpaceAfter=No" in misc.split("|") else "_"


def slim_sentence(sent: list[str]) -> list[str]:
    out: list[str] = []
    for line in sent:
        if line.startswith("#"):
            if line.startswith(KEEP_COMMENTS):
                out.append(line)
            continue
        cols = line.split("\t")
        if "." in cols[0]:  # empty node of the enhanced graph
            continue
        cols[8] = "_"
        cols[9] = slim_misc(cols[9])
        out.append("\t".join(cols))
    return out


def write_conllu(path: Path, sents: Iterable[list[str]]) -> int:
    n = 0
    with path.open("w", encoding="utf-8", newline="\n") as f:
        for sent in sents:
            f.write("\n".join(sent) + "\n\n")
            n += 1
    return n


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check_splits(repo: Repo, rebuilt: dict[str, str]) -> dict[str, dict[str, object]]:
    """Counts of every split, and equality with the released file where the snapshot has one."""
    report: dict[str, dict[str, object]] = {}
    for split, text in rebuilt.items():
        n_sent, n_words = count(text)
        entry: dict[str, object] = {"sentences": n_sent, "words": n_words, "sha256": sha256(text)}
        if (n_sent, n_words) != EXPECTED[split]:
            raise SystemExit(f"{split}: rebuilt {n_sent} sentences / {n_words} words, expected {EXPECTED[split]}")
        released = f"en_ewt-ud-{split}.conllu"
        if repo.exists(released):
            same = repo.show(released) == text
            entry["equals_released"] = same
            if not same:
                raise SystemExit(f"{split}: the rebuild differs from the released {released}")
        else:
            entry["equals_released"] = None  # not in this snapshot (train, usually)
        report[split] = entry
    return report


def tokenizer_files(conllu: Path, out_dir: Path, split: str) -> None:
    """Raw text, character labels and MWT dictionary for Stanza's tokenizer, with Stanza's own converters."""
    from stanza.utils.datasets import conllu_to_text, prepare_tokenizer_data

    txt = out_dir / f"{SHORTHAND}.{split}.txt"
    conllu_to_text.main([str(conllu), str(txt)])
    labels = out_dir / f"{SHORTHAND}-ud-{split}.toklabels"
    mwt = out_dir / f"{SHORTHAND}-ud-{split}-mwt.json"
    prepare_tokenizer_data.main([str(txt), str(conllu), "-o", str(labels), "-m", str(mwt)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--ewt", type=Path, required=True, help="UD_English-EWT: a clone or a bare mirror (git dir)")
    parser.add_argument("--rev", default="HEAD", help="revision of the EWT repository to read (default HEAD)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default training/data)")
    parser.add_argument("--seed", type=int, default=20261201, help="seed of the augmentation")
    parser.add_argument("--no-tokenizer-files", action="store_true", help="skip the tokenizer's txt/labels")
    args = parser.parse_args(argv)

    repo = Repo(args.ewt.resolve(), args.rev)
    out: Path = args.out
    (out / "ewt").mkdir(parents=True, exist_ok=True)
    (out / "tokenize").mkdir(parents=True, exist_ok=True)

    rebuilt = {split: rebuild_split(repo, split) for split in SPLITS}
    report = check_splits(repo, rebuilt)
    for split, text in rebuilt.items():
        (out / "ewt" / f"en_ewt-ud-{split}.conllu").write_text(text, encoding="utf-8", newline="\n")
        entry = report[split]
        print(f"{split}: {entry['sentences']} sentences, {entry['words']} words, equals released: {entry['equals_released']}")

    slim = {split: [slim_sentence(s) for s in sentences(text)] for split, text in rebuilt.items()}
    augmented, aug_stats = augment_sentences(slim["train"], seed=args.seed)
    files = {
        "train": write_conllu(out / f"{SHORTHAND}.train.conllu", slim["train"] + augmented),
        "train_plain": write_conllu(out / f"{SHORTHAND}.train.plain.conllu", slim["train"]),
        "dev": write_conllu(out / f"{SHORTHAND}.dev.conllu", slim["dev"]),
        "test": write_conllu(out / f"{SHORTHAND}.test.conllu", slim["test"]),
    }
    print(f"augmentation: {len(augmented)} sentences added to train: {aug_stats}")

    if not args.no_tokenizer_files:
        for split in ("train", "dev", "test"):
            tokenizer_files(out / f"{SHORTHAND}.{split}.conllu", out / "tokenize", split)

    manifest = {
        "source": "UniversalDependencies/UD_English-EWT",
        "commit": repo.rev,
        "licence": "CC BY-SA 4.0",
        "splits": report,
        "augmentation": {"seed": args.seed, "added_sentences": len(augmented), "by_kind": aug_stats},
        "files": files,
    }
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
