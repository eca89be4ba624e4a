"""Who said it: canonical names, roles, kinds and pronouns, end to end through the embedded model.

Every sentence here is written for these tests. Each test is one thing a newsroom user would notice:
the name a quotation is credited to, the role shown beside it, or no name where the article gives
none.
"""

from __future__ import annotations

import pytest

from quotes.engine.extract import analyze
from quotes.engine.model import Result, SpeakerRef


@pytest.fixture()
def run(nlp):
    def _run(text: str) -> Result:
        return analyze(text, nlp)

    return _run


def speakers(result: Result) -> list[SpeakerRef]:
    return [a.speaker for a in result.attributions]


def test_title_before_a_name_is_its_role_not_part_of_the_name(run):
    (s,) = speakers(run("Referee Mark Hale said he had no doubt about the penalty."))
    assert (s.mention.text, s.name, s.role, s.kind) == ("Referee Mark Hale", "Mark Hale", "Referee", "person")


def test_he_is_the_latest_subject_not_the_previous_speaker(run):
    text = 'Referee Mark Hale said he had no doubt. Former Scotland wing Tom Reid disagreed. "It was never a foul," he told the BBC.'
    first, second = speakers(run(text))
    assert first.name == "Mark Hale"
    assert (second.mention.text, second.name, second.role) == ("he", "Tom Reid", "Former Scotland wing")


def test_apposition_after_the_name_with_its_employer(run):
    (s,) = speakers(run("Anna Berg, chief economist at Norbank, said rates would stay on hold."))
    assert (s.name, s.role) == ("Anna Berg", "chief economist at Norbank")


def test_description_refers_back_to_the_named_office_holder(run):
    text = "Prime Minister John Hale visited the factory on Monday. The prime minister said the plant would stay open."
    (s,) = speakers(run(text))
    assert (s.mention.text, s.name, s.role) == ("The prime minister", "John Hale", "Prime Minister")


def test_a_description_naming_a_party_never_means_the_other_partys_office_holder(run):
    text = (
        "Republican presidential nominee Donald Trump met voters in Ohio on Monday. Democratic presidential "
        "nominee Hillary Clinton was in Florida.\n\nThe GOP presidential nominee said the economy was broken."
    )
    (s,) = speakers(run(text))
    assert (s.mention.text, s.name, s.role) == ("The GOP presidential nominee", "Donald Trump", "Republican presidential nominee")


def test_nested_quotation_does_not_lend_its_speaker(run):
    (s,) = speakers(run("'He told me \"never again\",' said one worker."))
    assert s.mention.text == "one worker"
    assert s.name is None and s.kind == "person"


def test_dateline_is_not_glued_to_the_name(run):
    (s,) = speakers(run("LEEDS Mr Jones said the club would appeal the ban."))
    assert s.name == "Jones"


def test_copula_states_the_role(run):
    r = run("Tom Lee is the party's treasurer. Lee said the accounts were in order.")
    (s,) = speakers(r)
    assert (s.mention.text, s.name, s.role) == ("Lee", "Tom Lee", "party's treasurer")


def test_relative_clause_states_the_office(run):
    (s,) = speakers(run("Sara Holt, who heads the agency, said the figures were wrong."))
    assert (s.name, s.role) == ("Sara Holt", "head of the agency")


def test_unnamed_individual_and_group_keep_their_role_but_get_no_name(run):
    r = run("A White House spokesman said the president would sign the bill. Analysts said the move was expected.")
    spokesman, analysts = speakers(r)
    assert (spokesman.name, spokesman.role, spokesman.kind) == (None, "White House spokesman", "person")
    assert (analysts.name, analysts.role, analysts.kind) == (None, "Analysts", "group")


def test_acronym_joins_the_organisation_it_abbreviates(run):
    r = run('The British Retail Consortium said sales fell. "Shoppers stayed at home," the BRC said.')
    first, second = speakers(r)
    assert first.name == second.name == "British Retail Consortium"
    assert first.kind == "organisation" and first.id == second.id


def test_cataphora_role_and_honorific_dropped(run):
    (s,) = speakers(run('"This changes everything," says usability guru Dr Jo Lin.'))
    assert (s.name, s.role) == ("Jo Lin", "usability guru")


def test_abbreviated_title_opening_a_sentence_is_spelt_out_as_the_role(run):
    (s,) = speakers(run("Sen. Ruth Ames said the vote would be close."))
    assert (s.mention.text, s.name, s.role) == ("Sen. Ruth Ames", "Ruth Ames", "senator")


def test_peerage_title_stays_in_the_name(run):
    (s,) = speakers(run("Lord Holme said the report was flawed."))
    assert s.name == "Lord Holme"


def test_she_agrees_with_the_subject_not_the_object(run):
    (s,) = speakers(run("Maria Costa met Peter Brandt in Rome. She said the talks had gone well."))
    assert (s.mention.text, s.name) == ("She", "Maria Costa")


def test_unsure_pronoun_gets_no_name(run):
    # Two people, neither the subject nor a speaker before: "he" could be either.
    r = run("The talks between Omar Reyes and Ivan Petrov ended late. He said a deal was close.")
    (s,) = speakers(r)
    assert s.mention.text == "He" and s.name is None


def test_pronoun_with_nobody_before_it_gets_no_name(run):
    (s,) = speakers(run("He said the bridge would reopen in May."))
    assert s.name is None and s.role is None


def test_speakers_list_every_role_most_specific_first(run):
    text = 'Senator Ruth Ames said the vote would be close. Ames, the Ohio senator who chairs the panel, later said: "We will see."'
    r = run(text)
    (ames,) = [sp for sp in r.speakers if sp.name == "Ruth Ames"]
    assert ames.roles == ("Ohio senator", "Senator")
    assert all(a.speaker.name == "Ruth Ames" for a in r.attributions)


def test_shared_surname_goes_to_who_spoke_last(run):
    text = 'Ann Cole said the mill would close. Her brother Ben Cole runs the union. "We will fight it," Cole said.'
    first, second = speakers(run(text))
    assert first.name == "Ann Cole"
    assert (second.mention.text, second.name) == ("Cole", "Ann Cole")


def test_organisation_description_refers_back(run):
    text = "The Federation of Dock Workers met on Friday. The union said the strike would go ahead."
    (s,) = speakers(run(text))
    assert (s.mention.text, s.name, s.kind) == ("The union", "Federation of Dock Workers", "organisation")
    assert s.role == "union"


def test_a_role_matches_by_its_head_noun_only(run):
    # "the state" is not the Secretary of State.
    text = "Secretary of State Jon Marsh spoke in Denver. The state said the law stood."
    (s,) = speakers(run(text))
    assert s.name != "Jon Marsh"


def test_a_place_that_speaks_is_an_organisation(run):
    (s,) = speakers(run("India said the talks would resume next month."))
    assert (s.name, s.kind) == ("India", "organisation")


def test_a_company_that_it_said_is_a_source_not_an_expletive(run):
    text = "Norbank cut its forecast on Monday. It said that demand would fall."
    (s,) = speakers(run(text))
    assert (s.mention.text, s.name, s.kind) == ("It", "Norbank", "organisation")


def test_party_tag_between_name_and_cue(run):
    (s,) = speakers(run("Senator Ruth Ames (D-Ohio) said the vote would be close."))
    assert s.name == "Ruth Ames"


def test_role_with_its_complement_before_an_appositive_name(run):
    (s,) = speakers(run("A lawyer for the two families, Dan Okafor, said the ruling was unfair."))
    assert (s.name, s.role) == ("Dan Okafor", "lawyer for the two families")


def test_title_case_headline_gives_no_names(run):
    text = "Mayor Hides Budget Gap From Council\n\nMayor Lena Ortiz said the budget was balanced."
    (s,) = speakers(run(text))
    assert (s.name, s.role) == ("Lena Ortiz", "Mayor")


def test_description_varies_the_name_of_the_speaker_just_quoted(run):
    text = "Paul Weller said the bill was dead. The Vermont senator added that he would vote no."
    first, second = speakers(run(text))
    assert first.name == "Paul Weller"
    assert (second.mention.text, second.name, second.role) == ("The Vermont senator", "Paul Weller", "Vermont senator")


def test_description_of_someone_else_is_not_the_speaker_just_quoted(run):
    # The coach has a role the description does not match: "the referee" is somebody else.
    text = "Coach Paul Weller said the goal was offside. The referee said it was fair."
    first, second = speakers(run(text))
    assert first.name == "Paul Weller"
    assert second.name is None and second.role == "referee"


def test_hyphenated_title_before_the_name(run):
    (s,) = speakers(run('"Sales will rise this year," said chairman-elect Rosa Lind.'))
    assert (s.name, s.role) == ("Rosa Lind", "chairman-elect")


def test_long_role_before_the_name_with_its_place_of_work(run):
    text = "Norway's trade attache in its Lagos embassy, Eva Berg, said that exports would grow."
    (s,) = speakers(run(text))
    assert (s.name, s.role) == ("Eva Berg", "Norway's trade attache in its Lagos embassy")


def test_clause_before_a_speaker_is_no_role(run):
    text = "Despite his dislike of lobbyists, Carl Berg said the rules would stay. The delay hurt the mayor with voters, Berg said."
    r = run(text)
    assert all(a.speaker.name == "Carl Berg" and a.speaker.role is None for a in r.attributions)


def test_age_description_is_the_person_just_quoted(run):
    text = 'Club manager Erik van Dam said his side deserved to win. The 53-year-old added: "We were the better team."'
    first, second = speakers(run(text))
    assert first.name == second.name == "Erik van Dam"
    assert first.role == "Club manager"


def test_name_with_age_and_apposition_the_parser_made_the_subject(run):
    (s,) = speakers(run("Mr Jones, 45, a father of two from Leeds, said he had lost everything."))
    assert (s.name, s.role) == ("Jones", "father of two from Leeds")


def test_capitalised_words_a_tagger_calls_verbs_are_still_names(run):
    r = run("His wife, Sue, said they would rebuild. The Met Office said heavy rain would continue.")
    wife, office = speakers(r)
    assert (wife.name, wife.role) == ("Sue", "wife")
    assert (office.name, office.kind) == ("Met Office", "organisation")


def test_his_wife_is_not_him(run):
    text = 'Paul Weller said the shop would close. "We tried everything," his wife said.'
    first, second = speakers(run(text))
    assert first.name == "Paul Weller"
    assert second.name is None and second.role == "wife"


def test_titled_person_after_the_organisation_they_head(run):
    text = '"Prices will hold," Danish Grain Board (DGB) President Ole Madsen said.'
    (s,) = speakers(run(text))
    assert s.name == "Ole Madsen"


