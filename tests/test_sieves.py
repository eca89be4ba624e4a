"""Pairing rules over hand-built parses (CoNLL-U through Stanza's reader).

Where the embedded parser is known to be off, the same sentence is given
both ways (clean UD tree and the small model's tree) and must give the same
attribution."""

from __future__ import annotations

import pytest

from quotes.engine.extract import extract
from quotes.engine.model import Result
from tests.docbuilder import build


def run(text: str, *sentences: str) -> Result:
    return extract(build(text, list(sentences)))


QUOTE_THEN_CUE = '"We will win," Smith said.'
CUE_AS_CONJ = """
"      "      PUNCT 4 punct
We     we     PRON  4 nsubj
will   will   AUX   4 aux
win    win    VERB  0 root
,      ,      PUNCT 4 punct
"      "      PUNCT 4 punct
Smith  Smith  PROPN 8 nsubj
said   say    VERB  4 conj
.      .      PUNCT 4 punct
"""
CUE_AS_ROOT = CUE_AS_CONJ.replace("win    win    VERB  0 root", "win    win    VERB  8 ccomp").replace(
    "said   say    VERB  4 conj", "said   say    VERB  0 root"
)


@pytest.mark.parametrize("tree", [CUE_AS_CONJ, CUE_AS_ROOT], ids=["small-model-tree", "clean-tree"])
def test_direct_quote_with_cue_after(tree):
    r = run(QUOTE_THEN_CUE, tree)
    (a,) = r.attributions
    assert (a.type, a.sieve, a.frame) == ("direct", "quote_with_adjacent_cue", "speech")
    assert [s.text for s in a.content] == ['"We will win,"']
    assert a.cue.text == "said"
    assert (a.speaker.mention.text, a.speaker.name, a.speaker.kind) == ("Smith", "Smith", "person")


def test_inverted_cue_and_appositive_role():
    text = '"We will win," said Jane Smith, a senator.'
    r = run(
        text,
        """
        "       "        PUNCT 4 punct
        We      we       PRON  4 nsubj
        will    will     AUX   4 aux
        win     win      VERB  7 ccomp
        ,       ,        PUNCT 4 punct
        "       "        PUNCT 4 punct
        said    say      VERB  0 root
        Jane    Jane     PROPN 7 nsubj
        Smith   Smith    PROPN 8 flat
        ,       ,        PUNCT 12 punct
        a       a        DET   12 det
        senator senator  NOUN  8 appos
        .       .        PUNCT 7 punct
        """,
    )
    (a,) = r.attributions
    assert a.speaker.mention.text == "Jane Smith"
    assert (a.speaker.name, a.speaker.role) == ("Jane Smith", "senator")


def test_cue_interrupting_quote_gives_one_attribution_with_two_fragments():
    text = 'Mary Jones met reporters. "A deal is close," she said, "but not done."'
    r = run(
        text,
        """
        Mary      Mary     PROPN 3 nsubj
        Jones     Jones    PROPN 1 flat
        met       meet     VERB  0 root
        reporters reporter NOUN  3 obj
        .         .        PUNCT 3 punct
        """,
        """
        "     "     PUNCT 5 punct
        A     a     DET   2 det
        deal  deal  NOUN  5 nsubj
        is    be    AUX   5 cop
        close close ADJ   9 ccomp
        ,     ,     PUNCT 5 punct
        "     "     PUNCT 5 punct
        she   she   PRON  9 nsubj
        said  say   VERB  0 root
        ,     ,     PUNCT 14 punct
        "     "     PUNCT 14 punct
        but   but   CCONJ 14 cc
        not   not   PART  14 advmod
        done  do    VERB  9 parataxis
        .     .     PUNCT 9 punct
        "     "     PUNCT 14 punct
        """,
    )
    (a,) = r.attributions
    assert [s.text for s in a.content] == ['"A deal is close,"', '"but not done."']
    assert a.type == "direct"
    assert (a.speaker.mention.text, a.speaker.name) == ("she", "Mary Jones")


def test_according_to_a_document():
    text = "Wages rose sharply, according to the report."
    r = run(
        text,
        """
        Wages     wage    NOUN  2 nsubj
        rose      rise    VERB  0 root
        sharply   sharply ADV   2 advmod
        ,         ,       PUNCT 8 punct
        according accord  VERB  8 case
        to        to      ADP   5 fixed
        the       the     DET   8 det
        report    report  NOUN  2 obl
        .         .       PUNCT 2 punct
        """,
    )
    (a,) = r.attributions
    assert (a.type, a.sieve, a.content[0].text, a.cue.text) == ("indirect", "according_to", "Wages rose sharply", "according to")
    assert (a.speaker.mention.text, a.speaker.kind) == ("the report", "document")


TOLD_THAT = "Smith told reporters that taxes will rise."
TOLD_CCOMP = """
Smith     Smith    PROPN 2 nsubj
told      tell     VERB  0 root
reporters reporter NOUN  2 iobj
that      that     SCONJ 7 mark
taxes     tax      NOUN  7 nsubj
will      will     AUX   7 aux
rise      rise     VERB  2 ccomp
.         .        PUNCT 2 punct
"""
TOLD_BROKEN = TOLD_CCOMP.replace("rise      rise     VERB  2 ccomp", "rise      rise     VERB  2 conj")


@pytest.mark.parametrize("tree", [TOLD_CCOMP, TOLD_BROKEN], ids=["ccomp", "no-ccomp"])
def test_indirect_speech_content_is_the_clause_without_that(tree):
    (a,) = run(TOLD_THAT, tree).attributions
    assert (a.type, a.sieve, a.content[0].text, a.cue.text, a.speaker.name) == (
        "indirect",
        "cue_verb_clause",
        "taxes will rise",
        "told",
        "Smith",
    )


def test_passive_report_has_no_speaker():
    text = "It was reported that talks failed."
    (a,) = run(
        text,
        """
        It       it     PRON  3 nsubj:pass
        was      be     AUX   3 aux:pass
        reported report VERB  0 root
        that     that   SCONJ 6 mark
        talks    talk   NOUN  6 nsubj
        failed   fail   VERB  3 ccomp
        .        .      PUNCT 3 punct
        """,
    ).attributions
    assert a.content[0].text == "talks failed"
    assert a.speaker is None


def test_intention_frame_with_infinitive():
    text = "Smith plans to visit India."
    (a,) = run(
        text,
        """
        Smith Smith PROPN 2 nsubj
        plans plan  VERB  0 root
        to    to    PART  4 mark
        visit visit VERB  2 xcomp
        India India PROPN 4 obj
        .     .     PUNCT 2 punct
        """,
    ).attributions
    assert (a.frame, a.content[0].text, a.speaker.name) == ("intention", "to visit India", "Smith")


def test_title_and_scare_quotes_are_skipped_not_attributed():
    text = 'She won the "Medal of Honor" and the so-called "experts" cheered.'
    r = run(
        text,
        """
        She       she       PRON  2  nsubj
        won       win       VERB  0  root
        the       the       DET   5  det
        "         "         PUNCT 5  punct
        Medal     Medal     PROPN 2  obj
        of        of        ADP   7  case
        Honor     Honor     PROPN 5  nmod
        "         "         PUNCT 5  punct
        and       and       CCONJ 15 cc
        the       the       DET   13 det
        so-called so-called ADJ   13 amod
        "         "         PUNCT 13 punct
        experts   expert    NOUN  15 nsubj
        "         "         PUNCT 13 punct
        cheered   cheer     VERB  2  conj
        .         .         PUNCT 2  punct
        """,
    )
    assert r.attributions == ()
    assert [(s.span.text, s.reason) for s in r.skipped] == [('"Medal of Honor"', "title"), ('"experts"', "scare_quote")]


FOLLOW_UP = """
"     "     PUNCT 5 punct
The   the   DET   3 det
polls poll  NOUN  5 nsubj
are   be    AUX   5 cop
wrong wrong ADJ   0 root
and   and   CCONJ 9 cc
we    we    PRON  9 nsubj
know  know  VERB  5 conj
it    it    PRON  9 obj
.     .     PUNCT 5 punct
"     "     PUNCT 5 punct
"""


def test_quote_after_the_cue_sentence_is_a_second_fragment():
    text = '"We will win," Smith said. "The polls are wrong and we know it."'
    (a,) = run(text, CUE_AS_CONJ, FOLLOW_UP).attributions
    assert [s.text for s in a.content] == ['"We will win,"', '"The polls are wrong and we know it."']
    assert (a.sieve, a.speaker.name) == ("quote_with_adjacent_cue", "Smith")


def test_quote_in_next_paragraph_joins_the_same_speakers_attribution():
    # News convention, and how PolNeAR and the Reuters set are annotated: the speaker goes on.
    text = '"We will win," Smith said.\n\n"The polls are wrong and we know it."'
    (a,) = run(text, CUE_AS_CONJ, FOLLOW_UP).attributions
    assert [s.text for s in a.content] == ['"We will win,"', '"The polls are wrong and we know it."']
    assert (a.sieve, a.type, a.cue.text, a.speaker.name) == ("quote_with_adjacent_cue", "direct", "said", "Smith")


def test_colon_introduction_in_the_paragraph_before():
    text = 'The Times reports:\n\n"Sales fell sharply in May."'
    (a,) = run(
        text,
        """
        The     the    DET   2 det
        Times   Times  PROPN 3 nsubj
        reports report VERB  0 root
        :       :      PUNCT 3 punct
        """,
        """
        "       "      PUNCT 3 punct
        Sales   sale   NOUN  3 nsubj
        fell    fall   VERB  0 root
        sharply sharply ADV  3 advmod
        in      in     ADP   6 case
        May     May    PROPN 3 obl
        .       .      PUNCT 3 punct
        "       "      PUNCT 3 punct
        """,
    ).attributions
    assert (a.sieve, a.type, a.cue.text, a.speaker.mention.text) == ("quote_with_punct_cue", "direct", "reports", "The Times")
    assert a.content[0].text == '"Sales fell sharply in May."'


def test_dash_after_quote_names_the_source():
    text = '"We are ready." -- Jane Doe'
    (a,) = run(
        text,
        """
        "     "     PUNCT 4 punct
        We    we    PRON  4 nsubj
        are   be    AUX   4 cop
        ready ready ADJ   0 root
        .     .     PUNCT 4 punct
        "     "     PUNCT 4 punct
        --    --    PUNCT 4 punct
        Jane  Jane  PROPN 4 dep
        Doe   Doe   PROPN 8 flat
        """,
    ).attributions
    assert (a.sieve, a.cue.text, a.speaker.name) == ("quote_with_punct_cue", "--", "Jane Doe")


def test_according_to_at_sentence_start():
    text = "According to the report, wages rose."
    (a,) = run(
        text,
        """
        According accord VERB  4 case
        to        to     ADP   1 fixed
        the       the    DET   4 det
        report    report NOUN  7 obl
        ,         ,      PUNCT 4 punct
        wages     wage   NOUN  7 nsubj
        rose      rise   VERB  0 root
        .         .      PUNCT 7 punct
        """,
    ).attributions
    assert (a.content[0].text, a.speaker.mention.text) == ("wages rose", "the report")


def test_the_senator_resolves_to_the_named_senator():
    text = "Sen. Ted Cruz spoke in Iowa. The senator said that taxes will fall."
    r = run(
        text,
        """
        Sen.  Sen.  PROPN 3 compound
        Ted   Ted   PROPN 3 compound
        Cruz  Cruz  PROPN 4 nsubj
        spoke speak VERB  0 root
        in    in    ADP   6 case
        Iowa  Iowa  PROPN 4 obl
        .     .     PUNCT 4 punct
        """,
        """
        The     the     DET   2 det
        senator senator NOUN  3 nsubj
        said    say     VERB  0 root
        that    that    SCONJ 7 mark
        taxes   tax     NOUN  7 nsubj
        will    will    AUX   7 aux
        fall    fall    VERB  3 ccomp
        .       .       PUNCT 3 punct
        """,
    )
    (a,) = r.attributions
    # The description becomes a role too, and a spelt-out role ranks before the bare abbreviation.
    assert (a.speaker.mention.text, a.speaker.name, a.speaker.role) == ("The senator", "Ted Cruz", "senator")
    assert r.speakers[0].roles == ("senator", "Sen.")


def test_that_less_clause_when_the_tree_has_no_ccomp():
    text = "Bush said history has shown the need."
    (a,) = run(
        text,
        """
        Bush    Bush    PROPN 2 nsubj
        said    say     VERB  0 root
        history history NOUN  2 obj
        has     have    AUX   5 aux
        shown   show    VERB  2 conj
        the     the     DET   7 det
        need    need    NOUN  5 obj
        .       .       PUNCT 2 punct
        """,
    ).attributions
    assert (a.content[0].text, a.speaker.name) == ("history has shown the need", "Bush")


STRANDED_CLAUSE = """
Jones    Jones    PROPN 2 nsubj
said     say      VERB  0 root
he       he       PRON  4 nsubj
believed believe  VERB  2 ccomp
the      the      DET   6 det
talks    talk     NOUN  8 nsubj
would    would    AUX   8 aux
resume   resume   VERB  2 ccomp
.        .        PUNCT 2 punct
"""


@pytest.mark.parametrize(
    "tree",
    [STRANDED_CLAUSE, STRANDED_CLAUSE.replace("resume   resume   VERB  2 ccomp", "resume   resume   VERB  4 ccomp")],
    ids=["clause-hung-on-the-outer-cue", "clean-tree"],
)
def test_a_clause_hung_on_the_outer_cue_finishes_the_inner_verb(tree):
    # the small model's tree makes "resume" a second ccomp of "said": the reported clause must not stop at "believed"
    (a,) = run("Jones said he believed the talks would resume.", tree).attributions
    assert (a.cue.text, a.content[0].text, a.speaker.name) == ("said", "he believed the talks would resume", "Jones")


def test_that_less_clause_reads_past_a_hyphen_inside_a_word():
    # the small model's tree: the clause's verb a conj of the cue, and "F-35" three tokens
    text = "Reed said the F-35 program has cost too much."
    (a,) = run(
        text,
        """
        Reed    Reed    PROPN 2 nsubj
        said    say     VERB  0 root
        the     the     DET   7 det
        F       F       PROPN 7 compound
        -       -       PUNCT 4 punct
        35      35      NUM   7 nummod
        program program NOUN  9 nsubj
        has     have    AUX   9 aux
        cost    cost    VERB/VBN  2 conj
        too     too     ADV   11 advmod
        much    much    ADV   9 obj
        .       .       PUNCT 2 punct
        """,
    ).attributions
    assert (a.content[0].text, a.speaker.name) == ("the F-35 program has cost too much", "Reed")


def test_that_less_clause_whose_verb_was_tagged_a_bare_infinitive():
    # "want" tagged VB and made an xcomp, as if "said" were "made": a verb of saying takes no bare infinitive
    text = "Ames said voters still want lower taxes."
    (a,) = run(
        text,
        """
        Ames    Ames    PROPN 2 nsubj
        said    say     VERB  0 root
        voters  voter   NOUN  2 obj
        still   still   ADV   5 advmod
        want    want    VERB/VB  2 xcomp
        lower   low     ADJ   7 amod
        taxes   tax     NOUN  5 obj
        .       .       PUNCT 2 punct
        """,
    ).attributions
    assert (a.content[0].text, a.speaker.name) == ("voters still want lower taxes", "Ames")


def test_a_bare_infinitive_after_a_verb_of_perceiving_is_no_clause():
    text = "Kim felt the floor move."
    assert run(
        text,
        """
        Kim    Kim    PROPN 2 nsubj
        felt   feel   VERB  0 root
        the    the    DET   4 det
        floor  floor  NOUN  2 obj
        move   move   VERB/VB  2 xcomp
        .      .      PUNCT 2 punct
        """,
    ).attributions == ()


def test_that_less_clause_opening_with_a_subject_pronoun_whatever_its_verb_was_tagged():
    text = "Lee says he relies on his brother."
    (a,) = run(
        text,
        """
        Lee      Lee      PROPN 2 nsubj
        says     say      VERB  0 root
        he       he       PRON  2 obj
        relies   reliance NOUN  2 obj
        on       on       ADP   7 case
        his      his      PRON  7 nmod:poss
        brother  brother  NOUN  2 obl
        .        .        PUNCT 2 punct
        """,
    ).attributions
    assert (a.content[0].text, a.speaker.name) == ("he relies on his brother", "Lee")


def test_that_less_clause_opening_with_her_as_a_possessive():
    text = "Critics say her plan would fail."
    (a,) = run(
        text,
        """
        Critics  critic  NOUN  2 nsubj
        say      say     VERB  0 root
        her      her     PRON  4 nmod:poss
        plan     plan    NOUN  2 obj
        would    would   AUX/MD  6 aux
        fail     fail    VERB  2 conj
        .        .       PUNCT 2 punct
        """,
    ).attributions
    assert a.content[0].text == "her plan would fail"


def test_that_less_clause_with_an_aside_between_commas_before_its_verb():
    text = "Aides say the fund, run by the state, has lost money."
    (a,) = run(
        text,
        """
        Aides  aide   NOUN  2 nsubj
        say    say    VERB  0 root
        the    the    DET   4 det
        fund   fund   NOUN  2 obj
        ,      ,      PUNCT 6 punct
        run    run    VERB/VBN  4 acl
        by     by     ADP   9 case
        the    the    DET   9 det
        state  state  NOUN  6 obl
        ,      ,      PUNCT 6 punct
        has    have   AUX/VBZ  12 aux
        lost   lose   VERB/VBN  2 conj
        money  money  NOUN  12 obj
        .      .      PUNCT 2 punct
        """,
    ).attributions
    assert a.content[0].text == "the fund, run by the state, has lost money"


def test_two_reports_joined_by_and_are_two_attributions():
    text = "Police announced an arrest and said the road would reopen."
    first, second = run(
        text,
        """
        Police    police    NOUN  2 nsubj
        announced announce  VERB  0 root
        an        a         DET   4 det
        arrest    arrest    NOUN  2 obj
        and       and       CCONJ 6 cc
        said      say       VERB  2 conj
        the       the       DET   8 det
        road      road      NOUN  10 nsubj
        would     would     AUX/MD  10 aux
        reopen    reopen    VERB  6 ccomp
        .         .         PUNCT 2 punct
        """,
    ).attributions
    assert [a.content[0].text for a in (first, second)] == ["an arrest", "the road would reopen"]


