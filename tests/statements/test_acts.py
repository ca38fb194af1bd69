"""Statement acts: sentences written for these tests, coded by the real pipeline."""

from __future__ import annotations

import pytest

from communique.statements import STATEMENT_TYPES


def _country(side):
    return side.country if side is not None else None


def acts(rec):
    """The events the statement-act step added."""
    return [e for e in rec.events if e.rule.startswith("statement.")]


def describe(rec) -> str:
    return "; ".join(f"{e.type} {_country(e.source)}->{_country(e.target)} [{e.rule}]" for e in rec.events) or "none"


# (sentence, type, source, target): one per verbal type, each with a neutral reporting verb
TYPED = [
    ('"The proposals from Washington are unrealistic," the Russian foreign minister said.', "REJECT", "RUS", "USA"),
    ("The Chinese foreign ministry said the Japanese plan was unacceptable.", "REJECT", "CHN", "JPN"),
    ('"Canada must release our citizens at once," the Chinese ambassador said.', "REQUEST", "CHN", "CAN"),
    ("The Iranian foreign minister said Israel would pay a heavy price for the strike.", "THREATEN", "IRN", "ISR"),
    ('"Pakistan bears responsibility for the attack," the Indian home minister told reporters.', "ACCUSE", "IND", "PAK"),
    ('"Venezuela is a reckless regime," the Colombian president said.', "ACCUSE", "COL", "VEN"),
    # content whose verbs the events stage does not code itself (it codes "salute", "negotiate with", "help")
    ('"The Kenyan offer is a constructive step," the Somali president said.', "SUPPORT", "SOM", "KEN"),
    ('"Our door remains open to Armenia," the Azerbaijani president said.', "CONSULT", "AZE", "ARM"),
    ('"We are committed to Moldova," the Romanian prime minister said.', "AGREE", "ROU", "MDA"),
]


@pytest.mark.parametrize("sentence,etype,source,target", TYPED)
def test_each_verbal_type(code, sentence, etype, source, target):
    rec = code(sentence)
    hits = [e for e in acts(rec) if e.type == etype]
    assert hits, f"want {etype}, got {describe(rec)}"
    ev = hits[0]
    assert (_country(ev.source), _country(ev.target)) == (source, target), describe(rec)
    assert ev.rule.startswith(f"statement.{etype.lower()}."), ev.rule
    assert ev.attribution and ev.attribution[0].actor == ev.source.actor  # the speaker says so
    assert ev.evidence.text in rec.article.text and ev.evidence.start <= ev.trigger["start"] < ev.evidence.end


@pytest.mark.parametrize("sentence,etype,source,target", [
    ('"We salute the Kenyan army," the Somali president said.', "SUPPORT", "SOM", "KEN"),
    ('"We are ready to negotiate with Armenia," the Azerbaijani president said.', "CONSULT", "AZE", "ARM"),
])
def test_an_act_the_events_stage_codes_is_one_event(code, sentence, etype, source, target):
    """Content whose own verb the events stage codes gives that event once, not a second statement act."""
    rec = code(sentence)
    same = [e for e in rec.events if e.type == etype and (_country(e.source), _country(e.target)) == (source, target)]
    assert len(same) == 1, describe(rec)


def test_every_type_has_a_case():
    assert {t for _, t, _, _ in TYPED} == set(STATEMENT_TYPES)


@pytest.mark.parametrize("sentence", [
    '"The talks will resume in Geneva on Tuesday," the Swiss foreign minister said.',
    "The Brazilian president said the delegation arrived in Lisbon on Monday morning.",
    '"Ten ships crossed the strait last week," the Turkish defence minister told reporters.',
])
def test_facts_without_an_act(code, sentence):
    rec = code(sentence)
    assert rec.quotes, "the sentence must hold a statement"
    assert not acts(rec), describe(rec)


def test_negated_and_conditional_cues_give_nothing(code):
    rec = code('"The Norwegian offer is not unrealistic," the Danish prime minister said. '
               '"If Sweden had done that, it would be irresponsible," the Finnish president said.')
    assert not acts(rec), describe(rec)


def test_questions_perform_no_act(code):
    rec = code('"Is the Egyptian plan unacceptable?" the Sudanese foreign minister asked.')
    assert not acts(rec), describe(rec)


def test_target_named_in_the_content(code):
    rec = code("The Ukrainian foreign minister said the Russian demands were absurd.")
    ev = next(e for e in acts(rec) if e.type == "REJECT")
    assert (_country(ev.source), _country(ev.target)) == ("UKR", "RUS")  # the author of the demands


