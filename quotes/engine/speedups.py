"""Faster Stanza internals on the CPU, each giving the very outputs Stanza's own code gives.

The profile of the service's parse (embedded model, one torch thread; ``bench/decoder.py
--speedups``) shows, besides the networks, pure-Python work that can be done faster
without changing a single value:

- ``long_tensor``: ``stanza.models.common.data.get_long_tensor`` pads every batch
  (words, characters, tags, features of the tagger, lemmatiser and parser) row by row,
  a ``torch.LongTensor`` per row; here one numpy array is filled and handed to torch.
- ``feats_cache``: the tagger turns each word's morphological-feature ids back into a
  string (``CompositeVocab.id2unit``: a format and a join per feature, for every padded
  position of every sentence); here each distinct id tuple is formatted once per vocab.
- ``vocab_map``: every word of every batch is mapped to ids character by character, and
  every sentence's words, tags and features word by word (``BaseVocab.map``: a Python call
  or two per unit, for the tagger's and the parser's inputs); here each vocab remembers the
  id of each unit it has mapped (up to ``MAP_CACHE_SIZE`` units per vocab).
- ``char_features``: the tokenizer computes three features of every character of the
  text (a space before it, capitalised, numeric: a regular expression), each in a Python
  lambda; here each is remembered for the last 4,096 distinct characters.
- ``inference``: the pipeline runs under ``torch.inference_mode()`` (Stanza's processors
  use ``torch.no_grad()``, which still keeps version counters and view tracking):
  ``stanza.Pipeline.process``, and :func:`inference` around the service's selective parse.
- ``arc_labels``: the parser scores every relation label for every (dependent, head) pair
  of a batch, then keeps one row per word; here the tree is decoded first and only its arcs
  are labelled (``GraphParser.predict``; a third of the parser's time), a block of arcs at a
  time, never the padded positions. A label's score is summed in another order than
  Stanza's, so only an exact near-tie between two labels could come out differently: none
  does in the 84 PolNeAR dev and 12 Reuters articles (86,473 arcs).
- ``lemma_dict``: a dictionary-only lemmatiser (the embedded model's) still prepares every
  word for its sequence model (characters to ids, edit classes) before looking the words up
  in its dictionary; here it only looks them up (``LemmaProcessor.process``).
- ``mwt_dict_first``: an MWT expander that ensembles its dictionary with its sequence model
  (the embedded model's, v2's) runs the model on every token the tokenizer marked, then takes the
  dictionary's expansion wherever it has one; here the dictionary is asked first and the model
  runs only on the tokens it lacks (news text: most of them are in it), with the same vocabulary.
- ``sort_all``: every batch of the tagger, parser, MWT expander and lemmatiser is sorted by
  length with ``stanza.models.common.data.sort_all``, which sorts whole rows as tuples; the
  tagger passes its lengths as 0-d tensors, so every comparison is several torch calls (a
  tenth of the bare pipeline's Python time); here the row indexes are sorted by (length,
  index), the same order, and the rows gathered once.

:func:`install` applies them (``quotes.common.nlp.build_pipeline`` does, after the fast tree
decoder), :func:`uninstall` gives Stanza its own functions back (the benchmarks compare
the two); :func:`inference` is the context the parse runs in. ``tests/test_speedups.py``
checks each against Stanza's on real and odd inputs.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
from collections.abc import Iterator

import numpy as np

# Modules that imported get_long_tensor by name: the names their code calls.
LONG_TENSOR_USERS = (
    "stanza.models.common.data",
    "stanza.models.common.char_model",
    "stanza.models.pos.data",
    "stanza.models.lemma.data",
    "stanza.models.mwt.data",
    "stanza.models.depparse.data",
    "stanza.models.ner.data",
    "stanza.models.ner.model",
    "stanza.models.classifiers.cnn_classifier",
)
# Modules that imported sort_all by name.
SORT_ALL_USERS = (
    "stanza.models.common.data",
    "stanza.models.pos.data",
    "stanza.models.lemma.data",
    "stanza.models.mwt.data",
    "stanza.models.depparse.data",
    "stanza.models.ner.data",
    "stanza.models.classifiers.cnn_classifier",
)
NAMES = (
    "long_tensor", "feats_cache", "vocab_map", "char_features", "inference", "arc_labels", "lemma_dict", "sort_all", "mwt_dict_first",
)  # fmt: skip
# Units remembered per vocab. Characters, tags and feature strings are few; an open word vocab
# meets new words for as long as a worker lives, so its memory is capped here: about 150 bytes a
# word, 7.5 MB per vocab, four word vocabs in the embedded model (84 dev articles fill 7,000-10,000
# each; the commonest words come first, so a full cache still answers most lookups).
MAP_CACHE_SIZE = 50_000
CHAR_FEATURES = ("space_before", "capitalized", "numeric")

_stanza: dict[str, object] = {}  # Stanza's own functions, kept while ours are installed
_active: set[str] = set()
_cached_char_features: dict[str, object] = {}


def install(names: tuple[str, ...] = NAMES) -> None:
    """Apply the named speedups (all by default); applying one twice does nothing."""
    _remember()
    for name in names:
        if name == "long_tensor":
            for module in LONG_TENSOR_USERS:
                _module(module).get_long_tensor = get_long_tensor
        elif name == "feats_cache":
            _module("stanza.models.common.vocab").CompositeVocab.id2unit = _cached_id2unit
        elif name == "vocab_map":
            _module("stanza.models.common.vocab").BaseVocab.map = _cached_map
        elif name == "char_features":
            features = _module("stanza.models.tokenization.data").PER_CHAR_FEAT_FUNCS
            for feature in CHAR_FEATURES:
                features[feature] = _cached_char_features[feature]
        elif name == "inference":
            _module("stanza").Pipeline.process = _process_in_inference_mode
        elif name == "arc_labels":
            _module("stanza.models.depparse.model").GraphParser.predict = _graph_predict
        elif name == "lemma_dict":
            _module("stanza.pipeline.lemma_processor").LemmaProcessor.process = _lemma_process
        elif name == "sort_all":
            for module in SORT_ALL_USERS:
                _module(module).sort_all = sort_all
        elif name == "mwt_dict_first":
            _module("stanza.pipeline.mwt_processor").MWTProcessor.process = _mwt_process
        else:
            raise ValueError(f"no speedup named {name!r} (known: {', '.join(NAMES)})")
        _active.add(name)


def uninstall(names: tuple[str, ...] = NAMES) -> None:
    """Give Stanza its own functions back for the named speedups (all by default)."""
    _remember()
    for name in names:
        if name == "long_tensor":
            for module in LONG_TENSOR_USERS:
                _module(module).get_long_tensor = _stanza["get_long_tensor"]
        elif name == "feats_cache":
            _module("stanza.models.common.vocab").CompositeVocab.id2unit = _stanza["id2unit"]
        elif name == "vocab_map":
            _module("stanza.models.common.vocab").BaseVocab.map = _stanza["map"]
        elif name == "char_features":
            features = _module("stanza.models.tokenization.data").PER_CHAR_FEAT_FUNCS
            for feature in CHAR_FEATURES:
                features[feature] = _stanza[f"char:{feature}"]
        elif name == "inference":
            _module("stanza").Pipeline.process = _stanza["process"]
        elif name == "arc_labels":
            _module("stanza.models.depparse.model").GraphParser.predict = _stanza["graph_predict"]
        elif name == "lemma_dict":
            _module("stanza.pipeline.lemma_processor").LemmaProcessor.process = _stanza["lemma_process"]
        elif name == "sort_all":
            for module in SORT_ALL_USERS:
                _module(module).sort_all = _stanza["sort_all"]
        elif name == "mwt_dict_first":
            _module("stanza.pipeline.mwt_processor").MWTProcessor.process = _stanza["mwt_process"]
        _active.discard(name)


def installed() -> tuple[str, ...]:
    return tuple(n for n in NAMES if n in _active)


@contextlib.contextmanager
def inference() -> Iterator[None]:
    """``torch.inference_mode()`` while the ``inference`` speedup is installed, else nothing."""
    if "inference" not in _active:
        yield
        return
    import torch

    with torch.inference_mode():
        yield


def _module(name: str):
    return importlib.import_module(name)


def _remember() -> None:
    if not _stanza:
        import stanza
        from stanza.models.common import data, vocab
        from stanza.models.depparse.model import GraphParser
        from stanza.models.tokenization.data import PER_CHAR_FEAT_FUNCS
        from stanza.pipeline.lemma_processor import LemmaProcessor
        from stanza.pipeline.mwt_processor import MWTProcessor

        _stanza["get_long_tensor"] = data.get_long_tensor
        _stanza["sort_all"] = data.sort_all
        _stanza["mwt_process"] = MWTProcessor.process
        _stanza["id2unit"] = vocab.CompositeVocab.id2unit
        _stanza["map"] = vocab.BaseVocab.map
        _stanza["process"] = stanza.Pipeline.process
        _stanza["graph_predict"] = GraphParser.predict
        _stanza["lemma_process"] = LemmaProcessor.process
        for feature in CHAR_FEATURES:
            _stanza[f"char:{feature}"] = PER_CHAR_FEAT_FUNCS[feature]
            # each feature is a pure function of the character (an int back): remembered
            _cached_char_features[feature] = functools.lru_cache(maxsize=4096)(PER_CHAR_FEAT_FUNCS[feature])


def _process_in_inference_mode(self, *args, **kwargs):
    """``stanza.Pipeline.process`` under ``torch.inference_mode()``."""
    import torch

    with torch.inference_mode():
        return _stanza["process"](self, *args, **kwargs)


def _lemma_process(self, document):
    """``LemmaProcessor.process`` for a dictionary-only lemmatiser: the words looked up, as
    Stanza's would (its ``predict_dict``, then ``_`` for an empty lemma), with no sequence-model
    batch built first. Any other lemmatiser runs Stanza's own code."""
    if self.use_identity or not self.config.get("dict_only", False):
        return _stanza["lemma_process"](self, document)
    from stanza.models.common import doc

    lemmas = self.trainer.predict_dict(document.get([doc.TEXT, doc.UPOS]))
    document.set([doc.LEMMA], [lemma if lemma else "_" for lemma in lemmas])
    return document