def test_nouns_joined_by_or_before_the_content_verb_are_not_a_second_report():
    # the small model hangs "or" on the content's verb: "said professors or supervisors would ..."
    text = "She said editors or owners would often reject her ideas."
    (a,) = run(
        text,
        """
        She      she      PRON  2 nsubj
        said     say      VERB  0 root
        editors  editor   NOUN  2 obj
        or       or       CCONJ 8 cc
        owners   owner    NOUN  8 nsubj
        would    would    AUX/MD  8 aux
        often    often    ADV   8 advmod
        reject   reject   VERB  2 conj
        her      her      PRON  10 nmod:poss
        ideas    idea     NOUN  8 obj
        .        .        PUNCT 2 punct
        """,
    ).attributions
    assert a.content[0].text == "editors or owners would often reject her ideas"


def test_called_for_takes_what_the_preposition_governs_with_its_complement():
    text = "Ames called for the mayor to resign."
    (a,) = run(
        text,
        """
        Ames    Ames    PROPN 2 nsubj
        called  call    VERB  0 root
        for     for     ADP   5 case
        the     the     DET   5 det
        mayor   mayor   NOUN  2 obl
        to      to      PART  7 mark
        resign  resign  VERB  2 xcomp
        .       .       PUNCT 2 punct
        """,
    ).attributions
    assert (a.content[0].text, a.cue.text, a.speaker.name) == ("the mayor to resign", "called for", "Ames")


def test_a_reported_clause_whose_subject_the_parser_made_the_cues_object():
    text = "She said owners who sell would not pay."
    (a,) = run(
        text,
        """
        She     she    PRON  2 nsubj
        said    say    VERB  0 root
        owners  owner  NOUN  2 obj
        who     who    PRON  5 nsubj
        sell    sell   VERB  3 acl:relcl
        would   would  AUX/MD  8 aux
        not     not    PART  8 advmod
        pay     pay    VERB  2 ccomp
        .       .      PUNCT 2 punct
        """,
    ).attributions
    assert a.content[0].text == "owners who sell would not pay"


def test_a_one_word_ccomp_is_a_broken_tree_and_word_order_decides():
    # "plans" tagged a noun and made the ccomp, "to leave" another ccomp of "said"
    text = "Kay said he plans to leave soon."
    (a,) = run(
        text,
        """
        Kay    Kay    PROPN 2 nsubj
        said   say    VERB  0 root
        he     he     PRON  2 nsubj
        plans  plan   NOUN  2 ccomp
        to     to     PART  6 mark
        leave  leave  VERB  2 ccomp
        soon   soon   ADV   6 advmod
        .      .      PUNCT 2 punct
        """,
    ).attributions
    assert (a.content[0].text, a.speaker.name) == ("he plans to leave soon", "Kay")


def test_told_someone_to_do_something():
    text = "Lee told staff to leave early."
    (a,) = run(
        text,
        """
        Lee    Lee    PROPN 2 nsubj
        told   tell   VERB  0 root
        staff  staff  NOUN  2 obj
        to     to     PART  5 mark
        leave  leave  VERB  2 xcomp
        early  early  ADV   5 advmod
        .      .      PUNCT 2 punct
        """,
    ).attributions
    assert (a.content[0].text, a.speaker.name) == ("to leave early", "Lee")


def test_that_less_clause_whose_past_tense_verb_was_tagged_a_participle():
    text = "It says the firm broke the rules."
    (a,) = run(
        text,
        """
        It     it     PRON  2 nsubj
        says   say    VERB  0 root
        the    the    DET   4 det
        firm   firm   NOUN  7 compound
        broke  break  VERB/VBN  7 amod
        the    the    DET   7 det
        rules  rule   NOUN  2 obj
        .      .      PUNCT 2 punct
        """,
    ).attributions
    assert a.content[0].text == "the firm broke the rules"


def test_according_to_opening_a_sentence_takes_its_source_up_to_the_comma():
    # a weak tagger made "exit" a verb, which would end the noun phrase by word order
    text = "According to exit polls, Lee won easily."
    (a,) = run(
        text,
        """
        According  accord  VERB  4 case
        to         to      ADP   4 case
        exit       exit    VERB  4 amod
        polls      poll    NOUN  8 obl
        ,          ,       PUNCT 4 punct
        Lee        Lee     PROPN 7 nsubj
        won        win     VERB  0 root
        easily     easily  ADV   7 advmod
        .          .       PUNCT 7 punct
        """.replace(" 8 obl", " 7 obl"),
    ).attributions
    assert (a.speaker.mention.text, a.content[0].text) == ("exit polls", "Lee won easily")


def test_criticized_and_agreed_to_report_what_they_take():
    text = "Ames criticized the plan for its cost. Ray agreed to delay the vote."
    a, b = run(
        text,
        """
        Ames        Ames      PROPN 2 nsubj
        criticized  criticize VERB  0 root
        the         the       DET   4 det
        plan        plan      NOUN  2 obj
        for         for       ADP   7 case
        its         its       PRON  7 nmod:poss
        cost        cost      NOUN  2 obl
        .           .         PUNCT 2 punct
        """,
        """
        Ray     Ray     PROPN 2 nsubj
        agreed  agree   VERB  0 root
        to      to      PART  4 mark
        delay   delay   VERB  2 xcomp
        the     the     DET   6 det
        vote    vote    NOUN  4 obj
        .       .       PUNCT 2 punct
        """,
    ).attributions
    assert [x.content[0].text for x in (a, b)] == ["the plan for its cost", "to delay the vote"]


def test_a_name_opening_the_sentence_speaks_when_the_tree_gives_the_cue_no_subject():
    # the small model's tree: the name an obl, an adverb made an advcl, the cue a conj
    text = "Senator Ann Ray, in turn, has sharply criticized the deal and called for a vote."
    attributions = run(
        text,
        """
        Senator    Senator    PROPN 3 compound
        Ann        Ann        PROPN 3 compound
        Ray        Ray        PROPN 10 obl
        ,          ,          PUNCT 3 punct
        in         in         ADP   6 case
        turn       turn       NOUN  3 nmod
        ,          ,          PUNCT 10 punct
        has        have       AUX   10 aux
        sharply    sharp      ADJ   10 advcl
        criticized criticize  VERB  0 root
        the        the        DET   12 det
        deal       deal       NOUN  10 obj
        and        and        CCONJ 14 cc
        called     call       VERB  10 conj
        for        for        ADP   17 case
        a          a          DET   17 det
        vote       vote       NOUN  14 obl
        .          .          PUNCT 10 punct
        """,
    ).attributions
    assert [(x.content[0].text, x.speaker and x.speaker.name) for x in attributions] == [("the deal", "Ann Ray"), ("a vote", "Ann Ray")]


def test_that_then_a_fronted_adverbial_clause():
    # "that" parsed as the cue's object and the clause as a conj: the words still say what was said
    text = "Moss said that, if elected, she would cut taxes."
    (a,) = run(
        text,
        """
        Moss     Moss    PROPN 2 nsubj
        said     say     VERB  0 root
        that     that    PRON  2 obj
        ,        ,       PUNCT 2 punct
        if       if      SCONJ 6 mark
        elected  elect   VERB/VBN  2 advcl
        ,        ,       PUNCT 10 punct
        she      she     PRON  10 nsubj
        would    would   AUX/MD   10 aux
        cut      cut     VERB  2 conj
        taxes    tax     NOUN  10 obj
        .        .       PUNCT 2 punct
        """,
    ).attributions
    assert (a.content[0].text, a.speaker.name) == ("if elected, she would cut taxes", "Moss")


def test_a_quoted_word_inside_a_reported_clause_is_not_a_quotation_of_a_later_verb():
    # "suggests" after the quoted adverb is no cue with a speaker before it: the quote is part of
    # what Lane said, and the content must not take in "Lane said" itself
    text = "Lane said the memo “plainly” suggests that the board knew."
    (a,) = run(
        text,
        """
        Lane     Lane     PROPN 2 nsubj
        said     say      VERB  0 root
        the      the      DET   4 det
        memo     memo     NOUN  8 nsubj
        “        “        PUNCT 6 punct
        plainly  plainly  ADV   8 advmod
        ”        ”        PUNCT 6 punct
        suggests suggest  VERB/VBZ  2 ccomp
        that     that     SCONJ 12 mark
        the      the      DET   11 det
        board    board    NOUN  12 nsubj
        knew     know     VERB/VBD  8 ccomp
        .        .        PUNCT 2 punct
        """,
    ).attributions
    assert (a.content[0].text, a.speaker.name, a.type) == ("the memo “plainly” suggests that the board knew", "Lane", "mixed")


def test_a_verb_joined_by_and_after_a_quoted_phrase_is_not_its_cue():
    text = 'Oslo said it was "deeply troubled" by the vote and warned Minsk.'
    attributions = run(
        text,
        """
        Oslo      Oslo      PROPN 2 nsubj
        said      say       VERB  0 root
        it        it        PRON  2 obj
        was       be        AUX   7 aux:pass
        "         "         PUNCT 7 punct
        deeply    deeply    ADV   7 advmod
        troubled  trouble   VERB/VBN  2 ccomp
        "         "         PUNCT 7 punct
        by        by        ADP   11 case
        the       the       DET   11 det
        vote      vote      NOUN  7 obl
        and       and       CCONJ 13 cc
        warned    warn      VERB/VBD  7 conj
        Minsk     Minsk     PROPN 13 obj
        .         .         PUNCT 2 punct
        """,
    ).attributions
    assert [(a.speaker.name, a.content[0].text.startswith("Oslo")) for a in attributions] == [("Oslo", False)]


def test_object_content_with_its_complement_is_mixed():
    text = 'Warren blasted the bank for being "unbelievably dishonest."'
    (a,) = run(
        text,
        """
        Warren       Warren       PROPN 2 nsubj
        blasted      blast        VERB  0 root
        the          the          DET   4 det
        bank         bank         NOUN  2 obj
        for          for          SCONJ 9 mark
        being        be           AUX   9 cop
        "            "            PUNCT 9 punct
        unbelievably unbelievably ADV   9 advmod
        dishonest    dishonest    ADJ   2 advcl
        .            .            PUNCT 9 punct
        "            "            PUNCT 9 punct
        """,
    ).attributions
    assert (a.type, a.cue.text, a.content[0].text) == ("mixed", "blasted", 'the bank for being "unbelievably dishonest."')


def test_speech_only_filter_drops_other_frames():
    from quotes.engine.model import filter_result

    text = "Smith plans to visit India. Smith said that taxes rise."
    r = run(
        text,
        """
        Smith Smith PROPN 2 nsubj
        plans plan  VERB  0 root
        to    to    PART  4 mark
        visit visit VERB  2 xcomp
        India India PROPN 4 obj
        .     .     PUNCT 2 punct
        """,
        """
        Smith Smith PROPN 2 nsubj
        said  say   VERB  0 root
        that  that  SCONJ 5 mark
        taxes tax   NOUN  5 nsubj
        rise  rise  VERB  2 ccomp
        .     .     PUNCT 2 punct
        """,
    )
    assert [a.frame for a in r.attributions] == ["intention", "speech"]
    speech = filter_result(r, frames=("speech",))
    assert [a.content[0].text for a in speech.attributions] == ["taxes rise"]


def test_transcript_turn_label_is_the_speaker():
    text = "WALLACE: Will she be there?"
    (a,) = run(
        text,
        """
        WALLACE WALLACE PROPN 6 vocative
        :       :       PUNCT 1 punct
        Will    will    AUX   6 aux
        she     she     PRON  6 nsubj
        be      be      AUX   6 cop
        there   there   ADV   0 root
        ?       ?       PUNCT 6 punct
        """,
    ).attributions
    assert (a.sieve, a.content[0].text, a.cue.text, a.speaker.mention.text) == ("transcript_turn", "Will she be there?", ":", "WALLACE")


def test_participle_in_the_speaker_phrase_and_parenthesised_party():
    text = '"It is an invasion," Scott Pruitt (R-Okla.), one of those suing, said.'
    (a,) = run(
        text,
        """
        "        "        PUNCT 5  punct
        It       it       PRON  5  nsubj
        is       be       AUX   5  cop
        an       a        DET   5  det
        invasion invasion NOUN  20 ccomp
        ,        ,        PUNCT 5  punct
        "        "        PUNCT 5  punct
        Scott    Scott    PROPN 9  compound
        Pruitt   Pruitt   PROPN 20 nsubj
        (        (        PUNCT 11 punct
        R-Okla   R-Okla   PROPN 9  appos
        .        .        PUNCT 11 punct
        )        )        PUNCT 11 punct
        ,        ,        PUNCT 15 punct
        one      one      NUM   9  appos
        of       of       ADP   17 case
        those    those    PRON  15 nmod
        suing    sue      VERB/VBG 17 acl
        ,        ,        PUNCT 9  punct
        said     say      VERB  0  root
        .        .        PUNCT 20 punct
        """,
    ).attributions
    assert (a.type, a.cue.text, a.speaker.name) == ("direct", "said", "Scott Pruitt")


def test_according_to_with_nothing_after_it_is_no_attribution():
    # Found by the property tests: the phrase at the very end of a document.
    r = run(
        "Prices rose according to", "Prices price NOUN 2 nsubj\nrose rise VERB 0 root\naccording accord VERB 2 advcl\nto to ADP 3 fixed"
    )
    assert r.attributions == ()


def test_dateline_is_not_the_speaker():
    text = "WASHINGTON \u2014 Senator Jane Roe said that the bill would fail."
    (a,) = run(
        text,
        """
        WASHINGTON WASHINGTON PROPN 6  nsubj
        \u2014          \u2014          PUNCT 1  punct
        Senator    Senator    PROPN 5  compound
        Jane       Jane       PROPN 5  compound
        Roe        Roe        PROPN 1  appos
        said       say        VERB  0  root
        that       that       SCONJ 11 mark
        the        the        DET   9  det
        bill       bill       NOUN  11 nsubj
        would      would      AUX   11 aux
        fail       fail       VERB  6  ccomp
        .          .          PUNCT 6  punct
        """,
    ).attributions
    assert (a.speaker.mention.text, a.speaker.name, a.speaker.role) == ("Senator Jane Roe", "Jane Roe", "Senator")


def test_spokesman_for_an_organisation_and_the_spokesman_later_are_one_speaker():
    text = 'A spokesman for the Treasury said that it will pass. "We are sure," the spokesman said.'
    r = run(
        text,
        """
        A         a         DET   2 det
        spokesman spokesman NOUN  6 nsubj
        for       for       ADP   5 case
        the       the       DET   5 det
        Treasury  Treasury  PROPN 2 nmod
        said      say       VERB  0 root
        that      that      SCONJ 10 mark
        it        it        PRON  10 nsubj
        will      will      AUX   10 aux
        pass      pass      VERB  6 ccomp
        .         .         PUNCT 6 punct
        """,
        """
        "         "         PUNCT 4 punct
        We        we        PRON  4 nsubj
        are       be        AUX   4 cop
        sure      sure      ADJ   9 ccomp
        ,         ,         PUNCT 4 punct
        "         "         PUNCT 4 punct
        the       the       DET   8 det
        spokesman spokesman NOUN  9 nsubj
        said      say       VERB  0 root
        .         .         PUNCT 9 punct
        """,
    )
    first, second = r.attributions
    # Unnamed: no name, the description as the role.
    assert first.speaker.name is None and first.speaker.kind == "person"
    assert first.speaker.role == "spokesman for the Treasury"
    assert second.speaker.mention.text == "the spokesman" and second.speaker.id == first.speaker.id


def test_pronoun_skips_a_nearer_name_of_the_other_gender():
    text = "Jane Roe met Mr. Smith. She said that taxes rise."
    (a,) = run(
        text,
        "Jane Jane PROPN 3 nsubj\nRoe Roe PROPN 1 flat\nmet meet VERB 0 root\nMr. Mr. PROPN 5 compound\nSmith Smith PROPN 3 obj\n. . PUNCT 3 punct",
        "She she PRON 2 nsubj\nsaid say VERB 0 root\nthat that SCONJ 5 mark\ntaxes tax NOUN 5 nsubj\nrise rise VERB 2 ccomp\n. . PUNCT 2 punct",
    ).attributions
    assert (a.speaker.mention.text, a.speaker.name) == ("She", "Jane Roe")


def test_quotation_run_on_from_the_paragraph_before_joins_its_attribution():
    text = '"We will win.\n\n"We always do," she said.'
    (a,) = run(
        text,
        '" " PUNCT 4 punct\nWe we PRON 4 nsubj\nwill will AUX 4 aux\nwin win VERB 0 root\n. . PUNCT 4 punct',
        '" " PUNCT 4 punct\nWe we PRON 4 nsubj\nalways always ADV 4 advmod\ndo do VERB 8 ccomp\n, , PUNCT 4 punct\n" " PUNCT 4 punct\nshe she PRON 8 nsubj\nsaid say VERB 0 root\n. . PUNCT 8 punct',
    ).attributions
    assert [s.text for s in a.content] == ['"We will win.', '"We always do,"']


def test_role_noun_with_appositive_name_resolves_to_the_name():
    text = "The company's spokeswoman, Ana Lopez, said that it will reopen."
    (a,) = run(
        text,
        """
        The         the         DET   2  det
        company     company     NOUN  9  nsubj
        's          's          PART  2  case
        spokeswoman spokeswoman NOUN  2  dep
        ,           ,           PUNCT 6  punct
        Ana         Ana         PROPN 4  appos
        Lopez       Lopez       PROPN 6  flat
        ,           ,           PUNCT 6  punct
        said        say         VERB  0  root
        that        that        SCONJ 13 mark
        it          it          PRON  13 nsubj
        will        will        AUX   13 aux
        reopen      reopen      VERB  9  ccomp
        .           .           PUNCT 9  punct
        """,
    ).attributions
    assert (a.speaker.name, a.speaker.role, a.speaker.kind) == ("Ana Lopez", "company's spokeswoman", "person")


