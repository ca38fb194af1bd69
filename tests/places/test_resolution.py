"""Resolution mechanisms: closeness to the article's other towns, places already named by their own
name, capitals only for the capital itself, division names without their generic word."""

from __future__ import annotations

import pytest

from communique.places import geoparse
from communique.places.gazetteer import Anchors, gazetteer


@pytest.fixture(scope="module")
def gaz():
    return gazetteer()


def test_only_the_capital_itself_is_a_capital(gaz):
    washingtons = [e for e, _ in gaz.candidates("Washington") if e.feature == "city" and e.country == "USA"]
    assert len(washingtons) > 5
    capitals = [e for e in washingtons if e.capital]
    assert len(capitals) == 1 and capitals[0].population > 500_000


@pytest.mark.parametrize(
    ("name", "anchor", "admin1"),
    [
        ("Springfield", (39.84, -88.95), "USA.IL"),  # a town near Decatur, Illinois
        ("Springfield", (42.10, -72.59), "USA.MA"),  # near Chicopee, Massachusetts
        ("Portland", (45.63, -122.67), "USA.OR"),  # across the river from Portland, Oregon
        ("Portland", (43.68, -70.44), "USA.ME"),  # next to Portland, Maine
    ],
)
def test_closeness_to_other_towns_picks_the_namesake(gaz, name, anchor, admin1):
    e = gaz.resolve(name, context={"USA": 1.0}, near=Anchors([[anchor]]))
    assert e is not None and e.admin1 == admin1


def test_closeness_decays_with_distance(gaz):
    cands = gaz.candidates("Springfield")
    near = Anchors([[(39.84, -88.95)], [(40.0, -89.0)]])
    c = near.closeness(cands)
    il = max(range(len(cands)), key=lambda k: (cands[k][0].admin1 == "USA.IL", cands[k][0].population))
    far = [k for k, (e, _) in enumerate(cands) if e.country != "USA"]
    assert c[il] > 1.0  # two anchors near it
    assert far and all(c[k] == 0.0 for k in far)


def test_closeness_never_turns_a_country_into_a_town(gaz):
    # a town whose alternate name is a country's name, with other towns of the article around it
    for e, primary in gaz.candidates("Chile"):
        if e.feature == "city" and not primary:
            town = e
            break
    else:
        pytest.skip("no town has 'Chile' as an alternate name")
    near = Anchors([[(town.lat + 0.05, town.lon)], [(town.lat, town.lon + 0.05)]])
    e = gaz.resolve("Chile", context={town.country: 1.5}, near=near)
    assert e is not None and e.feature == "country" and e.country == "CHL"


def test_a_place_named_by_its_own_name_is_not_an_alternate_reading(gaz):
    city = gaz.resolve("Mexico City")
    assert city is not None and city.feature == "city"
    ctx = {"MEX": 1.5}
    taken = frozenset({(city.name, city.lat, city.lon)})
    e = gaz.resolve("Mexico", context=ctx, regions={city.admin1: 1.5}, taken=taken)
    assert e is not None and e.feature == "country"


def test_geoparse_country_after_its_capital(nlp):
    doc = nlp("Protests that began in Mexico City on Monday spread across Mexico by Friday, "
              "and police in Mexico City arrested dozens.")
    tops = {t.text: t.entry for t in geoparse(doc)}
    assert tops["Mexico City"].feature == "city"
    assert tops["Mexico"].feature == "country"


@pytest.mark.parametrize(
    ("name", "country"),
    [("Zamfara", "NGA"), ("Zamfara Province", "NGA"), ("Mashonaland East", "ZWE"), ("Fars Province", "IRN")],
)
def test_division_names_with_and_without_their_generic_word(gaz, name, country):
    e = gaz.resolve(name)
    assert e is not None and e.country == country and e.feature in {"region", "county"}


@pytest.mark.parametrize(
    ("name", "lat_range", "lon_range"),
    [
        ("Ontario", (46.0, 53.0), (-90.0, -80.0)),  # not the populated south around Toronto
        ("Alberta", (53.0, 56.5), (-117.0, -113.0)),  # not Calgary and Edmonton
        ("Queensland", (-23.0, -17.0), (142.0, 148.0)),  # not the Brisbane corner
        ("Heilongjiang", (44.0, 53.0), (122.0, 134.0)),  # a town coded in the wrong region is left out
        ("Jiangsu", (31.0, 35.0), (117.0, 122.0)),
    ],
)
def test_a_large_region_points_to_its_middle(gaz, name, lat_range, lon_range):
    e = gaz.resolve(name)
    assert e is not None and e.feature == "region"
    assert lat_range[0] < e.lat < lat_range[1] and lon_range[0] < e.lon < lon_range[1], (e.lat, e.lon)


