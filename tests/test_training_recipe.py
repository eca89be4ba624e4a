"""The training recipe's plumbing (training/): option splitting, checkpoints, fp16 assembly."""

import json
import signal
import sys
from pathlib import Path

import pytest
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))

import assemble  # noqa: E402
import resumable  # noqa: E402


def test_split_argv_separates_our_options_from_stanzas():
    mine, rest = resumable.split_argv(
        ["--checkpoint", "c.pt", "--lr", "0.1", "--extend", "--max_minutes=5", "--shorthand", "en_ewt"],
        {"--checkpoint", "--max_minutes", "--extend"},
    )
    assert mine == ["--checkpoint", "c.pt", "--extend", "--max_minutes=5"]
    assert rest == ["--lr", "0.1", "--shorthand", "en_ewt"]


def test_checkpoint_roundtrip_restores_rng(tmp_path):
    state = resumable.rng_state()
    expected = torch.rand(3)
    resumable.save_checkpoint(tmp_path / "ck.pt", {"global_step": 7, "rng": state})
    assert not (tmp_path / "ck.pt.tmp").exists()
    loaded = resumable.load_checkpoint(tmp_path / "ck.pt")
    resumable.set_rng_state(loaded["rng"])
    assert loaded["global_step"] == 7 and torch.equal(torch.rand(3), expected)
    assert resumable.load_checkpoint(tmp_path / "missing.pt") is None


def test_stop_flag_on_signal():
    old = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    try:
        flag = resumable.StopFlag(None)
        assert not flag
        flag._handler(signal.SIGTERM, None)
        assert flag
    finally:
        signal.signal(signal.SIGTERM, old[0])
        signal.signal(signal.SIGINT, old[1])


def test_to_half_converts_floats_only():
    out = assemble.to_half({"w": torch.ones(2), "i": torch.ones(2, dtype=torch.long), "l": [torch.zeros(1)], "n": 3})
    assert out["w"].dtype == torch.float16 and out["i"].dtype == torch.long and out["l"][0].dtype == torch.float16 and out["n"] == 3


def test_convert_model_drops_optimizer_and_halves(tmp_path):
    src, dst = tmp_path / "m.pt", tmp_path / "out" / "m.pt"
    torch.save({"model": {"a": torch.ones(4)}, "optimizer": {"x": 1}, "config": {"k": 1}}, src)
    assemble.convert_model(src, dst)
    data = torch.load(dst, weights_only=True)
    assert set(data) == {"model", "config"} and data["model"]["a"].dtype == torch.float16


def fake_resources_dir(root: Path, *vectors: str) -> None:
    """A resources dir whose files hold a few bytes each: every processor, and these vector tables."""
    for proc in assemble.PROCESSORS:
        (root / "en" / proc).mkdir(parents=True)
        (root / "en" / proc / "combined.pt").write_bytes(proc.encode())
    (root / "en" / "pretrain").mkdir()
    for name in vectors:
        (root / "en" / "pretrain" / f"{name}.pt").write_bytes(name.encode())


def test_resources_json_lists_every_processor(tmp_path):
    fake_resources_dir(tmp_path, "vec")
    res = json.loads(json.dumps(assemble.resources(tmp_path, "vec")))["en"]
    assert res["default_processors"] == {p: "combined" for p in assemble.PROCESSORS}
    assert res["pos"]["combined"]["dependencies"] == [{"model": "pretrain", "package": "vec"}]
    assert "dependencies" not in res["tokenize"]["combined"]
    assert res["pretrain"]["vec"]["md5"] == assemble.md5(tmp_path / "en" / "pretrain" / "vec.pt")


def test_tagger_can_have_vectors_of_its_own(tmp_path):
    """--pos_pretrain: the tagger reads its table, the parser the one it was trained with."""
    fake_resources_dir(tmp_path, "vec", "tagvec")
    res = assemble.resources(tmp_path, "vec", "tagvec")["en"]
    assert res["pos"]["combined"]["dependencies"] == [{"model": "pretrain", "package": "tagvec"}]
    assert res["depparse"]["combined"]["dependencies"] == [{"model": "pretrain", "package": "vec"}]
    assert res["default_dependencies"]["pos"] == [{"model": "pretrain", "package": "tagvec"}]
    assert sorted(res["pretrain"]) == ["tagvec", "vec"]