def test_agency_dateline_and_possessive_title():
    text = "LONDON (Reuters) - Britain's finance minister Rachel Reeves warned that growth would slow."
    (a,) = run(
        text,
        """
        LONDON   LONDON   PROPN 12 dep
        (        (        PUNCT 3  punct
        Reuters  Reuters  PROPN 12 nsubj
        )        )        PUNCT 3  punct
        -        -        PUNCT 3  punct
        Britain  Britain  PROPN 11 nmod:poss
        's       's       PART  6  case
        finance  finance  NOUN  9  compound
        minister minister NOUN  11 compound
        Rachel   Rachel   PROPN 11 compound
        Reeves   Reeves   PROPN 3  appos
        warned   warn     VERB  0  root
        that     that     SCONJ 16 mark
        growth   growth   NOUN  16 nsubj
        would    would    AUX   16 aux
        slow     slow     VERB  12 ccomp
        .        .        PUNCT 12 punct
        """,
    ).attributions
    assert a.content[0].text == "growth would slow"
    assert (a.speaker.name, a.speaker.role, a.speaker.kind) == ("Rachel Reeves", "Britain's finance minister", "person")


def test_paraphrase_runs_through_the_quotations_that_finish_it():
    text = 'He claimed that fraud is "a big problem" but "nobody cares."'
    (a,) = run(
        text,
        """
        He      he      PRON  2  nsubj
        claimed claim   VERB  0  root
        that    that    SCONJ 5  mark
        fraud   fraud   NOUN  5  nsubj
        is      be      VERB  2  ccomp
        "       "       PUNCT 9  punct
        a       a       DET   9  det
        big     big     ADJ   9  amod
        problem problem NOUN  2  obj
        "       "       PUNCT 9  punct
        but     but     CCONJ 14 cc
        "       "       PUNCT 14 punct
        nobody  nobody  PRON  14 nsubj
        cares   care    VERB  2  conj
        .       .       PUNCT 2  punct
        "       "       PUNCT 14 punct
        """,
    ).attributions
    assert (a.type, a.content[0].text) == ("mixed", 'fraud is "a big problem" but "nobody cares."')


PHRASAL_PARTICLE = """
The    the    DET   2 det
mayor  mayor  NOUN  3 nsubj
fired  fire   VERB  0 root
back   back   {upos} 3 {rel}
that   that   SCONJ 9 mark
the    the    DET   6 det
police police NOUN  9 nsubj
had    have   AUX   9 aux
done   do     VERB  3 ccomp
their  their  PRON  11 nmod:poss
job    job    NOUN  9 obj
.      .      PUNCT 3 punct
"""


@pytest.mark.parametrize(("upos", "rel"), [("ADP", "compound:prt"), ("ADV", "advmod")], ids=["particle", "adverb"])
def test_a_phrasal_verb_is_a_cue_with_its_particle(upos, rel):
    text = "The mayor fired back that the police had done their job."
    (a,) = run(text, PHRASAL_PARTICLE.format(upos=upos, rel=rel)).attributions
    assert (a.cue.text, a.content[0].text, a.speaker.mention.text) == ("fired back", "the police had done their job", "The mayor")


def test_the_verb_alone_is_no_cue():
    text = "The mayor fired that the police had done their job."
    tree = PHRASAL_PARTICLE.replace("back   back   {upos} 3 {rel}\n", "").replace(" 9 ", " 8 ").replace(" 11 ", " 10 ")
    assert run(text, tree).attributions == ()


SPLIT_NAME_TEXT = 'Retired Gen. Norman Ham is speaking out. "It was a disgrace," Ham said.'
SPLIT_NAME = [
    """
    Retired retire  VERB/VBN 3 amod
    Gen.    Gen.    PROPN    3 compound
    Norman  Norman  PROPN    0 root
    """,
    """
    Ham      Ham     PROPN 3 nsubj
    is       be      AUX   3 aux
    speaking speak   VERB  0 root
    out      out     ADP   3 compound:prt
    .        .       PUNCT 3 punct
    """,
    """
    "        "        PUNCT 4 punct
    It       it       PRON  4 nsubj
    was      be       AUX   4 cop
    disgrace disgrace NOUN  0 root
    ,        ,        PUNCT 4 punct
    "        "        PUNCT 4 punct
    Ham      Ham      PROPN 8 nsubj
    said     say      VERB  4 parataxis
    .        .        PUNCT 4 punct
    """,
]


def test_a_name_the_tokenizer_split_across_sentences_stays_one_name():
    (a,) = run(SPLIT_NAME_TEXT, *SPLIT_NAME).attributions
    assert (a.speaker.mention.text, a.speaker.name) == ("Ham", "Norman Ham")


def test_a_month_after_a_first_name_is_a_surname():
    text = "Prime Minister Theresa May said Britain would leave."
    tree = """
    Prime    Prime    PROPN 2 compound
    Minister Minister PROPN 3 compound
    Theresa  Theresa  PROPN 5 nsubj
    May      May      PROPN 3 flat
    said     say      VERB  0 root
    Britain  Britain  PROPN 8 nsubj
    would    would    AUX   8 aux
    leave    leave    VERB  5 ccomp
    .        .        PUNCT 5 punct
    """
    (a,) = run(text, tree).attributions
    assert (a.speaker.name, a.speaker.role) == ("Theresa May", "Prime Minister")


def test_a_dateline_the_parser_made_a_subject_is_not_the_speaker():
    text = "LEEDS Mr Jones said the club would appeal the ban."
    tree = """
    LEEDS  leeds  NOUN  4 nsubj
    Mr     Mr     PROPN 4 nsubj
    Jones  Jones  PROPN 2 flat
    said   say    VERB  0 root
    the    the    DET   6 det
    club   club   NOUN  8 nsubj
    would  would  AUX   8 aux
    appeal appeal VERB  4 ccomp
    the    the    DET   10 det
    ban    ban    NOUN  8 obj
    .      .      PUNCT 4 punct
    """
    (a,) = run(text, tree).attributions
    assert (a.speaker.mention.text, a.speaker.name) == ("Mr Jones", "Jones")


OWNED_CLAIM_TEXT = "Politifact checked Donald Trump's claim that there were thousands of shootings."
OWNED_CLAIM = """
Politifact Politifact PROPN 2 nsubj
checked    check      VERB  0 root
Donald     Donald     PROPN 6 nmod:poss
Trump      Trump      PROPN 3 flat
's         's         PART  4 case
claim      claim      NOUN  2 obj
that       that       SCONJ 9 mark
there      there      PRON  9 expl
were       be         VERB  2 {rel}
thousands  thousand   NOUN  9 nsubj
of         of         ADP   12 case
shootings  shooting   NOUN  10 nmod
.          .          PUNCT 2 punct
"""


@pytest.mark.parametrize("rel", ["advcl", "ccomp"], ids=["clause-hung-on-the-verb", "clause-as-complement"])
def test_a_claim_with_an_owner_is_the_owners_attribution(rel):
    (a,) = run(OWNED_CLAIM_TEXT, OWNED_CLAIM.format(rel=rel)).attributions
    assert (a.sieve, a.cue.text, a.content[0].text) == ("nominal_cue_clause", "claim", "there were thousands of shootings")
    assert (a.speaker.mention.text, a.speaker.name) == ("Donald Trump", "Donald Trump")


def test_a_claim_without_an_owner_or_with_a_relative_that_is_no_attribution():
    unowned = OWNED_CLAIM.replace("Donald     Donald     PROPN 6 nmod:poss", "Donald     Donald     PROPN 6 compound")
    assert run(OWNED_CLAIM_TEXT, unowned.format(rel="advcl")).attributions == ()
    relative = OWNED_CLAIM.replace("that       that       SCONJ 9 mark", "that       that       PRON  9 obj")
    assert run(OWNED_CLAIM_TEXT, relative.format(rel="acl:relcl")).attributions == ()


def test_a_role_noun_before_of_heads_a_speaker_found_by_word_order():
    # the weak parser's tree: "argued" hangs on "contenders" as a relative clause with no subject
    text = "Since no law asks it, presidential contenders of both parties have argued that taxes matter."
    r = run(
        text,
        """
        Since        since        SCONJ     4  mark
        no           no           DET       3  det
        law          law          NOUN      4  nsubj
        asks         ask          VERB      8  advcl
        it           it           PRON      4  obj
        ,            ,            PUNCT     8  punct
        presidential presidential ADJ       8  amod
        contenders   contender    NOUN      0  root
        of           of           ADP       11 case
        both         both         DET       11 det
        parties      party        NOUN      8  nmod
        have         have         AUX       13 aux
        argued       argue        VERB/VBN  8  acl:relcl
        that         that         SCONJ     16 mark
        taxes        tax          NOUN      16 nsubj
        matter       matter       VERB      13 ccomp
        .            .            PUNCT     8  punct
        """,
    )
    (a,) = r.attributions
    assert (a.speaker.mention.text, a.speaker.role, a.speaker.kind) == (
        "presidential contenders of both parties",
        "presidential contenders of both parties",
        "group",
    )


def test_a_study_by_two_institutions_is_the_source_not_the_conjunct_the_parser_made_subject():
    text = "Yet, a 2019 study by Oxford and the University of Leeds found that rents rose."
    r = run(
        text,
        """
        Yet        yet        ADV       5  advmod
        ,          ,          PUNCT     1  punct
        a          a          DET       5  det
        2019       2019       NUM       5  nummod
        study      study      NOUN      0  root
        by         by         ADP       7  case
        Oxford     Oxford     PROPN     5  nmod
        and        and        CCONJ     10 cc
        the        the        DET       10 det
        University University PROPN     13 nsubj
        of         of         ADP       12 case
        Leeds      Leeds      PROPN     10 nmod
        found      find       VERB      5  acl
        that       that       SCONJ     16 mark
        rents      rent       NOUN      16 nsubj
        rose       rise       VERB      13 ccomp
        .          .          PUNCT     13 punct
        """,
    )
    (a,) = r.attributions
    assert (a.speaker.mention.text, a.speaker.name, a.speaker.kind) == (
        "a 2019 study by Oxford and the University of Leeds",
        None,
        "document",
    )


def test_a_sentence_adverb_tagged_as_a_name_is_not_the_subject():
    text = "Meanwhile, both candidates have opposed the new trade deal."
    r = run(
        text,
        """
        Meanwhile  Meanwhile  PROPN     6  nsubj
        ,          ,          PUNCT     1  punct
        both       both       DET       4  det
        candidates candidate  NOUN      6  nsubj
        have       have       AUX       6  aux
        opposed    oppose     VERB/VBN  0  root
        the        the        DET       10 det
        new        new        ADJ       10 amod
        trade      trade      NOUN      10 compound
        deal       deal       NOUN      6  obj
        .          .          PUNCT     6  punct
        """,
    )
    (a,) = r.attributions
    assert (a.speaker.mention.text, a.speaker.role, a.speaker.kind) == ("both candidates", "candidates", "group")


def test_a_participle_phrase_describing_the_subject_stays_with_it():
    # the weak parser's tree: "union" is the participle's subject, "nurses" the cue's
    text = "A union representing nurses endorsed the plan on Thursday."
    r = run(
        text,
        """
        A            a          DET       2  det
        union        union      NOUN      3  nsubj
        representing represent  VERB/VBG  5  advcl
        nurses       nurse      NOUN      5  nsubj
        endorsed     endorse    VERB      0  root
        the          the        DET       7  det
        plan         plan       NOUN      5  obj
        on           on         ADP       9  case
        Thursday     Thursday   PROPN     5  obl
        .            .          PUNCT     5  punct
        """,
    )
    (a,) = r.attributions
    assert (a.speaker.mention.text, a.speaker.kind, a.speaker.role) == (
        "A union representing nurses",
        "organisation",
        "union representing nurses",
    )


def test_a_participle_cue_with_no_subject_is_spoken_by_the_document_before_it():
    text = "In a statement announcing the merger, the firm praised its staff."
    r = run(
        text,
        """
        In         in         ADP       3  case
        a          a          DET       3  det
        statement  statement  NOUN      4  obl
        announcing announce   VERB/VBG  0  root
        the        the        DET       6  det
        merger     merger     NOUN      4  obj
        ,          ,          PUNCT     9  punct
        the        the        DET       9  det
        firm       firm       NOUN      10 nsubj
        praised    praise     VERB      4  parataxis
        its        its        PRON      12 nmod:poss
        staff      staff      NOUN      10 obj
        .          .          PUNCT     4  punct
        """,
    )
    a = next(a for a in r.attributions if a.cue.text == "announcing")
    assert (a.speaker.mention.text, a.speaker.kind, a.speaker.role) == ("a statement", "document", "statement")


def test_the_owner_of_a_claim_with_an_adjective_between_is_its_speaker():
    text = "Video contradicts Leeds police's earlier claim that he ran."
    r = run(
        text,
        """
        Video       video       NOUN   2  nsubj
        contradicts contradict  VERB   0  root
        Leeds       Leeds       PROPN  4  compound
        police      police      NOUN   7  nmod:poss
        's          's          PART   4  case
        earlier     earlier     ADJ    7  amod
        claim       claim       VERB   2  xcomp
        that        that        SCONJ  10 mark
        he          he          PRON   10 nsubj
        ran         run         VERB   7  ccomp
        .           .           PUNCT  2  punct
        """,
    )
    a = next(a for a in r.attributions if a.cue.text == "claim")
    assert (a.speaker.mention.text, a.speaker.name) == ("Leeds police", "Leeds police")


def test_a_passive_subject_without_be_is_an_active_subject():
    # the weak parser's tree: "Trump" a passive subject of "has argued", with no "be" in sight
    text = "Donald Trump has argued that the law must go."
    r = run(
        text,
        """
        Donald  Donald  PROPN     2 compound
        Trump   Trump   PROPN     4 nsubj:pass
        has     have    AUX       4 aux
        argued  argue   VERB/VBN  0 root
        that    that    SCONJ     9 mark
        the     the     DET       7 det
        law     law     NOUN      9 nsubj
        must    must    AUX       9 aux
        go      go      VERB      4 ccomp
        .       .       PUNCT     4 punct
        """,
    )
    (a,) = r.attributions
    assert (a.speaker.mention.text, a.speaker.name) == ("Donald Trump", "Donald Trump")


def test_the_name_right_before_the_cue_wins_over_a_clause_the_parser_made_a_subject():
    text = "The walk-ins were the third time AROS said it had done so."
    r = run(
        text,
        """
        The       the       DET    2  det
        walk-ins  walk-in   NOUN   8  nsubj
        were      be        AUX    6  cop
        the       the       DET    6  det
        third     third     ADJ    6  amod
        time      time      NOUN   8  nsubj
        AROS      AROS      PROPN  8  nsubj
        said      say       VERB   0  root
        it        it        PRON   11 nsubj
        had       have      AUX    11 aux
        done      do        VERB   8  ccomp
        so        so        ADV    11 advmod
        .         .         PUNCT  8  punct
        """,
    )
    (a,) = r.attributions
    assert a.speaker.mention.text == "AROS"


# "X, he said." reports X; "X, he mentioned Y." reports Y, and "X, he said, Z." reports X and Z.
CLAUSE_THEN_CUE = """
The     the     DET    2  det
talks   talk    NOUN   3  nsubj
went    go      VERB   7  ccomp
well    well    ADV    3  advmod
,       ,       PUNCT  3  punct
Smith   Smith   PROPN  7  nsubj
said    say     VERB   0  root
Thursday Thursday PROPN 7 obl:tmod
.       .       PUNCT  7  punct
"""


def test_a_clause_before_a_closing_cue_is_reported_with_a_time_after_the_cue():
    r = run("The talks went well, Smith said Thursday.", CLAUSE_THEN_CUE)
    (a,) = r.attributions
    assert (a.sieve, [s.text for s in a.content], a.speaker.mention.text) == ("reported_clause_before_cue", ["The talks went well"], "Smith")


def test_a_cue_with_its_own_object_does_not_report_the_phrase_before_its_comma():
    text = "Campaigning in Ohio, Smith barely mentioned climate change."
    r = run(
        text,
        """
        Campaigning campaign VERB  7  advcl
        in        in        ADP    3  case
        Ohio      Ohio      PROPN  1  obl
        ,         ,         PUNCT  1  punct
        Smith     Smith     PROPN  7  nsubj
        barely    barely    ADV    7  advmod
        mentioned mention   VERB   0  root
        climate   climate   NOUN   9  compound
        change    change    NOUN   7  obj
        .         .         PUNCT  7  punct
        """,
    )
    assert not [a for a in r.attributions if any("Campaigning" in s.text for s in a.content)]


def test_an_addressee_after_the_cue_still_leaves_the_clause_before_reported():
    text = "The talks went well, Smith told reporters."
    tree = CLAUSE_THEN_CUE.replace("said    say     VERB", "told    tell    VERB").replace("Thursday Thursday PROPN 7 obl:tmod", "reporters reporter NOUN 7 obj")
    (a,) = run(text, tree).attributions
    assert [s.text for s in a.content] == ["The talks went well"]


def test_a_cue_inside_its_sentence_is_no_closing_cue():
    text = "To stop it, Smith said, officials should be vigilant."
    r = run(
        text,
        """
        To        to        PART   2  mark
        stop      stop      VERB   11 advcl
        it        it        PRON   2  obj
        ,         ,         PUNCT  2  punct
        Smith     Smith     PROPN  6  nsubj
        said      say       VERB   11 parataxis
        ,         ,         PUNCT  6  punct
        officials official  NOUN   11 nsubj
        should    should    AUX    11 aux
        be        be        AUX    11 cop
        vigilant  vigilant  ADJ    0  root
        .         .         PUNCT  11 punct
        """,
    )
    assert not [a for a in r.attributions if a.sieve == "reported_clause_before_cue"]


def test_releasing_a_document_is_no_attribution():
    # "release" reports nothing by itself: in PolNeAR train its objects were attributions 1 time in 5.
    r = run(
        "The campaign released the returns.",
        """
        The       the       DET    2  det
        campaign  campaign  NOUN   3  nsubj
        released  release   VERB   0  root
        the       the       DET    5  det
        returns   return    NOUN   3  obj
        .         .         PUNCT  3  punct
        """,
    )
    assert r.attributions == ()


HEADLINE_BODY = """
Mr.     Mr.     PROPN  2  compound
Pence   Pence   PROPN  3  nsubj
spoke   speak   VERB   0  root
on      on      ADP    5  case
Monday  Monday  PROPN  3  obl
.       .       PUNCT  3  punct
"""