def test_broader_description_finds_the_office_holder(run):
    # WordNet: a senator is a lawmaker.
    text = 'Republican Senator Tim Scott disagreed. "Families are still hurting," the South Carolina lawmaker said.'
    (s,) = speakers(run(text))
    assert (s.mention.text, s.name) == ("the South Carolina lawmaker", "Tim Scott")
    assert "Republican Senator" in run(text).speakers[0].roles


def test_unnamed_source_role_without_quantifier(run):
    (s,) = speakers(run("Another mother, who asked not to be named, said the school had overreacted."))
    assert (s.name, s.role, s.kind) == (None, "mother", "person")


def test_unnamed_source_keeps_the_complement_of_its_role(run):
    (s,) = speakers(run("A spokeswoman for the Home Office said the rules would change."))
    assert (s.name, s.role) == (None, "spokeswoman for the Home Office")


def test_they_is_the_latest_group_even_one_that_did_not_speak(run):
    text = "Democrats said the bill would hurt families. Republicans disagreed. They said the measure would cut waste."
    first, second = speakers(run(text))
    assert (first.role, first.kind) == ("Democrats", "group")
    assert (second.mention.text, second.name, second.role, second.kind) == ("They", None, "Republicans", "group")


def test_acronym_in_capitals_is_a_name_not_the_pronoun_who(run):
    text = "The World Health Organization (WHO) warned on Monday that cases were rising. WHO said vaccination had stalled."
    r = run(text)
    assert {a.speaker.name for a in r.attributions} == {"World Health Organization"}


def test_an_organisation_description_is_not_a_person_with_a_broader_role(run):
    # WordNet lists "authority" above "mayor"; "the port authority" is still no mayor.
    text = '"The harbour will reopen," Mayor Lena Ortiz said. According to the port authority, ships will be inspected.'
    first, second = speakers(run(text))
    assert first.name == "Lena Ortiz"
    assert second.name != "Lena Ortiz"


def test_a_surname_that_is_also_a_modal_stays_in_the_name(run):
    (s,) = speakers(run("British Prime Minister Theresa May said this week that the country would leave."))
    assert (s.name, s.role) == ("Theresa May", "British Prime Minister")


def test_organisation_name_with_to_and_our_and_its_acronym(run):
    text = (
        "The walk-ins reached 200 cities, according to the event organizer Alliance to Reclaim Our Schools (AROS).\n\n"
        "AROS said it had set up such an event before."
    )
    first, second = speakers(run(text))
    assert (first.name, first.role, first.kind) == ("Alliance to Reclaim Our Schools", "event organizer", "organisation")
    assert (second.mention.text, second.name) == ("AROS", "Alliance to Reclaim Our Schools")


def test_a_long_dateline_is_no_speaker(run):
    text = 'DAYTON, Ohio, Oct. 4 (UPI) — Former Governor Bill Dole criticized the health law as a "crazy system" in Dayton.'
    (s,) = speakers(run(text))
    assert (s.mention.text, s.name) == ("Former Governor Bill Dole", "Bill Dole")


def test_a_participle_clause_continues_the_cue_and_its_speaker(run):
    text = (
        '"That is not how we live, and it is a debate we keep having again, is insane," Dole said, '
        'going on to say that the country had spent "hundreds of years fighting" it.'
    )
    first, second = speakers(run(text))
    assert first.mention.text == second.mention.text == "Dole"


def test_a_parenthetical_cue_inside_a_relative_clause_is_the_named_speaker(run):
    text = "On Sunday, Jimmy Tompkins, 31, played in the park. The park is near the stadium, which, Tompkins said, is usually full on game days."
    (s,) = speakers(run(text))
    assert (s.mention.text, s.name) == ("Tompkins", "Jimmy Tompkins")


def test_he_in_an_opening_clause_is_the_subject_named_after_it(run):
    text = (
        "Mayor Tom Kane opened the new bridge on Monday. "
        "While he acknowledged funding was a major reason he felt low, Hale also noted that morale had collapsed."
    )
    result = run(text)
    he = next(a.speaker for a in result.attributions if a.speaker.mention.text == "he")
    assert he.name == "Hale"


def test_a_report_speaks_for_an_organisation_that_has_spoken(run):
    text = "The IMF said on Tuesday that growth would slow. The IMF report said trade would shrink."
    first, second = speakers(run(text))
    assert (second.mention.text, second.name, second.kind) == ("The IMF report", "IMF", "organisation")


def test_a_report_whose_issuer_has_not_spoken_is_the_source_itself(run):
    # its complement stays in the role, as a spokeswoman's does ("spokeswoman for the Home Office")
    (s,) = speakers(run("A recent Reuters survey of voter lists found that thousands were purged."))
    assert (s.name, s.kind, s.role) == (None, "document", "recent Reuters survey of voter lists")


def test_a_persons_document_is_the_source_not_its_owner(run):
    (s,) = speakers(run("However, Ivana Jones's brief said that was not her view."))
    assert (s.mention.text, s.name, s.kind) == ("Ivana Jones's brief", None, "document")


def test_a_description_varies_the_name_of_the_person_just_written_about(run):
    text = (
        "Jane Doyle spoke to voters on Friday. As far as whether Doyle still senses anger among her supporters, "
        "the Vermont senator acknowledged that some people feel that way."
    )
    (s,) = speakers(run(text))
    assert (s.mention.text, s.name, s.role, s.resolved_by) == ("the Vermont senator", "Jane Doyle", "Vermont senator", "description")


def test_a_forecast_in_a_clause_closed_by_a_cue_is_what_the_speaker_said(run):
    text = (
        "CANBERRA, Feb 27 - Home demand is now expected to add nothing to growth this year, ending June 30, "
        "while exports will account for all of the increase, Treasurer Paul Keating said here."
    )
    (a,) = run(text).attributions
    assert (a.cue.text, a.speaker.name, a.speaker.role) == ("said", "Paul Keating", "Treasurer")
    assert a.content_text.startswith("Home demand")


def test_told_reporters_on_a_day_then_the_clause(run):
    text = "Inflation averaged 0.8 pct in 1986. Ongpin told reporters on Saturday it was expected to touch five pct this year."
    (a,) = run(text).attributions
    assert (a.cue.text, a.speaker.mention.text) == ("told", "Ongpin")
    assert a.content_text.startswith("it was expected")


def test_participle_before_a_plural_source_and_the_dateline_left_out(run):
    text = "TOKYO, March 2 - Local banks are expected to give the negotiators a cool response when they arrive, banking sources said."
    (a,) = run(text).attributions
    assert (a.speaker.mention.text, a.speaker.name, a.speaker.kind) == ("banking sources", None, "group")
    assert a.content_text.startswith("Local banks")


def test_a_country_possessor_before_a_titled_name_is_not_the_speaker(run):
    text = "Brazil's central bank President Francisco Gros said he sent a telex to creditor banks on Friday."
    (s,) = speakers(run(text))
    assert (s.name, s.kind) == ("Francisco Gros", "person")


def test_a_passive_cue_after_a_comma_with_nobody_speaking_attributes_nothing(run):
    text = "Approval to market the two drugs, both under joint licensing agreements, is not expected until about 1989."
    assert run(text).attributions == ()


def test_a_shared_surname_is_the_person_the_article_is_about(run):
    text = (
        "Mary Okafor opened her campaign in Leeds on Monday. Mary Okafor has led the council since 2019. "
        "Her brother, the former mayor Peter Okafor, was in the crowd. Okafor said the city needed new homes."
    )
    (s,) = speakers(run(text))
    assert s.name == "Mary Okafor"


def test_role_from_a_relative_clause_with_a_phrase_before_its_copula(run):
    text = (
        "Dr. Connie Marino, who as a Navy captain was the White House physician under two presidents and later "
        "retired from the service, said the leg was swollen."
    )
    (s,) = speakers(run(text))
    assert (s.name, s.role) == ("Connie Marino", "White House physician under two presidents")


def test_a_coordinated_description_is_one_person_and_one_role(run):
    text = (
        '"We must do better," Hillary Clinton said on Tuesday.\n'
        "On the morning show, the former secretary of state and current Democratic presidential nominee said she wanted to speak to voters."
    )
    first, second = speakers(run(text))
    assert second.mention.text == "the former secretary of state and current Democratic presidential nominee"
    assert (second.name, second.resolved_by) == ("Hillary Clinton", "description")
    assert first.role == "former secretary of state and current Democratic presidential nominee"


def test_a_sentence_opening_adverb_never_speaks():
    from quotes.engine.names import never_speaks
    from quotes.engine.parse import Tok

    def tok(text: str, upos: str) -> Tok:
        return Tok(0, 0, text, text.lower(), upos, "RB", 1, "advmod", 0, len(text), "O")

    assert never_speaks(tok("Meanwhile", "ADV")) and never_speaks(tok("However", "ADV"))
    assert not never_speaks(tok("Keating", "ADV"))  # a name the tagger took for an adverb


def test_a_relative_clause_on_the_employer_does_not_steal_the_speaker(run):
    text = "Michael Mulgrew, president of the United Federation of Teachers, which represents most city teachers, said the rally was a success."
    (s,) = speakers(run(text))
    assert (s.name, s.role) == ("Michael Mulgrew", "president of the United Federation of Teachers")


def test_a_long_speaker_phrase_closing_the_sentence_is_the_speaker(run):
    text = (
        "The nominee could embrace a clean energy policy, but only if he can be convinced that it is a good "
        "business decision, Sen. Lindsey Graham (R-S.C.) told The Huffington Post on Thursday."
    )
    (s,) = speakers(run(text))
    assert (s.mention.text, s.name, s.role) == ("Sen. Lindsey Graham (R-S.C.)", "Lindsey Graham", "senator")


def test_capitalised_words_of_a_title_case_headline_make_no_new_name(run):
    text = (
        "Mayor Hid Past Health Problems From Public, Former City Hall House Doctor Says.\n\n"
        "The House Doctor at City Hall, a book by Ann Lee, tells of her ten years there."
    )
    headline = run(text).attributions[0].speaker
    assert headline.name is None


def test_a_participle_after_a_comma_takes_the_main_clauses_subject(run):
    text = (
        "A New York judge has rejected a media request to make public the contents of a court file, "
        "saying the courts have no business deciding what could be useful to voters."
    )
    (a,) = run(text).attributions
    assert (a.cue.text, a.speaker.mention.text, a.speaker.role) == ("saying", "A New York judge", "New York judge")


def test_the_owner_of_a_claim_is_its_speaker(run):
    text = "After the debate Politifact did a fact-check on Donald Trump's claim that there have been thousands of shootings this year."
    (s,) = speakers(run(text))
    assert (s.mention.text, s.name) == ("Donald Trump", "Donald Trump")