def get_long_tensor(tokens_list, batch_size, pad_id=0):
    """Stanza's ``get_long_tensor`` (nested lists of ids -> a padded LongTensor of
    ``batch_size`` rows), filled as one numpy array instead of a tensor per row."""
    import torch

    sizes = []
    x = tokens_list
    while isinstance(x[0], list):
        sizes.append(max(len(y) for y in x))
        x = [z for y in x for z in y]
    tokens = np.full((batch_size, *sizes), pad_id, dtype=np.int64)
    for i, s in enumerate(tokens_list):
        if len(s):
            tokens[i, : len(s)] = s
    return torch.from_numpy(tokens)


def _mwt_process(self, document):
    """``MWTProcessor.process`` for an expander that ensembles its dictionary with its model:
    each marked token's dictionary expansion, and the model's only for the tokens without one
    (their batch built from the whole document, so its vocabulary is Stanza's). Any other
    expander runs Stanza's own code."""
    if self.config.get("dict_only") or not self.config.get("ensemble_dict", False):
        return _stanza["mwt_process"](self, document)
    import torch

    batch = self.build_batch(document)
    expansions = batch.doc.get_mwt_expansions(evaluation=True)
    preds = [self.trainer.dict_expansion(word) for word in expansions] if len(batch) > 0 else []
    missing = [k for k, found in enumerate(preds) if found is None]
    if missing:
        batch.data = [batch.data[k] for k in missing]
        batch.num_examples = len(batch.data)
        predicted = []
        with torch.no_grad():
            for b in batch.to_loader():
                predicted += self.trainer.predict(b, never_decode_unk=True, vocab=batch.vocab)
        for k, expansion in zip(missing, predicted, strict=True):
            preds[k] = expansion
    batch.doc.set_mwt_expansions(preds, process_manual_expanded=False)
    return batch.doc


