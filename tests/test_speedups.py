"""quotes.engine.speedups gives Stanza's own outputs: the padded tensors, the feature strings,
and whole parses of the embedded model with and without them."""

from __future__ import annotations

import random

import pytest
import stanza
import torch
from stanza.models.common import data as stanza_data
from stanza.models.common.vocab import CompositeVocab

from quotes.engine import speedups

TEXT = (
    "“We will not back down,” Mayor Ana López told reporters on Tuesday, adding that the plan "
    "had cost $62,500.00. According to the U.S. Dept. of Labor, 3.5 % of workers—about 1,200—"
    "weren't paid. Sen. O'Neill said: “It's a disgrace.” Call 555-0100 or e-mail press@example.org."
)


def stanza_long_tensor(*args, **kwargs):
    return speedups._stanza["get_long_tensor"](*args, **kwargs)


def nested(rng: random.Random, depth: int, width: int | None = None) -> list:
    """Ragged lists of ids, ``depth`` deep; the innermost ones all ``width`` long (as Stanza's are)."""
    if depth == 1:
        return [rng.randrange(0, 500) for _ in range(width if width is not None else rng.randrange(0, 6))]
    return [nested(rng, depth - 1, width) for _ in range(rng.randrange(1, 6))]


def test_long_tensor_is_stanzas():
    speedups.install(("long_tensor",))
    rng = random.Random(7)
    for _ in range(300):
        depth = rng.choice((2, 3))
        rows = nested(rng, depth, width=rng.randrange(1, 4) if depth == 3 else None)
        batch = len(rows) + rng.choice((0, 0, 2))
        pad = rng.choice((0, 1, 3))
        try:
            theirs = stanza_long_tensor(rows, batch, pad)
        except IndexError:  # nothing at the innermost level: Stanza's fails, and so does ours
            with pytest.raises(IndexError):
                speedups.get_long_tensor(rows, batch, pad)
            continue
        ours, theirs = speedups.get_long_tensor(rows, batch, pad), stanza_long_tensor(rows, batch, pad)
        assert ours.dtype == theirs.dtype == torch.int64
        assert ours.shape == theirs.shape
        assert torch.equal(ours, theirs)
    assert speedups.get_long_tensor([[1, 2], []], 3).tolist() == [[1, 2], [0, 0], [0, 0]]


def test_sort_all_is_stanzas():
    """Rows sorted by length (ties: later rows first) and the original positions, as Stanza's,
    for int lengths and for the tagger's 0-d tensors, ragged and tied."""
    rng = random.Random(11)
    for _ in range(300):
        n = rng.randrange(0, 9)
        lens = [rng.randrange(0, 4) for _ in range(n)]
        batch = [[rng.randrange(0, 100) for _ in range(n)], tuple(f"w{i}" for i in range(n))]
        if rng.random() < 0.2 and n:
            batch.append([0] * (n - 1))  # a short field: zip() drops the last row
        as_tensors = [torch.tensor(k) for k in lens]
        for keys in (lens, as_tensors):
            try:
                theirs = speedups._stanza["sort_all"](batch, keys)
            except IndexError:  # no rows: Stanza's fails, and so does ours
                with pytest.raises(IndexError):
                    speedups.sort_all(batch, keys)
                continue
            assert speedups.sort_all(batch, keys) == theirs
    assert speedups.sort_all([[]], []) == ([[]], [])
    assert speedups.sort_all([["a", "b", "c"]], [1, 3, 1]) == ([["b", "c", "a"]], [1, 2, 0])


def test_feature_strings_are_stanzas(nlp):
    pipeline = nlp.load()
    vocab = pipeline.processors["pos"].trainer.vocab["feats"]
    assert isinstance(vocab, CompositeVocab)
    speedups.install(("feats_cache",))
    rng = random.Random(3)
    sizes = [len(v) for v in vocab._id2unit.values()]
    for _ in range(2000):
        ids = [rng.randrange(0, n) for n in sizes]
        assert vocab.id2unit(ids) == speedups._stanza["id2unit"](vocab, ids)
        assert vocab.id2unit(ids) == speedups._stanza["id2unit"](vocab, ids)  # the remembered one


def test_vocab_ids_are_stanzas_and_a_fresh_list_each_time(nlp):
    pipeline = nlp.load()
    speedups.install(("vocab_map",))
    vocabs = [pipeline.processors["pos"].trainer.vocab[k] for k in ("char", "word", "upos")]
    words = ["Ushakov", "said", "\u201cno\u201d", "Zzyzx\u00e9", "", "U.S.", "said"]
    feats = pipeline.processors["pos"].trainer.vocab["feats"]  # ids of a composite vocab are lists
    for w in (["Number=Plur", "_", "Number=Plur"], ("Mood=Ind|Tense=Past",)):
        assert feats.map(w) == speedups._stanza["map"](feats, w)
        first = feats.map(w)
        first[0].append(-1)
        assert feats.map(w) == speedups._stanza["map"](feats, w)
    for vocab in vocabs:
        for w in words + [list(words), tuple(words[:3])]:
            mine = vocab.map(w)
            assert mine == speedups._stanza["map"](vocab, w)
            mine.append(-1)  # a caller may change what it gets
            assert vocab.map(w) == speedups._stanza["map"](vocab, w)