def test_they_after_a_lone_name_with_no_sign_of_a_person_is_that_organisation(run):
    text = "Politifact did a fact-check on the claim. They published the results on Tuesday. On Friday they said the statement was true."
    (s,) = speakers(run(text))
    assert (s.mention.text, s.name, s.kind) == ("they", "Politifact", "organisation")


def test_a_description_prefers_the_named_holder_of_the_role_to_an_unnamed_one(run):
    text = (
        "A New York judge has rejected a request to unseal the file, saying the courts have no business deciding it. "
        "Manhattan Supreme Court Justice Frank Nervo wrote the ruling on Friday. "
        "The judge said the papers would stay sealed."
    )
    last = speakers(run(text))[-1]
    assert (last.mention.text, last.name) == ("The judge", "Frank Nervo")


def test_part_of_a_group_is_that_group_unnamed(run):
    first, second = speakers(run("Many of his supporters say the ban is needed. Others in the black community said the plan would fail."))
    assert (first.mention.text, first.name, first.role, first.kind) == ("Many of his supporters", None, "supporters", "group")
    assert (second.name, second.role, second.kind) == (None, "Others in the black community", "group")


def test_a_party_member_description_is_the_person_whose_role_names_the_party(run):
    text = 'Senate Republican leader Robert Dole said the president should act. "You should move on," the Kansas Republican said on Sunday.'
    first, second = speakers(run(text))
    assert (second.mention.text, second.name, second.resolved_by) == ("the Kansas Republican", "Robert Dole", "description")


def test_a_law_with_its_year_is_one_named_document(run):
    (s,) = speakers(run("The U.S. Trade Act of 1974 says such status can be given only to market economies."))
    assert (s.name, s.kind) == ("U.S. Trade Act of 1974", "document")


def test_a_member_of_the_institution_a_role_names_is_that_person(run):
    text = (
        "Senate Republican leader Robert Dole said the nomination was in trouble.\n\n"
        'Appearing on the NBC News program, the Kansas senator said the nomination "could be in some difficulty."'
    )
    first, second = speakers(run(text))
    assert (second.mention.text, second.name, second.resolved_by) == ("the Kansas senator", "Robert Dole", "description")


PENCE_ON_TV = (
    'The governor backed the police. "We need to step away from efforts to paint law enforcement with a broad brush," '
    "Pence said on CNN.\n\n"
)


def test_cueless_quotation_goes_to_the_person_who_took_the_turn(run):
    text = PENCE_ON_TV + (
        'On "Face the Week," Sen. Jo Marsh, who lost the primary, named housing as the main issue. '
        '"The younger people are angrier than any generation before them."'
    )
    floating = [a for a in run(text).attributions if a.sieve == "floating_quote"]
    assert [(a.speaker.mention.text, a.speaker.name) for a in floating] == [("Sen. Jo Marsh", "Jo Marsh")]


def test_cueless_quotation_is_nobodys_when_the_turn_passed_further_back(run):
    text = PENCE_ON_TV + (
        "Sen. Jo Marsh named housing as the main issue. Voters in the state agree with that. "
        '"The younger people are angrier than any generation before them."'
    )
    result = run(text)
    assert all("younger people" not in a.content_text for a in result.attributions if a.speaker and a.speaker.name == "Pence")
    assert not [a for a in result.attributions if a.sieve == "floating_quote"]


def test_a_party_description_is_the_person_just_quoted_never_a_name(run):
    text = (
        "Senate Armed Services Committee Chairman Sam Nunn said the odds were against the nominee. "
        "The Georgia Democrat added that he would not bet any money on it."
    )
    first, second = speakers(run(text))
    assert (second.mention.text, second.name, second.resolved_by) == ("The Georgia Democrat", "Sam Nunn", "description")
    assert first.role == "Senate Armed Services Committee Chairman"


def test_a_party_description_does_not_jump_to_a_member_of_another_party(run):
    text = "Sen. Joan Bright, a Vermont Republican, said the bill was weak. The Georgia Democrat added that he would not vote for it."
    _, second = speakers(run(text))
    assert (second.name, second.role, second.kind) == (None, "Georgia Democrat", "person")


def test_an_organisation_name_with_a_verb_in_it_and_its_acronym(run):
    text = (
        "The walk-outs were organized by the Campaign to Save Our Parks (CSOP).\n\n"
        "Friday’s walk-outs were the fourth time CSOP said it had filled the square."
    )
    (s,) = speakers(run(text))
    assert (s.mention.text, s.name, s.kind) == ("CSOP", "Campaign to Save Our Parks", "organisation")


def test_plural_organisation_nouns_are_a_group_with_their_description_as_role(run):
    (s,) = speakers(run("Several agencies said the plan would cost too much."))
    assert (s.name, s.kind, s.role) == (None, "group", "agencies")


def test_a_hyphenated_role_keeps_its_prefix(run):
    text = "His ex-wife agreed, but also contended that she should keep her privacy."
    (s,) = speakers(run(text))
    assert (s.mention.text, s.role) == ("His ex-wife", "ex-wife")


def test_a_participle_describing_a_document_makes_it_the_speaker(run):
    (_, s) = speakers(run("The council published a letter on Monday. A letter urging the board to act said the schools were failing."))
    assert (s.mention.text, s.kind, s.role) == ("A letter", "document", "letter")


def test_a_lone_first_name_is_the_one_person_with_that_first_name(run):
    text = (
        "The court heard the case of Marta Kovac on Monday. "
        "Marta said she had never seen the contract. Peter Kovac, her brother, said he had signed it."
    )
    first, second = speakers(run(text))
    assert (first.mention.text, first.name) == ("Marta", "Marta Kovac")
    assert second.name == "Peter Kovac"


def test_a_first_name_of_one_sex_tells_two_people_apart_for_he(run):
    # Both are subjects of the sentence before; "he" fits only the man (Daniel), not Rachel.
    text = 'Daniel Price met Rachel Ortiz in Leeds. Price and Ortiz then spoke. "It went well," he said.'
    (s,) = speakers(run(text))
    assert (s.mention.text, s.name) == ("he", "Daniel Price")


def test_a_shared_surname_goes_to_the_one_a_pronoun_of_its_sentence_fits(run):
    text = (
        "Karen Webb and her husband, former mayor Thomas Webb, arrived on Monday. "
        "In her new book, Webb said the council had ignored the warnings."
    )
    (s,) = speakers(run(text))
    assert (s.mention.text, s.name) == ("Webb", "Karen Webb")


def test_a_shared_surname_with_a_title_goes_to_the_person_of_that_gender(run):
    text = "Karen Webb and Thomas Webb arrived on Monday. Later, Mrs. Webb said the council had ignored the warnings."
    (s,) = speakers(run(text))
    assert s.name == "Karen Webb"


def test_a_copula_with_the_role_first_gives_the_name_its_role(run):
    (s,) = speakers(run("The new treasurer is Ann Lee, and she said the books were balanced."))
    assert (s.mention.text, s.name, s.role) == ("she", "Ann Lee", "new treasurer")


def test_an_opening_participle_clause_has_the_main_clauses_subject(run):
    text = 'Maria Lopez fell on Monday. After saying her knee was "too swollen to walk on," she was taken to hospital.'
    (s,) = speakers(run(text))
    assert (s.mention.text, s.name) == ("she", "Maria Lopez")



def test_a_speaker_without_a_role_keeps_the_one_they_give_themself(run):
    text = "Tina Hale asked a question.\n\n\u201cAs a Gold Star mother, my son gave his life for this country,\u201d she said."
    (s,) = speakers(run(text))
    assert (s.name, s.role) == ("Tina Hale", "Gold Star mother")


def test_as_a_without_a_first_person_is_no_self_description(run):
    text = "Tina Hale asked a question.\n\n\u201cAs a senator, he should know better,\u201d she said."
    (s,) = speakers(run(text))
    assert (s.name, s.role) == ("Tina Hale", None)


def test_an_institution_named_by_its_place_is_a_name(run):
    # ("suspect fled" was two nouns to the previous embedded model's tagger, and the report was lost)
    result = run("Chicago police said the suspect fled on foot.")
    (s,) = speakers(result)
    assert (s.name, s.kind, s.role) == ("Chicago police", "organisation", None)
    assert [a.content_text for a in result.attributions] == ["the suspect fled on foot"]


def test_an_unnamed_person_in_the_lead_is_the_one_the_story_names_later_with_that_role(run):
    text = (
        "Judge keeps file sealed.\n\n"
        "A Leeds judge has refused a request to open the file, saying the court had no business deciding it.\n\n"
        "Crown Court Judge Helen Marsh said the file would stay sealed."
    )
    refused, saying, said = speakers(run(text))
    assert (refused.mention.text, refused.name) == ("A Leeds judge", "Helen Marsh")
    assert saying.name == said.name == "Helen Marsh"


def test_an_unnamed_person_in_the_lead_stays_unnamed_when_two_people_fit(run):
    text = (
        "Judges split.\n\n"
        "A Leeds judge has refused a request to open the file, saying the court had no business deciding it.\n\n"
        "Crown Court Judge Helen Marsh said the file would stay sealed. Judge Omar Reid said it should not."
    )
    assert speakers(run(text))[0].name is None


def test_a_title_case_headline_description_is_the_person_the_story_names_with_that_role(run):
    text = (
        "Council Hid Flood Risk, Former Town Hall Engineer Says.\n\n"
        "Eng. Sara Holt, who was the town hall engineer for ten years, said that the council hid the report."
    )
    headline, body = speakers(run(text))
    assert (headline.mention.text, headline.name) == ("Former Town Hall Engineer", "Sara Holt")
    assert body.name == "Sara Holt"


def test_a_role_in_apposition_before_the_name_is_among_its_roles(run):
    text = "Mitt Romney released his returns in 2012. Trump's running mate, Indiana Gov. Mike Pence, said he would release his own soon."
    result = run(text)
    pence = next(s for s in result.speakers if s.name == "Mike Pence")
    assert "Trump's running mate" in pence.roles


def test_sentences_inside_a_long_quotation_do_not_push_the_speaker_out_of_reach(run):
    text = (
        "\u201cWhy does this keep happening?\u201d Maria Lopez said. "
        "\u201cWe warned them. We wrote to them. We met them. We begged them.\u201d\n"
        "\u201cMaybe now they will listen,\u201d she continued."
    )
    result = run(text)
    last = result.attributions[-1]
    assert (last.speaker.mention.text, last.speaker.name) == ("she", "Maria Lopez")


def test_a_description_with_another_place_is_not_that_person(run):
    text = "Texas Senator John Tower defended the plan on Monday. The Kansas senator said it would fail."
    result = run(text)
    kansas = next(a.speaker for a in result.attributions if a.speaker and a.speaker.mention.text == "The Kansas senator")
    assert kansas.name is None and kansas.role == "Kansas senator"


