"""The one country table (communique.countries) and the one text fold (communique.text)."""

from __future__ import annotations

import pytest

from communique import countries
from communique.config import get_settings
from communique.text import fold, name_key, place_key


def test_fold_strips_accents_and_case():
    assert fold("  São   Tomé ") == "sao tome"
    assert fold("Ministry\u2019s") == "ministry's"


def test_name_key_uses_british_spellings():
    assert name_key("Department of Defense") == "department of defence"
    assert name_key("World Health Organization") == "world health organisation"
    assert place_key("Department of Defense") == "department of defense"


def test_place_key_spells_out_letters_and_drops_articles():
    assert place_key("the Østfold") == "ostfold"
    assert place_key("Doğubayazıt") == "dogubayazit"
    assert place_key("St. Petersburg's") == "st petersburg"
    assert place_key("Guinea-Bissau") == "guinea bissau"
    assert name_key("Doğubayazıt") == "dogubayazıt"  # actors keep letters NFKD does not take apart


def test_one_line_serves_actors_places_and_events():
    fra = countries.countries()["FRA"]
    assert fra.name == "France" and "French" in fra.adjectives and "Paris" in fra.capitals
    assert fra.iso2 == "FR" and fra.geonameid
    rows = {r["iso3"]: r for r in countries.geo_rows()}
    assert rows["FRA"]["name"] and rows["FRA"]["lat"]
    assert countries.actor_rows()["FRA"][1] == "France"
    assert countries.in_text_name("USA") == "the United States"
    assert countries.in_text_name("ZZZ") == "ZZZ"


def test_territories_are_places_not_actors():
    places = {r["iso3"] for r in countries.geo_rows()}
    actors = set(countries.actor_rows())
    assert actors < places
    assert places - actors  # e.g. dependent territories: a place, no actor
    iso2 = [r["iso2"] for r in countries.geo_rows()]
    assert iso2 == sorted(iso2)


@pytest.fixture
def user_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("COMMUNIQUE_DATA_DIRS", str(tmp_path))
    get_settings.cache_clear()
    yield tmp_path
    monkeypatch.delenv("COMMUNIQUE_DATA_DIRS")
    get_settings.cache_clear()


def test_user_lines_replace_and_add_actors(user_folder):
    (user_folder / "actors").mkdir()
    (user_folder / "actors" / "countries.tsv").write_text("FRA\tFrench Republic\n", encoding="utf-8")
    (user_folder / "countries").mkdir()
    (user_folder / "countries" / "countries.tsv").write_text("XQZ\tQuuxland\tQuux\tQuuxian\n", encoding="utf-8")
    rows = countries.actor_rows()
    assert rows["FRA"][1] == "French Republic" and rows["FRA"][2] == "-"
    assert rows["XQZ"][:4] == ["XQZ", "Quuxland", "Quux", "Quuxian"]
    assert list(rows).index("FRA") < list(rows).index("XQZ")


def test_short_user_line_is_a_named_error(user_folder):
    (user_folder / "actors").mkdir()
    (user_folder / "actors" / "countries.tsv").write_text("FRA\n", encoding="utf-8")
    with pytest.raises(countries.CountryTableError, match="countries.tsv:1"):
        countries.actor_rows()
