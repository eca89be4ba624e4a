"""The training recipe's data code (training/): counting, slimming and the news-style augmentation."""

import random
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "training"))

import augment  # noqa: E402
import prepare_data  # noqa: E402

SENT = """# newdoc id = d1
# sent_id = d1-0001
# newpar id = d1-p0001
# text = "It's over," Ushakov noted -- twice.
1\t"\t"\tPUNCT\t``\t_\t4\tpunct\t4:punct\tSpaceAfter=No
2-3\tIt's\t_\t_\t_\t_\t_\t_\t_\t_
2\tIt\tit\tPRON\tPRP\tCase=Nom\t4\tnsubj\t4:nsubj\t_
3\t's\tbe\tAUX\tVBZ\tMood=Ind\t4\tcop\t4:cop\t_
4\tover\tover\tADV\tRB\t_\t7\tccomp\t7:ccomp\tSpaceAfter=No|CxnElt=x
5\t,\t,\tPUNCT\t,\t_\t4\tpunct\t4:punct\tSpaceAfter=No
6\t"\t"\tPUNCT\t''\t_\t4\tpunct\t4:punct\t_
7\tUshakov\tUshakov\tPROPN\tNNP\tNumber=Sing\t8\tnsubj\t8:nsubj\t_
7.1\tnoted\tnote\tVERB\tVBD\t_\t_\t_\t7:conj\t_
8\tnoted\tnote\tVERB\tVBD\t_\t0\troot\t0:root\t_
9\t--\t--\tPUNCT\t,\t_\t10\tpunct\t10:punct\t_
10\ttwice\ttwice\tADV\tRB\t_\t8\tadvmod\t8:advmod\tSpaceAfter=No
11\t.\t.\tPUNCT\t.\t_\t8\tpunct\t8:punct\tSpaceAfter=No
"""


def lines() -> list[str]:
    return SENT.strip("\n").split("\n")


def text_of(sent: list[str]) -> str:
    return next(line for line in sent if line.startswith("# text = "))[len("# text = ") :]


def column(sent: list[str], index: int) -> list[str]:
    return [line.split("\t")[index] for line in sent if not line.startswith("#")]


def test_count_skips_ranges_and_empty_nodes():
    assert prepare_data.count(SENT + "\n" + SENT) == (2, 22)


def test_slim_keeps_spaceafter_only_and_drops_empty_nodes():
    slim = prepare_data.slim_sentence(lines())
    assert not any(line.startswith("7.1") for line in slim)
    assert column(slim, 9).count("SpaceAfter=No") == 5 and "CxnElt=x" not in "".join(slim)
    assert set(column(slim, 8)) == {"_"}
    augment.rebuild_text(slim)
    assert text_of(slim) == text_of(lines())


@pytest.mark.parametrize("style", augment.QUOTE_STYLES)
def test_quote_styles_keep_the_tree(style, monkeypatch):
    sent = prepare_data.slim_sentence(lines())
    monkeypatch.setattr(augment, "_pick", lambda rng, styles, w: style if styles is augment.QUOTE_STYLES else styles[0])
    kind, new = augment.augment_quotes(sent, random.Random(0))
    name, opening, closing, lemma, _ = style
    assert kind == name
    assert column(new, 6) == column(sent, 6) and column(new, 7) == column(sent, 7)
    apostrophe = "’" if name == "curly_single" else "'"
    assert text_of(new) == f"{opening}It{apostrophe}s over,{closing} Ushakov noted -- twice."
    assert next(line for line in new if line.startswith("# sent_id")).endswith(f"-aug-{name}")


def test_closed_em_dash_glues_both_sides(monkeypatch):
    sent = prepare_data.slim_sentence(lines())
    monkeypatch.setattr(augment, "_pick", lambda rng, styles, w: augment.DASH_STYLES[1])
    kind, new = augment.augment_dashes(sent, random.Random(0))
    assert kind == "em_dash_closed"
    assert text_of(new) == '"It\'s over," Ushakov noted—twice.'