def test_two_named_speakers_joined_by_and_are_one_group_named_for_both(run):
    text = "The Leeds Courier and the Hale newspaper group filed a motion, arguing the records were public."
    (s,) = speakers(run(text))
    assert (s.name, s.kind) == ("Leeds Courier and Hale", "group")
    assert s.mention.text == "The Leeds Courier and the Hale newspaper group"


def test_a_name_and_a_group_noun_are_not_a_joint_name(run):
    (s,) = speakers(run("Anna Berg and her colleagues said the plan would work."))
    assert (s.name, s.kind) == ("Anna Berg", "person")


def test_she_after_a_shared_surname_is_the_woman_of_the_two(run):
    # "Webb", the latest subject, may mean Karen or Thomas Webb (named last, so the surname's
    # first guess); both full names are sentences back. "she" fits only Karen.
    text = (
        "Karen Webb runs the farm. The farm has 40 cows. It sells milk in town. Her husband, Thomas Webb, "
        "joined her in 2010. The cows graze by the river. The river floods each spring. Webb was angry on "
        'Monday. Asked about the fence, she said it had been "cut on purpose."'
    )
    (s,) = speakers(run(text))
    assert (s.mention.text, s.name) == ("she", "Karen Webb")


def test_a_title_set_beside_a_book_is_no_person_for_a_pronoun(run):
    # "Open Roads" between commas after "book" is the book's title, so "she" has one person to
    # mean (Robin: a first name given to either sex, so gender cannot tell them apart).
    text = (
        "Robin Lopez fell on Monday. In her new book, Open Roads, Lopez noted the fall. "
        'After saying her knee was "too swollen to walk on," she was taken to hospital.'
    )
    # ("Lopez noted the fall" is an attribution of its own, by the name itself)
    (s,) = [s for s in speakers(run(text)) if s.mention.text == "she"]
    assert s.name == "Robin Lopez"


def test_a_city_is_not_the_organisation_its_name_begins(run):
    text = "The Chicago Police Department counted 40 shootings in May. Chicago said it would hire more officers."
    (s,) = speakers(run(text))
    assert (s.mention.text, s.name) == ("Chicago", "Chicago")


def test_a_company_reported_before_an_inverted_cue_is_not_the_speaker(run):
    text = (
        "Acme Chemical Industries PLC, the largest paint maker in Britain, will expand its coatings business"
        " this year, said chairman-elect John Holloway."
    )
    (s,) = speakers(run(text))
    assert (s.mention.text, s.name, s.role, s.kind) == ("chairman-elect John Holloway", "John Holloway", "chairman-elect", "person")


def test_a_participle_before_the_title_is_part_of_the_speaker_not_the_end_of_it(run):
    (s,) = speakers(run('"We never planned for this," said acting Director Mark Hale.'))
    assert (s.mention.text, s.name, s.role) == ("acting Director Mark Hale", "Mark Hale", "acting Director")
    (s,) = speakers(run("Prices will rise again next year, said retired Gen. Mark Hale."))
    assert (s.name, s.kind) == ("Mark Hale", "person")


def test_a_dateline_is_never_the_speaker_of_a_participle_cue(run):
    text = (
        "PARIS, Aug 31 (Reuters) - France's far-right party leader, Marine Dupont, voiced support for the candidate"
        " on Wednesday, saying his rival would bring war to the world."
    )
    (s,) = speakers(run(text))
    assert (s.name, s.kind) == ("Marine Dupont", "person")


def test_a_hyphen_inside_a_word_ends_no_dateline(run):
    (s,) = speakers(run("U.S. District Judge Ann Lee imposed a 52-month sentence, saying a tough penalty was needed."))
    assert (s.name, s.role) == ("Ann Lee", "U.S. District Judge")


def test_the_white_house_is_an_organisation(run):
    (s,) = speakers(run("The White House said the talks had gone well."))
    assert (s.name, s.kind) == ("White House", "organisation")


def test_a_participle_before_the_role_noun_is_part_of_the_role(run):
    (s,) = speakers(run('"We have heard this before," said Jim Olsen, 62, a retired teacher.'))
    assert (s.name, s.role) == ("Jim Olsen", "retired teacher")


def test_a_dateline_is_no_part_of_a_role_or_of_what_was_said(run):
    text = (
        "PARIS - France's foreign minister, Jean Dubois, warned on Friday that the talks could fail, "
        "according to two diplomats.\n\nThe minister said both sides remain far apart."
    )
    r = run(text)
    first, second = r.attributions
    assert first.content_text.startswith("France's foreign minister, Jean Dubois, warned")
    assert (second.speaker.name, second.speaker.role) == ("Jean Dubois", "France's foreign minister")


def test_a_capitalised_modifier_opening_the_sentence_is_part_of_the_role(run):
    (s,) = speakers(run("Union leader Bob Grant said workers would strike."))
    assert (s.name, s.role) == ("Bob Grant", "Union leader")


def test_the_product_maker_is_the_company_named_before(run):
    text = "Acme Corp said on Monday it would open a plant in Ohio. The tractor maker said the site would employ 500 people."
    first, second = speakers(run(text))
    assert (second.mention.text, second.name, second.kind) == ("The tractor maker", "Acme Corp", "organisation")


def test_a_surname_that_is_also_a_role_noun_is_still_a_name(run):
    text = (
        "Former President George Miller met Senator Tom Baker on Tuesday. Mr. Miller said the meeting went well.\n\n"
        'Baker, however, disagreed. He told reporters that "nothing was agreed."'
    )
    first, second = speakers(run(text))
    assert first.name == "George Miller"
    assert (second.mention.text, second.name, second.role) == ("He", "Tom Baker", "Senator")


def test_a_verb_of_the_sentence_is_no_role_of_the_name_after_it(run):
    (s,) = speakers(run("Opposition leader Petra Lang accused Weber of gambling with jobs."))
    assert (s.mention.text, s.name, s.role) == ("Opposition leader Petra Lang", "Petra Lang", "Opposition leader")


def test_a_description_with_its_owner_points_back_to_no_other_organisation(run):
    text = (
        "Acme Corp said on Monday it had closed the plant.\n\n"
        "The plant will stay shut until June, according to the district attorney's office."
    )
    r = run(text)
    s = r.attributions[-1].speaker
    assert (s.mention.text, s.name) == ("the district attorney's office", None)


def test_a_company_named_with_its_legal_ending_is_the_same_company_without_it(run):
    (s,) = speakers(run("Boeing Co is in talks to buy a stake in a jet maker.\n\nBoeing declined to comment."))
    assert (s.mention.text, s.name, s.kind) == ("Boeing", "Boeing Co", "organisation")


def test_a_legal_ending_in_lower_case_is_part_of_a_company_name(run):
    (s,) = speakers(run("Veritas Pharma plc said on Monday that sales of its arthritis drug had slowed."))
    assert (s.name, s.kind) == ("Veritas Pharma plc", "organisation")


def test_a_headline_opening_with_a_common_noun_names_nobody(run):
    # "Drugmaker" opens the headline capitalised; the story writes "the drugmaker"
    text = "Drugmaker cuts outlook\n\nShares in Veritas Pharma Inc fell on Thursday after the drugmaker said sales had slowed."
    (s,) = speakers(run(text))
    assert (s.mention.text, s.name) == ("the drugmaker", "Veritas Pharma Inc")


def test_where_a_senator_comes_from_is_not_part_of_the_name(run):
    text = (
        "Republican Sen. James Whitfield of Ohio said the final text had changed. "
        "Whitfield told reporters he would not support the bill."
    )
    first, second = speakers(run(text))
    assert (first.name, second.name) == ("James Whitfield", "James Whitfield")


def test_a_surname_that_is_also_a_role_noun_does_not_take_the_state(run):
    # "Boxer" is a role noun too: it must not count as a title that "of California" may follow
    (s,) = speakers(run("Sen. Barbara Boxer of California said the vote would be close."))
    assert (s.name, s.role) == ("Barbara Boxer", "senator")


def test_a_participle_after_an_auxiliary_is_the_verb_not_part_of_the_role(run):
    (s,) = speakers(run("Northfield Rovers have sacked manager Dan Ellery after a defeat. Ellery said he was disappointed."))
    assert (s.name, s.role) == ("Dan Ellery", "manager")


def test_an_organisation_named_after_its_kind_with_a_last_word_read_as_a_verb(run):
    # "Trust" tagged a verb (and a cue); "group" describes the name after it
    (s,) = speakers(run("Fan group Rovers Trust said it welcomed the decision."))
    assert (s.name, s.kind) == ("Rovers Trust", "organisation")


def test_the_office_before_a_name_is_a_role_not_a_name(run):
    text = "The Business Secretary, Priya Malhotra, told Parliament on Tuesday that the government was monitoring the talks."
    (s,) = speakers(run(text))
    assert (s.name, s.role) == ("Priya Malhotra", "Business Secretary")


def test_an_absolute_phrase_with_a_participle_of_saying_credits_its_own_subject(run):
    text = "Talks on the deal stalled on Friday, with Norway's trade minister accusing both sides of delay."
    (s,) = speakers(run(text))
    assert s.mention.text == "Norway's trade minister"


def test_a_headline_chief_is_nobody_when_two_people_below_hold_the_word(run):
    text = (
        "Chipmaker's chief says demand will last\n\n"
        '"We are at the very beginning," Chief Executive Rachel Kim said on Thursday.\n\n'
        "Finance chief Omar Haddad said revenue would rise to $10 billion."
    )
    headline, *_ = speakers(run(text))
    assert (headline.mention.text, headline.name) == ("Chipmaker's chief", None)


def test_a_double_barrelled_surname_is_one_name(run):
    text = 'Her daughter, Claire Marr-Lewis, said the cause was heart failure. "She was tireless," Marr-Lewis said.'
    first, second = speakers(run(text))
    assert (first.name, first.role, second.name) == ("Claire Marr-Lewis", "daughter", "Claire Marr-Lewis")


def test_a_peoples_plural_after_a_hyphen_is_no_name(run):
    (s,) = speakers(run("Many African-Americans said the plan would hurt them."))
    assert s.name is None


def test_a_team_and_position_before_a_name_are_its_role(run):
    text = 'Hawks coach Tim Reilly called it the best win of the season. "We stopped," Wolves forward Andre Mitchell said.'
    coach, forward = speakers(run(text))
    assert (coach.name, coach.role) == ("Tim Reilly", "Hawks coach")
    assert (forward.name, forward.role) == ("Andre Mitchell", "Wolves forward")


