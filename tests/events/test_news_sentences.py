"""More news-style sentences (tests/events/cases_news.py), through the real pipeline: every PLOVER type in
headline, passive, nominal and reported ("X said it would ...") forms."""

from __future__ import annotations

import pytest

from .cases_news import CASES


def _country(side):
    return side.country if side is not None else None


def _describe(rec) -> str:
    return "; ".join(f"{e.type} {_country(e.source)}->{_country(e.target)} {e.status}"
                     f"{' NOT' if e.negated else ''} [{e.rule}]" for e in rec.events) or "no events"


@pytest.mark.parametrize(("text", "type_", "source", "target", "status", "negated"), CASES,
                         ids=[c[0][:48] for c in CASES])
def test_news_sentence(code, text, type_, source, target, status, negated):
    rec = code(text)
    hits = [e for e in rec.events
            if e.type == type_ and _country(e.source) == source and _country(e.target) == target]
    assert hits, f"want {type_} {source}->{target}, got {_describe(rec)}"
    assert hits[0].status == status, _describe(rec)
    assert hits[0].negated is negated, _describe(rec)


def test_every_type_has_several_news_sentences():
    from communique.events.patterns import PLOVER_TYPES

    counts = {t: sum(1 for c in CASES if c[1] == t) for t in PLOVER_TYPES}
    assert min(counts.values()) >= 3, counts


def test_reported_future_is_planned_but_a_condition_keeps_it_hypothetical(code):
    planned = code("Japan said it would send aid to Nepal.")
    hypo = code("Japan said it would send aid to Nepal if it were asked.")
    get = [e for e in planned.events if e.type == "AID"]
    assert get and get[0].status == "planned", _describe(planned)
    get = [e for e in hypo.events if e.type == "AID"]
    assert get and get[0].status == "hypothetical", _describe(hypo)


def test_protest_without_target_is_aimed_at_own_government(code):
    rec = code("Thousands of Peruvian farmers protested in the streets on Tuesday.")
    got = [e for e in rec.events if e.type == "PROTEST"]
    assert got, _describe(rec)
    assert _country(got[0].source) == "PER" and _country(got[0].target) == "PER", _describe(rec)
    assert got[0].target.actor is None and "own government" in got[0].path
    aimed = code("Thousands of Peruvian farmers protested against Chile on Tuesday.")
    assert {_country(e.target) for e in aimed.events if e.type == "PROTEST"} == {"CHL"}, _describe(aimed)


NO_EVENT_OF_TYPE = [
    ("Thousands of Russian citizens travelled to Syria last year.", "CONSULT"),
    ("The student left Britain in 2015 to study abroad.", "RETREAT"),
    ("The children marched away from the square.", "PROTEST"),
    ("Germany, France and Britain will prosecute their citizens.", "COERCE"),
    ("North Korea fired a missile on Sunday.", "ASSAULT"),
]


@pytest.mark.parametrize(("text", "type_"), NO_EVENT_OF_TYPE, ids=[c[0][:48] for c in NO_EVENT_OF_TYPE])
def test_no_event_of_type(code, text, type_):
    rec = code(text)
    assert not [e for e in rec.events if e.type == type_ and e.target is not None
                and _country(e.source) != _country(e.target)], _describe(rec)
