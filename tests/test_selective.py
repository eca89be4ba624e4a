"""Selective parsing: only sentences that can hold an attribution are parsed,
and the result on the seed article is the same as with the full parse."""

from __future__ import annotations

import stanza
from stanza.utils.conll import CoNLL

from quotes.engine.extract import extract
from quotes.engine.parse import from_stanza
from quotes.engine.selective import parse_documents, selection
from tests.docbuilder import conllu


def test_only_sentences_with_cues_or_marks_are_selected():
    text = "The sky is blue. He said it rains. Birds sing: loudly."
    doc = CoNLL.conll2doc(
        input_str=conllu(
            text,
            [
                "The the DET 2 det\nsky sky NOUN 4 nsubj\nis be AUX 4 cop\nblue blue ADJ 0 root\n. . PUNCT 4 punct",
                "He he PRON 2 nsubj\nsaid say VERB 0 root\nit it PRON 4 nsubj\nrains rain VERB 2 ccomp\n. . PUNCT 2 punct",
                "Birds bird NOUN 2 nsubj\nsing sing VERB 0 root\n: : PUNCT 2 punct\nloudly loudly ADV 2 advmod\n. . PUNCT 2 punct",
            ],
        )
    )
    assert selection(doc) == [False, True, True]
    assert selection(doc, neighbours=1) == [True, True, True]


def test_seed_article_same_result_as_full_parse(nlp, seed_text):
    pipeline = nlp.load()
    (full,) = parse_documents(pipeline, [stanza.Document([], text=seed_text)], selective=False)
    (part,) = parse_documents(pipeline, [stanza.Document([], text=seed_text)], selective=True)
    flat = [s for s in part.sentences if all(w.head == 0 for w in s.words)]
    assert flat, "some sentences of the seed hold no cue and stay unparsed"
    a, b = extract(from_stanza(full, seed_text)), extract(from_stanza(part, seed_text))
    assert a.attributions == b.attributions and a.speakers == b.speakers and a.skipped == b.skipped


def _tagged(text: str, rows: str):
    """A tagged, unparsed sentence (heads are the tagger's placeholders)."""
    return CoNLL.conll2doc(input_str=conllu(text, [rows]))


def test_a_cue_verb_tagged_a_plural_noun_is_retagged_and_its_sentence_parsed():
    from quotes.engine.tag_repair import repair_tags

    # the small tagger's reading of "Clinton hopes to win": no cue verb, so nothing would be parsed
    doc = _tagged(
        "Clinton hopes to win.",
        "Clinton Clinton PROPN/NNP 0 dep\nhopes hope NOUN/NNS 0 dep\nto to PART/TO 0 dep\nwin win VERB/VB 0 dep\n. . PUNCT/. 0 dep",
    )
    assert selection(doc) == [False]
    assert repair_tags(doc) == 1
    hopes = doc.sentences[0].words[1]
    assert (hopes.upos, hopes.xpos, hopes.lemma) == ("VERB", "VBZ", "hope")
    assert selection(doc) == [True]


def test_a_plural_noun_after_a_determiner_or_possessive_stays_a_noun():
    from quotes.engine.tag_repair import repair_tags

    for text, first in (("His plans to expand", "His his PRON/PRP$"), ("The plans to expand", "The the DET/DT")):
        rows = f"{first} 0 dep\nplans plan NOUN/NNS 0 dep\nto to PART/TO 0 dep\nexpand expand VERB/VB 0 dep"
        doc = _tagged(text, rows)
        assert repair_tags(doc) == 0
        assert doc.sentences[0].words[1].upos == "NOUN"


def test_a_speech_verb_tagged_a_noun_ending_the_sentence_after_its_subject_is_retagged():
    from quotes.engine.tag_repair import repair_tags

    rows = (
        "Sales sale NOUN/NNS 0 dep\nwill will AUX/MD 0 dep\nfall fall VERB/VB 0 dep\n, , PUNCT/, 0 dep\n"
        "industry industry NOUN/NN 0 dep\nanalysts analyst NOUN/NNS 0 dep\nforecast forecast NOUN/NN 0 dep\n. . PUNCT/. 0 dep"
    )
    doc = _tagged("Sales will fall, industry analysts forecast.", rows)
    assert repair_tags(doc) == 1
    assert (doc.sentences[0].words[6].upos, doc.sentences[0].words[6].lemma) == ("VERB", "forecast")
    # the same noun where no subject stands before it stays a noun ("... issued a forecast.")
    rows = "They they PRON/PRP 0 dep\nissued issue VERB/VBD 0 dep\na a DET/DT 0 dep\nforecast forecast NOUN/NN 0 dep\n. . PUNCT/. 0 dep"
    doc = _tagged("They issued a forecast.", rows)
    assert repair_tags(doc) == 0