HEADLINE_BODY_IN_LEEDS = HEADLINE_BODY.replace(
    ".       .       PUNCT  3  punct", "in      in      ADP    7  case\nLeeds   Leeds   PROPN  3  obl\n.       .       PUNCT  3  punct"
)


def _headline(label: str, rest: str) -> str:
    rows = [f"{w} {w} PROPN 0 root" if k == 0 else f"{w} {w} PROPN 1 dep" for k, w in enumerate(label.split())]
    rows.append(": : PUNCT 1 punct")
    rows += [f"{w} {w.lower()} NOUN 1 dep" for w in rest.split()]
    return "\n".join(rows)


def test_a_headline_names_its_source_before_a_colon():
    text = "Pence: Flowers Skips Debate\nMr. Pence spoke on Monday."
    r = run(text, _headline("Pence", "Flowers Skips Debate"), HEADLINE_BODY)
    (a,) = r.attributions
    assert (a.sieve, a.cue.text, [s.text for s in a.content], a.speaker.mention.text) == (
        "headline_label", ":", ["Flowers Skips Debate"], "Pence"
    )


@pytest.mark.parametrize(
    "headline",
    [
        "The Latest: Flowers Skips Debate",
        "Stealth Campaign: Flowers Skips Debate",
        "Analysis: Flowers Skips Debate",
        "Monday: Flowers Skips Debate",
        "Leeds: Flowers Skips Debate",
    ],
    ids=["an-article-opens-the-label", "a-label-the-article-never-names", "a-rubric-of-the-articles-genre", "a-day-named-below", "a-dateline"],
)
def test_a_headline_label_that_names_nobody_is_no_source(headline):
    label, rest = headline.split(": ")
    r = run(headline + "\nMr. Pence spoke on Monday in Leeds.", _headline(label, rest), HEADLINE_BODY_IN_LEEDS)
    assert not [a for a in r.attributions if a.sieve == "headline_label"]


def test_they_never_means_a_place():
    # "Chicago", the latest subject, is a place: "they" goes back to the Ledger.
    text = "The Ledger checked it. Chicago is safe, they said."
    r = run(
        text,
        """
        The      the      DET    2  det
        Ledger   Ledger   PROPN  3  nsubj
        checked  check    VERB   0  root
        it       it       PRON   3  obj
        .        .        PUNCT  3  punct
        """,
        """
        Chicago  Chicago  PROPN  3  nsubj
        is       be       AUX    3  cop
        safe     safe     ADJ    6  ccomp
        ,        ,        PUNCT  3  punct
        they     they     PRON   6  nsubj
        said     say      VERB   0  root
        .        .        PUNCT  6  punct
        """,
    )
    (a,) = r.attributions
    assert (a.speaker.mention.text, a.speaker.name) == ("they", "Ledger")


PARENTHETICAL = """
The     the     DET    2  det
talks   talk    NOUN   7  nsubj
,       ,       PUNCT  5  punct
Smith   Smith   PROPN  5  nsubj
said    say     VERB/VBD 7  parataxis
,       ,       PUNCT  5  punct
went    go      VERB/VBD 0  root
well    well    ADV    7  advmod
.       .       PUNCT  7  punct
"""


def test_a_cue_between_commas_reports_the_sentence_around_it():
    (a,) = run("The talks, Smith said, went well.", PARENTHETICAL).attributions
    assert (a.sieve, [s.text for s in a.content], a.speaker.mention.text) == ("parenthetical_cue", ["The talks", "went well"], "Smith")


def test_what_hangs_on_a_parenthetical_cue_is_not_reported():
    text = "Sales rose, Smith said, wiping his face."
    r = run(
        text,
        """
        Sales   sale    NOUN   2  nsubj
        rose    rise    VERB/VBD 0  root
        ,       ,       PUNCT  5  punct
        Smith   Smith   PROPN  5  nsubj
        said    say     VERB/VBD 2  parataxis
        ,       ,       PUNCT  7  punct
        wiping  wipe    VERB/VBG 5  advcl
        his     his     PRON   9  nmod:poss
        face    face    NOUN   7  obj
        .       .       PUNCT  2  punct
        """,
    )
    (a,) = r.attributions
    assert [s.text for s in a.content] == ["Sales rose"]


def test_a_hedge_between_commas_is_no_attribution():
    tree = PARENTHETICAL.replace("Smith   Smith   PROPN  5  nsubj", "I       I       PRON   5  nsubj").replace(
        "said    say     VERB/VBD 7  parataxis", "think   think   VERB/VBP 7  parataxis"
    )
    assert run("The talks, I think, went well.", tree).attributions == ()


def test_a_parenthetical_cue_of_telling_may_name_its_addressee():
    text = "The talks, Smith told reporters, went well."
    tree = PARENTHETICAL.replace("said    say     VERB/VBD 7  parataxis", "told    tell    VERB/VBD 7  parataxis").replace(
        ",       ,       PUNCT  5  punct\nwent", "reporters reporter NOUN 5  obj\n,       ,       PUNCT  5  punct\nwent"
    )
    (a,) = run(text, tree).attributions
    assert (a.sieve, [s.text for s in a.content], a.speaker.mention.text) == ("parenthetical_cue", ["The talks", "went well"], "Smith")


def test_a_reported_clause_whose_subject_has_a_relative_clause_survives_a_parse_that_made_it_an_object():
    text = "She said parents who adopt would not be eligible."
    r = run(
        text,
        """
        She      she      PRON   2  nsubj
        said     say      VERB/VBD 0  root
        parents  parent   NOUN   2  obj
        who      who      PRON   5  nsubj
        adopt    adopt    VERB/VBP 3  acl:relcl
        would    would    AUX/MD 9  aux
        not      not      PART   9  advmod
        be       be       AUX/VB 9  cop
        eligible eligible ADJ    5  dep
        .        .        PUNCT  2  punct
        """,
    )
    (a,) = r.attributions
    assert [s.text for s in a.content] == ["parents who adopt would not be eligible"]


def test_an_object_with_a_relative_clause_is_no_reported_clause():
    text = "He said the words that his father said."
    r = run(
        text,
        """
        He      he      PRON   2  nsubj
        said    say     VERB/VBD 0  root
        the     the     DET    4  det
        words   word    NOUN   2  obj
        that    that    PRON   8  obj
        his     his     PRON   7  nmod:poss
        father  father  NOUN   8  nsubj
        said    say     VERB/VBD 4  acl:relcl
        .       .       PUNCT  2  punct
        """,
    )
    assert not [a for a in r.attributions if a.content[0].text.startswith("the words")]


def test_a_parenthetical_cue_may_say_where_it_was_said():
    text = "Sales rose, the agency said in a report, and costs fell."
    r = run(
        text,
        """
        Sales   sale    NOUN   2  nsubj
        rose    rise    VERB/VBD 0  root
        ,       ,       PUNCT  6  punct
        the     the     DET    5  det
        agency  agency  NOUN   6  nsubj
        said    say     VERB/VBD 2  parataxis
        in      in      ADP    9  case
        a       a       DET    9  det
        report  report  NOUN   6  obl
        ,       ,       PUNCT  6  punct
        and     and     CCONJ  13 cc
        costs   cost    NOUN   13 nsubj
        fell    fall    VERB/VBD 2  conj
        .       .       PUNCT  2  punct
        """,
    )
    (a,) = r.attributions
    assert (a.sieve, [s.text for s in a.content], a.speaker.mention.text) == (
        "parenthetical_cue", ["Sales rose", "costs fell"], "the agency"
    )



# "CLAUSE, said NAME." as the small model parses it: the cue a conjunct of the reported verb and the
# name its object, so the tree lends the cue the clause's own subject.
INVERTED_CUE_AS_CONJ = """
Acme     Acme     PROPN    3 nsubj
will     will     AUX      3 aux
expand   expand   VERB     0 root
its      its      PRON     5 nmod:poss
business business NOUN     3 obj
,        ,        PUNCT    7 punct
said     say      VERB/VBD 3 conj
chairman chairman NOUN     10 compound
Ann      Ann      PROPN    10 compound
Lee      Lee      PROPN    7 obj
.        .        PUNCT    3 punct
"""


def test_an_inverted_cue_speaks_for_the_name_after_it_not_for_the_clauses_subject():
    r = run("Acme will expand its business, said chairman Ann Lee.", INVERTED_CUE_AS_CONJ)
    (a,) = r.attributions
    assert (a.sieve, a.content_text) == ("reported_clause_before_cue", "Acme will expand its business")
    assert (a.speaker.mention.text, a.speaker.name, a.speaker.role) == ("chairman Ann Lee", "Ann Lee", "chairman")



# "..., said NAME, a ROLE.": the small model makes the name the cue's object and the role a ccomp,
# which read as what was said would make the speaker the content.
SPEAKER_AS_CONTENT = """
The       the       DET      2 det
plan      plan      NOUN     5 nsubj
was       be        AUX      5 cop
to        to        PART     5 mark
win       win       VERB     10 ccomp
the       the       DET      8 det
early     early     ADJ      8 amod
states    state     NOUN     5 obj
,         ,         PUNCT    10 punct
said      say       VERB/VBD 0 root
Mark      Mark      PROPN    10 obj
Lee       Lee       PROPN    11 flat
,         ,         PUNCT    16 punct
a         a         DET      16 det
political political ADJ      16 amod
scientist scientist NOUN     10 ccomp
at        at        ADP      18 case
Rice      Rice      PROPN    16 nmod
.         .         PUNCT    10 punct
"""


def test_the_name_and_role_after_an_inverted_cue_are_who_spoke_not_what_was_said():
    r = run("The plan was to win the early states, said Mark Lee, a political scientist at Rice.", SPEAKER_AS_CONTENT)
    (a,) = r.attributions
    assert (a.sieve, a.content_text) == ("reported_clause_before_cue", "The plan was to win the early states")
    assert (a.speaker.mention.text, a.speaker.name, a.speaker.role) == ("Mark Lee", "Mark Lee", "political scientist at Rice")


def test_a_relative_clause_describing_the_speaker_after_an_inverted_cue_is_not_what_was_said():
    text = "The fund is short, said governor Ed Ross, who chairs the committee."
    r = run(
        text,
        """
        The       the       DET      2 det
        fund      fund      NOUN     4 nsubj
        is        be        AUX      4 cop
        short     short     ADJ      0 root
        ,         ,         PUNCT    6 punct
        said      say       VERB/VBD 4 parataxis
        governor  governor  NOUN     6 obj
        Ed        Ed        PROPN    7 appos
        Ross      Ross      PROPN    8 flat
        ,         ,         PUNCT    12 punct
        who       who       PRON     12 nsubj
        chairs    chair     VERB     6 ccomp
        the       the       DET      14 det
        committee committee NOUN     12 obj
        .         .         PUNCT    6 punct
        """,
    )
    (a,) = r.attributions
    assert (a.sieve, a.content_text) == ("reported_clause_before_cue", "The fund is short")
    assert (a.speaker.mention.text, a.speaker.name) == ("governor Ed Ross", "Ed Ross")
    assert "governor" in r.speakers[0].roles


def test_how_something_was_said_is_no_part_of_the_speaker_after_an_inverted_cue():
    r = run(
        "The talks failed, said the company in a statement.",
        """
        The       the       DET      2 det
        talks     talk      NOUN     3 nsubj
        failed    fail      VERB     5 ccomp
        ,         ,         PUNCT    5 punct
        said      say       VERB/VBD 0 root
        the       the       DET      7 det
        company   company   NOUN     5 obj
        in        in        ADP      10 case
        a         a         DET      10 det
        statement statement NOUN     7 nmod
        .         .         PUNCT    5 punct
        """,
    )
    (a,) = r.attributions
    assert (a.content_text, a.speaker.mention.text, a.speaker.role) == ("The talks failed", "the company", "company")


def test_whom_a_speaker_told_after_the_clause_is_not_the_speaker():
    text = "The plan will work, Ann Lee, who ran the firm, told CBS."
    r = run(
        text,
        """
        The   the   DET      2 det
        plan  plan  NOUN     4 nsubj
        will  will  AUX      4 aux
        work  work  VERB     0 root
        ,     ,     PUNCT    7 punct
        Ann   Ann   PROPN    7 compound
        Lee   Lee   PROPN    4 dislocated
        ,     ,     PUNCT    10 punct
        who   who   PRON     10 nsubj
        ran   run   VERB     7 acl:relcl
        the   the   DET      12 det
        firm  firm  NOUN     10 obj
        ,     ,     PUNCT    14 punct
        told  tell  VERB/VBD 4 conj
        CBS   CBS   PROPN    14 obj
        .     .     PUNCT    4 punct
        """,
    )
    assert r.attributions and all(a.speaker is None or a.speaker.mention.text != "CBS" for a in r.attributions)


def test_a_participle_opening_the_speakers_name_after_an_inverted_cue():
    text = '"We disagree," said retired Gen. Ann Lee.'
    r = run(
        text,
        """
        "        "        PUNCT    3 punct
        We       we       PRON     3 nsubj
        disagree disagree VERB     0 root
        ,        ,        PUNCT    3 punct
        "        "        PUNCT    3 punct
        said     say      VERB/VBD 3 conj
        retired  retire   VERB/VBN 6 xcomp
        Gen.     Gen.     PROPN    10 compound
        Ann      Ann      PROPN    10 compound
        Lee      Lee      PROPN    6 obj
        .        .        PUNCT    3 punct
        """,
    )
    (a,) = r.attributions
    assert (a.speaker.mention.text, a.speaker.name) == ("retired Gen. Ann Lee", "Ann Lee")
    assert a.speaker.role.startswith("retired")


def test_a_participle_with_a_that_clause_after_a_quoted_phrase_reports_its_clause_not_the_phrase():
    text = 'Smith called the plan "a mistake," adding that they would fight it.'
    r = run(
        text,
        """
        Smith    Smith    PROPN    2 nsubj
        called   call     VERB/VBD 0 root
        the      the      DET      4 det
        plan     plan     NOUN     2 obj
        "        "        PUNCT    7 punct
        a        a        DET      7 det
        mistake  mistake  NOUN     2 obl
        ,        ,        PUNCT    10 punct
        "        "        PUNCT    10 punct
        adding   add      VERB/VBG 2 conj
        that     that     SCONJ    14 mark
        they     they     PRON     14 nsubj
        would    would    AUX      14 aux
        fight    fight    VERB     10 ccomp
        it       it       PRON     14 obj
        .        .        PUNCT    2 punct
        """,
    )
    by_cue = {a.cue.text: a for a in r.attributions}
    assert by_cue["adding"].content_text == "they would fight it"
    assert "Smith" not in by_cue["adding"].content_text


def test_a_time_phrase_the_parser_hung_on_the_reported_clause_stays_with_the_cue():
    text = "Ongpin told reporters on Saturday it was expected to rise."
    r = run(
        text,
        """
        Ongpin    Ongpin    PROPN    2 nsubj
        told      tell      VERB/VBD 0 root
        reporters reporter  NOUN     2 obj
        on        on        ADP      5 case
        Saturday  Saturday  PROPN    8 obl
        it        it        PRON     8 nsubj:pass
        was       be        AUX      8 aux:pass
        expected  expect    VERB/VBN 2 ccomp
        to        to        PART     10 mark
        rise      rise      VERB     8 xcomp
        .         .         PUNCT    2 punct
        """,
    )
    (a,) = r.attributions
    assert (a.cue.text, a.content_text) == ("told", "it was expected to rise")


def test_a_report_a_weak_parse_hung_inside_an_infinitive_content_reports_on_its_own():
    text = "A letter urging the board to act said the schools were failing."
    r = run(
        text,
        """
        A        a        DET      2 det
        letter   letter   NOUN     3 nsubj
        urging   urge     VERB/VBG 0 root
        the      the      DET      5 det
        board    board    NOUN     3 obj
        to       to       PART     7 mark
        act      act      VERB/VB  3 advcl
        said     say      VERB/VBN 7 xcomp
        the      the      DET      10 det
        schools  school   NOUN     12 nsubj
        were     be       AUX      12 aux
        failing  fail     VERB/VBG 8 ccomp
        .        .        PUNCT    3 punct
        """,
    )
    by_cue = {a.cue.text: a for a in r.attributions}
    # the board is whom the letter urges (an addressee), so what it urges is the infinitive
    assert by_cue["urging"].content_text == "to act"
    assert (by_cue["said"].content_text, by_cue["said"].speaker.mention.text) == ("the schools were failing", "A letter")


def test_the_whole_speaker_phrase_after_an_inverted_cue_not_the_one_word_the_tree_made_its_subject():
    text = '"We lost," said former Sen. and party elder Paul Lee.'
    r = run(
        text,
        """
        "       "       PUNCT    3 punct
        We      we      PRON     3 nsubj
        lost    lose    VERB     6 ccomp
        ,       ,       PUNCT    3 punct
        "       "       PUNCT    3 punct
        said    say     VERB/VBD 0 root
        former  former  ADJ      8 amod
        Sen.    Sen.    PROPN    6 nsubj
        and     and     CCONJ    11 cc
        party   party   NOUN     11 compound
        elder   elder   NOUN     8 conj
        Paul    Paul    PROPN    11 flat
        Lee     Lee     PROPN    12 flat
        .       .       PUNCT    6 punct
        """,
    )
    (a,) = r.attributions
    assert (a.speaker.mention.text, a.speaker.name) == ("former Sen. and party elder Paul Lee", "Paul Lee")


def test_a_role_ends_before_and_with_an_adjective_that_opens_another_clause():
    text = "Ann Lee, who was the chief physician and later retired, said the leg was swollen."
    r = run(
        text,
        """
        Ann       Ann       PROPN    2 compound
        Lee       Lee       PROPN    13 nsubj
        ,         ,         PUNCT    8 punct
        who       who       PRON     8 nsubj
        was       be        AUX      8 cop
        the       the       DET      8 det
        chief     chief     ADJ      8 amod
        physician physician NOUN     2 acl:relcl
        and       and       CCONJ    11 cc
        later     later     ADJ      11 advmod
        retired   retire    VERB     8 conj
        ,         ,         PUNCT    13 punct
        said      say       VERB/VBD 0 root
        the       the       DET      15 det
        leg       leg       NOUN     17 nsubj
        was       be        AUX      17 cop
        swollen   swollen   ADJ      13 ccomp
        .         .         PUNCT    13 punct
        """,
    )
    (a,) = r.attributions
    assert (a.speaker.name, a.speaker.role) == ("Ann Lee", "chief physician")
    assert all("later" not in role for s in r.speakers for role in s.roles)


