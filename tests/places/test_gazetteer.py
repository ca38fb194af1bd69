"""The offline gazetteer: names, priors and disambiguation by article context."""

from __future__ import annotations

import pytest

from communique.places.gazetteer import fold, gazetteer


@pytest.fixture(scope="module")
def gaz():
    return gazetteer()


@pytest.mark.parametrize(
    ("name", "feature", "country"),
    [
        ("Moscow", "city", "RUS"),
        ("Paris", "city", "FRA"),
        ("Beijing", "city", "CHN"),
        ("Belarus", "country", "BLR"),
        ("the United States", "country", "USA"),
        ("U.S.", "country", "USA"),
        ("UK", "country", "GBR"),
        ("DRC", "country", "COD"),
        ("Mexico", "country", "MEX"),
        ("Chile", "country", "CHL"),
        ("Texas", "region", "USA"),
        ("B.C.", "region", "CAN"),
        ("Ky.", "region", "USA"),
        ("Queensland", "region", "AUS"),
        ("Africa", "continent", None),
        ("Nairobi", "city", "KEN"),
        ("Kraków", "city", "POL"),
        ("Krakow", "city", "POL"),
    ],
)
def test_prior_without_context(gaz, name, feature, country):
    e = gaz.resolve(name)
    assert e is not None and (e.feature, e.country) == (feature, country)


def test_capital_has_coordinates_and_geonameid(gaz):
    e = gaz.resolve("Moscow")
    assert e.geonameid == 524901 and e.capital
    assert 55 < e.lat < 56.5 and 37 < e.lon < 38.5


def test_every_country_has_a_point(gaz):
    missing = [gaz.entry(i).name for i in gaz.by_iso3.values() if gaz.entry(i).lat is None]
    assert len(missing) <= 6, missing  # uninhabited territories (Bouvet Island, ...)
    assert all(gaz.country(iso).lat is not None for iso in ("USA", "CHN", "RUS", "BLR", "UKR", "BRA", "NGA"))


@pytest.mark.parametrize(
    ("name", "context", "country"),
    [
        ("Georgia", {}, "GEO"),
        ("Georgia", {"USA": 2.0}, "USA"),
        ("London", {}, "GBR"),
        ("London", {"CAN": 2.0}, "CAN"),
        ("Paris", {"USA": 2.0}, "FRA"),  # a national capital beats a small US town of the same name
        ("Birmingham", {"USA": 2.0}, "USA"),
        ("Birmingham", {"GBR": 2.0}, "GBR"),
        ("Santa Cruz", {"BOL": 2.0}, "BOL"),
        ("Cordoba", {"ESP": 2.0}, "ESP"),
        ("Cordoba", {"ARG": 2.0}, "ARG"),
        ("Valencia", {"VEN": 2.0}, "VEN"),
        ("Victoria", {"CAN": 2.0}, "CAN"),
    ],
)
def test_context_disambiguates(gaz, name, context, country):
    e = gaz.resolve(name, context=context)
    assert e is not None and e.country == country


def test_region_context_picks_the_city_in_it(gaz):
    springfield_il = gaz.resolve("Springfield", context={"USA": 1.0}, regions={"USA.IL": 1.5})
    springfield_ma = gaz.resolve("Springfield", context={"USA": 1.0}, regions={"USA.MA": 1.5})
    assert springfield_il.admin1 == "USA.IL" and springfield_ma.admin1 == "USA.MA"


def test_demonyms(gaz):
    assert gaz.demonym("Turkish") == "TUR"
    assert gaz.demonym("Canadians") == "CAN"
    assert gaz.demonym("Belarussian") == "BLR"
    assert gaz.demonym("Table") is None


def test_fold():
    assert fold("the United States") == "united states"
    assert fold("Russia’s") == "russia"
    assert fold("U.S.") == "us"
    assert fold("Québec") == "quebec"


def test_unknown_name(gaz):
    assert gaz.resolve("Qwzxqv") is None


def test_division_named_after_its_city_yields_to_the_city(gaz):
    for name, country in [("Aleppo", "SYR"), ("Istanbul", "TUR"), ("Shanghai", "CHN")]:
        e = gaz.resolve(name)
        assert (e.feature, e.country) == ("city", country), name


def test_second_level_divisions(gaz):
    e = gaz.resolve("Suffolk", context={"GBR": 2.0})
    assert (e.feature, e.country) == ("county", "GBR")
    e = gaz.resolve("Jefferson County", context={"USA": 1.0}, regions={"USA.KY": 1.5})
    assert (e.feature, e.admin1) == ("county", "USA.KY") and e.lat is not None


def test_areas_from_the_aliases_file(gaz):
    e = gaz.resolve("Darfur")
    assert (e.feature, e.country) == ("area", "SDN") and e.lat is not None
    e = gaz.resolve("the Mediterranean")
    assert e.feature == "area" and e.country is None
