"""Hyphenated words of the event lexicon (events/hyphens.py): kept one token by the tokenizer and looked up
under the head they spell, so "co-operated" meets "cooperate" and "cease-fire" its own patterns."""

from __future__ import annotations

import pytest

from communique.events.hyphens import _noun_forms, _verb_forms, hyphen_forms


def _found(rec, type_, source, target):
    return [e for e in rec.events if e.type == type_ and (e.source and e.source.country) == source
            and (e.target and e.target.country) == target]


def test_inflections_of_the_last_part():
    assert {"air-dropped", "air-dropping", "air-drops"} <= _verb_forms("air-drop")
    assert {"re-imposed", "re-imposing", "re-imposes"} <= _verb_forms("re-impose")
    assert {"re-supplied", "re-supplies"} <= _verb_forms("re-supply")
    assert "arm-twistted" not in _verb_forms("arm-twist")
    assert _noun_forms("stand-off") == {"stand-off", "stand-offs"}


def test_prefixed_heads_are_known_with_a_hyphen():
    forms = hyphen_forms()
    assert forms["co-operated"] == "cooperate"
    assert forms["co-operation"] == "cooperation"
    assert forms["cease-fires"] == "cease-fire"
    assert "co-erce" not in forms or forms["co-erce"] == "coerce"  # harmless: never written, never wrong
    # no hyphen inside a word, and none that spells another word ("re-sign" is to sign again)
    assert "co-ndemned" not in forms and "de-nounced" not in forms and "re-jected" not in forms
    assert "re-signed" not in forms and "re-pressed" not in forms


def test_forms_are_single_tokens(nlp):
    doc = nlp.make_doc("Co-operation resumed after the cease-fire; they re-imposed curbs.")
    words = [t.text for t in doc]
    assert "Co-operation" in words and "cease-fire" in words and "re-imposed" in words


@pytest.mark.parametrize(("text", "type_", "source", "target"), [
    ("Norway co-operated with Sweden on border checks last winter.", "COOPERATE", "NOR", "SWE"),
    ("Japan will co-operate with India on maritime patrols.", "COOPERATE", "JPN", "IND"),
    ("Co-operation between Chile and Peru has deepened since the summit.", "COOPERATE", "CHL", "PER"),
    ("Canada re-imposed sanctions on Belarus on Thursday.", "SANCTION", "CAN", "BLR"),
])
def test_hyphenated_predicates_code_events(code, text, type_, source, target):
    rec = code(text)
    assert _found(rec, type_, source, target), [(e.type, e.rule) for e in rec.events]


def test_unhyphenated_words_are_untouched(nlp):
    doc = nlp.make_doc("A well-known co-author spoke.")
    assert [t.text for t in doc][:4] == ["A", "well", "-", "known"]