def test_a_noun_a_tagger_made_a_verb_inside_the_speaker_phrase_keeps_the_quote_and_the_name():
    text = '"We lost," IMF chief economist Paul Lee said.'
    r = run(
        text,
        """
        "         "         PUNCT    3 punct
        We        we        PRON     3 nsubj
        lost      lose      VERB     7 ccomp
        ,         ,         PUNCT    3 punct
        "         "         PUNCT    3 punct
        IMF       IMF       PROPN    7 nsubj
        chief     chief     VERB/VBD 0 root
        economist economist PROPN    7 obj
        Paul      Paul      PROPN    8 flat
        Lee       Lee       PROPN    9 flat
        said      say       VERB/VBD 7 ccomp
        .         .         PUNCT    11 punct
        """,
    )
    (a,) = r.attributions
    assert (a.sieve, a.cue.text) == ("quote_with_adjacent_cue", "said")
    assert (a.speaker.mention.text, a.speaker.name, a.speaker.kind) == ("IMF chief economist Paul Lee", "Paul Lee", "person")


SAID_THE_PLAN_WOULD_FAIL = """
Lee   Lee   PROPN    2 nsubj
said  say   VERB/VBD 0 root
the   the   DET      4 det
plan  plan  NOUN     6 nsubj
would would AUX      6 aux
fail  fail  VERB     2 ccomp
.     .     PUNCT    2 punct
"""


@pytest.mark.parametrize(
    "opening, role",
    [("Ann Lee is the party's treasurer.", "party's treasurer"), ("If the candidate is Ann Lee, we lose.", "candidate")],
)
def test_a_copula_role_is_read_by_word_order_in_a_sentence_selective_parsing_left_without_a_tree(opening, role):
    # the first sentence has no cue, so the service does not parse it: every word a bare "dep"
    text = opening + " Lee said the plan would fail."
    words = opening.replace(".", " .").replace(",", " ,").replace("'s", " 's").split()
    tags = {"is": "AUX", "the": "DET", "If": "SCONJ", "we": "PRON", "lose": "VERB", "'s": "PART", ".": "PUNCT", ",": "PUNCT"}
    untreed = "\n".join(f"{w} {w} {tags.get(w, 'PROPN' if w[0].isupper() else 'NOUN')} 0 dep" for w in words)
    r = run(text, untreed, SAID_THE_PLAN_WOULD_FAIL)
    (a,) = r.attributions
    assert (a.speaker.name, a.speaker.role) == ("Ann Lee", role)


def test_a_name_after_a_preposition_is_no_subject_a_pronoun_could_mean():
    text = "In a long speech to voters in Fort Pierce, Ann Lee laid out her plans. She wants to triple the program."
    untreed = """
    In      in      ADP   0 dep
    a       a       DET   0 dep
    long    long    ADJ   0 dep
    speech  speech  NOUN  0 dep
    to      to      ADP   0 dep
    voters  voter   NOUN  0 dep
    in      in      ADP   0 dep
    Fort    Fort    PROPN 0 dep
    Pierce  Pierce  PROPN 0 dep
    ,       ,       PUNCT 0 dep
    Ann     Ann     PROPN 0 dep
    Lee     Lee     PROPN 0 dep
    laid    lay     VERB  0 dep
    out     out     ADP   0 dep
    her     her     PRON  0 dep
    plans   plan    NOUN  0 dep
    .       .       PUNCT 0 dep
    """
    tree = """
    She     she     PRON     2 nsubj
    wants   want    VERB/VBZ 0 root
    to      to      PART     4 mark
    triple  triple  VERB     2 xcomp
    the     the     DET      6 det
    program program NOUN     4 obj
    .       .       PUNCT    2 punct
    """
    (a,) = run(text, untreed, tree).attributions
    assert (a.speaker.mention.text, a.speaker.name) == ("She", "Ann Lee")


def test_a_subject_split_by_the_parser_stays_whole_in_the_content():
    # a weak tree makes "majority" the cue's object and "creditors" the clause's subject
    text = "Lee said a majority of creditors are unwilling."
    (a,) = run(
        text,
        """
        Lee       Lee       PROPN 2 nsubj
        said      say       VERB  0 root
        a         a         DET   4 det
        majority  majority  NOUN  2 obj
        of        of        ADP   6 case
        creditors creditor  NOUN  8 nsubj
        are       be        AUX   8 cop
        unwilling unwilling ADJ   2 ccomp
        .         .         PUNCT 2 punct
        """,
    ).attributions
    assert (a.content[0].text, a.speaker.name) == ("a majority of creditors are unwilling", "Lee")


def test_an_adjunct_set_off_before_a_quoted_sentence_is_not_what_was_said():
    # the adjunct holds a verb, so the quotation is no cue's neighbour: the cue's clause sieve reads it
    text = 'Lee said in a statement after the council adjourned, "We lost."'
    (a,) = run(
        text,
        """
        Lee       Lee       PROPN 2 nsubj
        said      say       VERB  0 root
        in        in        ADP   5 case
        a         a         DET   5 det
        statement statement NOUN  2 obl
        after     after     ADP   8 case
        the       the       DET   8 det
        council   council   NOUN  5 nmod
        adjourned adjourn   VERB  5 acl
        ,         ,         PUNCT 13 punct
        "         "         PUNCT 13 punct
        We        we        PRON  13 nsubj
        lost      lose      VERB  2 conj
        .         .         PUNCT 13 punct
        "         "         PUNCT 13 punct
        """,
    ).attributions
    assert (a.content[0].text, a.speaker.name) == ('"We lost."', "Lee")


FRONTED_IF = """
He       he       PRON  2 nsubj
said     say      VERB  0 root
if       if       SCONJ 5 mark
talks    talk     NOUN  5 nsubj
fail     fail     VERB  2 ccomp
,        ,        PUNCT 9 punct
prices   price    NOUN  9 nsubj
will     will     AUX   9 aux
rise     rise     VERB  2 ccomp
.        .        PUNCT 2 punct
"""


def test_a_fronted_if_clause_and_its_main_clause_are_one_content():
    # a weak tree hangs both clauses on the cue: what he said runs through the main clause
    (a,) = run("He said if talks fail, prices will rise.", FRONTED_IF).attributions
    assert a.content[0].text == "if talks fail, prices will rise"


def test_the_answer_after_an_asked_if_question_is_not_part_of_it():
    # the same weak tree under "Asked": the "if" clause is the question, not a condition
    tree = """
    Asked    ask      VERB  0 root
    if       if       SCONJ 4 mark
    talks    talk     NOUN  4 nsubj
    fail     fail     VERB  1 ccomp
    ,        ,        PUNCT 8 punct
    prices   price    NOUN  8 nsubj
    will     will     AUX   8 aux
    rise     rise     VERB  1 ccomp
    .        .        PUNCT 1 punct
    """
    r = run("Asked if talks fail, prices will rise.", tree)
    assert [a.content[0].text for a in r.attributions if a.cue.text == "Asked"] == ["if talks fail"]


SPLIT_CLAUSE = """
Lee    Lee    PROPN 2 nsubj
said   say    VERB  0 root
there  there  PRON  4 expl
was    be     VERB  2 ccomp
more   more   ADJ   6 amod
room   room   NOUN  2 obj
for    for    ADP   8 case
talks  talk   NOUN  6 nmod
.      .      PUNCT 2 punct
"""


@pytest.mark.parametrize(
    "tree",
    [SPLIT_CLAUSE, SPLIT_CLAUSE.replace("room   room   NOUN  2 obj", "room   room   NOUN  4 nsubj")],
    ids=["rest-hung-on-the-cue", "clean-tree"],
)
def test_words_the_parser_hung_on_the_cue_right_after_its_clause_finish_it(tree):
    # "said there was | more room ...": the clause must not stop where the tree split it
    (a,) = run("Lee said there was more room for talks.", tree).attributions
    assert a.content[0].text == "there was more room for talks"


def test_a_new_clause_after_and_is_not_swallowed_by_the_reported_one():
    text = "Lee said it failed and left."
    (a,) = run(
        text,
        """
        Lee    Lee    PROPN 2 nsubj
        said   say    VERB  0 root
        it     it     PRON  4 nsubj
        failed fail   VERB  2 ccomp
        and    and    CCONJ 6 cc
        left   leave  VERB  2 conj
        .      .      PUNCT 2 punct
        """,
    ).attributions
    assert a.content[0].text == "it failed"


def test_according_to_inside_an_inverted_sentence_keeps_its_verb_and_subject():
    text = "At the heart of the dispute, according to officials, was a row over money."
    (a,) = run(
        text,
        """
        At        at        ADP   3 case
        the       the       DET   3 det
        heart     heart     NOUN  12 obl
        of        of        ADP   6 case
        the       the       DET   6 det
        dispute   dispute   NOUN  3 nmod
        ,         ,         PUNCT 3 punct
        according accord    VERB  10 case
        to        to        ADP   10 case
        officials official  NOUN  12 obl
        ,         ,         PUNCT 12 punct
        was       be        AUX/VBD 0 root
        a         a         DET   14 det
        row       row       NOUN  12 nsubj
        over      over      ADP   16 case
        money     money     NOUN  14 nmod
        .         .         PUNCT 12 punct
        """,
    ).attributions
    assert [f.text for f in a.content] == ["At the heart of the dispute", "was a row over money"]
    assert a.speaker.mention.text == "officials"


def test_a_poll_shows_a_small_clause_object():
    # "show" reports a finding in a noun phrase and what it is doing, not only in a clause
    text = "A new poll shows Clinton leading Trump."
    (a,) = run(
        text,
        """
        A       a       DET   3 det
        new     new     ADJ   3 amod
        poll    poll    NOUN  4 nsubj
        shows   show    VERB  0 root
        Clinton Clinton PROPN 4 obj
        leading lead    VERB/VBG 4 xcomp
        Trump   Trump   PROPN 6 obj
        .       .       PUNCT 4 punct
        """,
    ).attributions
    assert (a.cue.text, a.content[0].text, a.speaker.mention.text) == ("shows", "Clinton leading Trump", "A new poll")


def test_a_columnists_name_labels_a_headline_though_the_column_never_repeats_it():
    text = "Jane Holloway: Flowers Skips Debate\nMr. Pence spoke on Monday."
    r = run(text, _headline("Jane Holloway", "Flowers Skips Debate"), HEADLINE_BODY)
    (a,) = [a for a in r.attributions if a.sieve == "headline_label"]
    assert a.speaker.mention.text == "Jane Holloway"


def test_the_writers_words_finishing_a_quotes_sentence_belong_to_its_content():
    text = 'Lee said, "we teach nothing" against it at the meetings.'
    (a,) = run(
        text,
        """
        Lee      Lee      PROPN 2 nsubj
        said     say      VERB  0 root
        ,        ,        PUNCT 2 punct
        "        "        PUNCT 6 punct
        we       we       PRON  6 nsubj
        teach    teach    VERB  2 ccomp
        nothing  nothing  PRON  6 obj
        "        "        PUNCT 6 punct
        against  against  ADP   10 case
        it       it       PRON  6 obl
        at       at       ADP   13 case
        the      the      DET   13 det
        meetings meeting  NOUN  6 obl
        .        .        PUNCT 2 punct
        """,
    ).attributions
    assert (a.content[0].text, a.type) == ('"we teach nothing" against it at the meetings', "mixed")


def test_a_proposal_is_reported_in_its_noun_phrase():
    text = "The senator proposed a tax on carbon."
    (a,) = run(
        text,
        """
        The      the      DET   2 det
        senator  senator  NOUN  3 nsubj
        proposed propose  VERB  0 root
        a        a        DET   5 det
        tax      tax      NOUN  3 obj
        on       on       ADP   7 case
        carbon   carbon   NOUN  5 nmod
        .        .        PUNCT 3 punct
        """,
    ).attributions
    assert (a.cue.text, a.content[0].text, a.speaker.mention.text) == ("proposed", "a tax on carbon", "The senator")


def test_an_accusation_is_reported_in_its_object_and_what_it_charges():
    text = "Lee accused the mayor of lying."
    (a,) = run(
        text,
        """
        Lee     Lee     PROPN 2 nsubj
        accused accuse  VERB  0 root
        the     the     DET   4 det
        mayor   mayor   NOUN  2 obj
        of      of      SCONJ 6 mark
        lying   lie     VERB/VBG 2 advcl
        .       .       PUNCT 2 punct
        """,
    ).attributions
    assert (a.cue.text, a.content[0].text, a.speaker.name) == ("accused", "the mayor of lying", "Lee")


def test_a_defence_is_reported_in_what_was_defended():
    text = "Lee defended the decision to close the plant."
    (a,) = run(
        text,
        """
        Lee      Lee      PROPN 2 nsubj
        defended defend   VERB  0 root
        the      the      DET   4 det
        decision decision NOUN  2 obj
        to       to       PART  6 mark
        close    close    VERB  4 acl
        the      the      DET   8 det
        plant    plant    NOUN  6 obj
        .        .        PUNCT 2 punct
        """,
    ).attributions
    assert (a.cue.text, a.content[0].text) == ("defended", "the decision to close the plant")


def test_a_sentence_opening_with_in_a_poll_reports_its_finding():
    # selective parsing leaves a sentence with no cue verb untreed: word order alone
    text = "In a new poll released Monday, most voters backed the plan."
    rows = "\n".join(f"{w} {w.lower()} {u} 0 dep" for w, u in zip(
        ["In", "a", "new", "poll", "released", "Monday", ",", "most", "voters", "backed", "the", "plan", "."],
        ["ADP", "DET", "ADJ", "NOUN", "VERB", "PROPN", "PUNCT", "ADJ", "NOUN", "VERB", "DET", "NOUN", "PUNCT"],
    ))
    (a,) = run(text, rows).attributions
    assert (a.sieve, a.cue.text, a.content[0].text, a.speaker.mention.text) == (
        "in_document", "In", "most voters backed the plan", "a new poll"
    )
    assert a.speaker.kind == "document"


def test_a_second_that_clause_after_and_is_the_same_report():
    # the tree hangs "and that talks would resume" on the cue, not on the first clause
    text = "Lee said the plan failed and that talks would resume."
    (a,) = run(
        text,
        """
        Lee    Lee    PROPN 2 nsubj
        said   say    VERB  0 root
        the    the    DET   4 det
        plan   plan   NOUN  5 nsubj
        failed fail   VERB  2 ccomp
        and    and    CCONJ 10 cc
        that   that   SCONJ 10 mark
        talks  talk   NOUN  10 nsubj
        would  would  AUX   10 aux
        resume resume VERB  2 conj
        .      .      PUNCT 2 punct
        """,
    ).attributions
    assert a.content[0].text == "the plan failed and that talks would resume"


def test_a_closing_according_to_reads_its_source_whatever_the_tagger_made_of_it():
    # the small model's tags: the role noun a verb, the name its object
    r = run(
        "The hall opened its doors to 40 events, according to spokesman Todd Mesek.",
        """
        The        the        DET      2 det
        hall       hall       NOUN     3 nsubj
        opened     open       VERB     0 root
        its        its        PRON     5 nmod:poss
        doors      door       NOUN     3 obj
        to         to         ADP      8 case
        40         40         NUM      8 nummod
        events     event      NOUN     5 nmod
        ,          ,          PUNCT    12 punct
        according  accord     VERB     12 case
        to         to         ADP      12 case
        spokesman  spokesman  VERB/VB  3 advcl
        Todd       Todd       PROPN    12 obj
        Mesek      Mesek      PROPN    13 flat
        .          .          PUNCT    3 punct
        """,
    )
    (a,) = r.attributions
    assert (a.sieve, a.content_text) == ("according_to", "The hall opened its doors to 40 events")
    assert (a.speaker.mention.text, a.speaker.name, a.speaker.role) == ("spokesman Todd Mesek", "Todd Mesek", "spokesman")


def test_a_closing_according_to_keeps_the_sources_own_relative_clause():
    r = run(
        "The plan would cost $2 billion, according to the document he released.",
        """
        The       the       DET      2 det
        plan      plan      NOUN     4 nsubj
        would     would     AUX      4 aux
        cost      cost      VERB     0 root
        $         $         SYM      4 obj
        2         2         NUM      7 nummod
        billion   billion   NUM      5 nummod
        ,         ,         PUNCT    12 punct
        according accord    VERB     12 case
        to        to        ADP      12 case
        the       the       DET      12 det
        document  document  NOUN     4 obl
        he        he        PRON     14 nsubj
        released  release   VERB     12 acl:relcl
        .         .         PUNCT    4 punct
        """,
    )
    (a,) = r.attributions
    assert (a.content_text, a.speaker.mention.text, a.speaker.kind) == ("The plan would cost $2 billion", "the document he released", "document")


def test_and_a_new_subject_with_a_verb_of_saying_starts_a_second_report_inside_a_content():
    # the small model hangs the second "said" on the first content's verb
    r = run(
        "Most said the party does not care and one in four said it was hostile.",
        """
        Most    most    ADJ      2 nsubj
        said    say     VERB/VBD 0 root
        the     the     DET      4 det
        party   party   NOUN     7 nsubj
        does    do      AUX      7 aux
        not     not     PART     7 advmod
        care    care    VERB     2 ccomp
        and     and     CCONJ    12 cc
        one     one     NUM      12 nsubj
        in      in      ADP      11 case
        four    four    NUM      9 nmod
        said    say     VERB/VBD 7 conj
        it      it      PRON     15 nsubj
        was     be      AUX      15 cop
        hostile hostile ADJ      12 ccomp
        .       .       PUNCT    2 punct
        """,
    )
    assert [a.content_text for a in r.attributions] == ["the party does not care", "it was hostile"]
    assert [a.speaker.mention.text for a in r.attributions] == ["Most", "one in four"]


