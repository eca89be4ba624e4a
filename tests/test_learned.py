"""The learned stage (quotes/engine/learned.py, the ``learned_cue_clause`` sieve) on sentences written for it."""

from __future__ import annotations

from functools import partial

import pytest

from quotes.engine import learned
from quotes.engine.candidates import find_candidates
from quotes.engine.extract import extract
from quotes.engine.sieves import RULE_SIEVES, Sieve, learned_cue_clause
from tests.docbuilder import build

TEXT = "Mayor Ann Lee is eyeing a run for the Senate."
TREE = """
Mayor   mayor  PROPN 3 compound
Ann     Ann    PROPN 3 compound
Lee     Lee    PROPN 5 nsubj
is      be     AUX   5 aux
eyeing  eye    VERB/VBG 0 root
a       a      DET   7 det
run     run    NOUN  5 obj
for     for    ADP   9 case
the     the    DET   9 det
Senate  Senate PROPN 7 nmod
.       .      PUNCT 5 punct
"""


def toy_model(weight: float) -> learned.Model:
    """A model that likes "eye" with an object, and nothing else."""
    return learned.Model({"bias": -3.0, "lemma|kind=eye|after:obj": weight}, 0.5, {})


def with_stage(model: learned.Model) -> tuple[Sieve, ...]:
    rules = list(RULE_SIEVES)
    at = next(i for i, s in enumerate(rules) if s.name == "title_or_scare_quote")
    return tuple(rules[:at] + [Sieve("learned_cue_clause", partial(learned_cue_clause, model=model))] + rules[at:])


def test_candidates_pair_a_word_with_what_its_dependent_spans():
    parse = build(TEXT, [TREE])
    found = {(parse.toks[c.cue].text, c.kind, " ".join(t.text for t in parse.toks[c.rng[0] : c.rng[1] + 1])) for c in learned.candidates(parse, find_candidates(parse))}
    assert ("eyeing", "after:obj", "a run for the Senate") in found


def test_the_stage_proposes_what_the_model_scores_above_its_threshold_and_says_so():
    parse = build(TEXT, [TREE])
    assert extract(parse).attributions == ()  # "eye" is no lexicon cue: the rules find nothing
    (a,) = extract(parse, with_stage(toy_model(6.0))).attributions
    assert (a.sieve, a.content[0].text, a.cue.text, a.speaker.mention.text) == ("learned_cue_clause", "a run for the Senate", "eyeing", "Mayor Ann Lee")
    assert 0.5 <= a.confidence < 1 and a.type == "indirect"


def test_below_the_threshold_nothing_is_proposed():
    parse = build(TEXT, [TREE])
    assert extract(parse, with_stage(toy_model(2.0))).attributions == ()


def test_confidence_is_the_models_probability():
    m = toy_model(6.0)
    assert abs(m.prob(["bias", "lemma|kind=eye|after:obj"]) - 1 / (1 + 2.718281828459045**-3.0)) < 1e-9
    assert m.prob(["bias"]) < 0.05


def test_the_shipped_model_is_small_and_loads_once():
    from importlib import resources

    path = resources.files("quotes.data").joinpath(learned.MODEL_FILE)
    assert path.is_file() and len(path.read_bytes()) <= 5 * 1024 * 1024
    assert learned.model() is learned.model()
    assert 0 < learned.model().threshold < 1


def test_the_stage_is_off_by_default_and_sits_after_the_rules_that_make_attributions():
    from quotes.engine.sieves import RULE_SIEVES, with_learned_stage

    names = [s.name for s in with_learned_stage()]
    assert names.index("learned_cue_clause") == names.index("title_or_scare_quote") - 1
    assert names.index("learned_cue_clause") > names.index("reported_clause_before_cue")
    assert "learned_cue_clause" not in [s.name for s in RULE_SIEVES]
    assert learned.DEFAULT_ON == "0"


SALVO = "Ms. Ray excoriated the plan."
SALVO_TREE = """
Ms.         Ms.        PROPN 3 compound
Ray         Ray        PROPN 3 nsubj
excoriated  excoriate  VERB/VBD 0 root
the         the        DET   5 det
plan        plan       NOUN  3 obj
.           .          PUNCT 3 punct
"""


