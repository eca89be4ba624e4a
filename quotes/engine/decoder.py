"""Stanza's dependency tree decoder, the same trees in a fraction of the time.

Stanza decodes each sentence's arc scores with a pure-Python Chu-Liu-Edmonds
(``stanza.models.common.chuliu_edmonds.chuliu_edmonds_one_root``), over half of
the dependency parser's time on CPU. :func:`chuliu_edmonds_one_root` returns the
very tree Stanza's would, by one of three paths:

1. ``greedy``: every word's best head already forms a tree. Stanza returns that
   tree as it is (its ``argmax``, first index on ties), and so do we, skipping
   its Python cycle search.
2. ``argmax``: every word's best head by the parser's own scores (root arcs not
   lowered) forms a tree with one root, and each beats the word's next best head
   by more than a rounding tolerance: the only maximum tree, and so the one
   Stanza's decoder must find (four sentences in five of news text).
3. ``ufal``: the C++ decoder of ``ufal.chu_liu_edmonds`` (TurboParser's) finds a
   maximum tree, and a check proves it the only one (no other tree within a
   rounding tolerance of its score), so an exact decoder such as Stanza's can
   return no other tree. The check: a bound from Edmonds' contraction leaves the
   arcs a rival tree could use; where they could make one, ufal scores the best
   tree without the arc they would replace.
4. ``stanza``: two trees (nearly) tie; Stanza's decoder breaks the tie its way.

Stanza 1.15's one-root rule is kept as is: root arcs are lowered by the
sentence's lowest score times its length, then the maximum tree is taken (and
must have one root). :func:`install` points Stanza's parser at this decoder;
without ``ufal.chu_liu_edmonds`` (no wheel for the platform) it logs one line
and leaves Stanza's decoder in place.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from functools import cache
from typing import Any

import numpy as np
from stanza.models.common import chuliu_edmonds as stanza_cle

log = logging.getLogger("quotes.decoder")

# Modules that imported Stanza's decoder by name: the names their parsers call.
PATCHED = ("stanza.models.depparse.model", "stanza.models.depparse.head_constraints")
STANZA_DECODER = stanza_cle.chuliu_edmonds_one_root

# Trees whose scores differ by less than this, relative to the largest sum of scores,
# count as tied: some 1e4 times the float64 rounding either decoder's sums can carry.
TIE_TOLERANCE = 1e-11

Decoder = Callable[[np.ndarray], tuple[list[int], float]]


@cache
def fast_decoder() -> Decoder | None:
    """ufal's decoder, or None (logged once) where it cannot be imported."""
    try:
        from ufal.chu_liu_edmonds import chu_liu_edmonds
    except ImportError as exc:
        log.warning("fast tree decoder unavailable (%s): parsing with Stanza's own decoder (same trees, slower)", exc)
        return None
    return chu_liu_edmonds


def install() -> str:
    """Make Stanza's parser decode with :func:`chuliu_edmonds_one_root`; returns
    the decoder now in use, ``"ufal"`` or ``"stanza"``."""
    if fast_decoder() is None:
        return "stanza"
    _point_stanza_at(chuliu_edmonds_one_root)
    return "ufal"


def uninstall() -> None:
    """Give Stanza its own decoder back (benchmarks compare the two)."""
    _point_stanza_at(STANZA_DECODER)


def installed() -> bool:
    return all(importlib.import_module(m).chuliu_edmonds_one_root is chuliu_edmonds_one_root for m in PATCHED)


def _point_stanza_at(decoder: Callable[[np.ndarray], np.ndarray]) -> None:
    for name in PATCHED:
        module: Any = importlib.import_module(name)  # Stanza's modules, which mypy cannot see into
        module.chuliu_edmonds_one_root = decoder


def chuliu_edmonds_one_root(scores: np.ndarray) -> np.ndarray:
    """Drop-in for Stanza's function of that name: ``scores[dep, head]``, a square
    matrix with the root at 0; returns the heads (``tree[0] == 0``), one root."""
    return decode(scores)[0]


