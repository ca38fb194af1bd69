"""Precision categories found on real news (fourth round), each with sentences written for these tests:
refused concessions coded as rejections, acts set aside ("instead of", "rather than"), event nouns in the
complement of a request or threat, and actors named after "anti-"/"pro-" taken as sources."""

from __future__ import annotations

import pytest

from .cases import country as _country
from .cases import describe as _describe

# (sentence, type, source, target, status, negated, cameo prefix)
REFUSALS = [
    ("The Bolivian cabinet said it would not meet the miners' demands.", "REJECT", "BOL", None, "reported",
     False, "12"),
    ("Egypt refused to free the detained Sudanese fishermen.", "REJECT", "EGY", "SDN", "reported", False, "12"),
    ("Serbia declined to pull its troops out of the border zone.", "REJECT", "SRB", None, "reported", False,
     "12"),
    # a plain past negation says the act did not happen: no refusal, the event stays negated
    ("Algeria has not released the jailed journalists.", "CONCEDE", "DZA", "DZA", "reported", True, "08"),
]


@pytest.mark.parametrize(("text", "type_", "source", "target", "status", "negated", "cameo"), REFUSALS,
                         ids=[c[0][:48] for c in REFUSALS])
def test_refused_concession(code, text, type_, source, target, status, negated, cameo):
    rec = code(text)
    hits = [e for e in rec.events
            if e.type == type_ and _country(e.source) == source and _country(e.target) == target]
    assert hits, f"want {type_} {source}->{target}, got {_describe(rec)}"
    ev = hits[0]
    assert ev.status == status, _describe(rec)
    assert ev.negated is negated, _describe(rec)
    assert ev.cameo.startswith(cameo), ev.cameo
    if type_ == "REJECT":
        assert not any(e.type == "CONCEDE" for e in rec.events), _describe(rec)


def test_refusal_path_is_explained(code):
    rec = code("Mexico will not lift the curfew in Tijuana.")
    rej = [e for e in rec.events if e.type == "REJECT"]
    assert rej, _describe(rec)
    assert "refused CONCEDE" in rej[0].path


def test_act_set_aside_is_negated(code):
    rec = code("Instead of retreating, the Malian army advanced on the rebel town.")
    ret = [e for e in rec.events if e.type == "RETREAT"]
    assert ret and all(e.negated for e in ret), _describe(rec)
    assert not any(e.type == "REJECT" for e in rec.events), _describe(rec)
    rec = code("Norway should warn rather than prosecute the Somali fishermen.")
    assert all(e.negated for e in rec.events if e.type == "COERCE"), _describe(rec)


# event nouns that are the act asked for or threatened, not acts that happened; and anti-/pro- actors
NO_EVENT_OF_TYPE = [
    ("Brazil urged Peru and Chile to start a dialogue with the rebels.", "CONSULT"),
    ("Sweden called on Kenya and Somalia to open negotiations on the border.", "CONSULT"),
    ("Students marched in the anti-Lukashenko uprising of 2020.", "PROTEST"),
    ("The anti-Erdogan protests spread to Ankara.", "PROTEST"),
]


@pytest.mark.parametrize(("text", "type_"), NO_EVENT_OF_TYPE, ids=[c[0][:48] for c in NO_EVENT_OF_TYPE])
def test_no_event_of_type(code, text, type_):
    rec = code(text)
    bad = [e for e in rec.events if e.type == type_ and e.source is not None
           and e.source.name and e.source.country in {"PER", "CHL", "KEN", "SOM", "BLR", "TUR"}]
    assert not bad, _describe(rec)


def test_request_still_coded_when_complement_dropped(code):
    rec = code("Brazil urged Peru and Chile to start a dialogue with the rebels.")
    req = {(_country(e.source), _country(e.target)) for e in rec.events if e.type == "REQUEST"}
    assert ("BRA", "PER") in req and ("BRA", "CHL") in req, _describe(rec)


