"""Sixth round (hold-out articles and a reviewer's findings), with sentences written for these tests:
weapons launched at a target, sanctions agreed or adopted, vessels driven out of waters, boats and
equipment sent to a country, and the other categories below."""

from __future__ import annotations

import pytest

R, P = "reported", "planned"


def _country(side):
    return side.country if side is not None else None


def _describe(rec) -> str:
    return "; ".join(f"{e.type} {_country(e.source)}->{_country(e.target)} {e.status}"
                     f"{' NOT' if e.negated else ''} [{e.rule}]" for e in rec.events) or "no events"


# (sentence, type, source country, target country or None, status)
CASES = [
    # ---- weapons launched or fired at a target are an attack
    ("Hezbollah launched a drone at an Israeli army base.", "ASSAULT", "LBN", "ISR", R),
    ("Houthi rebels fired drones at Saudi Arabia on Friday.", "ASSAULT", "YEM", "SAU", R),
    ("Syrian troops fired mortars at Turkey.", "ASSAULT", "SYR", "TUR", R),
    # ---- sanctions agreed, approved or adopted are sanctions, not an agreement with their target
    ("The EU agreed new sanctions on Belarus.", "SANCTION", "IGO", "BLR", R),
    ("Canada adopted fresh sanctions against Venezuela.", "SANCTION", "CAN", "VEN", R),
    ("The US Senate approved tariffs on Chinese steel.", "SANCTION", "USA", "CHN", R),
    # ---- a vessel or aircraft driven out of waters or airspace is coerced
    ("The Vietnamese navy said it had expelled a Chinese fishing boat from waters near the islands.",
     "COERCE", "VNM", "CHN", R),
    ("Japanese jets chased a Russian aircraft out of the country's airspace.", "COERCE", "JPN", "RUS", R),
    # ---- boats and equipment sent or given to a country are aid, not a deployment
    ("Australia will send three patrol boats to Fiji next year.", "AID", "AUS", "FJI", P),
    ("South Korea donated two vessels to Vietnam.", "AID", "KOR", "VNM", R),
]


@pytest.mark.parametrize("text,type_,source,target,status", CASES)
def test_round6_sentence(code, text, type_, source, target, status):
    rec = code(text)
    got = [(e.type, _country(e.source), _country(e.target), e.status) for e in rec.events]
    assert (type_, source, target, status) in got, _describe(rec)


@pytest.mark.parametrize("text,type_", [
    ("The EU agreed new sanctions on Belarus.", "AGREE"),
    ("Australia will send three patrol boats to Fiji next year.", "MOBILIZE"),
    ("The Vietnamese navy said it had expelled a Chinese fishing boat from waters near the islands.",
     "SANCTION"),
])
def test_round6_not_of_type(code, text, type_):
    rec = code(text)
    assert all(e.type != type_ for e in rec.events), _describe(rec)


def test_expelled_diplomats_stay_a_sanction(code):
    rec = code("Poland expelled three Belarusian diplomats.")
    assert any(e.type == "SANCTION" and e.cameo == "166" for e in rec.events), _describe(rec)


def test_warships_sent_stay_a_deployment(code):
    rec = code("The US sent two warships to the Gulf.")
    assert all(e.type != "AID" for e in rec.events), _describe(rec)
