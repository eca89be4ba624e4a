"""The fast tree decoder gives Stanza's trees: on random score matrices (ties,
several words wanting the root), on real parses, and without its C++ package."""

from __future__ import annotations

import logging
import sys
from collections import Counter
from collections.abc import Iterator

import numpy as np
import pytest
import stanza.models.depparse.head_constraints as head_constraints
import stanza.models.depparse.model as depparse_model
from stanza.models.common.chuliu_edmonds import chuliu_edmonds_one_root as stanza_decoder

from quotes.common.nlp import build_pipeline, choose_model
from quotes.engine import decoder


def log_softmax(x: np.ndarray) -> np.ndarray:
    shifted = x - x.max(axis=1, keepdims=True)
    return shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))


def parser_like(rng: np.random.Generator, n: int) -> np.ndarray:
    """Scores as Stanza's parser hands them over: float32 log-probabilities over heads, -inf on the diagonal."""
    x = rng.normal(size=(n, n)) * rng.uniform(0.5, 6)
    np.fill_diagonal(x, -np.inf)
    return log_softmax(x).astype(np.float32)


def tied(rng: np.random.Generator, n: int) -> np.ndarray:
    """Integer scores: many trees score the same."""
    x = -rng.integers(0, 3, size=(n, n)).astype(np.float32)
    np.fill_diagonal(x, -np.inf)
    return x


def root_hungry(rng: np.random.Generator, n: int) -> np.ndarray:
    """Several words prefer the root to any other head, some of them equally."""
    x = parser_like(rng, n)
    wanting = rng.choice(np.arange(1, n), size=min(n - 1, int(rng.integers(2, 5))), replace=False)
    x[wanting, 0] = rng.choice([-0.01, -0.01, -0.2], size=len(wanting))
    return x


def tree_shaped(rng: np.random.Generator, n: int) -> np.ndarray:
    """A confident parse: a random one-root tree's arcs well ahead, as most sentences are;
    in some, a word's runner-up head (the root, at times) level with its best or just behind."""
    x = rng.normal(size=(n, n))
    heads = [0, 0, *(int(rng.integers(1, d)) for d in range(2, n))]  # word 1 the root, the others on earlier words
    relabel = np.concatenate(([0], rng.permutation(np.arange(1, n))))  # shuffled: heads after their words too
    for d in range(1, n):
        x[relabel[d], relabel[heads[d]]] += 8.0
    np.fill_diagonal(x, -np.inf)
    x = log_softmax(x).astype(np.float32)
    if rng.random() < 0.3:  # a near-tie: the leader's lead gone or down to a rounding error
        word = int(rng.integers(1, n))
        best = int(np.argmax(x[word]))
        rival = int(rng.choice([h for h in range(n) if h not in (word, best)] or [best]))
        x[word, rival] = np.nextafter(x[word, best], -np.inf) if rng.random() < 0.5 else x[word, best]
    return x


KINDS = (parser_like, tied, root_hungry, tree_shaped)


def cases(seed: int, count: int) -> Iterator[tuple[str, np.ndarray]]:
    rng = np.random.default_rng(seed)
    for i in range(count):
        kind = KINDS[i % len(KINDS)]
        yield kind.__name__, kind(rng, int(rng.integers(2, 36)))


def outcome(decode, scores: np.ndarray):
    """The tree, or the error, a decoder gives for a copy of ``scores``."""
    try:
        return decode(scores.copy()).tolist()
    except AssertionError as exc:
        return f"AssertionError: {exc}"


def path(scores: np.ndarray) -> str:
    try:
        return decoder.decode(scores)[1]
    except AssertionError:
        return "two roots"


def test_same_trees_as_stanza_on_random_scores():
    paths: dict[str, Counter[str]] = {kind.__name__: Counter() for kind in KINDS}
    for kind, scores in cases(seed=14, count=1500):
        before = scores.copy()
        assert outcome(decoder.chuliu_edmonds_one_root, scores) == outcome(stanza_decoder, scores), kind
        np.testing.assert_array_equal(scores, before)  # the caller's scores are left alone, as Stanza does
        paths[kind][path(scores)] += 1
    # Scores with no ties never need Stanza's decoder; ties do, and every path is taken.
    assert set(paths["parser_like"]) <= {"greedy", "argmax", "ufal"}
    assert paths["tied"]["stanza"] > 0
    # Most confident parses are read off their best heads; near-ties go on to the other paths.
    assert paths["tree_shaped"]["argmax"] > sum(paths["tree_shaped"].values()) / 2
    assert set(paths["tree_shaped"]) - {"argmax", "greedy"}
    assert {"greedy", "argmax", "ufal", "stanza"} <= set(sum(paths.values(), Counter()))


