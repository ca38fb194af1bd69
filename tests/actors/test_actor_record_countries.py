"""What the article record gives as an actor's country (issue 14): an international organisation and its
officers have none (``IGO`` stays in sector and code), while events of theirs keep ``IGO`` on their side;
organisations, groups, offices and people of the knowledge base get their country. Sentences written for
these tests."""

from __future__ import annotations

import pytest


def _actor(rec, name):
    hits = [a for a in rec.actors if a.name == name]
    assert hits, f"no actor {name!r}; got {[(a.name, a.type, a.country, a.role) for a in rec.actors]}"
    return hits[0]


@pytest.mark.parametrize(("text", "published", "name"), [
    ("The World Bank cut its forecast for Egypt.", "2019-04-01", "World Bank"),
    ("The European Union condemned the arrests in Minsk.", "2021-05-24", "European Union"),
    ("Kofi Annan, the UN secretary general, urged both sides to talk.", "2004-03-01", "Kofi Annan"),
    ("NATO said the exercise would go ahead.", "2022-02-01", "NATO"),
])
def test_igo_actor_has_no_country_in_the_record(code, text, published, name):
    a = _actor(code(text, published=published), name)
    assert a.country is None
    assert "IGO" in a.sector and (a.code or "").startswith("IGO")


@pytest.mark.parametrize(("text", "source", "target"), [
    ("The European Union imposed sanctions on Belarus.", "IGO", "BLR"),
    ("Iran criticised the United Nations on Tuesday.", "IRN", "IGO"),
])
def test_igo_event_sides_keep_igo(code, text, source, target):
    rec = code(text, published="2021-06-01")
    assert any(e.source.country == source and e.target is not None and e.target.country == target
               for e in rec.events), [(e.type, e.source.country, e.target and e.target.country) for e in rec.events]
