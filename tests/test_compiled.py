"""The engine compiled with mypyc (setup.py): used where it was built, the same answers as its source."""

from __future__ import annotations

import gc
import hashlib
import json
import os

import pytest

import quotes.engine as engine
from tests.conftest import DATA
from tests.test_cli import quotes

STORY = (
    "LONDON (Reuters) - Britain's finance minister, Rachel Adams, said on Tuesday that inflation would fall. "
    '"We have turned the corner," Adams told reporters. Critics were not convinced. "It is far too early," '
    "said Tom Reed, an economist at the Resolution Group. According to the central bank, prices rose 3 percent. "
    "She added that wages were rising faster than prices."
)


def test_an_edited_source_makes_its_compiled_module_stale(tmp_path):
    """A checkout edited since the build runs its edits, not the old compiled code."""
    (tmp_path / "names.py").write_text("A = 1\n")
    (tmp_path / "roles.py").write_text("B = 2\n")
    built = {m: hashlib.sha256((tmp_path / f"{m}.py").read_bytes()).hexdigest() for m in ("names", "roles")}
    assert engine.stale_modules(built, tmp_path) == []
    (tmp_path / "roles.py").write_text("B = 3\n")
    assert engine.stale_modules(built, tmp_path) == ["roles"]
    (tmp_path / "names.py").unlink()  # an install that ships no source: nothing to have edited
    assert engine.stale_modules(built, tmp_path) == ["roles"]


def test_an_install_that_compiled_the_engine_runs_it():
    """`make install` (pip install -e .) compiles the engine; the tests then run the compiled code,
    as the service does (a failed compile would otherwise pass unseen)."""
    if not engine.MANIFEST.exists() or os.environ.get("QUOTES_PURE_PYTHON") == "1":
        pytest.skip("this install did not compile the engine (QUOTES_PURE_PYTHON=1 when installing)")
    assert engine.stale_modules(json.loads(engine.MANIFEST.read_text()), engine.MANIFEST.parent) == [], "rebuild: make install"
    assert engine.compiled(), "the install wrote compiled.json but built no extension: no C compiler? (QUOTES_PURE_PYTHON=1 make install tests the source)"


@pytest.mark.parametrize("source", ["seed", "story"])
def test_compiled_and_source_engines_give_the_same_attributions(source):
    """QUOTES_PURE_PYTHON=1 runs the engine's source: every attribution and speaker must be the same."""
    args = ("extract", str(DATA / "putin-india.txt")) if source == "seed" else ("extract", "-")
    stdin = None if source == "seed" else STORY
    runs = [quotes(*args, stdin=stdin, env=env) for env in ({}, {"QUOTES_PURE_PYTHON": "1"})]
    assert all(r.returncode == 0 for r in runs), [r.stderr for r in runs]
    compiled, pure = (json.loads(r.stdout) for r in runs)
    assert compiled["attributions"] and compiled["attributions"] == pure["attributions"]
    assert compiled["speakers"] == pure["speakers"]


@pytest.mark.parametrize("learned_stage", [False, True])
def test_extraction_frees_the_parse_without_the_garbage_collector(nlp, learned_stage):
    """Nothing extraction builds refers back to itself: each article's tokens are freed when its
    result is made, not left for the collector to walk (compiled, a nested function and its closure
    did that, and the collector's walks cost a tenth of extraction). "The company said" exercises the
    description resolver, the learned stage its own callbacks."""
    from quotes.engine.extract import extract
    from quotes.engine.parse import from_stanza
    from quotes.engine.sieves import RULE_SIEVES, with_learned_stage

    sieves = with_learned_stage() if learned_stage else RULE_SIEVES
    text = (
        'Northwind Labs said on Monday it would cut 200 jobs. "We have no choice," the company said. '
        "Its chief executive, Ana Ruiz, argued that costs had doubled, and analysts believe the plan will work."
    )
    doc = nlp(text)
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        result = extract(from_stanza(doc, text), sieves)
        gc.collect()
        # (other tests' threads may leave garbage of their own meanwhile: only the engine's counts)
        left = [type(o).__name__ for o in gc.garbage if type(o).__module__.startswith("quotes.")]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert any(a.speaker.name == "Northwind Labs" for a in result.attributions if a.speaker)
    assert left == []
