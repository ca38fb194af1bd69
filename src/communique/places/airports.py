"""Airports by the names news gives them, from the ``airportsdata`` package (every airport with an IATA
code: name, city, country, point; MIT licence; read offline, once per process).

An airport is known by its full name (*London Heathrow Airport*), by that name without its generic
words (*London Heathrow*), and by its own part without the city or country it opens with and without
the generic words (*Heathrow*, *Pearson International Airport*, *Pearson*). The short forms that are
also a place of the gazetteer (*Luton*) are left to the gazetteer. Rules: ``docs/times-places.md``.
"""

from __future__ import annotations

import csv
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..countries import geo_rows as country_rows
from .gazetteer import Entry, fold

__all__ = ["Airports", "airports"]

log = logging.getLogger(__name__)

# words that say what kind of airport it is: dropped for the short forms
_GENERIC = {"airport", "international", "intl", "regional", "municipal", "national", "domestic", "airfield",
            "aerodrome", "air", "terminal", "county", "metropolitan", "field"}


@dataclass(frozen=True, slots=True)
class Airport:
    name: str
    city: str
    country: str | None  # ISO3
    lat: float
    lon: float


class Airports:
    """Folded airport names (full and short) to the airports they name."""

    def __init__(self, full: dict[str, list[Airport]], short: dict[str, list[Airport]]) -> None:
        self.full = full  # names with a generic word ("Heathrow Airport"): an airport whatever the context
        self.short = short  # names without one ("Heathrow"): an airport when the context says so
        # every run of first words of a name ("london", "london heathrow"): a scan stops where none goes on
        self.prefixes = {" ".join(k.split()[:m]) for k in (*full, *short) for m in range(1, len(k.split()) + 1)}

    def lookup(self, text: str) -> tuple[list[Airport], bool]:
        """The airports ``text`` names and whether it is a full name."""
        key = fold(text)
        if key in self.full:
            return self.full[key], True
        return self.short.get(key, []), False

    @staticmethod
    def entry(a: Airport, text: str) -> Entry:
        return Entry(None, text, "city", a.country, a.lat, a.lon, 0)


def _forms(name: str, city: str, places: set[str], known) -> tuple[set[str], set[str]]:
    """The full and short folded forms of an airport's name: full forms end with a generic word
    (*heathrow airport*), short forms do not (*london heathrow*, *heathrow*)."""
    words = fold(name).replace("/", " ").replace("-", " ").split()
    if not words or words[-1] not in _GENERIC:
        return set(), set()
    core = list(words)
    while core and core[-1] in _GENERIC:
        core.pop()
    if not core:
        return set(), set()
    full = {" ".join(words)}
    short = {" ".join(core)}
    lead = fold(city).split()
    if lead and core[: len(lead)] == lead and len(core) > len(lead):
        cut = len(lead)
    else:
        # the longest place name it opens with ("Toronto Pearson", "New York JFK")
        cut = next((c for c in (3, 2, 1) if len(core) > c and (" ".join(core[:c]) in places or known(" ".join(core[:c])))), 0)
    if cut:
        short.add(" ".join(core[cut:]))
        full.add(" ".join(words[cut:]))
    return full, {s for s in short if len(s) >= 4}


@lru_cache(maxsize=1)
def _load() -> Airports:
    from .gazetteer import gazetteer

    gaz = gazetteer()
    iso2to3 = {row["iso2"]: row["iso3"] for row in country_rows()}
    full: dict[str, list[Airport]] = {}
    short: dict[str, list[Airport]] = {}
    try:
        import airportsdata  # the package's own CSV, read as data

        text = (Path(airportsdata.__file__).parent / "airports.csv").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError):
        log.warning("airportsdata is not installed: airports are known only by the gazetteer")
        return Airports({}, {})
    for row in csv.DictReader(text.splitlines()):
        if not row.get("iata") or not row.get("lat"):
            continue
        a = Airport(row["name"], row["city"], iso2to3.get(row["country"]), float(row["lat"]), float(row["lon"]))
        places = {fold(row["city"]), fold(row.get("subd") or "")}
        f, s = _forms(row["name"], row["city"], places, gaz.known)
        for k in f:
            full.setdefault(k, []).append(a)
        for k in s:
            # a short form that is also a town of the gazetteer is the town, unless only a hamlet
            if not any(e.feature != "city" or e.population >= 20_000 for e, _ in gaz.candidates(k, expand=False)):
                short.setdefault(k, []).append(a)
    return Airports(full, short)


def airports() -> Airports:
    """The airports index (built once per process)."""
    return _load()