def sort_all(batch, lens):
    """Stanza's ``sort_all``: the fields of ``batch`` (rows in the same order) sorted by
    descending length, ties by descending position, and the original positions. Stanza sorts
    tuples ``(length, position, *row)``; positions are unique, so nothing past them is ever
    compared and sorting positions by ``(length, position)`` gives the same order."""
    if batch == [[]]:
        return [[]], []
    keys = [n.item() if hasattr(n, "item") else n for n in lens]  # the tagger's are 0-d tensors
    size = min([len(keys), *(len(field) for field in batch)])  # zip() stops at the shortest
    if size == 0:
        raise IndexError("sort_all: no rows")  # as Stanza's, which finds no columns to return
    order = sorted(range(size), key=lambda i: (keys[i], i), reverse=True)
    return [[field[i] for i in order] for field in batch], order


def _cached_id2unit(self, id):
    """``CompositeVocab.id2unit``, remembered per vocab for each id tuple when it gives a string."""
    if self.sep is None:  # a list: the caller may change it, so never shared
        return _stanza["id2unit"](self, id)
    try:
        key = tuple(id)
    except TypeError:  # a single id, for one-part vocabs
        key = (id,)
    cache = self.__dict__.setdefault("_quotes_id2unit", {})
    unit = cache.get(key)
    if unit is None:
        unit = cache[key] = _stanza["id2unit"](self, id)
    return unit