def test_character_features_are_stanzas():
    from stanza.models.tokenization.data import PER_CHAR_FEAT_FUNCS

    speedups.install(("char_features",))
    for feature in speedups.CHAR_FEATURES:
        ours, theirs = PER_CHAR_FEAT_FUNCS[feature], speedups._stanza[f"char:{feature}"]
        assert ours is not theirs
        for unit in [*TEXT, " ", " A", "\n", "٣", "Ⅻ", "7,5", "12.", "1,2.3", "x"]:
            assert ours(unit) == theirs(unit), (feature, unit)


def annotations(doc) -> list[tuple]:
    return [
        (w.id, w.text, w.lemma, w.upos, w.xpos, w.feats, w.head, w.deprel, w.start_char, w.end_char) for s in doc.sentences for w in s.words
    ]


@pytest.mark.parametrize("selective", [False, True])
def test_same_parses_with_and_without_them(nlp, seed_text, selective):
    from quotes.engine.selective import parse_documents

    pipeline = nlp.load()
    texts = [TEXT, seed_text]
    assert set(speedups.installed()) == set(speedups.NAMES), "build_pipeline installs them all"

    def parse() -> list:
        if selective:
            return [annotations(d) for d in parse_documents(pipeline, [stanza.Document([], text=t) for t in texts])]
        return [annotations(pipeline(t)) for t in texts]

    fast = parse()
    speedups.uninstall()
    try:
        assert speedups.installed() == ()
        slow = parse()
    finally:
        speedups.install()
    assert fast == slow


def test_dictionary_lemmatiser_looks_words_up_without_a_sequence_batch(nlp, monkeypatch):
    """The embedded model's lemmatiser is dictionary-only: its words are looked up as Stanza's
    would, unknown words kept as written, without preparing them for a sequence model first."""
    from stanza.pipeline import lemma_processor

    pipeline = nlp.load()
    lemmatiser = pipeline.processors["lemma"]
    assert lemmatiser.config.get("dict_only"), "the embedded model's lemmatiser is dictionary-only"
    tagged = pipeline.processors["pos"].process(pipeline.processors["tokenize"].process(
        "Zzyzxians were running. The mice said “no” to Ushakov’s ideas, she'd told them."
    ))  # fmt: skip
    rows = [[{"id": w.id, "text": w.text, "upos": w.upos, "xpos": w.xpos, "feats": w.feats} for w in s.words] for s in tagged.sentences]

    def lemmas() -> list[str]:
        return [w.lemma for s in lemmatiser.process(stanza.Document(rows)).sentences for w in s.words]

    built = []
    monkeypatch.setattr(lemma_processor, "DataLoader", lambda *a, **k: built.append(1) or real_loader(*a, **k))
    real_loader = stanza.models.lemma.data.DataLoader
    fast = lemmas()
    assert built == [], "no sequence-model batch for a dictionary lookup"
    speedups.uninstall(("lemma_dict",))
    try:
        slow = lemmas()
    finally:
        speedups.install(("lemma_dict",))
    assert built, "Stanza's own path builds one"
    assert fast == slow
    assert "Zzyzxians" in fast and "mouse" in fast and "run" in fast


def test_mwt_expander_asks_its_dictionary_before_its_model(nlp, monkeypatch):
    """Tokens the tokenizer marked as multi-word: the dictionary's expansions as before, and the
    sequence model run on the ones it lacks only, giving what Stanza's ensemble gives."""
    expander = nlp.load().processors["mwt"]
    assert expander.config.get("ensemble_dict") and not expander.config.get("dict_only")
    words = ["They", "don't", "know", "it's", "Qwoppa's", "or", "Zzyx'll", "."]
    marked = {"don't", "it's", "Qwoppa's", "Zzyx'll"}
    assert expander.trainer.dict_expansion("don't") and expander.trainer.dict_expansion("Zzyx'll") is None

    def expanded() -> list[list[str]]:
        rows = [[{"id": (k + 1,), "text": w, **({"misc": "MWT=Yes"} if w in marked else {})} for k, w in enumerate(words)]]
        doc = expander.process(stanza.Document(rows))
        return [[w.text for w in t.words] for t in doc.sentences[0].tokens]

    seen: list[int] = []
    predict = expander.trainer.predict
    monkeypatch.setattr(expander.trainer, "predict", lambda b, **k: seen.append(b[0].shape[0]) or predict(b, **k))
    fast, model_rows = expanded(), list(seen)
    speedups.uninstall(("mwt_dict_first",))
    try:
        seen.clear()
        slow = expanded()
    finally:
        speedups.install(("mwt_dict_first",))
    assert fast == slow
    assert fast[1] == ["do", "n't"]
    assert sum(model_rows) == 2 < sum(seen) == 4, "the model sees only the two words the dictionary lacks"


