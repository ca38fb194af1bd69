"""What the dashboard lists: one row per actor with its aliases, and a display title for untitled articles."""

from __future__ import annotations

from communique.records import Actor, Mention
from communique.store import Store
from communique.store.queries import list_actors, list_articles


def _actor(aid, name, type_, country, code):
    return Actor(id=aid, name=name, type=type_, country=country, code=code, mentions=[Mention(start=0, end=3, text="Abc")])


def test_actors_are_merged_with_their_aliases(db, make_record):
    one = make_record([], text="Written for this test: Britain and the Labour Party met today.")
    two = make_record([], text="Also written for it: the United Kingdom and Labour disagreed.")
    one.actors = [_actor("a1", "Britain", "country", "GBR", "GBR"),
                  _actor("a2", "Labour Party", "organization", "GBR", "GBRPTY")]
    two.actors = [_actor("a1", "United Kingdom", "country", "GBR", "GBR"),
                  _actor("a2", "Labour", "organization", "GBR", "GBRPTY"),
                  _actor("a3", "Conservatives", "organization", "GBR", "GBRPTY")]
    with Store(db) as store:
        store.write_batch([one, two])
        rows, total = list_actors(store)
    assert total == 3  # the Conservatives share Labour's code but are not Labour
    gbr = next(r for r in rows if r["code"] == "GBR")
    assert {gbr["name"], *gbr["aliases"]} == {"Britain", "United Kingdom"} and gbr["articles"] == 2
    labour = next(r for r in rows if "Labour" in r["name"])
    assert {labour["name"], *labour["aliases"]} == {"Labour", "Labour Party"}


def test_untitled_articles_show_their_first_sentence(db, make_record):
    rec = make_record([], title=None, text="Ministers met in a small town today. They talked for hours.")
    titled = make_record([], title="A title of its own", text="Some other text written for this test.")
    with Store(db) as store:
        store.write_batch([rec, titled])
        rows, _ = list_articles(store)
    shown = {r["title"]: r["display_title"] for r in rows}
    assert shown[None] == "Ministers met in a small town today."
    assert shown["A title of its own"] == "A title of its own"
