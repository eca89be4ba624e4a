"""The extraction engine: one pipeline from text to attributions, shared by HTTP, the CLI and the batch.

text -> Stanza parse (:mod:`.parse`, bulk and selective: :mod:`.selective`, with :mod:`.decoder`
and :mod:`.speedups`) -> quotation marks (:mod:`.quotemarks`) and cues (:mod:`.cues`) ->
candidates (:mod:`.candidates`) -> the ordered sieves (:mod:`.sieves`, :mod:`.learned`) ->
speakers (:mod:`.speakers`) and who they are (:mod:`.entities`, :mod:`.resolvers`,
:mod:`.names`, :mod:`.roles`) -> the result (:mod:`.model`), all run by :func:`.extract.extract`.

The engine imports nothing from the rest of the package (an import-linter contract in
pyproject.toml checks it), and no web, batch or storage library.

Installed, its extraction modules are compiled by mypyc (``setup.py``); below, the choice between
the compiled modules and their source, made once on import.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
from importlib.abc import MetaPathFinder
from importlib.machinery import ModuleSpec
from importlib.util import spec_from_file_location
from pathlib import Path

log = logging.getLogger(__name__)
_HERE = Path(__file__).parent
MANIFEST = _HERE / "compiled.json"  # module -> SHA-256 of the source it was compiled from (setup.py)


def stale_modules(manifest: dict[str, str], folder: Path) -> list[str]:
    """The compiled modules whose source beside them is not the source they were built from.

    >>> stale_modules({}, Path("."))
    []
    """
    sources = {m: folder / f"{m}.py" for m in manifest}  # (an install with no source has nothing to edit)
    return sorted(m for m, path in sources.items() if path.exists() and hashlib.sha256(path.read_bytes()).hexdigest() != manifest[m])


class _SourceFirst(MetaPathFinder):
    """Loads the named engine modules from their ``.py`` files, never from a compiled extension."""

    def __init__(self, names: frozenset[str]) -> None:
        self.names = names

    def find_spec(self, fullname: str, path: object = None, target: object = None) -> ModuleSpec | None:
        short = fullname.rpartition(".")[2]
        if fullname.startswith(__name__ + ".") and short in self.names:
            return spec_from_file_location(fullname, _HERE / f"{short}.py")
        return None


def _choose_source_or_compiled() -> None:
    """Run the compiled engine only where it was built from the source beside it: an edited
    checkout runs its edits (slower, with a warning), and ``QUOTES_PURE_PYTHON=1`` asks for the source."""
    if not MANIFEST.exists():
        return  # never compiled
    manifest = json.loads(MANIFEST.read_text())
    pure = os.environ.get("QUOTES_PURE_PYTHON") == "1"
    stale = [] if pure else stale_modules(manifest, _HERE)
    if pure or stale:
        if stale:
            log.warning("compiled engine older than its source (%s): running the source; rebuild: make compile", ", ".join(stale))
        sys.meta_path.insert(0, _SourceFirst(frozenset(manifest)))


def compiled() -> bool:
    """Does extraction run compiled (mypyc) code? See setup.py."""
    from quotes.engine import extract

    return not extract.__file__.endswith(".py")


_choose_source_or_compiled()
