"""The build: the extraction engine compiled with mypyc; everything else is in pyproject.toml.

Extraction (text already parsed -> candidates -> sieves -> speakers) is typed pure Python. mypyc
compiles those modules, the same source, to C extensions: about 2x faster extraction
(docs/speed.md). The source runs as it is wherever compiling is impossible or unwanted:

- ``QUOTES_PURE_PYTHON=1`` when installing builds no extension;
- a machine without a C compiler gets plain Python (each extension is optional);
- ``QUOTES_PURE_PYTHON=1`` when running ignores built extensions, and an extension built from
  other source than the file beside it (an edited checkout) is ignored too (``quotes/engine/
  __init__.py`` compares it with ``compiled.json``, written here).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from setuptools import setup

ENGINE = Path("quotes/engine")
# The modules extraction runs; not the parse side (Stanza, the tree decoder, the tokenizer), nor
# the learned stage (numpy), nor the collector switch, nor the result classes (model.py): results
# cross processes (batch helpers, Dask) pickled, and mypyc's frozen classes cannot be unpickled.
COMPILED = (
    "candidates", "claims", "clause_sieves", "cues", "entities", "extract", "flags", "mentions",
    "names", "parse", "quote_sieves", "quotemarks", "resolvers", "roles", "sieves", "speakers", "tables",
)  # fmt: skip
MANIFEST = ENGINE / "compiled.json"


def source_hashes() -> dict[str, str]:
    return {m: hashlib.sha256((ENGINE / f"{m}.py").read_bytes()).hexdigest() for m in COMPILED}


def extensions() -> list:
    if os.environ.get("QUOTES_PURE_PYTHON") == "1":
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:  # mypy is in pyproject.toml's build requirements; a build without them
        print("quotes: mypyc not found, the engine stays plain Python", file=sys.stderr)
        return []
    for leftover in ENGINE.glob("*.so"):  # a module compiled once and no longer in the list
        if leftover.name.split(".")[0] not in (*COMPILED, "compiled__mypyc"):
            leftover.unlink()
    MANIFEST.write_text(json.dumps(source_hashes(), indent=1) + "\n")
    exts = mypycify([str(ENGINE / f"{m}.py") for m in COMPILED], group_name="quotes.engine.compiled", opt_level="3")
    for ext in exts:
        ext.optional = True  # no compiler: a warning and plain Python, not a failed install
    return exts


setup(ext_modules=extensions())