def test_a_role_runs_through_an_organisation_named_with_a_verb(run):
    (s,) = speakers(run('"This is a victory for everyone," said Jane Hollis, chair of Save Northbridge Fields.'))
    assert (s.name, s.role) == ("Jane Hollis", "chair of Save Northbridge Fields")


def test_a_sentence_ending_in_a_cue_clause_is_reported_by_it_not_by_a_verb_inside(run):
    text = "The plan would require companies to disclose where their drugs are made, one of the people said."
    (a,) = run(text).attributions
    assert (a.cue.text, a.speaker.mention.text) == ("said", "one of the people")
    assert a.content_text.startswith("The plan would require")


def test_an_organisation_named_beside_its_description_speaks(run):
    (s,) = speakers(run("Her record label, Northlight Music, said in a statement that ticket holders would get refunds."))
    assert (s.name, s.role, s.kind) == ("Northlight Music", "record label", "organisation")


def test_a_first_name_the_parser_cut_from_its_surname_stays_in_the_mention(run):
    (s,) = speakers(run("Pop star Mara Vale has cancelled the rest of her tour, saying she needs time to rest."))
    assert (s.mention.text, s.name) == ("Pop star Mara Vale", "Mara Vale")


def test_a_relative_with_the_same_surname_takes_the_next_quotation(run):
    text = (
        "\u201cIt goes in one ear and out the other,\u201d Tom Ebeling said, pointing to his ears. "
        "Betsy Ebeling shook her head. \u201cTom is much better about it than I am.\u201d"
    )
    first, second = speakers(run(text))
    assert (first.name, second.name) == ("Tom Ebeling", "Betsy Ebeling")


def test_an_organisation_whose_name_opens_with_an_adjective_keeps_it(run):
    (s,) = speakers(run("British Transport Police said extra officers would patrol the station."))
    assert (s.name, s.kind) == ("British Transport Police", "organisation")


def test_a_comment_on_the_whole_sentence_after_the_cue_is_not_what_was_said(run):
    text = (
        "Employers added 142,000 jobs in August, the Labor Department said on Friday, "
        "the latest sign that the labor market is losing steam."
    )
    (a,) = run(text).attributions
    assert (a.content_text, a.speaker.name) == ("Employers added 142,000 jobs in August", "Labor Department")


def test_what_a_belief_expects_includes_who_is_expected_to_act(run):
    (a,) = run("Some analysts expect the Federal Reserve to cut interest rates this month.").attributions
    assert a.content_text == "the Federal Reserve to cut interest rates this month"


def test_a_title_after_an_office_is_kept_apart_from_it(run):
    (s,) = speakers(run('"Our pilots have been patient," union president Captain Maria Delgado said.'))
    assert (s.name, s.role) == ("Maria Delgado", "union president")


def test_a_subject_the_parser_made_the_cue_object_before_a_preposition_stays_in_the_content(run):
    (a,) = run("Labor experts said a strike before Christmas was unlikely.").attributions
    assert a.content_text == "a strike before Christmas was unlikely"


def test_a_ruling_after_a_relative_clause_is_the_judges_and_ends_the_clause_before_it(run):
    text = (
        "A federal judge on Thursday blocked a state law that would have required voters to show two forms "
        "of identification, ruling that it likely violates the Constitution."
    )
    ruling = next(a for a in run(text).attributions if a.cue.text == "ruling")
    assert (ruling.content_text, ruling.speaker.mention.text) == ("it likely violates the Constitution", "A federal judge")


def test_a_company_named_with_an_ampersand_is_it(run):
    text = "Harlow & Finch said on Monday that it had received several offers. It declined to name the bidders."
    first, second = speakers(run(text))
    assert (first.name, first.kind, second.mention.text, second.name) == ("Harlow & Finch", "organisation", "It", "Harlow & Finch")


def test_a_statement_or_letter_from_an_organisation_is_its_voice(run):
    text = "According to a statement from the Royal College of Nurses, staff are exhausted. A letter from Acme Corp said the plant would close."
    first, second = speakers(run(text))
    assert (first.name, second.name, second.kind) == ("Royal College of Nurses", "Acme Corp", "organisation")


def test_a_wire_dateline_is_not_part_of_what_sources_said(run):
    text = (
        "TOKYO, March 3 (Reuters) - Japanese car makers are bracing for higher U.S. tariffs, industry sources "
        "said on Tuesday, as talks stalled."
    )
    (a,) = run(text).attributions
    assert a.content_text.startswith("Japanese car makers are bracing")


def test_an_office_opening_the_sentence_keeps_its_first_word(run):
    (s,) = speakers(run("Trade Minister Kenji Sato told a committee that Tokyo would respond calmly."))
    assert (s.name, s.role) == ("Kenji Sato", "Trade Minister")


def test_the_firm_is_the_company_named_before_and_what_it_said_keeps_its_subject(run):
    (a,) = run("Acme Corp reported a loss on Monday. The firm said sales fell in Asia.").attributions
    assert (a.content_text, a.speaker.mention.text, a.speaker.name) == ("sales fell in Asia", "The firm", "Acme Corp")


def test_according_to_a_name_and_its_apposition_credits_the_name_with_the_role(run):
    (s,) = speakers(run('"We will not back down," according to Maria Lopez, the union leader.'))
    assert (s.name, s.role, s.resolved_by) == ("Maria Lopez", "union leader", "name")


def test_people_familiar_with_the_matter_are_the_speakers_not_the_matter(run):
    (s,) = speakers(run("People familiar with the matter said the deal was off."))
    assert s.mention.text == "People familiar with the matter"


def test_an_opening_adverb_is_no_speaker(run):
    text = "The senators met on Tuesday. Afterwards, they said a deal was close."
    (s,) = speakers(run(text))
    assert (s.mention.text, s.name) == ("they", None)


def test_a_description_after_an_honorific_and_surname_is_that_person(run):
    text = "Ms. Rivera said she was tired. The mother of three added that she would keep working."
    first, second = speakers(run(text))
    assert (first.name, second.mention.text, second.name) == ("Rivera", "The mother of three", "Rivera")


def test_a_name_ending_an_opening_phrase_is_not_the_subject_after_its_comma(run):
    (s,) = speakers(run("In a post on Facebook, the mayor wrote that the city would recover."))
    assert (s.mention.text, s.name, s.role) == ("the mayor", None, "mayor")


def test_a_place_ending_an_opening_participle_phrase_is_not_the_speaker(run):
    text = "Tom Hargreaves attacked the plan. Speaking in the Commons, he said patients were paying the price."
    s = speakers(run(text))[-1]
    assert (s.mention.text, s.name) == ("he", "Tom Hargreaves")


def test_a_participle_opening_a_sentence_that_goes_on_keeps_the_role_after_the_name(run):
    text = "Joining him at the rally was Robert Stovall, a local activist. Stovall said the turnout was huge."
    (s,) = speakers(run(text))
    assert (s.name, s.role) == ("Robert Stovall", "local activist")


def test_a_name_set_off_before_the_verb_is_who_spoke_whatever_the_noun_before_it(run):
    (s,) = speakers(run("Her opposite number, Tom Hargreaves, accused her of hiding behind excuses."))
    assert (s.name, s.role) == ("Tom Hargreaves", "opposite number")


def test_a_description_with_a_name_of_its_own_is_not_the_organisation_named_before(run):
    text = (
        '"They keep promising a turnaround," said Lena Morris, an analyst at Brightwater Securities. '
        "The Teamsters union said it would fight every layoff."
    )
    s = speakers(run(text))[-1]
    assert (s.mention.text, s.name) == ("The Teamsters union", None)


def test_the_apposition_after_a_named_affiliation_is_the_speakers_role(run):
    text = "\"This is really exciting,\" said Dr. Anjali Rao of the Indian Space Research Organisation, the study's lead author."
    (s,) = speakers(run(text))
    assert (s.name, s.role) == ("Anjali Rao", "study's lead author")


def test_the_apposition_after_an_affiliation_that_describes_the_organisation_is_no_role(run):
    (s,) = speakers(run("\"Markets will fall,\" said Hanna Vogt of Lindqvist, Sweden's oldest private bank."))
    assert (s.name, s.role) == ("Hanna Vogt", None)


def test_now_before_an_apposition_is_not_part_of_the_role(run):
    (s,) = speakers(run("Mark Ellis, now a radio host, said the show would return."))
    assert (s.name, s.role) == ("Mark Ellis", "radio host")


def test_two_unnamed_sources_with_no_description_are_two_speakers(run):
    text = (
        "Among the members, most are planning to vote for the deal. The rest of the staff were not asked. "
        "Among the managers, few are planning to stay."
    )
    first, second = speakers(run(text))
    assert (first.mention.text, second.mention.text) == ("most", "few")
    assert first.id != second.id


def test_a_participle_after_an_unnamed_source_is_no_part_of_its_role(run):
    (s,) = speakers(run("A plan to ban phones has divided parents, a survey published on Wednesday showed."))
    assert (s.mention.text, s.role) == ("a survey published on Wednesday", "survey")


def test_one_of_them_is_no_role(run):
    text = "Two members voted for a cut. One of them, Jonathan Hale, argued in a speech that the economy was weakening."
    s = speakers(run(text))[-1]
    assert (s.name, s.role) == ("Jonathan Hale", None)


def test_that_before_a_finite_verb_is_what_was_said_not_a_complementiser(run):
    (a,) = run("Democrat Ellen Price said that was false.").attributions
    assert a.content_text == "that was false"


def test_a_chemicals_company_is_the_company_that_speaks_later(run):
    text = (
        "The plant's owner, Delta Chemicals, said in a statement that it was cooperating with investigators. "
        "The company said it did not yet know what caused the fire."
    )
    first, second = speakers(run(text))
    assert (first.name, first.kind) == ("Delta Chemicals", "organisation")
    assert (second.mention.text, second.name) == ("The company", "Delta Chemicals")


def test_a_role_noun_tagged_a_verb_after_a_quotation_opens_the_speakers_phrase(run):
    text = 'Kingsbridge Bank said it accepted the findings. "We deeply regret these failings," chief executive Alan Frost said.'
    s = speakers(run(text))[-1]
    assert (s.mention.text, s.name, s.role) == ("chief executive Alan Frost", "Alan Frost", "chief executive")


def test_a_past_tense_that_is_also_a_role_noun_stays_a_verb(run):
    text = "Michelle Fields accused campaign manager Corey Lewandowski of grabbing her arm. Lewandowski said he never touched her."
    s = speakers(run(text))[-1]
    assert (s.name, s.role) == ("Corey Lewandowski", "campaign manager")