def test_augmentation_is_deterministic_and_leaves_originals():
    sents = [prepare_data.slim_sentence(lines()) for _ in range(40)]
    before = [list(s) for s in sents]
    a, stats_a = augment.augment_sentences(sents, seed=7)
    b, stats_b = augment.augment_sentences(sents, seed=7)
    assert a == b and stats_a == stats_b and sum(stats_a.values()) == len(a) > 0
    assert sents == before
    assert a[0][0] == "# newdoc id = augmented"


PLAIN = """# sent_id = d2-0001
# text = The plant will stay open.
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tplant\tplant\tNOUN\tNN\t_\t4\tnsubj\t_\t_
3\twill\twill\tAUX\tMD\t_\t4\taux\t_\t_
4\tstay\tstay\tVERB\tVB\t_\t0\troot\t_\t_
5\topen\topen\tADJ\tJJ\t_\t4\txcomp\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\tSpaceAfter=No
"""


def test_attribution_copy_is_one_sentence_with_the_speech_verb_as_parataxis(monkeypatch):
    sent = PLAIN.strip("\n").split("\n")
    picks = {id(augment.ATTRIBUTION_QUOTES): augment.ATTRIBUTION_QUOTES[1], id(augment.SPEECH_VERBS): augment.SPEECH_VERBS[0]}
    monkeypatch.setattr(augment, "_pick", lambda rng, styles, w: picks[id(styles)])

    class Rng(random.Random):
        def choices(self, population, weights=None, k=1):
            return ["name_verb"]

        def random(self):
            return 0.9  # one-word name

        def choice(self, seq):
            return seq[0]

    kind, new = augment.augment_attribution(sent, Rng(), ["Hale"])
    assert kind == "attribution_curly"
    assert text_of(new) == "“The plant will stay open,” Hale said."
    assert column(new, 1) == ["“", "The", "plant", "will", "stay", "open", ",", "”", "Hale", "said", "."]
    assert column(new, 6) == ["5", "3", "5", "5", "0", "5", "5", "5", "10", "5", "5"]
    assert column(new, 7)[8:10] == ["nsubj", "parataxis"]
    assert augment.augment_attribution(lines(), Rng(), ["Hale"]) is None  # already has a quotation


POSSESSIVE = """# sent_id = d1-0002
# text = The banks' 'rules' held.
1\tThe\tthe\tDET\tDT\t_\t3\tdet\t3:det\t_
2-3\tbanks'\t_\t_\t_\t_\t_\t_\t_\t_
2\tbanks\tbank\tNOUN\tNNS\t_\t5\tnmod:poss\t5:nmod:poss\t_
3\t'\t'\tPART\tPOS\t_\t2\tcase\t2:case\t_
4\t'\t'\tPUNCT\t``\t_\t5\tpunct\t5:punct\tSpaceAfter=No
5\trules\trule\tNOUN\tNNS\t_\t6\tnsubj\t6:nsubj\tSpaceAfter=No
6\t'\t'\tPUNCT\t''\t_\t5\tpunct\t5:punct\t_
7\theld\thold\tVERB\tVBD\t_\t0\troot\t0:root\tSpaceAfter=No
8\t.\t.\tPUNCT\t.\t_\t7\tpunct\t7:punct\t_
"""


def test_curly_apostrophes_keep_a_multiword_token_spelled_by_its_words():
    # "banks'" is banks + ': its apostrophe turns curly with the token (the MWT expander may then
    # cut tokens into exact pieces); the lone quotation marks around 'rules' stay as they are
    kind, sent = augment.augment_apostrophes(POSSESSIVE.strip("\n").split("\n"), random.Random(1))
    assert kind == "curly_apostrophe"
    forms = column(sent, 1)
    assert forms[1:4] == ["banks’", "banks", "’"]
    assert forms[4] == forms[6] == "'"