def test_a_participle_after_the_comma_closes_no_report_but_a_perfect_does():
    r = run(
        "Clinton won the primary in Ohio, adding to her run of victories.",
        """
        Clinton   Clinton   PROPN    2 nsubj
        won       win       VERB/VBD 0 root
        the       the       DET      4 det
        primary   primary   NOUN     2 obj
        in        in        ADP      6 case
        Ohio      Ohio      PROPN    4 nmod
        ,         ,         PUNCT    8 punct
        adding    add       VERB/VBG 2 conj
        to        to        ADP      11 case
        her       her       PRON     11 nmod:poss
        run       run       NOUN     8 obl
        of        of        ADP      13 case
        victories victory   NOUN     11 nmod
        .         .         PUNCT    2 punct
        """,
    )
    assert not r.attributions  # what she added to is no report of hers
    r = run(
        "The city is divided by race, other studies have found.",
        """
        The     the     DET      2 det
        city    city    NOUN     4 nsubj:pass
        is      be      AUX      4 aux:pass
        divided divide  VERB/VBN 0 root
        by      by      ADP      6 case
        race    race    NOUN     4 obl
        ,       ,       PUNCT    11 punct
        other   other   ADJ      9 amod
        studies study   NOUN     11 nsubj
        have    have    AUX      11 aux
        found   find    VERB/VBN 4 conj
        .       .       PUNCT    4 punct
        """,
    )
    (a,) = r.attributions
    assert (a.sieve, a.content_text, a.speaker.mention.text) == ("reported_clause_before_cue", "The city is divided by race", "other studies")


def test_a_subject_set_off_by_commas_before_the_cue_is_no_reported_clause():
    # the small tagger reads "beat" as a noun: nothing after the cue looks like a clause, yet the
    # words before the comma hold no verb, so they are who spoke
    r = run(
        "A spokesman for the firm, John Roe, said the results beat forecasts.",
        """
        A         a         DET      2 det
        spokesman spokesman NOUN     10 nsubj
        for       for       ADP      5 case
        the       the       DET      5 det
        firm      firm      NOUN     2 nmod
        ,         ,         PUNCT    7 punct
        John      John      PROPN    10 nsubj
        Roe       Roe       PROPN    7 flat
        ,         ,         PUNCT    7 punct
        said      say       VERB/VBD 0 root
        the       the       DET      14 det
        results   result    NOUN     14 compound
        beat      beat      NOUN     14 compound
        forecasts forecast  NOUN     10 ccomp
        .         .         PUNCT    10 punct
        """,
    )
    (a,) = r.attributions
    assert (a.content_text, a.speaker.name, a.speaker.role) == ("the results beat forecasts", "John Roe", "spokesman for the firm")


def test_a_participle_after_the_main_clause_speaks_for_its_subject_whatever_the_tree():
    # the small model makes "saying" the root and "disagreed" a participle hung on it
    r = run(
        "Her deputy, Tom Reid, disagreed, saying the plan was too ambitious.",
        """
        Her       her       PRON/PRP$ 2 nmod:poss
        deputy    deputy    NOUN      14 nsubj
        ,         ,         PUNCT     4 punct
        Tom       Tom       PROPN     2 appos
        Reid      Reid      PROPN     2 conj
        ,         ,         PUNCT     5 punct
        disagreed disagree  VERB/VBN  9 ccomp
        ,         ,         PUNCT     9 punct
        saying    say       VERB/VBG  0 root
        the       the       DET       11 det
        plan      plan      NOUN      14 nsubj
        was       be        AUX       14 cop
        too       too       ADV       14 advmod
        ambitious ambitious ADJ       9 ccomp
        .         .         PUNCT     9 punct
        """,
    )
    (a,) = r.attributions
    assert (a.content_text, a.speaker.name, a.speaker.role) == ("the plan was too ambitious", "Tom Reid", "deputy")


def test_a_clause_of_its_own_after_an_opening_according_to_is_no_cue_clause():
    r = run(
        "According to the budget office, the plan would add $1 trillion to the deficit.",
        """
        According accord  VERB     5 case
        to        to      ADP      5 case
        the       the     DET      5 det
        budget    budget  NOUN     5 compound
        office    office  NOUN     10 obl
        ,         ,       PUNCT    5 punct
        the       the     DET      8 det
        plan      plan    NOUN     10 nsubj
        would     would   AUX/MD   10 aux
        add       add     VERB/VB  0 root
        $         $       SYM      10 obj
        1         1       NUM      13 compound
        trillion  trillion NUM     11 nummod
        to        to      ADP      16 case
        the       the     DET      16 det
        deficit   deficit NOUN     11 nmod
        .         .       PUNCT    10 punct
        """,
    )
    (a,) = r.attributions  # not also "According to the budget office" as what the plan added
    assert (a.sieve, a.content_text, a.speaker.mention.text) == (
        "according_to",
        "the plan would add $1 trillion to the deficit",
        "the budget office",
    )


def test_that_after_a_setting_opens_the_reported_clause_whatever_the_tagger_made_of_it():
    # the small model: "that" a pronoun subject, the clause a conjunct of the cue
    r = run(
        "The governor wrote on Twitter that help was on the way.",
        """
        The      the      DET      2 det
        governor governor NOUN     3 nsubj
        wrote    write    VERB/VBD 0 root
        on       on       ADP      5 case
        Twitter  Twitter  PROPN    3 obl
        that     that     PRON     11 nsubj
        help     help     NOUN     11 nsubj
        was      be       AUX      11 cop
        on       on       ADP      11 case
        the      the      DET      11 det
        way      way      NOUN     3 conj
        .        .        PUNCT    3 punct
        """,
    )
    (a,) = r.attributions
    assert (a.content_text, a.speaker.mention.text) == ("help was on the way", "The governor")


AS_REPORTED = """
As       as       SCONJ    4 mark
the      the      DET      3 det
Times    Times    PROPN    4 nsubj
reported report   VERB/VBD 10 advcl
last     last     ADJ      6 amod
week     week     NOUN     4 obl:tmod
,        ,        PUNCT    4 punct
the      the      DET      9 det
company  company  NOUN     10 nsubj
broke    break    VERB/VBD 0 root
the      the      DET      12 det
law      law      NOUN     10 obj
.        .        PUNCT    10 punct
"""


def test_an_as_clause_of_a_verb_of_speech_names_the_source_of_the_sentence_around_it():
    r = run("As the Times reported last week, the company broke the law.", AS_REPORTED)
    (a,) = r.attributions
    assert (a.sieve, a.content_text, a.cue.text, a.speaker.mention.text) == ("as_reported", "the company broke the law", "reported", "the Times")


def test_as_reported_by_closing_the_sentence():
    r = run(
        "The company broke the law, as reported by the Times.",
        """
        The      the      DET      2 det
        company  company  NOUN     3 nsubj
        broke    break    VERB/VBD 0 root
        the      the      DET      5 det
        law      law      NOUN     3 obj
        ,        ,        PUNCT    8 punct
        as       as       SCONJ    8 mark
        reported report   VERB/VBN 3 advcl
        by       by       ADP      11 case
        the      the      DET      11 det
        Times    Times    PROPN    8 obl
        .        .        PUNCT    3 punct
        """,
    )
    (a,) = r.attributions
    assert (a.sieve, a.content_text, a.speaker.mention.text) == ("as_reported", "The company broke the law", "the Times")


def test_an_opener_with_no_verb_before_according_to_goes_on_after_it():
    r = run(
        "Just a few weeks ago, according to the paper, the two men met in secret.",
        """
        Just      just      ADV      4 advmod
        a         a         DET      4 det
        few       few       ADJ      4 amod
        weeks     week      NOUN     5 obl:npmod
        ago       ago       ADV      15 advmod
        ,         ,         PUNCT    5 punct
        according accord    VERB     10 case
        to        to        ADP      10 case
        the       the       DET      10 det
        paper     paper     NOUN     15 obl
        ,         ,         PUNCT    10 punct
        the       the       DET      14 det
        two       two       NUM      14 nummod
        men       man       NOUN     15 nsubj
        met       meet      VERB/VBD 0 root
        in        in        ADP      17 case
        secret    secret    NOUN     15 obl
        .         .         PUNCT    15 punct
        """,
    )
    (a,) = r.attributions
    assert [s.text for s in a.content] == ["Just a few weeks ago", "the two men met in secret"]


def test_an_infinitive_of_saying_keeps_the_question_the_parser_hung_on_the_outer_verb():
    r = run(
        "He declined to say whether Acme would build more plants.",
        """
        He       he       PRON     2 nsubj
        declined decline  VERB/VBD 0 root
        to       to       PART     4 mark
        say      say      VERB/VB  2 xcomp
        whether  whether  SCONJ    8 mark
        Acme     Acme     PROPN    8 nsubj
        would    would    AUX/MD   8 aux
        build    build    VERB/VB  2 advcl
        more     more     ADJ      10 amod
        plants   plant    NOUN     8 obj
        .        .        PUNCT    2 punct
        """,
    )
    (a,) = r.attributions
    assert a.content_text == "to say whether Acme would build more plants"


def test_quoted_as_saying_speaks_for_the_subject_of_quoted():
    r = run(
        "Coach Ann Lopez was quoted as saying the team played without heart.",
        """
        Coach   Coach   PROPN    5 nsubj:pass
        Ann     Ann     PROPN    5 nsubj:pass
        Lopez   Lopez   PROPN    5 nsubj:pass
        was     be      AUX      5 aux:pass
        quoted  quote   VERB/VBN 0 root
        as      as      SCONJ    7 mark
        saying  say     VERB/VBG 5 advcl
        the     the     DET      9 det
        team    team    NOUN     7 obj
        played  play    VERB/VBN 7 xcomp
        without without ADP      12 case
        heart   heart   NOUN     10 obl
        .       .       PUNCT    5 punct
        """,
    )
    (a,) = r.attributions
    assert (a.content_text, a.speaker.name, a.speaker.role) == ("the team played without heart", "Ann Lopez", "Coach")


def test_a_paper_that_quotes_someone_as_saying_passes_the_words_to_them():
    r = run(
        "The paper cited a senior aide as saying the plan was dead.",
        """
        The    the    DET      2 det
        paper  paper  NOUN     3 nsubj
        cited  cite   VERB/VBD 0 root
        a      a      DET      6 det
        senior senior ADJ      6 amod
        aide   aide   NOUN     3 obj
        as     as     SCONJ    8 mark
        saying say    VERB/VBG 3 advcl
        the    the    DET      10 det
        plan   plan   NOUN     12 nsubj
        was    be     AUX      12 cop
        dead   dead   ADJ      8 ccomp
        .      .      PUNCT    3 punct
        """,
    )
    (a,) = r.attributions
    assert (a.cue.text, a.content_text, a.speaker.mention.text) == ("saying", "the plan was dead", "a senior aide")


def test_quoted_as_saying_finds_the_quoted_person_where_the_parser_lost_them():
    # the parser hangs "as saying" on the reported clause and makes its subject the cue's
    r = run(
        "State media quoted Deputy Minister Ivan Orlov as saying Moscow was ready.",
        """
        State    state    NOUN     2 compound
        media    media    NOUN     3 nsubj
        quoted   quote    VERB/VBD 0 root
        Deputy   Deputy   PROPN    5 compound
        Minister Minister PROPN    3 obj
        Ivan     Ivan     PROPN    5 flat
        Orlov    Orlov    PROPN    3 obj
        as       as       SCONJ    9 mark
        saying   say      VERB/VBG 12 advcl
        Moscow   Moscow   PROPN    12 nsubj
        was      be       AUX      12 cop
        ready    ready    ADJ      3 conj
        .        .        PUNCT    3 punct
        """,
    )
    (a,) = r.attributions
    assert (a.content_text, a.speaker.name, a.speaker.role) == ("Moscow was ready", "Ivan Orlov", "Deputy Minister")


def test_more_than_opens_the_reported_clause_the_parser_hung_it_on_the_cue():
    r = run(
        "It said more than 2,000 cases had been confirmed.",
        """
        It        it        PRON     2 nsubj
        said      say       VERB/VBD 0 root
        more      more      ADJ      2 advmod
        than      than      ADP      6 case
        2,000     2,000     NUM      6 nummod
        cases     case      NOUN     9 nsubj:pass
        had       have      AUX      9 aux
        been      be        AUX      9 aux:pass
        confirmed confirm   VERB/VBN 2 ccomp
        .         .         PUNCT    2 punct
        """,
    )
    (a,) = r.attributions
    assert a.content_text == "more than 2,000 cases had been confirmed"


def test_a_participle_of_saying_after_the_main_clause_reads_its_clause_and_subject_by_word_order():
    # the small model makes the reported verb the root and hangs the main clause on it
    r = run(
        "The ministry of health disputed the figures, saying only 800 cases had been recorded.",
        """
        The      the      DET      2 det
        ministry ministry NOUN     15 nsubj:pass
        of       of       ADP      4 case
        health   health   NOUN     2 nmod
        disputed dispute  VERB/VBD 15 advcl
        the      the      DET      7 det
        figures  figure   NOUN     5 obj
        ,        ,        PUNCT    9 punct
        saying   say      VERB/VBG 5 conj
        only     only     ADV      12 advmod
        800      800      NUM      12 nummod
        cases    case     NOUN     15 nsubj:pass
        had      have     AUX      15 aux
        been     be       AUX      15 aux:pass
        recorded record   VERB/VBN 0 root
        .        .        PUNCT    5 punct
        """,
    )
    said = next(a for a in r.attributions if a.cue.text == "saying")
    assert (said.content_text, said.speaker.mention.text) == ("only 800 cases had been recorded", "The ministry of health")


def test_a_cue_that_ends_the_text_reports_nothing_and_raises_nothing():
    r = run("They said", "They they PRON 2 nsubj\nsaid say VERB/VBD 0 root")
    assert r.attributions == ()


def test_the_setting_before_that_is_no_part_of_a_clause_with_a_quotation():
    r = run(
        'Acme said in a securities filing that it was "in talks with several parties."',
        """
        Acme       Acme       PROPN    2 nsubj
        said       say        VERB/VBD 0 root
        in         in         ADP      5 case
        a          a          DET      5 det
        securities security   NOUN     5 compound
        filing     file       VERB/VBG 2 advcl
        that       that       SCONJ    12 mark
        it         it         PRON     12 nsubj
        was        be         AUX      12 cop
        "          "          PUNCT    12 punct
        in         in         ADP      12 case
        talks      talk       NOUN     6 ccomp
        with       with       ADP      15 case
        several    several    ADJ      15 amod
        parties    party      NOUN     12 nmod
        .          .          PUNCT    12 punct
        "          "          PUNCT    12 punct
        """,
    )
    (a,) = r.attributions
    assert a.content_text == 'it was "in talks with several parties."'


def test_a_quotation_run_over_three_paragraphs_is_one_attribution():
    text = '"We will win," Smith said.\n\n"The polls are wrong and we know it."\n\n"The polls are wrong and we know it."'
    (a,) = run(text, CUE_AS_CONJ, FOLLOW_UP, FOLLOW_UP).attributions
    assert len(a.content) == 3 and a.speaker.name == "Smith"


def test_a_second_verb_of_saying_ends_the_reported_clause():
    # The small model hangs "predicted" on "rose" as a conjunct: it is the minister's next act.
    text = "The minister said exports rose and predicted the surplus would grow."
    r = run(
        text,
        """
        The       the       DET   2 det
        minister  minister  NOUN  3 nsubj
        said      say       VERB/VBD  0 root
        exports   export    NOUN  5 nsubj
        rose      rise      VERB/VBD  3 ccomp
        and       and       CCONJ 7 cc
        predicted predict   VERB/VBD  5 conj
        the       the       DET   9 det
        surplus   surplus   NOUN  11 nsubj
        would     would     AUX   11 aux
        grow      grow      VERB  7 ccomp
        .         .         PUNCT 3 punct
        """,
    )
    by_cue = {a.cue.text: (a.content_text, a.speaker.mention.text) for a in r.attributions}
    assert by_cue["said"] == ("exports rose", "The minister")
    assert by_cue.get("predicted") == ("the surplus would grow", "The minister")


def test_the_place_a_parser_made_the_subject_is_not_who_spoke():
    # a weak parse: "Texas" the subject, "Senator Ted Cruz" hung on it
    text = "Senator Ted Cruz of Texas said the plan would fail."
    (a,) = run(
        text,
        """
        Senator  Senator  PROPN 3 compound
        Ted      Ted      PROPN 3 compound
        Cruz     Cruz     PROPN 5 nmod
        of       of       ADP   5 case
        Texas    Texas    PROPN 6 nsubj
        said     say      VERB/VBD  0 root
        the      the      DET   8 det
        plan     plan     NOUN  10 nsubj
        would    would    AUX   10 aux
        fail     fail     VERB  6 ccomp
        .        .        PUNCT 6 punct
        """,
    ).attributions
    assert (a.speaker.name, a.speaker.kind) == ("Ted Cruz", "person")


def test_a_cue_that_ends_the_text_after_a_comma():
    # found by the property tests: a closing cue with nothing after it
    text = "Smith Smith Smith , said"
    r = run(
        text,
        """
        Smith  Smith  PROPN 5 nsubj
        Smith  Smith  PROPN 1 flat
        Smith  Smith  PROPN 1 flat
        ,      ,      PUNCT 5 punct
        said   say    VERB/VBD 0 root
        """,
    )
    assert all(a.content_text for a in r.attributions)


def test_a_participle_after_a_relative_clause_is_the_reported_clauses_verb():
    # the small model: "backed" a participle hung on "voted"; "percent" the cue's object
    text = "Barnes said 87 percent of those who voted backed the strike."
    (a,) = run(
        text,
        """
        Barnes   Barnes   PROPN 2 nsubj
        said     say      VERB/VBD 0 root
        87       87       NUM   4 nummod
        percent  percent  NOUN  2 obj
        of       of       ADP   6 case
        those    those    PRON  4 nmod
        who      who      PRON  8 nsubj
        voted    vote     VERB/VBD 6 acl:relcl
        backed   back     VERB/VBN 8 xcomp
        the      the      DET   11 det
        strike   strike   NOUN  9 obj
        .        .        PUNCT 2 punct
        """,
    ).attributions
    assert (a.cue.text, a.content_text, a.speaker.name) == ("said", "87 percent of those who voted backed the strike", "Barnes")