def test_a_cue_word_never_seen_in_training_is_known_by_its_wordnet_class():
    """A model that knows only that verbs of communication take their object as content proposes
    "excoriated the plan", a verb it has no weight for."""
    parse = build(SALVO, [SALVO_TREE])
    (c,) = [c for c in learned.candidates(parse, find_candidates(parse)) if c.kind == "after:obj"]
    feats = learned.features(parse, find_candidates(parse), c)
    assert {"class=communication", "class|kind=communication|after:obj", "class_any=contact"} <= set(feats)
    model = learned.Model({"bias": -3.0, "class|kind=communication|after:obj": 6.0}, 0.5, {})
    (a,) = extract(parse, with_stage(model)).attributions
    assert (a.cue.text, a.content[0].text) == ("excoriated", "the plan")
    assert extract(parse, with_stage(learned.Model({"bias": -3.0, "class|kind=cognition|after:obj": 6.0}, 0.5, {}))).attributions == ()


UNVEIL = "The two ministers unveiled a proposal to hold new talks."
UNVEIL_TREE = """
The       the       DET   3 det
two       two       NUM   3 nummod
ministers minister  NOUN  4 nsubj
unveiled  unveil    VERB/VBD 0 root
a         a         DET   6 det
proposal  proposal  NOUN  4 obj
to        to        PART  8 mark
hold      hold      VERB  6 acl
new       new       ADJ   10 amod
talks     talk      NOUN  8 obj
.         .         PUNCT 4 punct
"""
INCENSED = "Voters were incensed that the plant closed."
INCENSED_TREE = """
Voters    voter     NOUN  3 nsubj:pass
were      be        AUX   3 aux:pass
incensed  incense   VERB/VBN 0 root
that      that      SCONJ 7 mark
the       the       DET   6 det
plant     plant     NOUN  7 nsubj
closed    close     VERB/VBD 3 ccomp
.         .         PUNCT 3 punct
"""


def test_a_noun_cue_speaks_for_the_subject_of_the_verb_that_holds_it_and_a_passive_of_feeling_for_its_own():
    m = learned.Model({"bias": -3.0, "lemma|kind=proposal|after:acl": 6.0, "lemma|kind=incense|after:ccomp": 6.0}, 0.5, {})
    (a,) = extract(build(UNVEIL, [UNVEIL_TREE]), with_stage(m)).attributions
    assert (a.cue.text, a.content[0].text, a.speaker.mention.text) == ("proposal", "to hold new talks", "The two ministers")
    (b,) = extract(build(INCENSED, [INCENSED_TREE]), with_stage(m)).attributions
    assert (b.cue.text, b.speaker.mention.text) == ("incensed", "Voters")


LIKES = learned.Model({"bias": -3.0, "lemma|kind=comment|after:obl": 6.0, "lemma|kind=eye|after:obj": 6.0}, 0.5, {})
TOPIC = "Mayor Ann Lee commented on the plan."
TOPIC_TREE = """
Mayor     mayor   PROPN 3 compound
Ann       Ann     PROPN 3 compound
Lee       Lee     PROPN 4 nsubj
commented comment VERB/VBD 0 root
on        on      ADP   7 case
the       the     DET   7 det
plan      plan    NOUN  4 obl
.         .       PUNCT 4 punct
"""
SPLIT = "Mayor Ann Lee is eyeing and a run for the Senate."
SPLIT_TREE = """
Mayor   mayor  PROPN 3 compound
Ann     Ann    PROPN 3 compound
Lee     Lee    PROPN 5 nsubj
is      be     AUX   5 aux
eyeing  eye    VERB/VBG 0 root
and     and    CCONJ 8 cc
a       a      DET   8 det
run     run    NOUN  5 obj
for     for    ADP   10 case
the     the    DET   10 det
Senate  Senate PROPN 8 nmod
.       .      PUNCT 5 punct
"""
SHOUTED_TREE = "\n".join(" ".join([line.split()[0].upper(), *line.split()[1:]]) for line in TREE.strip().splitlines())


@pytest.mark.parametrize(
    "text,tree",
    [(TOPIC, TOPIC_TREE), (SPLIT, SPLIT_TREE), (TEXT.upper(), SHOUTED_TREE)],
    ids=["topic-after-a-preposition", "content-opening-with-and", "line-in-capitals"],
)
def test_the_stage_never_proposes_a_topic_a_split_phrase_or_a_line_in_capitals(text, tree):
    # "commented on the plan" says who spoke about what, not what was said; a content opening
    # with "and" is a phrase the tree split; a shouted line's word classes are guesses
    assert extract(build(text, [tree]), with_stage(LIKES)).attributions == ()


def test_the_model_that_declines_those_still_proposes_what_was_said():
    assert [a.sieve for a in extract(build(TEXT, [TREE]), with_stage(LIKES)).attributions] == ["learned_cue_clause"]