def test_a_show_title_in_quotes_after_a_closing_cue_is_not_what_was_said(run):
    text = 'Former Rep. Tom Hale was firmly behind Ann Lee while the Ohio senator was in the race, he said Monday on WXYZ\'s "Morning Hour."'
    (a,) = run(text).attributions
    assert a.content_text == "Former Rep. Tom Hale was firmly behind Ann Lee while the Ohio senator was in the race"
    assert (a.speaker.mention.text, a.speaker.name) == ("he", "Tom Hale")


def test_a_participle_with_its_infinitive_after_a_comma_reports_nothing(run):
    text = "Brazil wants automatic lending so that it would not have to dip into its reserves, now reported to be below four billion dollars."
    assert [a.cue.text for a in run(text).attributions] == ["wants"]


def test_the_subject_after_a_subordinating_word_reports_not_the_main_clauses(run):
    text = "Canada's housing minister, Gerald Fournier, resigned on Wednesday after a newspaper reported that he had claimed thousands of dollars in expenses."
    (a,) = run(text).attributions
    assert (a.cue.text, a.speaker.mention.text, a.speaker.name) == ("reported", "a newspaper", None)


def test_and_inside_an_agencys_name_keeps_the_name_whole(run):
    text = "Verona Pharma recalled three batches of its drug on Friday, the Food and Drug Administration said."
    (s,) = speakers(run(text))
    assert (s.mention.text, s.name) == ("the Food and Drug Administration", "Food and Drug Administration")



def test_the_opening_phrase_and_its_apposition_are_not_the_subject(run):
    text = "In Puerto Bello, the town closest to the crater, resident Carlos Ruiz said the ground had been shaking for days."
    (s,) = speakers(run(text))
    assert (s.mention.text, s.name, s.role) == ("resident Carlos Ruiz", "Carlos Ruiz", "resident")


def test_the_club_is_the_football_club_named_before(run):
    text = 'Riverside FC sacked head coach Danny Moyes on Sunday. "We thank Danny for his hard work," the club said in a statement.'
    (s,) = speakers(run(text))
    assert (s.mention.text, s.name, s.kind) == ("the club", "Riverside FC", "organisation")


def test_a_whose_clause_after_the_name_is_no_role(run):
    (s,) = speakers(run('"My son is never coming home," said Robert Ellis, whose 16-year-old son, Mark, was killed.'))
    assert (s.name, s.role) == ("Robert Ellis", None)


def test_an_approximate_number_after_the_cue_opens_what_was_said(run):
    (a,) = run("The GMB union said about 600 workers at the Lindsey plant had joined the strike.").attributions
    assert a.content_text == "about 600 workers at the Lindsey plant had joined the strike"


def test_an_infinitive_after_the_object_of_a_verb_of_urging_is_what_was_urged(run):
    (a,) = run("Energy Secretary Claire Dunn urged both sides to return to talks.").attributions
    assert (a.cue.text, a.content_text, a.speaker.name) == ("urged", "to return to talks", "Claire Dunn")


def test_a_quantifier_opening_the_sentence_is_who_spoke_whatever_the_parser_made_of_it(run):
    (a,) = run("The board met on Monday. Most said the vote was fair.").attributions
    assert (a.content_text, a.speaker.mention.text, a.speaker.name) == ("the vote was fair", "Most", None)


def test_a_possessive_inside_an_organisations_name_stays_in_it(run):
    text = "The Alzheimer's Association said the findings were an important step."
    (s,) = speakers(run(text))
    assert (s.name, s.kind) == ("Alzheimer's Association", "organisation")


def test_a_person_owning_an_office_is_not_part_of_its_name(run):
    text = "Obama met the budget team on Friday. Obama's Office of Management said the plan was sound."
    (s,) = speakers(run(text))
    assert s.name != "Obama's Office of Management"


def test_the_agency_credited_in_the_dateline_is_not_the_club(run):
    text = (
        "MADRID, March 3 (AP) \u2014 Real Madrid coach Diego Alvarez said his side would not change.\n\n"
        "Midfielder Luca Romano is doubtful, the club said."
    )
    second = speakers(run(text))[1]
    assert (second.mention.text, second.name) == ("the club", None)


def test_a_titled_name_in_apposition_is_no_role_of_the_name_before_it(run):
    text = (
        "The chairman of Northwind Airlines, Sir Geoffrey Hale, will step down next year.\n\n"
        "Northwind Airlines said the board had started a search."
    )
    (s,) = speakers(run(text))
    assert s.name == "Northwind Airlines"
    assert s.role != "Sir Geoffrey Hale"


def test_a_councillors_abbreviated_title_is_not_part_of_the_name(run):
    (s,) = speakers(run("Cllr James Whitaker said the council would find a new home for the centre."))
    assert (s.name, s.role) == ("James Whitaker", "Cllr")


def test_a_subject_after_that_which_the_parser_hung_on_the_cue_opens_what_was_said(run):
    text = "Senator Mark Ellison said the spending was reckless. He argued that states, not Washington, should decide which projects to fund."
    second = run(text).attributions[1]
    assert second.content_text == "states, not Washington, should decide which projects to fund"


def test_the_company_is_the_lone_name_that_acted_before_it(run):
    text = (
        "Google agreed to pay $350 million to settle the lawsuit. Google denied wrongdoing.\n\n"
        "The company said it had found no evidence that the data was misused."
    )
    s = speakers(run(text))[-1]
    assert (s.mention.text, s.name, s.kind) == ("The company", "Google", "organisation")


def test_a_campaign_group_called_international_is_an_organisation(run):
    (s,) = speakers(run("Amnesty International said it had documented the use of live ammunition."))
    assert (s.name, s.kind) == ("Amnesty International", "organisation")


def test_a_document_described_by_a_past_form_is_who_spoke_not_the_event_after_it(run):
    (s,) = speakers(run("The statement released after the meeting said officials would wait for more data."))
    assert (s.mention.text, s.name, s.role, s.kind) == ("The statement released after the meeting", None, "statement", "document")


def test_the_spokesman_is_the_one_just_introduced_not_the_named_spokesman_before(run):
    text = (
        "Labour's health spokesman, Wes Streeting, said the promise had been broken.\n\n"
        "A Downing Street spokesman rejected the claim. 'The programme is on track,' the spokesman said."
    )
    first, second = speakers(run(text))
    assert first.name == "Wes Streeting"
    assert (second.mention.text, second.name) == ("the spokesman", None)


def test_a_hyphenated_age_after_the_cue_is_the_whole_mention(run):
    (s,) = speakers(run('"It is a dream," said the 23-year-old, who joined the club two years ago.'))
    assert s.mention.text == "the 23-year-old"


def test_a_quantifier_grows_over_a_hyphenated_group(run):
    (s,) = speakers(run("Others in the Spanish-speaking community said the plan was unfair."))
    assert (s.mention.text, s.name, s.role) == (
        "Others in the Spanish-speaking community",
        None,
        "Others in the Spanish-speaking community",
    )



def test_a_name_joined_to_a_role_before_an_apposition_is_not_part_of_the_role(run):
    text = (
        "For Tom Hardy and his wife, Ana, the decision came after three years of drought. "
        "His wife said the hardest part was telling their children."
    )
    (s,) = speakers(run(text))
    assert (s.name, s.role) == ("Ana", "wife")


def test_a_party_and_an_office_joined_by_and_stay_one_role(run):
    (s,) = speakers(run("Andrew Hale, a Democrat and former state senator, said the party had lost its way."))
    assert (s.name, s.role) == ("Andrew Hale", "Democrat and former state senator")


def test_an_organisation_named_after_its_members_keeps_its_whole_name(run):
    (s,) = speakers(run("The Writers Guild of America said the deal was exceptional."))
    assert (s.name, s.role, s.kind) == ("Writers Guild of America", None, "organisation")


def test_a_role_noun_the_tagger_read_as_a_verb_after_an_article_opens_the_role(run):
    (s,) = speakers(run('"We are thrilled," said Adam Conover, a comedian and member of the negotiating committee.'))
    assert (s.name, s.role) == ("Adam Conover", "comedian and member of the negotiating committee")


def test_a_singular_noun_with_a_before_a_plural_subject_is_not_part_of_it(run):
    s = speakers(run("Musk said he would donate, a move critics called an attempt to buy influence."))[-1]
    assert (s.mention.text, s.name, s.kind) == ("critics", None, "group")


def test_an_unnamed_organisation_in_the_lead_is_the_one_named_later_with_a_shared_word(run):
    text = (
        "A charity supporting hospice nurses warned on Monday that staff were leaving.\n\n"
        "The Hospice Nurses Trust said one in five posts was empty."
    )
    first, second = speakers(run(text))
    assert (first.mention.text, first.name) == ("A charity", "Hospice Nurses Trust")
    assert second.name == "Hospice Nurses Trust"


def test_an_unnamed_organisation_stays_unnamed_when_no_later_name_shares_a_word(run):
    text = "A charity supporting hospice nurses warned on Monday that staff were leaving.\n\nThe Care Fund said posts were empty."
    first = speakers(run(text))[0]
    assert (first.mention.text, first.name) == ("A charity", None)


def test_an_abbreviated_military_rank_is_a_title_not_the_name(run):
    (s,) = speakers(run('A military spokesman, Brig. Gen. Nabil Abdallah, said the claims were "baseless."'))
    assert (s.name, s.role) == ("Nabil Abdallah", "brigadier general")


def test_a_property_company_is_an_organisation(run):
    (s,) = speakers(run('The landlord, Crescent Properties, said the new rent reflected "market rates."'))
    assert (s.name, s.kind) == ("Crescent Properties", "organisation")


def test_an_age_before_the_cue_is_the_person_just_quoted(run):
    text = 'Saka said the win showed the squad\'s character. "We showed we can fight," the 23-year-old said.'
    second = speakers(run(text))[1]
    assert (second.mention.text, second.name) == ("the 23-year-old", "Saka")


def test_a_research_firm_is_an_organisation_it_refers_to(run):
    text = (
        "Counterpoint Research said it expected shipments to grow by 30 percent this year. "
        "But the category is still small, it said."
    )
    first, second = speakers(run(text))
    assert (first.name, first.kind) == ("Counterpoint Research", "organisation")
    assert (second.mention.text, second.name) == ("it", "Counterpoint Research")


def test_according_to_opening_a_sentence_ends_at_its_comma(run):
    (a,) = run("According to the restaurant association AHRESP, more than 1,000 restaurants closed last year.").attributions
    assert a.speaker.mention.text == "the restaurant association AHRESP"
    assert a.content_text == "more than 1,000 restaurants closed last year"


def test_a_description_with_capitalised_words_is_not_an_organisation_named_with_its_noun(run):
    text = (
        "The Huffington Post reported the story on Monday.\n\n"
        "According to the school's Facebook post, the trip had been cancelled."
    )
    s = speakers(run(text))[-1]
    assert s.name != "Huffington Post"


