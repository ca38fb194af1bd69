"""Sources the syntax gives (issue 14, srcsyn): the limits of the mechanisms tested by rule class in
``grammar/arguments.tsv`` (``source-*`` rows). Sentences written for these tests."""

from __future__ import annotations

import pytest

from communique.events.syntax import source_words

from .cases import country, describe


@pytest.mark.parametrize("text", [
    "Two British fighters were captured in Syria last year.",
    "A Danish aid worker abducted in Mali has been freed.",
    "Three Canadian fighters captured in Iraq face trial.",
])
def test_a_place_names_no_captor(code, text):
    # a militia may capture or abduct in a country: the state of the place is not the source
    rec = code(text)
    placed = {"SYR", "MLI", "IRQ"}
    assert not any(country(e.source) in placed for e in rec.events), describe(rec)


@pytest.mark.parametrize("text", [
    "Islamic State fighters based in Raqqa shelled the town.",
    "Kurdish militiamen based in Iraq crossed the border.",
])
def test_forces_based_somewhere_make_no_deployment(code, text):
    rec = code(text)
    assert all(e.type != "MOBILIZE" for e in rec.events), describe(rec)


def test_a_private_persons_militia_is_not_his_countrys(code):
    rec = code("Mr Haddad, a British businessman whose militia has been fighting Isis, spoke to reporters.")
    assert all(country(e.source) != "GBR" for e in rec.events if e.type == "ASSAULT"), describe(rec)


def test_a_demand_on_another_does_not_make_its_author_act(code):
    rec = code("Iran rejected the US demand to halt uranium enrichment and to free the British sailors.")
    assert not any(e.type == "CONCEDE" and country(e.source) == "USA" for e in rec.events), describe(rec)


def test_source_words_are_read():
    words = source_words()
    assert "loyal" in words.loyalty_words and "campaign" in words.event_containers
    assert "MOBILIZE" in words.own_forces_types and "role" in words.agentive_nouns
    assert "demand" not in words.control_nouns


def test_a_user_folder_adds_words_and_a_malformed_file_is_refused(tmp_path):
    from communique.events.syntax import SourceWordsError

    good = tmp_path / "good" / "events"
    good.mkdir(parents=True)
    (good / "sources.yaml").write_text("loyalty_words: [Devoted]\n", encoding="utf-8")
    words = source_words((str(tmp_path / "good"),))
    assert "devoted" in words.loyalty_words and "loyal" in words.loyalty_words
    bad = tmp_path / "bad" / "events"
    bad.mkdir(parents=True)
    (bad / "sources.yaml").write_text("loyalty_words: 3\n", encoding="utf-8")
    with pytest.raises(SourceWordsError, match="loyalty_words"):
        source_words((str(tmp_path / "bad"),))
