"""Event coding of sentences written for these tests (tests/events/cases.py), through the real pipeline:
type, source, target, status and negation; conjunctions; subjects carried across conjoined verbs; and
sentences that hold no event between actors."""

from __future__ import annotations

import pytest

from .cases import CARRIED, CASES, CONJOINED, NO_EVENT


def _country(side):
    return side.country if side is not None else None


def _describe(rec) -> str:
    return "; ".join(f"{e.type} {_country(e.source)}->{_country(e.target)} {e.status}"
                     f"{' NOT' if e.negated else ''} [{e.rule}]" for e in rec.events) or "no events"


@pytest.mark.parametrize(("text", "type_", "source", "target", "status", "negated"), CASES,
                         ids=[c[0][:48] for c in CASES])
def test_sentence(code, text, type_, source, target, status, negated):
    rec = code(text)
    hits = [e for e in rec.events
            if e.type == type_ and _country(e.source) == source and _country(e.target) == target]
    assert hits, f"want {type_} {source}->{target}, got {_describe(rec)}"
    ev = hits[0]
    assert ev.status == status, _describe(rec)
    assert ev.negated is negated, _describe(rec)


@pytest.mark.parametrize(("text", "type_", "source", "targets"), CONJOINED, ids=[c[0][:48] for c in CONJOINED])
def test_conjoined_targets_give_one_event_each(code, text, type_, source, targets):
    rec = code(text)
    got = {_country(e.target) for e in rec.events if e.type == type_ and _country(e.source) == source}
    assert got == targets, _describe(rec)


@pytest.mark.parametrize(("text", "expected"), CARRIED, ids=[c[0][:48] for c in CARRIED])
def test_subject_carried_across_conjoined_verbs(code, text, expected):
    rec = code(text)
    got = {(e.type, _country(e.source), _country(e.target)) for e in rec.events}
    assert set(expected) <= got, _describe(rec)


@pytest.mark.parametrize("text", NO_EVENT)
def test_no_event_without_actors(code, text):
    rec = code(text)
    assert rec.events == [], _describe(rec)


def test_every_plover_type_is_covered():
    from communique.events.patterns import PLOVER_TYPES

    assert {c[1] for c in CASES} == set(PLOVER_TYPES)
    assert len(CASES) + len(CONJOINED) + len(CARRIED) + len(NO_EVENT) >= 120
