"""The general event grammar (issue 14): one argument finder for every predicate, places and event-noun
participants as targets, reciprocal acts, unstated targets, actors where news hides them. Sentences are
data (``tests/events/grammar/*.tsv``), written for these tests and named by the rule class they test."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from communique.events.grammar import grammar, is_act_verb

from .cases import country, describe

HERE = Path(__file__).parent / "grammar"


def _rows(name: str) -> list[list[str]]:
    with (HERE / name).open(encoding="utf-8") as f:
        return [r for r in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE) if r and not r[0].startswith("#")]


def _c(value: str) -> str | None:
    return None if value == "-" else value


ARGUMENTS = _rows("arguments.tsv")
NO_EVENT = _rows("no_event.tsv")


@pytest.mark.parametrize("rule,text,type_,source,target", ARGUMENTS, ids=[f"{r[0]}:{r[1][:40]}" for r in ARGUMENTS])
def test_argument_finder(code, rule, text, type_, source, target):
    rec = code(text)
    hits = [e for e in rec.events if e.type == type_ and country(e.source) == _c(source)
            and country(e.target) == _c(target)]
    assert hits, f"[{rule}] want {type_} {source}->{target}, got {describe(rec)}"


@pytest.mark.parametrize("rule,text,type_", NO_EVENT, ids=[f"{r[0]}:{r[1][:40]}" for r in NO_EVENT])
def test_no_event(code, rule, text, type_):
    rec = code(text)
    assert all(e.type != type_ for e in rec.events), f"[{rule}] {describe(rec)}"


NOT_THE_AUTHOR = _rows("not_the_author.tsv")


@pytest.mark.parametrize("rule,text,type_,source", NOT_THE_AUTHOR, ids=[f"{r[0]}:{r[1][:40]}" for r in NOT_THE_AUTHOR])
def test_not_the_author(code, rule, text, type_, source):
    rec = code(text)
    assert not any(e.type == type_ and country(e.source) == source for e in rec.events), f"[{rule}] {describe(rec)}"


def test_reciprocal_acts_need_two_sides(code):
    # one side alone is an act with an unstated target, never one on itself
    rec = code("India fought a brief war in 1999.")
    assert all(country(e.target) != "IND" for e in rec.events), describe(rec)


def test_a_noun_mentioned_again_is_not_a_new_untargeted_event(code):
    rec = code("Russia's invasion of Ukraine began in 2022. Before Russia's February invasion, talks had failed.")
    invasions = [e for e in rec.events if e.type == "ASSAULT"]
    assert [(country(e.source), country(e.target)) for e in invasions] == [("RUS", "UKR")], describe(rec)


def test_grammar_data_is_read():
    g = grammar()
    assert "ASSAULT" in g.open_target and "SUPPORT" not in g.open_target
    assert "on" in g.target_preps["ASSAULT"] and "into" in g.target_preps["MOBILIZE"]
    assert "war" in g.reciprocal and "it" in g.unresolved
    assert is_act_verb("condemn") and not is_act_verb("praise")


def test_user_grammar_file_extends_the_data(tmp_path):
    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "grammar.yaml").write_text("open_target_types: [SUPPORT]\nreciprocal: [tussle]\n",
                                                      encoding="utf-8")
    g = grammar((str(tmp_path),))
    assert "SUPPORT" in g.open_target and "ASSAULT" in g.open_target and "tussle" in g.reciprocal


def test_bad_grammar_file_has_a_stable_error(tmp_path):
    from communique.events.grammar import GrammarError

    (tmp_path / "events").mkdir()
    (tmp_path / "events" / "grammar.yaml").write_text("open_target_types: ASSAULT\n", encoding="utf-8")
    with pytest.raises(GrammarError) as exc:
        grammar((str(tmp_path),))
    assert exc.value.code == "event_grammar_error"


def test_a_clause_target_is_never_the_speakers_own_side(code):
    rec = code("Israel warned it would respond.")
    assert all(country(e.target) != "ISR" for e in rec.events), describe(rec)


def test_a_stateless_group_captured_is_no_ones_people(code):
    # the domestic rule places unplaced groups in the source's country; Isis is stateless, not unplaced
    rec = code("US forces captured hundreds of Isis fighters in Syria.")
    assert all(country(e.target) != "USA" for e in rec.events), describe(rec)


@pytest.mark.parametrize("text,type_,status", [
    ("Russia was accused of shelling Ukrainian villages.", "ASSAULT", "claimed"),
    ("Hamas militants are suspected of firing rockets at Israel.", "ASSAULT", "claimed"),
    ("Pompeo committed to continued airstrikes against Isis.", "ASSAULT", "planned"),
    ("Russia is committed to a ceasefire with Ukraine.", "RETREAT", "planned"),
    ("Kenya returned to talks with Somalia.", "CONSULT", "reported"),
])
def test_status_of_acts_alleged_or_committed_to(code, text, type_, status):
    rec = code(text)
    hits = [e for e in rec.events if e.type == type_]
    assert hits and hits[0].status == status, describe(rec)


# "offered no support": an object denied by "no" denies the act (sentences written for this test)
NEGATED_OBJECTS = [
    ("Germany offered no support to Ukraine.", "AGREE", "DEU", "UKR"),
    ("France gave Mali no assurances about its troops.", "AGREE", "FRA", "MLI"),
    ("Japan has made no concessions to China.", "CONCEDE", "JPN", "CHN"),
    ("The IMF will give Sri Lanka no new loans this year.", "AID", "IGO", "LKA"),
]


@pytest.mark.parametrize("text,type_,source,target", NEGATED_OBJECTS, ids=[r[0][:40] for r in NEGATED_OBJECTS])
def test_an_object_denied_by_no_negates_the_act(code, text, type_, source, target):
    rec = code(text)
    hits = [e for e in rec.events if e.type == type_ and country(e.source) == source and country(e.target) == target]
    assert hits and all(e.negated for e in hits), describe(rec)


def test_an_object_without_no_keeps_the_act(code):
    rec = code("Germany offered support to Ukraine.")
    assert any(e.type == "AGREE" and not e.negated for e in rec.events), describe(rec)


@pytest.mark.parametrize("text", [
    "The Egyptian president met his advisers in Cairo to urge calm.",  # one's own staff in one's own capital
    "The Indian minister flew to Geneva to ask for a vote on the resolution.",  # a neutral venue is no host
    "The British prime minister spoke with his cabinet to demand unity.",
    "The Brazilian minister called for reporters to leave the room.",  # the for-clause names no actor
])
def test_purpose_and_for_clause_name_no_foreign_party(code, text):
    rec = code(text)
    assert not any(e.type == "REQUEST" and country(e.target) for e in rec.events), describe(rec)


@pytest.mark.parametrize("text,type_", [
    ("The Spanish king, on a visit to Morocco, criticised the smugglers.", "ACCUSE"),  # only requests
    ("The Indian minister, on a visit to Geneva, called for reform.", "REQUEST"),  # a neutral venue
    ("During a trip to Nairobi, the Chinese foreign minister pledged support for the peace process.", "AGREE"),
])
def test_a_trip_is_no_target_of_other_acts(code, text, type_):
    rec = code(text)
    assert not any(e.type == type_ and country(e.target) for e in rec.events), describe(rec)


REMENTIONED = _rows("rementioned.tsv")


@pytest.mark.parametrize("rule,text,words,type_,source,target", REMENTIONED,
                         ids=[f"{r[0]}:{r[2]}" for r in REMENTIONED])
def test_an_act_told_again_keeps_its_target(code, rule, text, words, type_, source, target):
    rec = code(text)
    later = [e for e in rec.events if e.type == type_ and country(e.source) == source
             and words in e.evidence.text and e.evidence.text not in text.split(". ")[0]]
    assert later, f"[{rule}] no {type_} by {source} at {words!r}: {describe(rec)}"
    assert all(country(e.target) == _c(target) for e in later), f"[{rule}] {describe(rec)}"
