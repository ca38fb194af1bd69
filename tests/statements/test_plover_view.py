"""PLOVER's conventions (``communique.plover.plover_view``, ``data/plover/conventions.yaml``): the record keeps
an act with its own type and status, the view gives it as PLOVER's gold codes it. Sentences are data
(``tests/statements/cases/plover_view.tsv``), written for these tests and named by the class they test."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from communique.plover import plover_conventions, plover_view

HERE = Path(__file__).parent / "cases"


def _rows(name: str) -> list[list[str]]:
    with (HERE / name).open(encoding="utf-8") as f:
        return [r for r in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE) if r and not r[0].startswith("#")]


def _country(side):
    return side.country if side is not None else None


CASES = _rows("plover_view.tsv")


@pytest.mark.parametrize("cls,text,coded,view,source,target", CASES, ids=[f"{r[0]}:{r[1][:40]}" for r in CASES])
def test_plover_view(code, cls, text, coded, view, source, target):
    rec = code(text)
    want = (source, None if target == "-" else target)
    hits = [e for e in rec.events if e.type == coded and (_country(e.source), _country(e.target)) == want]
    got = "; ".join(f"{e.type}/{plover_view(e).type} {_country(e.source)}->{_country(e.target)} {e.status}"
                    for e in rec.events) or "none"
    assert hits, f"[{cls}] want {coded} {want} as coded, got {got}"
    v = plover_view(hits[0])
    assert v.type == view, f"[{cls}] want {view} in PLOVER's view, got {got}"
    assert (_country(v.source), _country(v.target)) == want and v.evidence == hits[0].evidence
    if view != coded:
        assert v.cameo != hits[0].cameo or cls in {"signing", "material_yield", "diplomatic_cooperation"}
        assert v.cameo and (v.goldstein is not None)
    else:
        assert v is hits[0]  # no convention: the event itself


def test_each_class_has_four_cases():
    classes: dict[str, int] = {}
    for r in CASES:
        classes[r[0]] = classes.get(r[0], 0) + 1
    assert len(classes) >= 4 and min(classes.values()) >= 4, classes


def test_intent_takes_its_cameo_and_the_future_context(code):
    ev = next(e for e in code("Peru will send doctors and medicine to Haiti.").events if e.type == "AID")
    v = plover_view(ev)
    assert (v.type, v.cameo, v.mode) == ("AGREE", "033", None)
    assert "future" in v.context and "future" not in ev.context  # the record's event is left as it was
    assert ev.type == "AID" and ev.status == "planned"


def test_bad_conventions_are_refused(tmp_path, monkeypatch):
    from communique import plover
    from communique.errors import ConfigError

    (tmp_path / "plover").mkdir()
    bad = tmp_path / "plover" / "conventions.yaml"
    monkeypatch.setenv("COMMUNIQUE_DATA_DIRS", str(tmp_path))
    for text, match in [
        ("rules: [{when: {types: [CONSULT]}, type: PROMISE}]", "no PLOVER type"),
        ("rules: [{when: {status: [someday]}, type: AGREE}]", "unknown status"),
        ("rules: [{when: {colour: [red]}, type: AGREE}]", "unknown condition"),
        ("rules: [{type: AGREE}]", "when"),
        ("rules: [{when: {rules: [statement.]}, drop: true, type: AGREE}]", "takes no type"),
        ("rules: [{when: {rules: [statement.]}, drop: yes please}]", "drop"),
        ("rules: [{when: {no_source: maybe}, source_from_place: true}]", "no_source"),
        ("rules: [{when: {no_target: true}, target_from: [moon]}]", "target_from"),
    ]:
        bad.write_text(text, encoding="utf-8")
        plover.plover_conventions.cache_clear()
        _clear_roots()
        with pytest.raises(ConfigError, match=match):
            plover_conventions()
    bad.write_text("rules: [{id: mine, when: {types: [ASSAULT], status: [planned]}, type: THREATEN}]",
                   encoding="utf-8")
    plover.plover_conventions.cache_clear()
    _clear_roots()
    try:
        rules = plover_conventions()
        assert rules[0].id == "mine" and any(r.id == "intent_to_cooperate" for r in rules[1:])
    finally:
        monkeypatch.delenv("COMMUNIQUE_DATA_DIRS")
        plover.plover_conventions.cache_clear()
        _clear_roots()


def _clear_roots() -> None:
    from communique.config import get_settings

    get_settings.cache_clear()


def test_eval_plover_scores_the_view(nlp, tmp_path):
    """``eval plover`` scores each event as PLOVER codes it; ``conventions=False`` scores the types as coded."""
    import json

    from communique.evaluate.plover import evaluate_plover

    gold = tmp_path / "gold.json"
    gold.write_text(json.dumps([
        {"id": "a", "event": "AGREE", "text": "The Danish prime minister will visit Iceland next month.",
         "source": [{"code": "DNK"}], "target": [{"code": "ISL"}]},
        {"id": "b", "event": "SUPPORT", "text": "Laos and Thailand signed a treaty on the river border.",
         "source": [{"code": "LAO"}, {"code": "THA"}], "target": []},
    ]), encoding="utf-8")
    view = evaluate_plover(gold, nlp=nlp)
    coded = evaluate_plover(gold, nlp=nlp, conventions=False)
    assert view.total().tp == 2, view.misses
    assert coded.total().tp == 0 and coded.per_type["CONSULT"].fp == 1, coded.misses


def _triples(events) -> list[tuple[str, str | None, str | None]]:
    return [(e.type, _country(e.source), _country(e.target)) for e in events]


# (sentence, what the record holds, what PLOVER's view of the record holds)
EVENTS = [
    # a report of another side's hostile act: the record's accusation, PLOVER's act alone
    ("Serbian police beat Kosovar protesters in Mitrovica, Albanian officials said.",
     ("ACCUSE", "ALB", "SRB"), [("ASSAULT", "SRB", "XKX")]),
    ("The Indian army shelled villages in Kashmir, Pakistani officials said on Friday.",
     ("ACCUSE", "PAK", "IND"), [("ASSAULT", "IND", "IND")]),  # the place, Kashmir, names the target
    # an offer voiced (a statement act) and the act offered: one intent
    ("Ukraine said it is willing to exchange prisoners with Russia.",
     ("CONCEDE", "UKR", "RUS"), [("AGREE", "UKR", "RUS")]),
    # one intent per target; the target-less mediation beside them is the same event
    ("The Kenyan foreign minister will visit Ethiopia and Eritrea to mediate in the dispute.",
     ("CONSULT", "KEN", None), [("AGREE", "KEN", "ETH"), ("AGREE", "KEN", "ERI")]),
    # an act whose author is not named: PLOVER's gold gives it the country where it happened, and
    # codes none without a place
    ("Gunmen attacked a police station in Kandahar, killing four officers.",
     ("ASSAULT", None, "AFG"), [("ASSAULT", "AFG", "AFG")]),
    ("A suicide bomber killed 12 people at a market in Mogadishu.",
     ("ASSAULT", None, "SOM"), [("ASSAULT", "SOM", "SOM")]),
    ("Two soldiers were killed in an ambush in northern Mali.",
     ("ASSAULT", None, "MLI"), [("ASSAULT", "MLI", "MLI")]),
    ("Masked gunmen abducted two Turkish engineers on Monday.", ("ASSAULT", None, "TUR"), []),
    ("Unidentified assailants shot dead a Kenyan diplomat.", ("ASSAULT", None, "KEN"), []),
    # a directed act whose target has no country: its place's country, else the source's own
    ("The Sri Lankan army detained hundreds of Tamil refugees.", ("COERCE", "LKA", None), [("COERCE", "LKA", "LKA")]),
    ("The Ugandan president threatened to ban opposition parties.",
     ("THREATEN", "UGA", None), [("THREATEN", "UGA", "UGA")]),
    ("The Nigerian army accused the rebels of attacking a village.",
     ("ACCUSE", "NGA", None), [("ACCUSE", "NGA", "NGA")]),
    ("The Zimbabwean government demanded that the opposition end its strikes.",
     ("REQUEST", "ZWE", None), [("REQUEST", "ZWE", "ZWE")]),
    # aid arrives somewhere: its place is its recipient
    ("The first deployment of Nato peacekeeping troops arrived in Kosovo.", ("AID", "IGO", None),
     [("AID", "IGO", "XKX")]),
    # a rejection needs no recipient
    ("Pakistan denied that its troops had crossed the border.", ("REJECT", "PAK", None), [("REJECT", "PAK", None)]),
    # an accusation the speaker makes itself stays
    ("Georgia accused Russian troops of shooting at a police post, the interior ministry said.",
     ("ACCUSE", "GEO", "RUS"), [("ACCUSE", "GEO", "RUS")]),
]


@pytest.mark.parametrize("text,in_record,view", EVENTS, ids=[t[:40] for t, _, _ in EVENTS])
def test_plover_events(code, text, in_record, view):
    from communique.plover import plover_events

    rec = code(text)
    assert in_record in _triples(rec.events), _triples(rec.events)
    assert _triples(plover_events(rec.events)) == view, (_triples(rec.events), _triples(plover_events(rec.events)))


def test_rules_apply_in_turn(code):
    """Each rule that takes the event applies to it as the rules before left it: an unclaimed attack whose
    victims have no country takes its place's country as source (unnamed_author), then as target
    (implicit_target)."""
    from communique.plover import plover_events

    ev = next(e for e in code("Gunmen attacked a refugee camp in Kandahar.").events if e.type == "ASSAULT")
    no_target = ev.model_copy(update={"target": None})
    assert _triples(plover_events([no_target])) == [("ASSAULT", "AFG", "AFG")]
    nowhere = no_target.model_copy(update={"location": None})
    assert plover_events([nowhere]) == [] and plover_view(nowhere) is nowhere  # no source, no place: none


@pytest.mark.parametrize("text", [
    "Japan sent emergency relief supplies to flood victims in Pakistan.",
    "The Saudi government distributed food aid to displaced families in Yemen.",
    "The deployment of African Union peacekeepers in Somalia began on Tuesday.",
])
def test_aid_takes_its_place_as_recipient(code, text):
    """aid_recipient: aid whose recipient has no country goes to the country of its place, and to none
    when it has no place either (never back to its giver)."""
    from communique.plover import plover_events

    ev = next(e for e in code(text).events if e.type == "AID")
    bare = ev.model_copy(update={"target": None})
    assert [_country(e.target) for e in plover_events([bare])] == [ev.location.country]
    nowhere = bare.model_copy(update={"location": None})
    assert [_country(e.target) for e in plover_events([nowhere])] == [None]