def test_object_of_accusation_still_coded(code):
    # the direct object of the embedding verb itself is no complement act: the accusation stays
    rec = code("Japan condemned the Chinese invasion of Taiwan.")
    assert any(e.type == "ACCUSE" and _country(e.source) == "JPN" for e in rec.events), _describe(rec)


def test_attack_with_weapons_is_military(code):
    rec = code("Egypt attacked Libya with drones on Monday.")
    assert any(e.type == "ASSAULT" and _country(e.source) == "EGY" and _country(e.target) == "LBY"
               for e in rec.events), _describe(rec)
    assert not any(e.type == "ACCUSE" for e in rec.events), _describe(rec)


def test_regime_named_for_a_person_is_no_verbal_target(code):
    rec = code("Biden will launch an attack against the Maduro regime.")
    assert not any(e.type == "ACCUSE" for e in rec.events), _describe(rec)
    # an attack in words between politicians stays an accusation
    rec = code("Labour attacked Mr Sunak over the tax rises.")
    assert any(e.type == "ACCUSE" for e in rec.events), _describe(rec)


def test_city_defended_by_force_is_no_verbal_support(code):
    rec = code("Ethiopian troops defended the Somali town of Baidoa from the militants.")
    assert not any(e.type == "SUPPORT" for e in rec.events), _describe(rec)
    rec = code("Russia defended Iran at the Security Council.")
    assert any(e.type == "SUPPORT" and _country(e.target) == "IRN" for e in rec.events), _describe(rec)


def test_doubted_act_is_hypothetical(code):
    rec = code("Estonia fears that Russia will invade Latvia.")
    inv = [e for e in rec.events if e.type == "ASSAULT" and _country(e.source) == "RUS"]
    assert inv and all(e.status == "hypothetical" for e in inv), _describe(rec)


NO_EVENT = [
    # a threat as a danger, not a statement
    ("Lithuania has long warned of the Russian threat to the Baltic region.", "THREATEN"),
    ("Farmers in Seoul fear a North Korean threat.", "THREATEN"),
    # set phrases
    ("Two Iraqi officials, speaking on condition of anonymity, said Kuwait had protested.", "CONSULT"),
    # a person who fought with a force fought on its side
    ("A Danish volunteer fought with the Kurdish forces in Iraq.", "ASSAULT"),
]


@pytest.mark.parametrize(("text", "type_"), NO_EVENT, ids=[c[0][:48] for c in NO_EVENT])
def test_no_event(code, text, type_):
    rec = code(text)
    assert not any(e.type == type_ for e in rec.events), _describe(rec)


THREATS = [
    ("Turkey's threat against the Syrian Kurds alarmed Washington.", "TUR", "SYR"),
    ("Kurdish fighters asked for help against the threat of attack by Turkey.", "TUR", None),
    ("Ghana issued a threat to Togo on Sunday.", "GHA", "TGO"),
]


@pytest.mark.parametrize(("text", "source", "target"), THREATS, ids=[c[0][:48] for c in THREATS])
def test_threat_as_statement(code, text, source, target):
    rec = code(text)
    assert any(e.type == "THREATEN" and _country(e.source) == source and _country(e.target) == target
               for e in rec.events), _describe(rec)


def test_groups_fighting_with_each_other(code):
    rec = code("Sri Lankan troops fought with Tamil rebels near Jaffna.")
    assert any(e.type == "ASSAULT" and _country(e.source) == "LKA" for e in rec.events), _describe(rec)


def test_conflict_as_setting_is_no_event(code):
    rec = code("Two Tamil bombers killed ten people in Colombo in the current Tamil uprising.")
    assert not any(e.type == "PROTEST" for e in rec.events), _describe(rec)


def test_conflict_with_a_side_named_is_coded(code):
    rec = code("Iraq lost thousands of soldiers in its war against Iran.")
    assert any(e.type == "ASSAULT" and _country(e.source) == "IRQ" and _country(e.target) == "IRN"
               for e in rec.events), _describe(rec)
