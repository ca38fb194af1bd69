"""A user folder extends the gazetteer's names (COMMUNIQUE_DATA_DIRS)."""

from __future__ import annotations

from communique.places.gazetteer import gazetteer


def test_user_aliases_add_names_and_areas(tmp_path):
    folder = tmp_path / "places"
    folder.mkdir()
    (folder / "aliases.yaml").write_text(
        "countries:\n  Blighty: GBR\nareas:\n  Zqx Plateau: [10.5, 20.5, TCD]\n", encoding="utf-8")
    gaz = gazetteer((str(tmp_path),))
    assert gaz.resolve("Blighty").country == "GBR"
    e = gaz.resolve("Zqx Plateau")
    assert (e.feature, e.country, e.lat, e.lon) == ("area", "TCD", 10.5, 20.5)
    assert gaz.resolve("Moscow").country == "RUS"  # bundled names kept