def _cached_map(self, units):
    """``BaseVocab.map``, remembering per vocab the id of each unit (a character, a word, a
    tag string) it has mapped; a fresh list every call, as Stanza's is. The tagger and the
    parser map every sentence's words, tags and features and every word's characters."""
    cache = self.__dict__.setdefault("_quotes_map", {})
    if not self.__dict__.get("_quotes_map_lists"):
        try:  # every unit seen before, every id an int (characters, words, tags): one pass in C
            return [cache[unit] for unit in units]
        except (KeyError, TypeError):
            pass
    out = []
    for unit in units:
        try:
            found = cache.get(unit)
        except TypeError:  # a unit that is not hashable
            return _stanza["map"](self, units)
        if found is None:
            found = self.unit2id(unit)
            if len(cache) < MAP_CACHE_SIZE and (type(found) is int or type(found) is list):
                if type(found) is list:
                    self._quotes_map_lists = True  # ids are lists (features): copied out, never shared
                cache[unit] = found if type(found) is int else tuple(found)
        out.append(list(found) if type(found) is tuple else found)  # a remembered list, fresh
    return out


def _graph_predict(self, *inputs, resolve_head_constraints=False):
    """``GraphParser.predict`` scoring the relation labels of the decoded tree's arcs only.

    Stanza scores all 50-odd labels for every (dependent, head) pair of a batch, takes a
    log-softmax and an argmax over that whole tensor, and then reads one row per word: a
    third of the parser's time. Here the tree is decoded first, from the same arc scores,
    and labels are scored for its arcs; a sentence whose labels break a head constraint (two
    subjects of one head) gets every pair scored and goes to Stanza's own repair."""
    import torch
    import torch.nn.functional as F
    from stanza.models.common.vocab import VOCAB_PREFIX_SIZE
    from stanza.models.depparse import head_constraints, model

    if self.training or self.args.get("use_arc_embedding"):
        return _stanza["graph_predict"](self, *inputs, resolve_head_constraints=resolve_head_constraints)
    # predict's positional inputs: word, word_mask, wordchars, wordchars_mask, upos, xpos, ufeats,
    # pretrained, lemma, head, deprel, word_orig_idx, sentlens, wordlens, text
    word, head, sentlens = inputs[0], inputs[9], inputs[12]
    hidden = self.drop(self.embed(*inputs))
    unlabeled = self.unlabeled(hidden, hidden).squeeze(3)
    # the arc scores exactly as Stanza's GraphParser.forward_scores computes them
    if self.args["linearization"] or self.args["distance"]:
        positions = torch.arange(word.size(1))
        offset = (positions.view(1, 1, -1) - positions.view(1, -1, 1)).expand(word.size(0), -1, -1)
    if self.args["linearization"]:
        lin = self.linearization(hidden, hidden).squeeze(3)
        unlabeled += F.logsigmoid(lin * torch.sign(offset).float())
    if self.args["distance"]:
        predicted = 1 + F.softplus(self.distance(hidden, hidden).squeeze(3))
        unlabeled += -torch.log((torch.abs(offset).float() - predicted) ** 2 / 2 + 1)
    unlabeled.masked_fill_(torch.eye(head.size(-1) + 1, dtype=torch.bool).unsqueeze(0), -float("inf"))
    arc_log_probs = F.log_softmax(unlabeled, 2).numpy()

    trees = [model.chuliu_edmonds_one_root(arc_log_probs[i][:n, :n]) for i, n in enumerate(sentlens)]
    labels = _ArcLabels(self.deprel, hidden)
    vocab = self.vocab["deprel"]
    raw = labels.of_arcs(trees, log_probs=resolve_head_constraints)
    out = []
    for i, (tree, ids) in enumerate(zip(trees, raw)):
        if resolve_head_constraints and head_constraints.find_head_constraint_violations(
            tree, vocab.unmap([r + VOCAB_PREFIX_SIZE for r in ids])
        ):
            n = sentlens[i]
            tree, ids = head_constraints.resolve_head_constraint_violations(
                arc_log_probs[i][:n, :n], labels.all_pairs(i, n), tree, vocab
            )
        deprels = vocab.unmap([r + VOCAB_PREFIX_SIZE for r in ids])
        out.append([[h, d] for h, d in zip(tree[1:], deprels)])
    return out