def test_ties_are_resolved_as_stanza_resolves_them():
    # Two words that each score the same under either head: two equal trees, and Stanza's pick.
    scores = np.array([[0, -9, -9], [-1, -np.inf, -1], [-1, -1, -np.inf]], dtype=np.float32)
    assert outcome(decoder.chuliu_edmonds_one_root, scores) == outcome(stanza_decoder, scores)
    rng = np.random.default_rng(7)
    for _ in range(300):
        scores = tied(rng, int(rng.integers(3, 12)))
        assert outcome(decoder.chuliu_edmonds_one_root, scores) == outcome(stanza_decoder, scores)


def test_positive_scores_fail_as_stanza_fails():
    # Stanza's one-root rule assumes log-probabilities; with positive scores it can pick two roots and says so.
    scores = np.full((4, 4), 5.0, dtype=np.float32)
    np.fill_diagonal(scores, -np.inf)
    assert outcome(decoder.chuliu_edmonds_one_root, scores) == outcome(stanza_decoder, scores)
    assert str(outcome(stanza_decoder, scores)).startswith("AssertionError")


SENTENCES = (
    "The minister, who had been in office for less than a year, told reporters on Tuesday that the plan, "
    "which critics called reckless, would go ahead regardless of the court's ruling.\n\n"
    '"We will not be intimidated," said Ana Lopez, a spokeswoman for the company, adding that talks with the '
    "unions, the regulator and two of its largest customers had been constructive.\n\n"
    "According to a report released by the agency, prices rose 3 percent in March, the fastest pace since 2008.\n\n"
    "He said; she said -- and then, without warning, everyone in the room, including the senator and her aides, "
    "left: the meeting was over, the vote was postponed, and nobody knew when, or whether, it would resume.\n\n"
    "Buffalo buffalo Buffalo buffalo buffalo buffalo Buffalo buffalo."
)


def heads(doc) -> list[tuple[int, str]]:
    return [(w.head, w.deprel) for s in doc.sentences for w in s.words]


def test_same_parses_as_stanza_with_the_embedded_model(nlp):
    pipeline = nlp.load()
    assert decoder.installed(), "the service's pipeline decodes with the fast decoder"
    fast = pipeline(SENTENCES)
    decoder.uninstall()
    try:
        assert not decoder.installed()
        slow = pipeline(SENTENCES)
    finally:
        decoder.install()
    assert len(fast.sentences) >= 5
    assert heads(fast) == heads(slow)


@pytest.fixture()
def no_ufal(monkeypatch) -> Iterator[None]:
    """ufal.chu_liu_edmonds cannot be imported (a platform with no wheel for it)."""
    decoder.uninstall()
    decoder.fast_decoder.cache_clear()
    monkeypatch.setitem(sys.modules, "ufal.chu_liu_edmonds", None)  # makes its import raise ImportError
    yield
    monkeypatch.undo()
    decoder.fast_decoder.cache_clear()
    decoder.install()


def test_without_ufal_stanza_decodes_and_one_line_says_so(no_ufal, settings, caplog):
    with caplog.at_level(logging.WARNING, logger="quotes.decoder"):
        assert decoder.install() == "stanza"
        assert decoder.install() == "stanza"
        pipeline = build_pipeline(choose_model(settings))
    assert depparse_model.chuliu_edmonds_one_root is stanza_decoder
    assert len([r for r in caplog.records if r.name == "quotes.decoder"]) == 1
    assert "Stanza's own decoder" in caplog.text
    doc = pipeline("The minister said the plan would go ahead.")
    assert sum(w.head == 0 for w in doc.sentences[0].words) == 1
    # The module's function still works, as Stanza's.
    for _, scores in cases(seed=3, count=30):
        assert outcome(decoder.chuliu_edmonds_one_root, scores) == outcome(stanza_decoder, scores)


def test_install_and_uninstall_point_stanza_at_each_decoder():
    assert decoder.install() == "ufal"
    assert depparse_model.chuliu_edmonds_one_root is decoder.chuliu_edmonds_one_root
    decoder.uninstall()
    try:
        assert depparse_model.chuliu_edmonds_one_root is stanza_decoder
    finally:
        decoder.install()
    assert head_constraints.chuliu_edmonds_one_root is decoder.chuliu_edmonds_one_root