def test_the_name_that_ends_what_was_said_is_not_the_speaker_beside_it():
    text = "Rovers lost at home to Castlebury, the club said."
    (a,) = run(
        text,
        """
        Rovers      Rovers      PROPN 2 nsubj
        lost        lose        VERB/VBD 0 root
        at          at          ADP   4 case
        home        home        NOUN  2 obl
        to          to          ADP   6 case
        Castlebury  Castlebury  PROPN 4 nmod
        ,           ,           PUNCT 10 punct
        the         the         DET   9 det
        club        club        NOUN  10 nsubj
        said        say         VERB/VBD 2 conj
        .           .           PUNCT 2 punct
        """,
    ).attributions
    assert a.content_text == "Rovers lost at home to Castlebury"
    assert (a.speaker.mention.text, a.speaker.name) == ("the club", None)


DIPLOMAT_TOLD_REUTERS = """
The         the         DET         2   det
talks       talk        NOUN/NNS    5   nsubj:pass
will        will        AUX/MD      5   aux
be          be          AUX/VB      5   aux:pass
held        hold        VERB/VBN    0   root
in          in          ADP         7   case
Addis       Addis       PROPN/NNP   5   obl
Ababa       Ababa       PROPN/NNP   5   obl
,           ,           PUNCT       12  punct
a           a           DET         11  det
diplomat    diplomat    NOUN/NN     5   nsubj:pass
involved    involve     VERB/VBN    5   conj
in          in          ADP         15  case
the         the         DET         15  det
mediation   mediation   NOUN/NN     16  nsubj
told        tell        VERB/VBD    5   advcl
Reuters     Reuters     PROPN/NNPS  16  obj
,           ,           PUNCT       19  punct
speaking    speak       VERB/VBG    16  ccomp
on          on          ADP         21  case
condition   condition   NOUN/NN     19  obl
of          of          ADP         23  case
anonymity   anonymity   NOUN/NN     21  nmod
because     because     SCONJ/IN    28  mark
he          he          PRON        28  nsubj:pass
was         be          AUX/VBD     28  aux:pass
not         not         PART        28  advmod
authorised  authorised  VERB/VBN    19  advcl
to          to          PART        30  mark
speak       speak       VERB/VB     28  xcomp
.           .           PUNCT       5   punct
"""


def test_a_wire_source_speaking_on_condition_of_anonymity_reports_the_clause_before_it():
    # the small model's tree: "mediation" the subject of "told", "speaking ..." its content
    text = (
        "The talks will be held in Addis Ababa, a diplomat involved in the mediation told Reuters, "
        "speaking on condition of anonymity because he was not authorised to speak."
    )
    (a,) = run(text, DIPLOMAT_TOLD_REUTERS).attributions
    assert (a.cue.text, a.content_text) == ("told", "The talks will be held in Addis Ababa")
    assert (a.speaker.mention.text, a.speaker.name) == ("a diplomat involved in the mediation", None)


def test_a_closing_cue_clause_before_a_participle_reports_the_whole_sentence_before_it():
    text = "Rebel leaders have agreed to attend ceasefire talks next week, mediators said on Friday, raising hopes of an end to the fighting."
    (a,) = run(
        text,
        """
        Rebel      Rebel      PROPN/NNP  2   compound
        leaders    leader     NOUN/NNS   4   nsubj
        have       have       AUX/VBP    4   aux
        agreed     agree      VERB/VBN   0   root
        to         to         PART       6   mark
        attend     attend     VERB/VB    4   xcomp
        ceasefire  ceasefire  ADJ/JJ     8   amod
        talks      talk       NOUN/NNS   6   obj
        next       next       ADJ/JJ     10  amod
        week       week       NOUN/NN    6   obj
        ,          ,          PUNCT      13  punct
        mediators  mediators  NOUN/NNS   13  nsubj
        said       say        VERB/VBD   4   conj
        on         on         ADP        15  case
        Friday     Friday     PROPN/NNP  13  obl
        ,          ,          PUNCT      17  punct
        raising    raise      VERB/VBG   13  conj
        hopes      hope       NOUN/NNS   17  obj
        of         of         ADP        21  case
        an         a          DET        21  det
        end        end        NOUN/NN    17  obl
        to         to         ADP        24  case
        the        the        DET        24  det
        fighting   fighting   NOUN/NN    21  nmod
        .          .          PUNCT      4   punct
        """,
    ).attributions
    # the mediators' report, not "Rebel leaders" agreeing "to attend ceasefire talks"
    assert (a.cue.text, a.content_text) == ("said", "Rebel leaders have agreed to attend ceasefire talks next week")
    assert a.speaker.mention.text == "mediators"


def test_a_gerund_subject_after_the_cue_clause_is_the_rest_of_what_was_said():
    text = "Though the merger went smoothly, he said, replacing the chief executive would be much harder."
    (a,) = run(
        text,
        """
        Though     though     SCONJ/IN  4   mark
        the        the        DET       3   det
        merger     merger     NOUN/NN   4   nsubj
        went       go         VERB/VBD  8   advcl
        smoothly   smoothly   ADV/RB    4   advmod
        ,          ,          PUNCT     4   punct
        he         he         PRON      8   nsubj
        said       say        VERB/VBD  0   root
        ,          ,          PUNCT     10  punct
        replacing  replace    VERB/VBG  8   ccomp
        the        the        DET       13  det
        chief      chief      NOUN/NN   13  compound
        executive  executive  ADJ/JJ    17  nsubj
        would      would      AUX/MD    17  aux
        be         be         AUX/VB    17  cop
        much       much       ADJ/JJ    17  advmod
        harder     hard       ADJ/JJ    8   ccomp
        .          .          PUNCT     8   punct
        """,
    ).attributions
    assert [c.text for c in a.content] == ["Though the merger went smoothly", "replacing the chief executive would be much harder"]


def test_a_phrase_before_a_cue_with_an_object_is_no_reported_clause():
    text = "In court filings, the lawyer asked for a lighter sentence, calling the thefts an addiction."
    r = run(
        text,
        """
        In         in         ADP       3   case
        court      court      NOUN/NN   3   compound
        filings    filings    NOUN/NNS  7   obl
        ,          ,          PUNCT     3   punct
        the        the        DET       6   det
        lawyer     lawyer     NOUN/NN   7   nsubj
        asked      ask        VERB/VBD  0   root
        for        for        ADP       11  case
        a          a          DET       11  det
        lighter    light      ADJ/JJ    11  amod
        sentence   sentence   NOUN/NN   7   obl
        ,          ,          PUNCT     13  punct
        calling    call       VERB/VBG  7   advcl
        the        the        DET       15  det
        thefts     thefts     NOUN/NNS  13  obj
        an         a          DET       17  det
        addiction  addiction  NOUN/NN   13  obj
        .          .          PUNCT     7   punct
        """,
    )
    assert "In court filings" not in [a.content_text for a in r.attributions]


def test_a_reply_without_a_verb_before_a_bare_cue_clause_is_still_reported():
    text = "People like her, he said."
    (a,) = run(
        text,
        """
        People  people  NOUN/NNS  4  nsubj
        like    like    ADP       3  case
        her     she     PRON      1  nmod
        ,       ,       PUNCT     5  punct
        he      he      PRON      6  nsubj
        said    say     VERB/VBD  0  root
        .       .       PUNCT     6  punct
        """,
    ).attributions
    assert (a.content_text, a.speaker.mention.text) == ("People like her", "he")


def test_a_passive_cue_the_parser_hung_on_the_outer_cue_finishes_the_reported_clause():
    text = "Press secretary Dana Wells told reporters the president remained confident Reid would be confirmed."
    (a,) = run(
        text,
        """
        Press      press      NOUN/NN    2   compound
        secretary  secretary  NOUN/NN    5   nsubj
        Dana       Dana       PROPN/NNP  2   flat
        Wells      Wells      PROPN/NNP  3   flat
        told       tell       VERB/VBD   0   root
        reporters  reporter   NOUN/NNS   5   obj
        the        the        DET        8   det
        president  president  NOUN/NN    9   nsubj
        remained   remain     VERB/VBD   5   ccomp
        confident  confident  ADJ/JJ     11  amod
        Reid       Reid       PROPN/NNP  14  nsubj:pass
        would      would      AUX/MD     14  aux
        be         be         AUX/VB     14  aux:pass
        confirmed  confirm    VERB/VBN   5   ccomp
        .          .          PUNCT      5   punct
        """,
    ).attributions
    # "be confirmed" reports nothing of its own: the clause runs on through it
    assert a.content_text == "the president remained confident Reid would be confirmed"


def test_a_cue_clause_between_commas_reports_the_clause_before_it_not_only_the_one_after():
    # the small model hangs "accept" on "said": read alone, the cue reported only "since ..."
    text = "Skepticism on climate change has hurt the nominee with young voters, Graham said, since most of them accept the science."
    (a,) = run(
        text,
        """
        Skepticism  Skepticism  PROPN/NNP  6   nsubj
        on          on          ADP        4   case
        climate     climate     NOUN/NN    4   compound
        change      change      NOUN/NN    6   nsubj
        has         have        AUX/VBZ    6   aux
        hurt        hurt        VERB/VBG   0   root
        the         the         DET        8   det
        nominee     nominee     NOUN/NN    6   obj
        with        with        ADP        11  case
        young       young       ADJ/JJ     11  amod
        voters      voter       NOUN/NNS   8   nmod
        ,           ,           PUNCT      14  punct
        Graham      Graham      PROPN/NNP  14  nsubj
        said        say         VERB/VBD   6   conj
        ,           ,           PUNCT      20  punct
        since       since       ADP        17  case
        most        most        ADJ/JJS    20  nsubj
        of          of          ADP        19  case
        them        they        PRON       20  nsubj
        accept      accept      VERB/VB    14  ccomp
        the         the         DET        22  det
        science     science     NOUN/NN    20  obj
        .           .           PUNCT      6   punct
        """,
    ).attributions
    assert (a.cue.text, a.speaker.name) == ("said", "Graham")
    assert a.content[0].text == "Skepticism on climate change has hurt the nominee with young voters"


SECOND_PREDICATE_ON_THE_CUE = """
Moreno       Moreno       PROPN/NNP  2   nsubj
said         say          VERB/VBD   0   root
on           on           ADP        4   case
Tuesday      Tuesday      PROPN/NNP  2   obl
that         that         SCONJ/IN   9   mark
the          the          DET        8   det
lowest-paid  lowest-paid  ADJ/JJ     8   amod
nurses       nurse        NOUN/NNS   9   nsubj
earn         earn         VERB/VBP   2   ccomp
$            $            SYM/$      9   obj
14           14           NUM        10  nummod
an           a            DET        13  det
hour         hour         NOUN/NN    10  appos
in           in           ADP        16  case
rural        rural        ADJ/JJ     16  amod
areas        area         NOUN/NNS   13  nmod
and          and          CCONJ      18  cc
have         have         VERB/VBP   2   conj
contracts    contract     NOUN/NNS   18  obj
that         that         PRON       21  nsubj
end          end          VERB/VBP   18  advcl
in           in           ADP        23  case
June         June         PROPN/NNP  21  obl
.            .            PUNCT      2   punct
"""


def test_a_second_predicate_in_the_reported_clauses_tense_is_part_of_what_was_said():
    text = "Moreno said on Tuesday that the lowest-paid nurses earn $14 an hour in rural areas and have contracts that end in June."
    (a,) = run(text, SECOND_PREDICATE_ON_THE_CUE).attributions
    assert a.content_text == "the lowest-paid nurses earn $14 an hour in rural areas and have contracts that end in June"


def test_a_second_predicate_in_the_cues_tense_is_the_speakers_next_act():
    text = "Moreno said on Tuesday that the lowest-paid nurses earn $14 an hour in rural areas and left contracts that end in June."
    tree = SECOND_PREDICATE_ON_THE_CUE.replace("have         have         VERB/VBP", "left         leave        VERB/VBD")
    (a,) = run(text, tree).attributions
    assert a.content_text == "the lowest-paid nurses earn $14 an hour in rural areas"


def test_the_word_after_a_hyphen_inside_a_name_stays_in_it_whatever_its_tag():
    text = "The research firm Wealth-X said the number had doubled."
    tree = """
    The      the      DET   4 det
    research research NOUN  4 compound
    firm     firm     NOUN  4 compound
    Wealth   Wealth   PROPN 7 nsubj
    -        -        PUNCT 4 punct
    X        X        SYM   4 flat
    said     say      VERB  0 root
    the      the      DET   9 det
    number   number   NOUN  11 nsubj
    had      have     AUX   11 aux
    doubled  double   VERB  7 ccomp
    .        .        PUNCT 7 punct
    """
    (a,) = run(text, tree).attributions
    assert a.speaker.name == "Wealth-X"


UP_TO_AS_PARTICLE = """
Officials officials NOUN 2 nsubj
said      say       VERB 0 root
up        up        ADP  2 compound:prt
to        to        ADP  6 case
50        50        NUM  6 nummod
people    people    NOUN 2 obl
were      be        AUX  8 aux
missing   miss      VERB 2 ccomp
.         .         PUNCT 2 punct
"""
UP_TO_IN_THE_CLAUSE = UP_TO_AS_PARTICLE.replace("up        up        ADP  2 compound:prt", "up        up        ADP  2 advmod").replace(
    "people    people    NOUN 2 obl", "people    people    NOUN 8 nsubj"
)


@pytest.mark.parametrize("tree", [UP_TO_AS_PARTICLE, UP_TO_IN_THE_CLAUSE], ids=["particle-and-obl", "advmod"])
def test_up_to_a_number_opens_what_was_said_not_the_cue(tree):
    (a,) = run("Officials said up to 50 people were missing.", tree).attributions
    assert (a.cue.text, a.content_text) == ("said", "up to 50 people were missing")


def test_a_clause_the_parser_split_into_two_complements_is_reported_whole():
    text = 'Johnson said it was "the best outcome possible".'
    tree = """
    Johnson  Johnson  PROPN 2 nsubj
    said     say      VERB  0 root
    it       it       PRON  9 nsubj
    was      be       AUX   9 cop
    "        "        PUNCT 9 punct
    the      the      DET   8 det
    best     good     ADJ   8 amod
    outcome  outcome  NOUN  2 ccomp
    possible possible ADJ   2 ccomp
    "        "        PUNCT 9 punct
    .        .        PUNCT 2 punct
    """
    (a,) = run(text, tree).attributions
    assert (a.type, a.content_text) == ("mixed", 'it was "the best outcome possible"')


def test_the_first_of_two_subjects_the_parser_made_the_cues_object_opens_what_was_said():
    text = "Georgieva said high debt and slow growth were holding economies back."
    tree = """
    Georgieva Georgieva PROPN 2 nsubj
    said      say       VERB  0 root
    high      high      ADJ   4 amod
    debt      debt      NOUN  2 obj
    and       and       CCONJ 7 cc
    slow      slow      ADJ   7 amod
    growth    growth    NOUN  9 nsubj
    were      be        AUX   9 aux
    holding   hold      VERB  2 ccomp
    economies economy   NOUN  9 obj
    back      back      ADV   9 advmod
    .         .         PUNCT 2 punct
    """
    (a,) = run(text, tree).attributions
    assert a.content_text == "high debt and slow growth were holding economies back"


def test_a_cue_verb_used_as_a_participle_before_its_noun_reports_nothing():
    text = "Paid speaking comes with the added element of a sponsor that could buy influence."
    tree = """
    Paid      pay       VERB  2 amod
    speaking  speaking  NOUN  3 nsubj
    comes     come      VERB  0 root
    with      with      ADP   7 case
    the       the       DET   7 det
    added     add       VERB/VBN 7 amod
    element   element   NOUN  3 obl
    of        of        ADP   10 case
    a         a         DET   10 det
    sponsor   sponsor   NOUN  7 nmod
    that      that      PRON  13 nsubj
    could     could     AUX   13 aux
    buy       buy       VERB  10 acl:relcl
    influence influence NOUN  13 obj
    .         .         PUNCT 3 punct
    """
    assert run(text, tree).attributions == ()


def test_a_collective_noun_tagged_plural_keeps_the_institution_named_by_its_place():
    # EWT tags "police" NNS: still the Chicago police, an organisation, not a group of them
    text = "Chicago police said the man fled."
    (a,) = run(
        text,
        """
        Chicago Chicago PROPN/NNP 2 compound
        police  police  NOUN/NNS  3 nsubj
        said    say     VERB/VBD  0 root
        the     the     DET/DT    5 det
        man     man     NOUN/NN   6 nsubj
        fled    flee    VERB/VBD  3 ccomp
        .       .       PUNCT/.   3 punct
        """,
    ).attributions
    assert (a.speaker.name, a.speaker.kind, a.speaker.role) == ("Chicago police", "organisation", None)


def test_an_absolute_with_phrase_hung_on_the_cue_finishes_the_reported_clause():
    # a parser that hangs ", with this season marking ..." on "revealed" (as EWT-style parsers do)
    text = "Lena Ford revealed that both teams have a deal to meet yearly, with this season marking the club's turn to host the final."
    (a,) = run(
        text,
        """
        Lena     Lena    PROPN/NNP 3 nsubj
        Ford     Ford    PROPN/NNP 1 flat
        revealed reveal  VERB/VBD  0 root
        that     that    SCONJ/IN  7 mark
        both     both    DET/DT    6 det
        teams    team    NOUN/NNS  7 nsubj
        have     have    VERB/VBP  3 ccomp
        a        a       DET/DT    9 det
        deal     deal    NOUN/NN   7 obj
        to       to      PART/TO   11 mark
        meet     meet    VERB/VB   7 advcl
        yearly   yearly  ADV/RB    11 advmod
        ,        ,       PUNCT/,   17 punct
        with     with    ADP/IN    16 case
        this     this    DET/DT    16 det
        season   season  NOUN/NN   17 obl
        marking  mark    VERB/VBG  3 advcl
        the      the     DET/DT    19 det
        club     club    NOUN/NN   21 nmod:poss
        's       's      PART/POS  19 case
        turn     turn    NOUN/NN   17 obj
        to       to      PART/TO   23 mark
        host     host    VERB/VB   17 advcl
        the      the     DET/DT    25 det
        final    final   NOUN/NN   23 obj
        .        .       PUNCT/.   3 punct
        """,
    ).attributions
    assert a.content_text == "both teams have a deal to meet yearly, with this season marking the club's turn to host the final"


