"""The rule tokenizer (QUOTES_TOKENIZER=rules, the default): sentences and tokens in the style the
models were trained on (UD English EWT), with offsets into the exact input."""

from __future__ import annotations

import dataclasses

import pytest

from quotes.common.nlp import NLP
from quotes.common.settings import Settings
from quotes.engine.extract import extract_stanza
from quotes.engine.rule_tokenizer import rule_tokenize


def words(text: str) -> list[list[str]]:
    return [[t.text for t in s.tokens] for s in rule_tokenize(text).sentences]


def test_offsets_index_the_input_even_after_odd_spacing():
    text = "  \u201cWe\u2019ll see,\u201d  said   Mrs. O\u2019Neill.\n\n\nShe left\u2014quickly."
    for s in rule_tokenize(text).sentences:
        for t in s.tokens:
            assert text[t.start_char : t.end_char] == t.text


def test_titles_and_initials_keep_their_stop_and_end_no_sentence():
    assert words("Indiana Gov. Mike Pence and J. R. Smith of the U.S. Senate spoke.") == [
        ["Indiana", "Gov.", "Mike", "Pence", "and", "J.", "R.", "Smith", "of", "the", "U.S.", "Senate", "spoke", "."]
    ]


def test_clitics_split_and_hyphenated_words_kept_as_in_ewt():
    assert words("The chairman-elect's aide can't say.") == [["The", "chairman-elect", "'s", "aide", "ca", "n't", "say", "."]]


def test_party_tags_keep_their_hyphen_and_state_abbreviation():
    assert words("Paul Ryan (R-Wis.) and Sen. Lindsey Graham (R-S.C.) spoke.") == [
        ["Paul", "Ryan", "(", "R", "-", "Wis.", ")", "and", "Sen.", "Lindsey", "Graham", "(", "R", "-", "S.C.", ")", "spoke", "."]
    ]


def test_a_capitalised_abbreviation_is_not_a_word_ending_a_sentence():
    assert words("He fell ill. Then the Russia-India talks began.") == [
        ["He", "fell", "ill", "."],
        ["Then", "the", "Russia", "-", "India", "talks", "began", "."],
    ]


def test_sentences_and_paragraphs():
    assert words("He won. She lost.\n\nThey left") == [["He", "won", "."], ["She", "lost", "."], ["They", "left"]]


def test_empty_and_blank_texts_have_no_sentences():
    assert words("") == [] and words(" \n\n ") == []


@pytest.fixture(scope="module")
def model_nlp():
    nlp = NLP(dataclasses.replace(Settings.from_env(), tokenizer="model"))
    nlp.load()
    return nlp


def test_the_seed_article_gives_the_same_speakers_with_either_tokenizer(model_nlp, nlp, seed_text):
    def who(pipeline):
        result = extract_stanza(pipeline(seed_text), seed_text)
        return [(a.type, a.cue.text, a.speaker.name, a.speaker.role) for a in result.attributions]

    assert who(model_nlp) == who(nlp)