def decode(scores: np.ndarray) -> tuple[np.ndarray, str]:
    """The tree and the path that found it (``greedy``, ``ufal`` or ``stanza``)."""
    fast = fast_decoder()
    if fast is None:
        return STANZA_DECODER(scores), "stanza"
    prepared = _stanza_prepared(scores)
    tree, path = np.argmax(prepared, axis=1), "greedy"
    if _has_cycle(tree.tolist()):
        tree, path = _one_root_argmax(scores, prepared), "argmax"
        if tree is None:
            tree, path = _unique_best(fast, prepared), "ufal"
        if tree is None:
            tree, path = stanza_cle.chuliu_edmonds(prepared), "stanza"
    roots = np.count_nonzero(tree[1:] == 0)
    assert roots == 1, "Rescaling by the lowest score should have prevented using multiple root edges"
    return tree, path


def _stanza_prepared(scores: np.ndarray) -> np.ndarray:
    """The matrix Stanza's decoder maximises over, by its own arithmetic: root arcs
    lowered (its one-root rule), no self loops, nothing heads the root."""
    prepared = scores.astype(np.float64)  # a copy: the caller's scores stay as they are
    prepared[:, 0] = prepared[:, 0] + prepared[np.isfinite(prepared)].min() * prepared.shape[0]
    stanza_cle.prepare_scores(prepared)
    return prepared


def _one_root_argmax(scores: np.ndarray, prepared: np.ndarray) -> np.ndarray | None:
    """Each word's best head by ``scores`` if they make a one-root tree with every best head
    ahead of the word's next by more than the tie tolerance, else None.

    Why that tree is the only maximum of ``prepared``: any other tree takes some word's
    worse head, so it scores at least the smallest lead less by ``scores``; lowering the
    root arcs (by a negative amount, checked) takes the same off every one-root tree and
    more off a tree with several roots."""
    finite = np.isfinite(scores)
    if not finite.any() or scores[finite].min() >= 0:  # the root arcs were not lowered
        return None
    own = scores.astype(np.float64)
    stanza_cle.prepare_scores(own)
    heads = own.argmax(axis=1)
    if np.count_nonzero(heads[1:] == 0) != 1 or _has_cycle(heads.tolist()):
        return None
    second, best = np.partition(own[1:], -2, axis=1)[:, -2:].T
    return heads if (best - second).min() > _tie_tolerance(prepared) else None


def _tie_tolerance(prepared: np.ndarray) -> float:
    """How close two trees' scores may come and still count as tied (:data:`TIE_TOLERANCE`,
    scaled by the largest sum of scores a tree of this sentence can have)."""
    return TIE_TOLERANCE * (1.0 + np.abs(prepared[np.isfinite(prepared)]).max() * len(prepared))


def _has_cycle(heads: list[int]) -> bool:
    return bool(_cycles(heads))


def _cycles(heads: list[int]) -> list[list[int]]:
    """The cycles of a head list; the node that heads itself is the root, not a cycle."""
    state = [0] * len(heads)  # 0 unseen, 1 on the current walk, 2 done
    cycles = []
    for start in range(len(heads)):
        walk = []
        node = start
        while state[node] == 0:
            state[node] = 1
            walk.append(node)
            node = heads[node]
        if state[node] == 1 and heads[node] != node:  # the walk came back onto itself
            cycles.append(walk[walk.index(node) :])
        for node in walk:
            state[node] = 2
    return cycles


def _unique_best(fast: Decoder, prepared: np.ndarray) -> np.ndarray | None:
    """ufal's maximum tree if no other tree comes within the tie tolerance of it,
    else None: Stanza's decoder must break the tie."""
    arcs = np.where(np.isfinite(prepared), prepared, np.nan)  # ufal skips NaN arcs and knows no -inf
    heads, _ = fast(arcs)
    tree = np.asarray([0, *heads[1:]], dtype=np.int64)
    best = _tree_score(arcs, tree[1:])
    tolerance = _tie_tolerance(prepared)
    bound = _dual_bound(prepared, best + tolerance) if np.isfinite(best) else None
    if bound is None:
        return None
    ceiling, cost = bound
    # A rival within the tolerance has only close arcs (their costs add up to at most
    # ceiling - best + tolerance) and lacks one of this tree's arcs: ufal scores the best
    # tree without that arc, for each arc the close arcs can do without.
    close = cost <= ceiling - best + tolerance
    close[np.arange(1, len(tree)), tree[1:]] = True
    for dep in _words_with_rival_trees(close, tree):
        if _rival_score(fast, arcs, dep, tree[dep]) > best - tolerance:
            return None
    return tree