def test_a_past_tense_read_as_a_participle_still_reports_the_clause_after_said():
    # a tagger that makes "needed" a participle (VBN) of "coach", and a parser that follows it
    text = "Lena Ford said the coach needed to find more players."
    (a,) = run(
        text,
        """
        Lena    Lena    PROPN/NNP 3 nsubj
        Ford    Ford    PROPN/NNP 1 flat
        said    say     VERB/VBD  0 root
        the     the     DET/DT    5 det
        coach   coach   NOUN/NN   3 nsubj
        needed  need    VERB/VBN  5 acl
        to      to      PART/TO   8 mark
        find    find    VERB/VB   6 xcomp
        more    more    ADJ/JJR   10 amod
        players player  NOUN/NNS  8 obj
        .       .       PUNCT/.   3 punct
        """,
    ).attributions
    assert (a.cue.text, a.content_text, a.speaker.name) == ("said", "the coach needed to find more players", "Lena Ford")


@pytest.mark.parametrize("opening", ["Most", "Many"])
def test_a_quantifier_subject_tagged_an_adverb_still_speaks(opening):
    # a tagger that makes the quantifier an adverb (RBS), as EWT sometimes does, and a parser that keeps it the subject
    text = f"{opening} said the vote was fair."
    (a,) = run(
        text,
        f"""
        {opening}  {opening.lower()}  ADV/RBS   2 nsubj
        said    say     VERB/VBD  0 root
        the     the     DET/DT    4 det
        vote    vote    NOUN/NN   6 nsubj
        was     be      AUX/VBD   6 cop
        fair    fair    ADJ/JJ    2 ccomp
        .       .       PUNCT/.   2 punct
        """,
    ).attributions
    assert (a.content_text, a.speaker.mention.text, a.speaker.name) == ("the vote was fair", opening, None)


def test_the_noun_after_a_subordinating_word_reports_when_the_parser_gives_the_cue_two_subjects():
    # a parser that makes "resigned" a participle of "minister" and both nouns subjects of "reported"
    text = "The minister resigned after a newspaper reported that he had lied."
    (a,) = run(
        text,
        """
        The        the        DET/DT    2 det
        minister   minister   NOUN/NN   7 nsubj
        resigned   resign     VERB/VBN  2 acl
        after      after      ADP/IN    6 case
        a          a          DET/DT    6 det
        newspaper  newspaper  NOUN/NN   7 nsubj
        reported   report     VERB/VBD  0 root
        that       that       SCONJ/IN  11 mark
        he         he         PRON/PRP  11 nsubj
        had        have       AUX/VBD   11 aux
        lied       lie        VERB/VBN  7 ccomp
        .          .          PUNCT/.   7 punct
        """,
    ).attributions
    assert (a.cue.text, a.content_text, a.speaker.mention.text) == ("reported", "he had lied", "a newspaper")


def test_a_document_described_by_a_past_form_speaks_when_the_parser_reads_a_clause_of_time():
    # "after the vote said" read as a clause of time with "the vote" its subject
    text = "The letter sent after the vote said the board had erred."
    (a,) = run(
        text,
        """
        The      the      DET/DT     2 det
        letter   letter   NOUN/NN    3 nsubj
        sent     send     VERB/VBD   0 root
        after    after    SCONJ/IN   7 mark
        the      the      DET/DT     6 det
        vote     vote     NOUN/NN    7 nsubj
        said     say      VERB/VBD   3 advcl
        the      the      DET/DT     9 det
        board    board    NOUN/NN    11 nsubj
        had      have     AUX/VBD    11 aux
        erred    err      VERB/VBN   7 ccomp
        .        .        PUNCT/.    3 punct
        """,
    ).attributions
    assert (a.cue.text, a.content_text) == ("said", "the board had erred")
    assert (a.speaker.mention.text, a.speaker.kind) == ("The letter sent after the vote", "document")


def test_an_age_split_at_its_hyphen_before_the_cue_is_the_whole_mention():
    # a tokenizer that splits "23-year-old" at the hyphen, a parser that hangs the pieces on "23"
    text = 'Ana Ruiz won again. "We fought," the 23-year-old said.'
    r = run(
        text,
        """
        Ana     Ana     PROPN/NNP 3 nsubj
        Ruiz    Ruiz    PROPN/NNP 1 flat
        won     win     VERB/VBD  0 root
        again   again   ADV/RB    3 advmod
        .       .       PUNCT/.   3 punct
        """,
        """
        "         "         PUNCT/``  3 punct
        We        we        PRON/PRP  3 nsubj
        fought    fight     VERB/VBD  10 ccomp
        ,         ,         PUNCT/,   3 punct
        "         "         PUNCT/''  3 punct
        the       the       DET/DT    7 det
        23        23        NUM/CD    10 nsubj
        -         -         PUNCT/HYPH 7 punct
        year-old  year-old  PROPN/NNP 7 appos
        said      say       VERB/VBD  0 root
        .         .         PUNCT/.   10 punct
        """,
    )
    (a,) = r.attributions
    assert (a.speaker.mention.text, a.speaker.name) == ("the 23-year-old", "Ana Ruiz")


def test_it_with_a_verb_of_its_own_after_said_opens_the_reported_clause():
    # a tagger that makes "expected" a participle and a parser that hangs it on "shipments"
    text = "Vantage Research said it expected shipments to grow."
    (a,) = run(
        text,
        """
        Vantage    Vantage    PROPN/NNP 2 compound
        Research   research   NOUN/NN   3 nsubj
        said       say        VERB/VBD  0 root
        it         it         PRON/PRP  5 nsubj
        expected   expect     VERB/VBN  6 amod
        shipments  shipment   NOUN/NNS  3 iobj
        to         to         PART/TO   8 mark
        grow       grow       VERB/VB   6 acl
        .          .          PUNCT/.   3 punct
        """,
    ).attributions
    assert (a.cue.text, a.content_text, a.speaker.mention.text) == ("said", "it expected shipments to grow", "Vantage Research")


def test_an_infinitive_hung_on_the_object_of_urged_is_what_was_urged():
    # a parser that makes "return" an acl of "sides" rather than the cue's xcomp
    text = "Minister Rosa Vidal urged both sides to return to talks."
    (a,) = run(
        text,
        """
        Minister  Minister  PROPN/NNP 2 nmod:desc
        Rosa      Rosa      PROPN/NNP 4 nsubj
        Vidal     Vidal     PROPN/NNP 2 flat
        urged     urge      VERB/VBD  0 root
        both      both      DET/DT    6 det
        sides     side      NOUN/NNS  4 obj
        to        to        PART/TO   8 mark
        return    return    VERB/VB   6 acl
        to        to        ADP/IN    10 case
        talks     talk      NOUN/NNS  8 obl
        .         .         PUNCT/.   4 punct
        """,
    ).attributions
    assert (a.cue.text, a.content_text, a.speaker.name) == ("urged", "to return to talks", "Rosa Vidal")


@pytest.mark.parametrize("rel", ["advcl", "xcomp"])
def test_a_to_infinitive_right_after_the_cue_is_what_was_declined_whatever_its_relation(rel):
    # a parser that makes "to comment" an adverbial clause of "declined", and its subject a passive one
    text = "Ardent Corp declined to comment."
    (a,) = run(
        text,
        f"""
        Ardent    Ardent    PROPN/NNP 2 compound
        Corp      Corp      PROPN/NNP 3 nsubj:pass
        declined  decline   VERB/VBN  0 root
        to        to        PART/TO   5 mark
        comment   comment   VERB/VB   3 {rel}
        .         .         PUNCT/.   3 punct
        """,
    ).attributions
    assert (a.cue.text, a.content_text, a.speaker.mention.text) == ("declined", "to comment", "Ardent Corp")


def test_a_participle_describing_a_noun_does_not_report_the_infinitive_after_it():
    text = "She opposed rules intended to curb lending."
    r = run(
        text,
        """
        She       she       PRON/PRP  2 nsubj
        opposed   oppose    VERB/VBD  0 root
        rules     rule      NOUN/NNS  2 obj
        intended  intend    VERB/VBN  2 advcl
        to        to        PART/TO   6 mark
        curb      curb      VERB/VB   4 advcl
        lending   lending   NOUN/NN   6 obj
        .         .         PUNCT/.   2 punct
        """,
    )
    assert [a.cue.text for a in r.attributions if a.cue] == ["opposed"]


def test_a_possessive_read_as_is_before_a_gerund_stays_in_the_role():
    # a tagger that reads "Trump's running mate" as "Trump is running [a] mate"
    text = "Lee's running mate, Senator Ada Cole, said she would run."
    r = run(
        text,
        """
        Lee      Lee      PROPN/NNP 3 nsubj
        's       be       AUX/VBZ   3 aux
        running  run      VERB/VBG  10 ccomp
        mate     mate     NOUN/NN   3 obj
        ,        ,        PUNCT/,   6 punct
        Senator  Senator  PROPN/NNP 4 appos
        Ada      Ada      PROPN/NNP 6 flat
        Cole     Cole     PROPN/NNP 6 flat
        ,        ,        PUNCT/,   6 punct
        said     say      VERB/VBD  0 root
        she      she      PRON/PRP  13 nsubj
        would    would    AUX/MD    13 aux
        run      run      VERB/VB   10 ccomp
        .        .        PUNCT/.   10 punct
        """,
    )
    (a,) = r.attributions
    (s,) = r.speakers
    assert (a.speaker.mention.text, s.name) == ("Lee's running mate, Senator Ada Cole", "Ada Cole")
    assert "Lee's running mate" in s.roles


def test_an_organisations_kind_and_its_name_made_two_subjects_are_one_speaker():
    text = "Fan group Harbour Trust said it welcomed the decision."
    r = run(
        text,
        """
        Fan       fan       NOUN/NN   2 compound
        group     group     NOUN/NN   5 nsubj
        Harbour   Harbour   PROPN/NNP 4 compound
        Trust     trust     NOUN/NN   5 nsubj
        said      say       VERB/VBD  0 root
        it        it        PRON/PRP  7 nsubj
        welcomed  welcome   VERB/VBD  5 ccomp
        the       the       DET/DT    9 det
        decision  decision  NOUN/NN   7 obj
        .         .         PUNCT/.   5 punct
        """,
    )
    (a,) = r.attributions
    assert (a.speaker.mention.text, a.speaker.name, a.speaker.kind) == ("Fan group Harbour Trust", "Harbour Trust", "organisation")


def test_a_prepositional_phrase_labelled_a_complement_is_where_it_was_said_not_what():
    # a parser that makes the show's name a ccomp of the cue and the reported clause another one before it
    text = "Ann Lee was in the race, he said on WXYZ's Morning Hour."
    (a,) = run(
        text,
        """
        Ann      Ann      PROPN/NNP 6 nsubj
        Lee      Lee      PROPN/NNP 1 flat
        was      be       AUX/VBD   6 cop
        in       in       ADP/IN    6 case
        the      the      DET/DT    6 det
        race     race     NOUN/NN   9 ccomp
        ,        ,        PUNCT/,   6 punct
        he       he       PRON/PRP  9 nsubj
        said     say      VERB/VBD  0 root
        on       on       ADP/IN    14 case
        WXYZ     WXYZ     PROPN/NNP 14 nmod:poss
        's       's       PART/POS  11 case
        Morning  morning  NOUN/NN   14 compound
        Hour     hour     NOUN/NN   9 ccomp
        .        .        PUNCT/.   9 punct
        """,
    ).attributions
    assert (a.cue.text, a.content_text) == ("said", "Ann Lee was in the race")


def test_an_infinitive_hung_on_the_object_of_an_intention_verb_goes_with_the_object():
    text = "A judge refused a request to open the file."
    (a,) = run(
        text,
        """
        A        a        DET/DT    2 det
        judge    judge    NOUN/NN   3 nsubj
        refused  refuse   VERB/VBD  0 root
        a        a        DET/DT    5 det
        request  request  NOUN/NN   3 obj
        to       to       PART/TO   7 mark
        open     open     VERB/VB   5 acl
        the      the      DET/DT    9 det
        file     file     NOUN/NN   7 obj
        .        .        PUNCT/.   3 punct
        """,
    ).attributions
    assert (a.cue.text, a.content_text, a.speaker.mention.text) == ("refused", "a request to open the file", "A judge")


def test_a_verb_of_saying_hung_on_an_infinitive_is_the_sentences_own_report():
    # a parser that makes "said" an xcomp of "act" and "failing" the root
    text = "A memo urging the board to act said the schools were failing."
    r = run(
        text,
        """
        A        a        DET/DT    2 det
        memo     memo     NOUN/NN   12 nsubj
        urging   urge     VERB/VBG  2 acl
        the      the      DET/DT    5 det
        board    board    NOUN/NN   3 obj
        to       to       PART/TO   7 mark
        act      act      VERB/VB   3 advcl
        said     say      VERB/VBN  7 xcomp
        the      the      DET/DT    10 det
        schools  school   NOUN/NNS  12 nsubj
        were     be       AUX/VBD   12 aux
        failing  fail     VERB/VBG  0 root
        .        .        PUNCT/.   12 punct
        """,
    )
    urging, said = r.attributions
    assert (urging.cue.text, urging.content_text) == ("urging", "to act")
    assert (said.cue.text, said.content_text, said.speaker.mention.text, said.speaker.kind) == (
        "said",
        "the schools were failing",
        "A memo",
        "document",
    )


def test_after_an_opening_when_clause_the_subject_after_its_comma_speaks():
    # a parser that gives "said" the noun of the "When" clause as a second subject
    text = "When the report was released, Mona Diaz said the data were wrong."
    (a,) = run(
        text,
        """
        When      when      ADV/WRB   5 advmod
        the       the       DET/DT    3 det
        report    report    NOUN/NN   9 nsubj
        was       be        AUX/VBD   5 aux:pass
        released  release   VERB/VBN  9 advcl
        ,         ,         PUNCT/,   9 punct
        Mona      Mona      PROPN/NNP 9 nsubj
        Diaz      Diaz      PROPN/NNP 7 flat
        said      say       VERB/VBD  0 root
        the       the       DET/DT    11 det
        data      data      NOUN/NNS  13 nsubj
        were      be        AUX/VBD   13 cop
        wrong     wrong     ADJ/JJ    9 ccomp
        .         .         PUNCT/.   9 punct
        """,
    ).attributions
    assert (a.cue.text, a.speaker.mention.text, a.speaker.name) == ("said", "Mona Diaz", "Mona Diaz")


def test_a_cue_in_an_opening_clause_keeps_its_own_subject_not_the_main_clauses():
    # a parser that makes "Lopez" the subject of "protested", leaving "announced" none
    text = "When Lopez announced the cuts, workers protested."
    (a,) = run(
        text,
        """
        When       when       ADV/WRB   3 advmod
        Lopez      Lopez      PROPN/NNP 8 nsubj
        announced  announce   VERB/VBD  8 advcl
        the        the        DET/DT    5 det
        cuts       cut        NOUN/NNS  3 obj
        ,          ,          PUNCT/,   3 punct
        workers    worker     NOUN/NNS  8 nsubj
        protested  protest    VERB/VBD  0 root
        .          .          PUNCT/.   8 punct
        """,
    ).attributions
    assert (a.cue.text, a.content_text, a.speaker.mention.text) == ("announced", "the cuts", "Lopez")


def test_a_that_clause_after_a_second_verb_of_saying_is_that_verbs_not_the_firsts():
    # a parser that hangs the clause marked "that" on "agreed" as parataxis, with "contended" a conjunct inside it
    text = "Her sister agreed, but also contended that she should keep her privacy."
    (a,) = run(
        text,
        """
        Her        her        PRON/PRP$ 2 nmod:poss
        sister     sister     NOUN/NN   3 nsubj
        agreed     agree      VERB/VBD  0 root
        ,          ,          PUNCT/,   7 punct
        but        but        CCONJ/CC  7 cc
        also       also       ADV/RB    7 advmod
        contended  contend    VERB/VBD  11 conj
        that       that       SCONJ/IN  11 mark
        she        she        PRON/PRP  11 nsubj
        should     should     AUX/MD    11 aux
        keep       keep       VERB/VB   3 parataxis
        her        her        PRON/PRP$ 13 nmod:poss
        privacy    privacy    NOUN/NN   11 obj
        .          .          PUNCT/.   3 punct
        """,
    ).attributions
    assert (a.cue.text, a.content_text, a.speaker.mention.text) == ("contended", "she should keep her privacy", "Her sister")


def test_the_holder_of_a_role_to_a_named_person_speaks_not_the_person():
    # a parser that makes the name the subject and the aide a complement
    text = '"Prices will rise," an aide to Finance Minister Tomas Berg said.'
    (a,) = run(
        text,
        """
        "         "         PUNCT/``  4 punct
        Prices    price     NOUN/NNS  4 nsubj
        will      will      AUX/MD    4 aux
        rise      rise      VERB/VB   14 ccomp
        ,         ,         PUNCT/,   4 punct
        "         "         PUNCT/''  4 punct
        an        a         DET/DT    8 det
        aide      aide      NOUN/NN   14 ccomp
        to        to        ADP/IN    11 case
        Finance   Finance   PROPN/NNP 11 compound
        Minister  Minister  PROPN/NNP 8 nmod
        Tomas     Tomas     PROPN/NNP 14 nsubj
        Berg      Berg      PROPN/NNP 12 flat
        said      say       VERB/VBD  0 root
        .         .         PUNCT/.   14 punct
        """,
    ).attributions
    assert (a.speaker.mention.text, a.speaker.name) == ("an aide to Finance Minister Tomas Berg", None)


def test_what_appeared_to_be_describes_a_thing_and_reports_no_belief():
    text = "Tapper followed up with what appeared to be a reference to Lee."
    r = run(
        text,
        """
        Tapper    Tapper    PROPN/NNP 2 nsubj
        followed  follow    VERB/VBD  0 root
        up        up        ADP/RP    2 compound:prt
        with      with      ADP/IN    5 case
        what      what      PRON/WP   6 nsubj
        appeared  appear    VERB/VBD  2 advcl
        to        to        PART/TO   10 mark
        be        be        AUX/VB    10 cop
        a         a         DET/DT    10 det
        reference reference NOUN/NN   6 xcomp
        to        to        ADP/IN    12 case
        Lee       Lee       PROPN/NNP 10 nmod
        .         .         PUNCT/.   2 punct
        """,
    )
    assert [a.cue.text for a in r.attributions if a.cue] == []
