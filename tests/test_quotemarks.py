from quotes.engine.quotemarks import find_quotes


def texts(s: str) -> list[str]:
    return [q.text for q in find_quotes(s)]


def test_curly_and_straight_double_quotes():
    assert texts('He said \u201cyes\u201d and then "no."') == ["\u201cyes\u201d", '"no."']


def test_apostrophes_are_not_quotes():
    s = "Trump\u2019s team don\u2019t like the \u201990s or Jones\u2019 plan, it's said."
    assert texts(s) == []


def test_nyt_double_apostrophes_both_ends():
    assert texts("''We will win,'' she said.") == ["''We will win,''"]


def test_single_quotes_at_top_level_and_nested_inside_double():
    assert texts("Headline: Trump calls deal \u2018a disaster\u2019") == ["\u2018a disaster\u2019"]
    nested = "\u201cHe told me \u2018never\u2019 twice,\u201d she said."
    assert texts(nested) == ["\u201cHe told me \u2018never\u2019 twice,\u201d"]


def test_guillemets():
    assert texts("Il a dit \u00abnon\u00bb.") == ["\u00abnon\u00bb"]


def test_unclosed_quote_runs_to_paragraph_end_and_next_paragraph_continues():
    s = "\u201cFirst paragraph of the quote.\n\n\u201cSecond paragraph,\u201d he said."
    quotes = find_quotes(s)
    assert [q.text for q in quotes] == ["\u201cFirst paragraph of the quote.", "\u201cSecond paragraph,\u201d"]
    assert (quotes[0].closed, quotes[0].continues) == (False, False)
    assert (quotes[1].closed, quotes[1].continues) == (True, True)


def test_offsets_index_the_input():
    s = 'A \u201cb c\u201d d "e" f'
    for q in find_quotes(s):
        assert s[q.start : q.end] == q.text


def test_stray_inch_mark_is_not_a_quote():
    assert texts('He is 6\'2" tall and "fit."') == ['"fit."']


def test_a_closing_mark_that_opens_a_paragraph_is_a_mistyped_opener():
    s = "She took questions.\n\n\u201d \u2026 what we learned is that it takes time,\u201d she said."
    assert texts(s) == ["\u201d \u2026 what we learned is that it takes time,\u201d"]


def test_a_paragraph_in_straight_quotes_keeps_its_curly_quotes_inside():
    # Mixed typography: the straight marks open and end the paragraph, the curly ones are nested.
    para = '"I was told it sounds “too loud” or “too much.”"'
    assert texts(f"He went on.\n\n{para}") == [para]
    # Straight marks elsewhere in the paragraph: the usual scan decides.
    assert texts('"Yes," she said, calling it “odd.”') == ['"Yes,"', "“odd.”"]


def test_a_plural_possessive_inside_single_quotes_does_not_close_them():
    s = "'We will not sign away our members' futures,' said Joanne Pike."
    assert texts(s) == ["'We will not sign away our members' futures,'"]
    # ... but a quotation that ends on a plural before its speech tag still ends there
    assert texts("'Vote for the Democrats' she said, 'and stay home.'") == ["'Vote for the Democrats'", "'and stay home.'"]
    assert texts("\u2018The players\u2019 families deserve better,\u2019 she said.") == ["\u2018The players\u2019 families deserve better,\u2019"]
