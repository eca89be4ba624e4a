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
- ``vocab_map``: every word of every batch is mapped to ids character by character
  (``BaseVocab.map``: two Python calls per character, for the tagger's and the parser's
  character models); here each vocab remembers the ids of each word it has mapped (plain
  integer ids only, up to ``MAP_CACHE_SIZE`` words per vocab).
- ``char_features``: the tokenizer computes three features of every character of the
  text (a space before it, capitalised, numeric: a regular expression), each in a Python
  lambda; here each is remembered for the last 4,096 distinct characters.
- ``inference``: the pipeline runs under ``torch.inference_mode()`` (Stanza's processors
  use ``torch.no_grad()``, which still keeps version counters and view tracking):
  ``stanza.Pipeline.process``, and :func:`inference` around the service's selective parse.

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
NAMES = ("long_tensor", "feats_cache", "vocab_map", "char_features", "inference")
MAP_CACHE_SIZE = 200_000
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
        from stanza.models.tokenization.data import PER_CHAR_FEAT_FUNCS

        _stanza["get_long_tensor"] = data.get_long_tensor
        _stanza["id2unit"] = vocab.CompositeVocab.id2unit
        _stanza["map"] = vocab.BaseVocab.map
        _stanza["process"] = stanza.Pipeline.process
        for feature in CHAR_FEATURES:
            _stanza[f"char:{feature}"] = PER_CHAR_FEAT_FUNCS[feature]
            # each feature is a pure function of the character (an int back): remembered
            _cached_char_features[feature] = functools.lru_cache(maxsize=4096)(PER_CHAR_FEAT_FUNCS[feature])


def _process_in_inference_mode(self, *args, **kwargs):
    """``stanza.Pipeline.process`` under ``torch.inference_mode()``."""
    import torch

    with torch.inference_mode():
        return _stanza["process"](self, *args, **kwargs)


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


def _cached_id2unit(self, id):
    """``CompositeVocab.id2unit``, remembered per vocab for each id tuple when it gives a string."""
    if self.sep is None:  # a list: the caller may change it, so never shared
        return _stanza["id2unit"](self, id)
    try:
        key = tuple(id)
    except TypeError:  # a single id, for one-part vocabs
        key = (id,)
    cache = self.__dict__.get("_quotes_id2unit")
    if cache is None:
        cache = self.__dict__["_quotes_id2unit"] = {}
    unit = cache.get(key)
    if unit is None:
        unit = cache[key] = _stanza["id2unit"](self, id)
    return unit


def _cached_map(self, units):
    """``BaseVocab.map``, remembered per vocab for each word (or tuple of strings) it maps to
    plain integer ids; a fresh list every call, as Stanza's is."""
    seq = units if isinstance(units, (str, list, tuple)) else list(units)
    key = seq if isinstance(seq, str) else tuple(seq)
    try:
        cache = self.__dict__.setdefault("_quotes_map", {})
        ids = cache.get(key)
    except TypeError:  # units that are not hashable (lists of lists)
        return _stanza["map"](self, seq)
    if ids is None:
        ids = _stanza["map"](self, seq)
        if len(cache) >= MAP_CACHE_SIZE or not all(type(i) is int for i in ids):
            return ids
        cache[key] = ids
    return list(ids)
