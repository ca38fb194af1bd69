"""Reported hostile acts: a state speaker stating another side's hostile act accuses it (issue 21).

Sentences written for these tests, coded by the real pipeline.
"""

from __future__ import annotations

import pytest

from communique.errors import ConfigError
from communique.statements.cues import build_cues

RULE = "statement.accuse.112.reported_act"


def _country(side):
    return side.country if side is not None else None


def reported(rec):
    return [e for e in rec.events if e.rule == RULE]


def describe(rec) -> str:
    return "; ".join(f"{e.type} {_country(e.source)}->{_country(e.target)} [{e.rule}]" for e in rec.events) or "none"


@pytest.mark.parametrize("sentence,source,target", [
    ("The Ukrainian foreign ministry said Russian jets had bombed a hospital in Kharkiv.", "UKR", "RUS"),
    ("Turkey said Syrian forces had recruited thousands of children.", "TUR", "SYR"),
    ("Pakistan said Indian troops shelled three villages near the border on Sunday.", "PAK", "IND"),
    ('"Russian jets bombed the hospital this morning," the Ukrainian defence ministry said.', "UKR", "RUS"),
])
def test_stated_hostile_act_is_an_accusation(code, sentence, source, target):
    rec = code(sentence)
    hits = reported(rec)
    assert len(hits) == 1, describe(rec)
    ev = hits[0]
    assert ev.type == "ACCUSE" and ev.cameo == "112"
    assert (_country(ev.source), _country(ev.target)) == (source, target), describe(rec)
    assert ev.attribution and ev.attribution[0].actor == ev.source.actor  # the speaker says so
    assert ev.evidence.text in rec.article.text and ev.evidence.start <= ev.trigger["start"] < ev.evidence.end
    # the act itself stays coded, with its own source (when the events stage coded it)
    assert "cue" in ev.path or any(e.type != "ACCUSE" and _country(e.source) == target for e in rec.events), describe(rec)


@pytest.mark.parametrize("sentence", [
    "Britain said Russian jets did not bomb the hospital.",  # negated
    "Estonia said Russian jets may have bombed the hospital.",  # hedged
    "Germany said that if Russian jets bombed the city, sanctions would follow.",  # conditional
    "Romania said its jets had bombed a rebel base near the border.",  # the speaker's own act
    "Greece said Turkish troops plan to recruit fighters.",  # a plan, not an act
    "The Syrian Observatory for Human Rights said Russian jets had bombed a hospital.",  # a monitor
    "Reporters Without Borders said Russian jets had bombed a television station.",  # an NGO
    "Moscow acknowledged that its citizens were killed by an American air strike.",  # an admission
    "Russia demanded that Turkey force the militants out of Idlib.",  # a demand
    "The Pentagon said Kurdish fighters had seized the last Islamic State strongholds.",  # against rebels
    "Iran said that when Israeli jets bombed the port last year, nobody protested.",  # a background clause
    "Cyprus said Turkey would not dare to shell the villages and kill civilians.",  # negated conjuncts
])
def test_no_accusation(code, sentence):
    rec = code(sentence)
    assert not reported(rec), describe(rec)


def test_one_accusation_per_sentence_and_dyad(code):
    rec = code("Israel accused Iran of arming militants, saying Iran had recruited thousands of fighters.")
    accusations = [e for e in rec.events if e.type == "ACCUSE" and (_country(e.source), _country(e.target)) == ("ISR", "IRN")]
    assert len(accusations) == 1, describe(rec)


def test_bad_reported_acts_section():
    with pytest.raises(ConfigError, match="reported_acts"):
        build_cues([("x.yaml", {"type": "ACCUSE", "groups": [], "reported_acts": {"types": ["ASSAULT"]}})])
    cs = build_cues([("x.yaml", {"type": "ACCUSE", "groups": [], "reported_acts": {
        "cameo": "112", "types": ["assault"], "cues": ["recruit|recruited fighters"]}})])
    assert cs.reported is not None and cs.reported.types == {"ASSAULT"} and len(cs.reported.cues) == 1