# Word salad whose parses often give one head two subjects or two objects, so that Stanza's
# head-constraint repair runs: (text, upos, xpos)
SALAD = [
    ("officials", "NOUN", "NNS"), ("Ushakov", "PROPN", "NNP"), ("she", "PRON", "PRP"), ("they", "PRON", "PRP"),
    ("said", "VERB", "VBD"), ("told", "VERB", "VBD"), ("gave", "VERB", "VBD"), ("the", "DET", "DT"),
    ("report", "NOUN", "NN"), ("reporters", "NOUN", "NNS"), ("talks", "NOUN", "NNS"), ("Moscow", "PROPN", "NNP"),
    ("that", "SCONJ", "IN"), (",", "PUNCT", ","), ("on", "ADP", "IN"), ("failed", "VERB", "VBD"),
]


@pytest.mark.parametrize("repair", [False, True])
@pytest.mark.filterwarnings("ignore:resolve_head_constraint_violations hit")  # salad beyond repair, both ways
def test_parser_labels_only_the_trees_arcs_and_repairs_as_stanza(nlp, monkeypatch, repair):
    """The embedded model's parser runs without Stanza's head-constraint repair; the official
    models' with it (two subjects of one head are rescored): both paths as Stanza's."""
    from stanza.models.depparse import head_constraints

    pipeline = nlp.load()
    parser = pipeline.processors["depparse"]
    monkeypatch.setitem(parser.config, "resolve_head_constraints", repair)
    rng = random.Random(11)
    sentences = [[rng.choice(SALAD) for _ in range(rng.randrange(1, 60))] for _ in range(120)]
    rows = [
        [{"id": k, "text": t, "lemma": t.lower(), "upos": u, "xpos": x, "feats": "_"} for k, (t, u, x) in enumerate(s, 1)]
        for s in sentences
    ]
    repairs = []
    real_repair = head_constraints.resolve_head_constraint_violations

    def spy(*args, **kwargs):
        repairs.append(1)
        return real_repair(*args, **kwargs)

    monkeypatch.setattr(head_constraints, "resolve_head_constraint_violations", spy)

    def parse() -> list:
        return [(w.head, w.deprel) for s in parser.process(stanza.Document(rows)).sentences for w in s.words]

    assert "arc_labels" in speedups.installed()
    fast = parse()
    repaired = len(repairs)
    speedups.uninstall(("arc_labels",))
    try:
        slow = parse()
    finally:
        speedups.install(("arc_labels",))
    assert (repaired > 0) == repair, "some of the salad needs the repair"
    assert fast == slow


def test_install_and_uninstall_swap_stanzas_functions():
    speedups.install()
    assert stanza_data.get_long_tensor is speedups.get_long_tensor
    assert stanza.Pipeline.process is speedups._process_in_inference_mode
    from stanza.models.depparse.model import GraphParser

    assert GraphParser.predict is speedups._graph_predict
    from stanza.pipeline.lemma_processor import LemmaProcessor

    assert LemmaProcessor.process is speedups._lemma_process
    speedups.uninstall()
    try:
        assert stanza_data.get_long_tensor is speedups._stanza["get_long_tensor"]
        assert CompositeVocab.id2unit is speedups._stanza["id2unit"]
        assert stanza.Pipeline.process is speedups._stanza["process"]
        assert GraphParser.predict is speedups._stanza["graph_predict"]
        assert LemmaProcessor.process is speedups._stanza["lemma_process"]
        from stanza.models.tokenization.data import PER_CHAR_FEAT_FUNCS

        assert PER_CHAR_FEAT_FUNCS["numeric"] is speedups._stanza["char:numeric"]
    finally:
        speedups.install()
    with pytest.raises(ValueError, match="no speedup"):
        speedups.install(("warp_drive",))


def test_vocab_cache_stops_growing_at_its_cap(nlp, monkeypatch):
    """An open word vocab meets new words as long as a worker lives: what it remembers is capped,
    and words past the cap are still mapped as Stanza maps them."""
    pipeline = nlp.load()
    speedups.install(("vocab_map",))
    vocab = pipeline.processors["pos"].trainer.vocab["word"]
    monkeypatch.setattr(speedups, "MAP_CACHE_SIZE", len(vocab.__dict__.get("_quotes_map", {})) + 3)
    words = [f"zq{k}" for k in range(10)] + ["the", "said"]
    assert vocab.map(words) == speedups._stanza["map"](vocab, words)
    assert len(vocab.__dict__["_quotes_map"]) == speedups.MAP_CACHE_SIZE