def test_a_chamber_of_commerce_is_one_organisation(run):
    (s,) = speakers(run("The California Chamber of Commerce said it was disappointed by the vote."))
    assert (s.name, s.kind) == ("California Chamber of Commerce", "organisation")


@pytest.mark.parametrize("name", ["Bain Capital", "Democracy Corps", "Mayo Clinic"])
def test_common_last_words_of_organisations_make_an_organisation(run, name):
    (s,) = speakers(run(f"{name} said on Monday that the results were encouraging."))
    assert (s.name, s.kind) == (name, "organisation")


def test_who_after_an_unnamed_source_is_that_same_source(run):
    text = '"Offers are not made overnight," said one former trade official, who noted that the deal took months.'
    first, second = speakers(run(text))
    assert (second.mention.text, second.name, second.role) == ("who", None, "former trade official")
    assert first.id == second.id


def test_who_after_a_role_set_beside_a_name_is_that_name(run):
    text = "The group is backed by Peter Hale, the billionaire investor, who said the tax was unfair."
    (s,) = speakers(run(text))
    assert (s.mention.text, s.name) == ("who", "Peter Hale")


def test_who_after_a_description_of_the_named_person_keeps_later_pronouns_on_him(run):
    text = (
        "House Speaker Paul Ryan said on Thursday that he could not support the nominee.\n\n"
        "It was a reversal for the Wisconsin Republican, who had pledged to support the nominee. "
        "He said the nominee needed to do more work."
    )
    last = speakers(run(text))[-1]
    assert (last.mention.text, last.name) == ("He", "Paul Ryan")


def test_a_modifier_the_tagger_read_as_a_verb_opens_the_apposition_role(run):
    (s,) = speakers(run('"This is a team that is delivering," said Sophie Hale, lead equity analyst at Norbank.'))
    assert (s.name, s.role) == ("Sophie Hale", "lead equity analyst at Norbank")


def test_who_after_an_office_with_and_in_its_name_is_the_person_named_before_it(run):
    text = (
        '"You never know what is down there," said Carl Vance, the Customs and Border Protection commissioner, '
        "who conceded that more tunnels might exist."
    )
    first, second = speakers(run(text))
    assert (second.mention.text, second.name) == ("who", "Carl Vance")


@pytest.mark.parametrize("name", ["Mike O'Neal", "Martin O\u2019Malley", "Dina D'Angelo"])
def test_a_surname_with_an_apostrophe_is_one_name(run, name):
    (s,) = speakers(run(f"The union's president, {name}, said officers welcomed the move."))
    assert (s.name, s.role) == (name, "union's president")


def test_an_interview_turn_label_is_no_speaker(run):
    text = "Q: Why did you decide to run?\n\nA: I saw what was happening in my town and could not stay on the sidelines."
    a = run(text).attributions[-1]
    assert a.speaker is None or a.speaker.mention.text != "A"


def test_an_acronym_and_a_place_is_an_organisation(run):
    (s,) = speakers(run("Hospitals cancelled more than 1,000 operations during the strike, NHS England said on Friday."))
    assert (s.name, s.kind) == ("NHS England", "organisation")


def test_an_acronym_with_an_ampersand_is_the_company_it_abbreviates(run):
    text = "A jury ordered Johnson & Johnson to pay $45 million on Thursday. J&J said it would appeal."
    s = speakers(run(text))[-1]
    assert (s.mention.text, s.name) == ("J&J", "Johnson & Johnson")


def test_lawyers_for_a_person_are_a_group_and_she_is_still_the_person(run):
    text = (
        "A former aide, Rebecca Stone, was sentenced on Friday. Lawyers for Stone argued that she had cooperated. "
        'Stone, 52, apologised to the court. "I am ashamed of what I did," she said.'
    )
    lawyers, she = speakers(run(text))
    assert (lawyers.name, lawyers.role, lawyers.kind) == (None, "Lawyers for Stone", "group")
    assert (she.mention.text, she.name) == ("she", "Rebecca Stone")


def test_supporters_of_a_person_are_not_that_person(run):
    text = "Supporters of Maria Delgado said the count was unfair. Delgado has not conceded."
    (s,) = speakers(run(text))
    assert (s.name, s.role, s.kind) == (None, "Supporters of Maria Delgado", "group")


def test_a_group_named_after_its_members_is_one_organisation(run):
    (s,) = speakers(run("Teachers for Reform said the plan would cost families $2,000 a year."))
    assert (s.name, s.role, s.kind) == ("Teachers for Reform", None, "organisation")


def test_a_place_is_not_the_university_it_ends(run):
    text = "The University of Arizona published the study on Monday. Arizona said it would review the findings."
    (s,) = speakers(run(text))
    assert (s.mention.text, s.name) == ("Arizona", "Arizona")


def test_the_company_is_the_one_that_spoke_not_a_place_named_in_what_it_said(run):
    text = (
        "Zentrix said on Thursday that it would stop selling its routers in the European Union from October. "
        '"The new rules make it impossible to operate," the company said in a blog post.'
    )
    first, second = speakers(run(text))
    assert (second.mention.text, second.name, second.kind) == ("the company", "Zentrix", "organisation")


def test_a_campaign_named_for_a_person_is_not_a_company_sharing_the_name(run):
    text = (
        "Senator Ann Gray rented offices from Gray Holdings LLC, which was paid $40,000 in May. "
        "The Gray campaign said the rent was fair."
    )
    (s,) = speakers(run(text))
    assert (s.name, s.role) == (None, "Gray campaign")


def test_after_a_dateline_a_clause_of_its_own_gives_way_to_the_name_before_the_cue(run):
    text = "NEW YORK — Stocks fell on Thursday after Federal Reserve Chair Anna Field said the bank was in no hurry to cut rates."
    (s,) = speakers(run(text))
    assert (s.mention.text, s.name, s.role) == ("Federal Reserve Chair Anna Field", "Anna Field", "Federal Reserve Chair")


def test_a_name_with_two_particles_is_whole_and_so_is_its_short_form(run):
    text = 'Commission President Greta von der Brink said the bloc would act. "We will not wait," Ms von der Brink told reporters.'
    first, second = speakers(run(text))
    assert (first.name, first.role) == ("Greta von der Brink", "Commission President")
    assert (second.mention.text, second.name) == ("Ms von der Brink", "Greta von der Brink")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Minnesota Sen. Al Horton said the vote was close. Horton added that he would try again.", "Al Horton"),
        ("Rep. Ron DeMarco said the bill was dead. DeMarco added that he would try again.", "Ron DeMarco"),
    ],
)
def test_a_first_name_or_surname_that_opens_like_a_particle_stays_in_the_name(run, text, name):
    assert [s.name for s in speakers(run(text))] == [name, name]


def test_a_name_with_an_age_set_beside_a_plain_noun_is_the_speaker(run):
    text = 'Police said 12 people had been treated. One fan, Gary Mills, 45, said: "It was terrifying."'
    _, fan = speakers(run(text))
    assert (fan.name, fan.role) == ("Gary Mills", "fan")


def test_a_role_with_a_gerund_after_its_preposition_is_whole(run):
    text = "Councillor Jane Barker, executive member for housing at North Yorkshire Council, said the town needed homes."
    (s,) = speakers(run(text))
    assert (s.name, s.role) == ("Jane Barker", "executive member for housing at North Yorkshire Council")


def test_a_list_going_on_after_a_name_is_no_role(run):
    text = (
        "Mayor Ruth Ellis was joined by her husband, former Senator Tom Ellis, and daughter Anna Ellis on Monday "
        "in a day of campaigning. Tom Ellis said the campaign was going well."
    )
    (s,) = speakers(run(text))
    assert (s.name, s.role) == ("Tom Ellis", "former Senator")


def test_downing_street_is_one_name_and_an_institution(run):
    (s,) = speakers(run("Downing Street said no decisions had been taken."))
    assert (s.name, s.kind) == ("Downing Street", "organisation")


@pytest.mark.parametrize("text", ["The Greens said the plan was rushed.", "The Hendersons said they were delighted with the verdict."])
def test_one_plural_name_after_the_is_a_group_not_a_person(run, text):
    (s,) = speakers(run(text))
    assert s.kind == "group"


def test_the_force_is_the_police_force_named_before(run):
    text = (
        "Detective Inspector Mark Hall, of West Midlands Police, said the family was devastated. "
        "The force said it had received more than 200 calls."
    )
    _, force = speakers(run(text))
    assert (force.mention.text, force.name, force.kind) == ("The force", "West Midlands Police", "organisation")


def test_a_description_means_the_newcomer_introduced_since_the_organisation(run):
    text = (
        "The Ohio Board of Elections ruled on Monday that the candidate could stay on the ballot. "
        "In March, a state ballot commission in Maine had rejected a similar challenge. "
        "The commission said a court should settle the matter."
    )
    last = speakers(run(text))[-1]
    assert (last.mention.text, last.name) == ("The commission", None)


def test_a_speaker_phrase_after_the_cue_may_open_with_a_word_read_as_a_verb(run):
    (s,) = speakers(run('"The effect was stronger than we expected," said lead author Dr Maria Chen.'))
    assert (s.name, s.role) == ("Maria Chen", "lead author")


def test_a_noun_for_where_someone_comes_from_is_the_person_just_quoted(run):
    text = (
        "City manager Pep Alvarez said on Friday that his side would not panic. "
        '"We have been here before," Alvarez told Sky Sports. '
        "The Spaniard also confirmed that his captain would miss the rest of the season."
    )
    last = speakers(run(text))[-1]
    assert (last.mention.text, last.name) == ("The Spaniard", "Pep Alvarez")


def test_a_description_never_means_another_kind_of_institution(run):
    text = (
        "Amara Okafor, who worked at St Mary's Hospital for 11 years, said she was relieved. "
        "In its ruling, the tribunal said the hospital had treated her appallingly."
    )
    _, tribunal = speakers(run(text))
    assert (tribunal.mention.text, tribunal.name, tribunal.role) == ("the tribunal", None, "tribunal")


def test_a_plural_in_es_is_a_group_with_its_role(run):
    (s,) = speakers(run("Witnesses said the aircraft appeared to lose power shortly after take-off."))
    assert (s.name, s.role, s.kind) == (None, "Witnesses", "group")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Air Accidents Investigation Branch said it had sent a team to the site.", "Air Accidents Investigation Branch"),
        ("The New Popular Front said the appointment was a denial of democracy.", "New Popular Front"),
    ],
)
def test_branch_and_front_name_organisations(run, text, name):
    (s,) = speakers(run(text))
    assert (s.name, s.kind) == (name, "organisation")