def test_extra_text_splits_words_as_ewt_does():
    import extra_text

    assert extra_text.plain_sentences("We can't stop. Exports grew 3.5 percent in 1946.") == [
        ["we", "ca", "n't", "stop", "."],
        ["exports", "grew", "3.5", "percent", "in", "1946", "."],
    ]
    assert extra_text.tagged_sentences("Dear_RB Friend_NNP ,_,\n\nI_PRP ’m_VBP here_RB") == [["dear", "friend", ","], ["i", "’m", "here"]]
    assert "brown" not in extra_text.CORPORA, "Brown is for non-commercial use only"


ARTIFACTS = Path(__file__).resolve().parents[1] / "training" / "artifacts"


@pytest.fixture(scope="module", params=["v2", "v2-small"])
def model_v2(request, tmp_path_factory):
    """`make model-v2` / `make model-v2-small`: the EWT-only models assembled from the committed
    artifacts (v2-small: its own smaller tokenizer, MWT classifier, tagger and parser, on the wider
    word vectors)."""
    own = ARTIFACTS / "v2-small" if request.param == "v2-small" else ARTIFACTS
    return _assembled(tmp_path_factory.mktemp(request.param) / f"stanza-en-{request.param}", own, own)


def _assembled(out: Path, own: Path, mwt: Path) -> Path:
    """A model assembled as the Makefile's model-v* targets do: ``own`` tokenizer, tagger, parser and
    vectors, ``mwt``'s MWT expander, v2's lemmatizer (dictionary only)."""
    assemble.main(
        ["--out", str(out), "--dict_only", "lemma", "--tokenize", str(own / "tokenize/en_ewt_tokenizer.pt"),
         "--mwt", str(mwt / "mwt/en_ewt_mwt.fp16.pt"), "--pos", str(own / "pos/en_ewt_tagger.pt"),
         "--lemma", str(ARTIFACTS / "lemma/en_ewt_lemmatizer.fp16.pt"), "--depparse", str(own / "depparse/en_ewt_parser.pt"),
         "--pretrain", str(next((own / "pretrain").glob("*.pt")))]
    )  # fmt: skip
    return out


USHAKOV = [
    ('"We will not change course," Ushakov noted.', "noted"),
    ("\u201cWe will not change course,\u201d Ushakov noted.", "noted"),
    ('"We will not change course," said Ushakov.', "said"),
    ('"We will not change course," Ushakov told reporters.', "told"),
]


@pytest.mark.parametrize("sentence, cue", USHAKOV)
def test_licence_clean_model_makes_the_speech_verb_the_root_with_the_quotation_on_it(model_v2, sentence, cue):
    _assert_speech_verb_is_the_root(model_v2, sentence, cue)


def _assert_speech_verb_is_the_root(model: Path, sentence: str, cue: str) -> None:
    from quotes.common.nlp import ModelChoice, build_pipeline, check_dir

    pipe = build_pipeline(ModelChoice(model.name, str(model), check_dir(model)), 1)
    (s,) = pipe(sentence).sentences
    words = {w.text: w for w in s.words}
    assert (words[cue].head, words[cue].deprel) == (0, "root")
    assert words["change"].head == words[cue].id and words["change"].deprel in ("ccomp", "advcl", "parataxis")


def test_licence_clean_model_assembles_from_the_committed_artifacts_and_reads_the_seed(model_v2):
    # the EWT-only model, within the 10 MB budget, serving the founding example right
    from tests.test_cli import DATA, quotes

    out = model_v2
    assert sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) <= 10_000_000
    done = quotes("extract", str(DATA / "putin-india.txt"), env={"QUOTES_STANZA_DIR": str(out)})
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout)
    assert [(a["type"], a["cue"]["text"], a["speaker"]["name"], a["speaker"]["role"]) for a in body["attributions"]] == [
        ("indirect", "according to", "Yury Ushakov", "Kremlin aide"),
        ("indirect", "revealed", "Yury Ushakov", "Kremlin aide"),
        ("direct", "noted", "Yury Ushakov", "Kremlin aide"),
        ("indirect", "indicated", "Yury Ushakov", "Kremlin aide"),
        ("direct", "advocating for", "India", None),
    ]


@pytest.fixture(scope="module")
def model_v3(tmp_path_factory):
    """`make model-v3` from the committed artifacts: the embedded default (`make embed-model`)."""
    return _assembled(tmp_path_factory.mktemp("v3") / "stanza-en-v3", ARTIFACTS / "v3", ARTIFACTS / "v2-small")


EMBEDDED = Path(__file__).resolve().parents[1] / "quotes" / "models" / "stanza-en"