class _ArcLabels:
    """The label scorer of Stanza's parser (a deep biaffine, ``DeepBiaffineScorer``) for
    chosen (dependent, head) pairs: its per-dependent half is Stanza's own computation;
    the bilinear form is applied to the chosen pairs only, a block of arcs at a time (the
    per-label products of a whole padded batch, words x hidden x labels floats, no longer
    fit in the cache: computing them for every position took a fifth of the bare pipeline)."""

    BLOCK = 256  # arcs per block: the block's products (BLOCK x hidden x labels floats) stay in the cache

    def __init__(self, scorer, hidden) -> None:
        bilinear = scorer.scorer.W_bilin
        self.left = _with_ones(scorer.dropout(scorer.hidden_func(scorer.W1(hidden))))
        self.right = _with_ones(scorer.dropout(scorer.hidden_func(scorer.W2(hidden))))
        self.weight = bilinear.weight  # (left + 1) x (right + 1) x labels
        self.bias = bilinear.bias

    def _scores(self, left, right):
        """Label scores of arcs given as rows of ``left`` (dependents) and ``right`` (their heads)."""
        import torch

        inner, labels = self.weight.shape[1], self.weight.shape[2]
        flat = self.weight.reshape(self.weight.shape[0], inner * labels)
        blocks = []
        for start in range(0, left.shape[0], self.BLOCK):
            products = (left[start : start + self.BLOCK] @ flat).view(-1, inner, labels)
            blocks.append(torch.bmm(right[start : start + self.BLOCK].unsqueeze(1), products).squeeze(1))
        return torch.cat(blocks) + self.bias

    def of_arcs(self, trees, log_probs: bool) -> list[list[int]]:
        """The best label id of each arc of each tree (one tree per sentence, ROOT first);
        by log-probability as Stanza's head-constraint repair chooses, else by score."""
        import torch

        sentence: list[int] = []
        dependent: list[int] = []
        head: list[int] = []
        for i, tree in enumerate(trees):
            sentence.extend([i] * (len(tree) - 1))
            dependent.extend(range(1, len(tree)))
            head.extend(int(h) for h in tree[1:])
        if not sentence:
            return [[] for _ in trees]
        rows = torch.tensor(sentence)
        scores = self._scores(self.left[rows, torch.tensor(dependent)], self.right[rows, torch.tensor(head)])
        if log_probs:
            scores = scores.log_softmax(1)
        best = scores.argmax(1).tolist()
        out, start = [], 0
        for tree in trees:
            out.append(best[start : start + len(tree) - 1])
            start += len(tree) - 1
        return out

    def all_pairs(self, i: int, n: int) -> np.ndarray:
        """Label log-probabilities of every pair of sentence ``i`` (``n`` words with ROOT)."""
        dependents = self.left[i, :n].repeat_interleave(n, 0)
        heads = self.right[i, :n].repeat(n, 1)
        return self._scores(dependents, heads).view(n, n, -1).log_softmax(2).numpy()


def _with_ones(x):
    """``x`` with a column of ones appended, as Stanza's ``PairwiseBiaffineScorer`` does."""
    import torch

    return torch.cat([x, x.new_ones(*x.size()[:-1], 1)], x.dim() - 1)