def _dual_bound(prepared: np.ndarray, enough: float) -> tuple[float, np.ndarray] | None:
    """An upper bound on tree scores from Edmonds' contraction (a solution of the LP
    dual): ``(ceiling, cost)``, every tree scoring at most ``ceiling`` minus the sum
    of its arcs' ``cost`` (>= 0; +inf: no arc). None if some word has no head.

    Each round prices every group of words (a word, or a cycle contracted in an
    earlier round) at its best arc from outside it, adds the prices to the ceiling
    and takes them off those arcs, then contracts the cycles the groups' best arcs
    make. A tree enters each word once and each group at least once, and a group's
    price is <= 0, so the bound holds for every tree after any round. Stanza's
    one-root rule lowers root arcs so much that the rounds would only grow one group
    word by word; pricing the set of all words too (a tree enters it by its root
    arcs) makes the bound tight after a few rounds. It stops once the ceiling is down
    to ``enough``, or no cycle is left."""
    reduced = prepared.copy()
    group = np.arange(len(prepared))
    ceiling = 0.0
    while True:
        crossing = group[:, None] != group[None, :]
        entering = np.where(crossing, reduced, -np.inf)
        best_in = entering.max(axis=1)
        price = np.full(group.max() + 1, -np.inf)
        np.maximum.at(price, group, best_in)
        price[group[0]] = 0.0  # the root has no head
        root_price = float((reduced[1:, 0] - price[group[1:]]).max())
        if not (np.isfinite(price).all() and np.isfinite(root_price)):
            return None
        ceiling += float(price.sum())
        reduced = np.where(crossing, reduced - price[group][:, None], reduced)
        cycles = _cycles(_group_heads(group, best_in, entering.argmax(axis=1), price))
        if ceiling + root_price <= enough or not cycles:
            reduced[1:, 0] -= root_price
            return ceiling + root_price, -reduced
        group = _merged(group, cycles)


def _group_heads(group: np.ndarray, best_in: np.ndarray, best_from: np.ndarray, price: np.ndarray) -> list[int]:
    """Each group's head: the group its best arc comes from (the root group heads itself)."""
    heads = list(range(len(price)))
    found = [False] * len(price)
    found[group[0]] = True
    for g, score, source in zip(group.tolist(), best_in.tolist(), best_from.tolist()):
        if not found[g] and score == price[g]:
            heads[g], found[g] = int(group[source]), True
    return heads


def _merged(group: np.ndarray, cycles: list[list[int]]) -> np.ndarray:
    """Groups with each cycle of groups made one, numbered 0.. again."""
    label = np.arange(group.max() + 1)
    for cycle in cycles:
        label[cycle] = cycle[0]
    return np.unique(label[group], return_inverse=True)[1]


def _words_with_rival_trees(close: np.ndarray, tree: np.ndarray) -> list[int]:
    """Words whose arc in ``tree`` the close arcs can do without: every word still
    reachable from the root once that arc is gone."""
    deps_of: list[list[int]] = [[] for _ in tree]
    others = [0] * len(tree)  # close arcs into each word besides the tree's
    for dep, head in zip(*(a.tolist() for a in np.nonzero(close))):
        deps_of[head].append(dep)
        others[dep] += head != tree[dep]
    return [dep for dep in range(1, len(tree)) if others[dep] and _all_reached(deps_of, (int(tree[dep]), dep))]


def _all_reached(deps_of: list[list[int]], missing: tuple[int, int]) -> bool:
    """Does every word hang from the root through the arcs ``deps_of``, less ``missing`` (head, dep)?"""
    seen = [False] * len(deps_of)
    seen[0] = True
    todo = [0]
    while todo:
        head = todo.pop()
        for dep in deps_of[head]:
            if not seen[dep] and (head, dep) != missing:
                seen[dep] = True
                todo.append(dep)
    return all(seen)


def _rival_score(fast: Decoder, arcs: np.ndarray, dep: int, head: int) -> float:
    """The score of the best tree without the arc head->dep."""
    kept, arcs[dep, head] = arcs[dep, head], np.nan
    rival, _ = fast(arcs)
    arcs[dep, head] = kept
    return _tree_score(arcs, np.asarray(rival[1:]))


def _tree_score(arcs: np.ndarray, heads: np.ndarray) -> float:
    """Sum of the arcs from ``heads`` (of words 1..n); -inf if one is missing (NaN, or ufal's -1)."""
    if heads.min() < 0:
        return -np.inf
    score = float(arcs[np.arange(1, len(heads) + 1), heads].sum())
    return score if np.isfinite(score) else -np.inf