@pytest.mark.parametrize("sentence, cue", USHAKOV)
def test_the_embedded_model_makes_the_speech_verb_the_root_with_the_quotation_on_it(sentence, cue):
    # EWT's own trees make "noted" a parataxis; training/reroot_reports.py taught the parser otherwise
    _assert_speech_verb_is_the_root(EMBEDDED, sentence, cue)


def _tensors(obj, path: str = ""):
    """Every tensor of a saved Stanza model, by its path in the saved dictionaries."""
    import torch

    if isinstance(obj, torch.Tensor):
        yield path, obj
    elif isinstance(obj, dict):
        for k, v in obj.items():
            yield from _tensors(v, f"{path}/{k}")
    elif isinstance(obj, list | tuple):
        for k, v in enumerate(obj):
            yield from _tensors(v, f"{path}[{k}]")


def test_the_embedded_model_is_v3_as_the_recipe_assembles_it(model_v3):
    # the weights, not the files: torch.save writes the same tensors into different bytes each time
    import torch

    for part in ("tokenize", "mwt", "pos", "lemma", "depparse", "pretrain"):
        (shipped,) = (EMBEDDED / "en" / part).glob("*.pt")
        mine = torch.load(shipped, map_location="cpu", weights_only=False)
        built = torch.load(model_v3 / "en" / part / shipped.name, map_location="cpu", weights_only=False)
        if part == "lemma":  # dictionary only: no network to compare
            assert mine["dicts"] and mine["dicts"] == built["dicts"]
            continue
        ours, theirs = dict(_tensors(mine)), dict(_tensors(built))
        assert ours and ours.keys() == theirs.keys(), part
        assert all(torch.equal(ours[k], theirs[k]) for k in ours), part


def test_v3_assembles_within_budget_and_its_trees_give_the_quotes(model_v3, tmp_path):
    from tests.test_cli import quotes

    out = model_v3
    assert sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) <= 10_000_000
    text = tmp_path / "quotes.txt"
    text.write_text(
        '"We will not change course," Ushakov noted.\n\n\u201cWe will not change course,\u201d said Ushakov.\n\n'
        '"We will not change course," Ushakov told reporters.\n'
    )
    done = quotes("extract", str(text), env={"QUOTES_STANZA_DIR": str(out)})
    assert done.returncode == 0, done.stderr
    got = [(a["type"], a["cue"]["text"], a["speaker"]["name"]) for a in json.loads(done.stdout)["attributions"]]
    assert got == [("direct", "noted", "Ushakov"), ("direct", "said", "Ushakov"), ("direct", "told", "Ushakov")]


REPORT = """# text = "We won," Ana noted.
1	"	"	PUNCT	``	_	3	punct	_	SpaceAfter=No
2	We	we	PRON	PRP	_	3	nsubj	_	_
3	won	win	VERB	VBD	_	0	root	_	SpaceAfter=No
4	,	,	PUNCT	,	_	3	punct	_	SpaceAfter=No
5	"	"	PUNCT	''	_	3	punct	_	_
6	Ana	Ana	PROPN	NNP	_	7	nsubj	_	_
7	noted	note	VERB	VBD	_	3	parataxis	_	SpaceAfter=No
8	.	.	PUNCT	.	_	3	punct	_	_

# text = Wire: police said that it rained.
1	Wire	wire	NOUN	NN	_	0	root	_	SpaceAfter=No
2	:	:	PUNCT	:	_	1	punct	_	_
3	police	police	NOUN	NNS	_	4	nsubj	_	_
4	said	say	VERB	VBD	_	1	parataxis	_	_
5	that	that	SCONJ	IN	_	7	mark	_	_
6	it	it	PRON	PRP	_	7	nsubj	_	_
7	rained	rain	VERB	VBD	_	4	ccomp	_	SpaceAfter=No
8	.	.	PUNCT	.	_	1	punct	_	_
"""


def test_reroot_makes_the_speech_verb_after_a_quotation_the_root_and_leaves_a_verb_with_its_own_clause():
    import reroot_reports

    text, changed = reroot_reports.convert(REPORT, reroot_reports.speech_verbs())
    first, second = (block.split("\n") for block in text.strip().split("\n\n"))
    heads = {row.split("\t")[1]: tuple(row.split("\t")[6:8]) for row in first[1:]}
    assert changed == 1
    assert heads["noted"] == ("0", "root") and heads["won"] == ("7", "ccomp") and heads["."] == ("7", "punct")
    assert heads['"'] == ("3", "punct") and heads["Ana"] == ("7", "nsubj")
    assert "\n".join(second) == REPORT.split("\n\n")[1].strip()