def test_a_lead_description_is_the_person_the_next_sentence_names(run):
    text = (
        "The chief executive of Severn Water has said the company will run out of money by the end of the year.\n\n"
        'Chris Weston told MPs on Tuesday that the firm was "in a very difficult position".'
    )
    lead, named = speakers(run(text))
    assert (lead.name, lead.role) == ("Chris Weston", "chief executive of Severn Water")
    assert (named.name, named.role) == ("Chris Weston", "chief executive of Severn Water")


def test_a_lead_description_is_not_a_next_speaker_with_a_role_of_their_own(run):
    text = (
        "The chief executive of Severn Water has said the company will run out of money by the end of the year.\n\n"
        "Chris Weston, an analyst at Morningstar, said the firm was in a very difficult position."
    )
    lead, _ = speakers(run(text))
    assert (lead.name, lead.role) == (None, "chief executive of Severn Water")


def test_mrs_is_never_the_man_of_that_surname(run):
    text = 'Matt Green and his wife lost their son in June. "We want every parent to know how quickly it can happen," Mrs Green said.'
    (s,) = speakers(run(text))
    assert s.mention.text == "Mrs Green" and s.name != "Matt Green"


def test_mrs_and_mr_with_a_shared_surname_stay_apart_after_mr_is_settled(run):
    text = (
        "Senator Jane Harlan and her husband, former Governor Bill Harlan, spoke at the dinner. "
        "Mr. Harlan said the foundation would stop taking foreign money. "
        "Mrs. Harlan said she had never discussed the foundation with donors."
    )
    assert [s.name for s in speakers(run(text))] == ["Bill Harlan", "Jane Harlan"]


def test_a_title_with_for_and_an_office_is_the_role_of_the_name_after_it(run):
    text = "Federal Reserve Vice Chair for Supervision Michael Barr told the committee that the bank had been mismanaged."
    (s,) = speakers(run(text))
    assert (s.name, s.role) == ("Michael Barr", "Federal Reserve Vice Chair for Supervision")


def test_an_mp_for_a_constituency_is_no_person_named_after_it(run):
    text = (
        "A Conservative MP has called for an inquiry into the sale of a golf course. Sir John Hayes, the MP for "
        'South Holland and The Deepings, said residents had been "kept in the dark".'
    )
    lead, hayes = speakers(run(text))
    assert lead.name == hayes.name == "John Hayes"


def test_a_description_after_a_named_person_is_never_the_next_sentences_subject(run):
    text = (
        "Arsenal manager Mikel Arteta has said his side are ready to challenge for the title.\n\n"
        '"We showed what we are capable of," the Gunners boss said.\n\n'
        'Bukayo Saka, who scored twice, said the team had been hungry.'
    )
    _, boss, saka = speakers(run(text))
    assert boss.name != "Bukayo Saka" and saka.role is None


def test_the_supermarket_is_an_organisation(run):
    (s,) = speakers(run("The supermarket said it was co-operating fully with the police investigation."))
    assert (s.name, s.role, s.kind) == (None, "supermarket", "organisation")


def test_a_name_before_the_comma_of_a_list_is_no_role(run):
    text = (
        "During a town hall, Democrats Jane Ross, Tom Hale, and Ann Ward offered voters different approaches. "
        "Hale said the country needed a political revolution."
    )
    (s,) = speakers(run(text))
    assert (s.name, s.role) == ("Tom Hale", None)


def test_a_verb_in_ing_taking_a_titled_name_is_not_part_of_its_role(run):
    text = "The senator won applause for criticizing President Tom Ward on trade. Ward said the criticism was unfair."
    ward = speakers(run(text))[-1]
    assert (ward.mention.text, ward.name, ward.role) == ("Ward", "Tom Ward", "President")


def test_an_ing_word_that_is_part_of_a_role_stays(run):
    text = "Robert Peck, managing director and internet analyst at SunTrust, said the shares were cheap."
    (s,) = speakers(run(text))
    assert (s.name, s.role) == ("Robert Peck", "managing director and internet analyst at SunTrust")


def test_a_korean_given_name_after_its_hyphen_is_part_of_the_name(run):
    text = "Former UN secretary-general Ban Ki-moon has warned that the world is failing. Ban said governments were sleepwalking."
    first, second = speakers(run(text))
    assert (first.name, second.name) == ("Ban Ki-moon", "Ban Ki-moon")


def test_a_surname_is_the_person_named_with_jr_not_an_earlier_namesake(run):
    text = (
        "Former President John F. Kennedy was assassinated in 1963. Independent candidate Robert F. Kennedy Jr. said on "
        'Friday that he would suspend his campaign. "I cannot ask my staff to keep working," Kennedy said.'
    )
    last = speakers(run(text))[-1]
    assert (last.mention.text, last.name) == ("Kennedy", "Robert F. Kennedy Jr.")


def test_an_organisation_set_beside_a_spokespersons_employer_is_not_the_spokesperson(run):
    text = 'A spokesperson for the broadcaster, HBO, said Rowling remained "a valued partner".'
    (s,) = speakers(run(text))
    assert (s.name, s.kind) == (None, "person")


def test_a_description_after_the_lead_means_the_company_the_story_opens_with(run):
    text = (
        "Nordchip reported record quarterly revenue on Wednesday, beating forecasts.\n\n"
        "The chipmaker said revenue rose to $35 billion in the three months to October."
    )
    last = speakers(run(text))[-1]
    assert (last.mention.text, last.name, last.kind) == ("The chipmaker", "Nordchip", "organisation")


def test_a_name_with_its_affiliation_set_beside_a_role_is_the_speaker(run):
    text = 'His lawyer, Sarah Chen of the Innocence Project, said the case showed "everything that is wrong with the system".'
    (s,) = speakers(run(text))
    assert (s.name, s.role) == ("Sarah Chen", "lawyer")


def test_a_report_after_a_comma_ends_with_its_speakers_and_a_speech_verb(run):
    (s,) = speakers(run("The expected fall in sales could cost the firm millions, industry analysts forecast."))
    assert (s.mention.text, s.role, s.kind) == ("industry analysts", "industry analysts", "group")


def test_said_in_a_televised_speech_that_reports_the_clause_after_that(run):
    text = (
        "The group's deputy leader, Naim Qassem, said in a televised speech that the group would respond "
        '"at the time and place of our choosing".'
    )
    (s,) = speakers(run(text))
    assert s.name == "Naim Qassem"


def test_the_military_is_an_organisation(run):
    (s,) = speakers(run("The Israeli military said it had killed a senior commander in an air strike."))
    assert (s.role, s.kind) == ("Israeli military", "organisation")


def test_a_place_read_as_a_participle_before_an_organisation_word_is_part_of_its_name(run):
    (s,) = speakers(run("Gwynedd Council said about 40 households in the village would be affected."))
    assert (s.name, s.kind) == ("Gwynedd Council", "organisation")


def test_letters_after_a_name_are_no_part_of_it(run):
    text = "Ward's barrister, Helen Marsh KC, said her client had been misled. Marsh added that the sale was void."
    first, second = speakers(run(text))
    assert (first.name, first.role, second.name) == ("Helen Marsh", "Ward's barrister", "Helen Marsh")


def test_a_cue_the_parser_hung_in_a_relative_clause_speaks_for_the_opening_noun(run):
    text = "The parents of a teenager who died after taking a legal high have called for a ban on the drug."
    (s,) = speakers(run(text))
    assert (s.mention.text, s.name, s.role) == ("The parents of a teenager", None, "parents of a teenager")


@pytest.mark.parametrize("state", ["South Carolina", "Wisconsin"])
def test_a_state_that_speaks_is_an_organisation(run, state):
    (s,) = speakers(run(f"{state} said it would appeal the ruling."))
    assert (s.name, s.kind) == (state, "organisation")


def test_a_sentence_adverb_is_no_speaker_name(run):
    text = 'Likewise, the study found that families had lost ground. "The gap is widening," said Ana Ruiz.'
    assert all(s.name != "Likewise" for s in speakers(run(text)))


def test_a_family_that_speaks_is_a_group_with_its_description(run):
    (s,) = speakers(run("In a statement, Mr Grant's family said they could finally begin to grieve."))
    assert (s.name, s.role, s.kind) == (None, "Mr Grant's family", "group")


@pytest.mark.parametrize("text", ["Fans praised the gesture online.", "Motorists said the road had been closed for hours."])
def test_plain_people_nouns_opening_a_sentence_are_no_names(run, text):
    (s,) = speakers(run(text))
    assert s.name is None and s.role == text.split()[0]


def test_an_age_description_is_the_one_person_named_in_the_sentence_before(run):
    text = (
        "When the floodwaters reached her kitchen, Anna Kowalski grabbed her two children and ran.\n\n"
        '"There was no warning, nothing," the 36-year-old said.'
    )
    (s,) = speakers(run(text))
    assert (s.mention.text, s.name) == ("the 36-year-old", "Anna Kowalski")


def test_its_chief_executive_in_the_lead_is_the_person_the_next_sentence_names(run):
    text = (
        "Shellco has dropped plans to cut oil production, its chief executive said on Thursday.\n\n"
        'Wael Sawan told investors that the company would focus on "value over volume".'
    )
    lead, named = speakers(run(text))
    assert (lead.name, lead.role, named.role) == ("Wael Sawan", "chief executive", "chief executive")


@pytest.mark.parametrize(("text", "role"), [("The Sanders team said the ad was false.", "Sanders team")])
def test_a_team_is_an_organisation(run, text, role):
    (s,) = speakers(run(text))
    assert (s.role, s.kind) == (role, "organisation")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Water company Severn Trent said on Monday it would spend £30 million upgrading the site.", "Severn Trent"),
        ("The drugmaker Pfizer said on Monday that the trial had failed.", "Pfizer"),
        ("Labour declined to comment on the report.", "Labour"),
    ],
)
def test_a_name_after_an_organisation_noun_is_an_organisation(run, text, name):
    (s,) = speakers(run(text))
    assert (s.name, s.kind) == (name, "organisation")


@pytest.mark.parametrize(
    "text",
    [
        "Tesco said on Wednesday that sales had risen. Tesco's shares rose 3 percent.",
        "Shares in Burberry fell sharply. Burberry said it would cut jobs.",
    ],
)
def test_a_lone_name_owning_shares_or_sales_is_an_organisation(run, text):
    (s,) = speakers(run(text))
    assert s.kind == "organisation"


def test_after_an_opening_phrase_the_pronoun_is_the_speaker_not_the_phrase(run):
    text = 'Jurors took two hours to acquit Karen Hughes. Outside court, she said she was "relieved it was finally over".'
    (s,) = speakers(run(text))
    assert (s.mention.text, s.name) == ("she", "Karen Hughes")