def test_target_resolved_from_a_pronoun(code):
    rec = code("The Australian prime minister spoke about China on Monday. "
               '"It must stop the raids on our fishing boats," he said.')
    ev = next((e for e in acts(rec) if e.type == "REQUEST"), None)
    assert ev is not None, describe(rec)
    assert (_country(ev.source), _country(ev.target)) == ("AUS", "CHN")


def test_target_is_the_addressee(code):
    rec = code("The Japanese foreign minister told South Korea it must honour the agreement.")
    ev = next((e for e in acts(rec) if e.type == "REQUEST"), None)
    assert ev is not None, describe(rec)
    assert _country(ev.target) == "KOR"


def test_target_absent(code):
    rec = code('"This is completely unacceptable," the Hungarian foreign minister said.')
    ev = next((e for e in acts(rec) if e.type == "REJECT"), None)
    assert ev is not None, describe(rec)
    assert _country(ev.source) == "HUN" and ev.target is None


def test_demand_on_the_speakers_own_side_is_none(code):
    rec = code('"We must protect our farmers from cheap imports," the French agriculture minister said.')
    assert not [e for e in acts(rec) if e.type == "REQUEST"], describe(rec)


def test_one_event_when_the_reporting_verb_gave_it(code):
    rec = code("Israel accused Iran of arming the militias, saying Iran bears responsibility for the attacks.")
    accuse = [e for e in rec.events if e.type == "ACCUSE" and _country(e.source) == "ISR"
              and _country(e.target) == "IRN"]
    assert len(accuse) == 1, describe(rec)
    assert not accuse[0].rule.startswith("statement."), "the reporting verb's event is kept"


def test_one_event_for_two_cues_of_one_act(code):
    rec = code('"The Serbian plan is unacceptable and we will never accept it," the Kosovan prime minister said.')
    rejects = [e for e in acts(rec) if e.type == "REJECT"]
    assert len(rejects) == 1, describe(rec)


def test_events_are_numbered_in_text_order(code):
    rec = code('"Belgium must pay its debts," the Dutch finance minister said. '
               "Later the Dutch prime minister visited Luxembourg.")
    assert [e.id for e in rec.events] == [f"e{k}" for k in range(1, len(rec.events) + 1)]
    starts = [e.trigger["start"] for e in rec.events]
    assert starts == sorted(starts)


def test_cue_in_a_relative_clause_is_no_act(code):
    rec = code("The Lebanese minister said the militants who had not accepted the truce were leaving.")
    assert not acts(rec), describe(rec)


def test_a_statement_not_yet_made_performs_nothing(code):
    rec = code("Experts expect that Russia will claim the Polish proposals are unacceptable.")
    assert not [e for e in acts(rec) if e.type == "REJECT"], describe(rec)


def test_a_modal_on_a_thing_demands_nothing(code):
    rec = code("The Greek prime minister spoke about the new bridge with Turkey last year. "
               "Work has begun on it, and it has to finish soon, he said.")
    assert not [e for e in acts(rec) if e.type == "REQUEST"], describe(rec)


def test_the_act_is_dated_by_its_statement(code):
    rec = code('"The Serbian proposals are unacceptable," the Kosovan prime minister said on Monday.',
               published="2024-03-06")
    ev = next(e for e in acts(rec) if e.type == "REJECT")
    assert ev.date is not None and ev.date.start == "2024-03-04", ev.date


def test_explain_names_the_cue_file():
    from communique.explain import rule_source

    assert rule_source("statement.reject.120.unacceptable").endswith("(statements/reject.yaml)")


def test_a_statement_that_is_a_whole_sentence(code):
    # a name-and-colon line: the content holds its sentence's root (the clause walk stops there)
    rec = code("The Russian foreign minister Sergei Lavrov spoke in Moscow on Monday.\n\n"
               "Lavrov: The American plan is unacceptable.")
    ev = next((e for e in acts(rec) if e.type == "REJECT"), None)
    assert ev is not None and (_country(ev.source), _country(ev.target)) == ("RUS", "USA"), describe(rec)


def test_an_expletive_it_is_no_target(code):
    rec = code("The Irish foreign minister spoke about Iraq on Monday. "
               "She said it was encouraging that Britain had behaved with great restraint.")
    ev = next((e for e in acts(rec) if e.type == "SUPPORT"), None)
    assert ev is not None and _country(ev.target) == "GBR", describe(rec)
