"""Places, metonymic capitals and event locations through the real pipeline, on sentences written here."""

from __future__ import annotations

import pytest

from communique.coder import make_doc
from communique.places import geoparse, location_for
from communique.records import Article


@pytest.fixture(scope="module")
def parse(nlp):
    def _parse(text: str):
        return nlp(make_doc(nlp, Article(text=text, published="2024-03-06")))

    return _parse


def head(doc, word: str):
    return next(t for t in doc if t.text == word)


def test_record_has_places_with_coordinates(code):
    rec = code("Flooding hit towns across Bavaria and northern Italy after storms in Munich.")
    names = {p.name: p for p in rec.places}
    assert "Munich" in names and names["Munich"].country == "DEU" and names["Munich"].lat is not None
    p = names["Munich"]
    assert rec.article.text[p.start : p.end] == "Munich"


def test_spans_carry_the_place(parse):
    doc = parse("Protesters gathered in Nairobi.")
    spans = doc.spans["places"]
    assert [s.text for s in spans] == ["Nairobi"]
    assert spans[0]._.place.country == "KEN"


def test_capital_as_government_is_not_a_place(parse):
    doc = parse("Beijing rejected the accusations. Moscow's decision surprised diplomats.")
    assert not any(p.name in {"Beijing", "Moscow"} for p in doc._.places)


def test_capital_used_as_a_place_in_the_same_sentence(parse):
    doc = parse("Moscow said the summit would be held in Moscow next month.")
    assert [p.name for p in doc._.places].count("Moscow") == 2


def test_capital_as_a_place(parse):
    doc = parse("Thousands marched in Ankara on Sunday.")
    assert [p.name for p in doc._.places] == ["Ankara"]


def test_country_context_resolves_an_ambiguous_city(parse):
    doc = parse("Heavy snow closed roads across Canada. In London, Ontario, schools shut for two days.")
    london = next(p for p in doc._.places if p.text == "London")
    assert london.country == "CAN"


def test_without_context_the_big_city_wins(parse):
    doc = parse("Rail workers in London went on strike.")
    assert next(p for p in doc._.places if p.text == "London").country == "GBR"


def test_geoparse_demonyms(parse):
    doc = parse("A Turkish court jailed the journalist.")
    assert [t.entry.country for t in geoparse(doc, demonyms=True)] == ["TUR"]
    assert geoparse(doc) == []


def test_location_in_clause(parse):
    doc = parse("The foreign ministers met in Vienna on Tuesday.")
    loc = location_for(doc, head(doc, "met"))
    assert loc is not None and loc.name == "Vienna" and loc.country == "AUT" and loc.geonameid


def test_location_of_an_event_noun(parse):
    doc = parse("She attended a meeting with the governor in Lagos.")
    assert location_for(doc, head(doc, "meeting")).country == "NGA"


def test_location_is_not_the_first_place_of_the_article(parse):
    doc = parse("Talks in Geneva collapsed. The minister then resigned.")
    assert location_for(doc, head(doc, "resigned")) is None


def test_location_ignores_places_of_origin(parse):
    doc = parse("He met delegates from Brazil.")
    assert location_for(doc, head(doc, "met")) is None


def test_location_from_destination(parse):
    doc = parse("The president announced a visit to the region.")
    loc = location_for(doc, head(doc, "visit"), destination="BLR")
    assert loc is not None and loc.country == "BLR" and loc.lat is not None
    loc = location_for(doc, head(doc, "visit"), destination="Minsk")
    assert loc is not None and loc.name == "Minsk"


def test_location_from_a_visited_place(parse):
    doc = parse("The chancellor visited Warsaw.")
    assert location_for(doc, head(doc, "visited")).name == "Warsaw"


def test_location_from_a_venue(parse):
    doc = parse("The minister gave a speech at the Berlin Security Forum.")
    loc = location_for(doc, head(doc, "gave"))
    assert loc is not None and loc.name == "Berlin"


def test_location_stays_in_the_clause(parse):
    doc = parse("The spokesman said that troops had entered Mosul.")
    assert location_for(doc, head(doc, "said")) is None


@pytest.mark.corpus
def test_seed_event_locations(seed, nlp):
    text = (seed / "article.txt").read_text(encoding="utf-8")
    doc = nlp(make_doc(nlp, Article(text=text, published="2023-08-14")))

    def loc(word: str, before: str):
        start = text.index(before)
        tok = next(t for t in doc if t.idx >= start and t.text == word)
        return location_for(doc, tok)

    assert loc("visited", "visited Moscow").country == "RUS"
    assert loc("attends", "attends a meeting").name == "Moscow"
    assert loc("deliver", "deliver an address").name == "Moscow"
    assert loc("issued", "issued by").name == "Beijing"
    assert loc("departed", "departed on") is None


def test_places_without_a_parser(nlp):
    # a pipeline without sentence boundaries must still list places
    doc = nlp.make_doc("Talks were held in Vienna.")
    for name, proc in nlp.pipeline:
        if name in {"tok2vec", "tagger", "attribute_ruler", "lemmatizer", "ner"}:
            doc = proc(doc)
    from communique.places import places_component

    doc = places_component(doc)
    assert [p.name for p in doc._.places] == ["Vienna"]


def test_location_through_a_generic_place_noun(parse):
    doc = parse("Hundreds of students marched in the northern city of Mosul.")
    assert location_for(doc, head(doc, "marched")).name in {"Mosul", "Al Mawsil al Jadidah"}
    doc = parse("A car bomb exploded in the capital Nairobi.")
    assert location_for(doc, head(doc, "exploded")).country == "KEN"


def test_location_of_a_departure(parse):
    doc = parse("The rebels completed their withdrawal from Goma.")
    assert location_for(doc, head(doc, "completed")).country == "COD"
    doc = parse("The rebels met envoys from Goma.")
    assert location_for(doc, head(doc, "met")) is None  # "from" is an origin for other events


def test_location_of_a_sending(parse):
    doc = parse("The alliance has sent 300 engineers to Bosnia.")
    assert location_for(doc, head(doc, "sent")).country == "BIH"


def test_verb_located_by_its_event_subject(parse):
    doc = parse("An explosion near the town of Tikrit killed three soldiers.")
    assert location_for(doc, head(doc, "killed")).country == "IRQ"