def _tops(nlp, text):
    return {t.text: t.entry for t in geoparse(nlp(text))}


def test_a_town_before_a_comma_and_its_state_lies_in_it(nlp):
    tops = _tops(nlp, "The singer grew up in Paris, Texas, and later moved to Memphis, Tennessee.")
    assert tops["Paris"].country == "USA" and tops["Paris"].admin1 == "USA.TX"
    assert tops["Memphis"].admin1 == "USA.TN"


def test_the_state_after_a_town_is_the_one_that_holds_it(nlp):
    tops = _tops(nlp, "Delegates met in Atlanta, Georgia, on Tuesday.")
    assert tops["Georgia"].feature == "region" and tops["Georgia"].country == "USA"


def test_a_list_of_states_or_countries_is_no_containment(nlp):
    tops = _tops(nlp, "Cases were reported in Illinois, Missouri and Ohio, and also in Kenya, Uganda and Tanzania.")
    assert tops["Illinois"].feature == "region" and tops["Missouri"].feature == "region"
    assert [tops[n].feature for n in ("Kenya", "Uganda", "Tanzania")] == ["country"] * 3


@pytest.mark.parametrize(
    ("name", "feature", "country"),
    [("North London", "city", "GBR"), ("Southern Europe", "continent", None), ("East Jerusalem", "city", None),
     ("Western Kenya", "country", "KEN")],
)
def test_a_place_qualified_by_a_direction_reads_as_that_place(gaz, name, feature, country):
    e = gaz.resolve(name)
    assert e is not None and e.feature == feature
    if country:
        assert e.country == country


@pytest.mark.parametrize("name", ["North Eastern", "Central Park", "Upper Lower"])
def test_a_direction_before_no_known_place_is_nothing(gaz, name):
    assert gaz.expand_direction(name) == []


def test_known_names_are_not_read_as_directions(gaz):
    assert gaz.resolve("North Korea").country == "PRK"
    assert gaz.resolve("South Africa").country == "ZAF"


@pytest.mark.parametrize(("word", "feature"), [("European", "continent"), ("Southeast Asian", "area"),
                                               ("Turkish", "country")])
def test_demonyms_of_countries_and_continents(gaz, word, feature):
    e = gaz.demonym_place(word)
    assert e is not None and e.feature == feature


def test_a_country_beats_a_town_that_has_its_name_only_as_another_name(gaz):
    cands = gaz.candidates("Lebanon")
    primary_regions = {e.admin1 for e, primary in cands if primary}
    towns = [e for e, primary in cands if e.feature == "city" and not primary and e.admin1 not in primary_regions]
    if not towns:
        pytest.skip("no town has 'Lebanon' as an alternate name")
    town = towns[0]
    e = gaz.resolve("Lebanon", context={town.country: 1.5}, regions={town.admin1: 1.5})
    assert e is not None and e.feature == "country" and e.country == "LBN"


@pytest.mark.parametrize(("name", "iso3"), [("Zaire", "COD"), ("Ceylon", "LKA"), ("Persia", "IRN")])
def test_former_country_names(gaz, name, iso3):
    e = gaz.resolve(name)
    assert e is not None and e.feature == "country" and e.country == iso3


def test_an_ocean_beats_a_small_town_of_its_name(gaz):
    e = gaz.resolve("Pacific", context={"USA": 1.5})
    assert e is not None and e.feature == "area"


def test_a_generic_noun_after_the_name_says_what_kind_of_place_it_is(nlp):
    tops = _tops(nlp, "Wildfires forced evacuations across Washington state on Monday.")
    assert tops["Washington"].feature == "region" and tops["Washington"].admin1 == "USA.WA"
    tops = _tops(nlp, "The senator flew to Washington on Monday.")
    assert tops["Washington"].feature == "city"


def test_the_kind_of_place_prefers_that_reading(gaz):
    assert gaz.resolve("Washington").feature == "city"
    assert gaz.resolve("Washington", prefer=frozenset({"region", "county"})).feature == "region"
    assert gaz.resolve("Quebec").feature == "region"
    assert gaz.resolve("Quebec", prefer=frozenset({"city"})).feature == "city"


def test_a_county_votes_for_its_country_and_region(gaz):
    from communique.places.resolve import _entry_votes

    county = next(e for e, _ in gaz.candidates("Brant") if e.feature == "county")
    votes: dict = {}
    _entry_votes(county, votes)
    assert votes.get(("country", county.country), 0) > 0 and votes.get(("region", county.admin1), 0) > 0
