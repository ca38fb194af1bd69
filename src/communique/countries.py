"""Countries: the one table of states and territories, ``data/countries/countries.tsv``.

Each line holds an ISO 3166-1 alpha-3 code with what the actors need (name, other names, adjectives,
demonyms, capitals as metonyms), the name as it reads in running text, and what the gazetteer needs
(ISO alpha-2, GeoNames id and name, centre point, population, capital, aliases). The file's header
documents every column. Actors (``actors/kb.py``), places (``places/gazetteer.py``), events (the
"government of ..." an implied target names) and the analysis (``analysis/names.py``) read it here.

User folders (``COMMUNIQUE_DATA_DIRS``) may add or replace actor lines at ``countries/countries.tsv``
or, in the older six-column form (iso3, name, names, adjectives, people, capitals), at
``actors/countries.tsv``; the gazetteer reads the bundled table only.
"""

from __future__ import annotations

import csv
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .knowledge import BUNDLED, data_roots

log = logging.getLogger(__name__)

TABLE = "countries/countries.tsv"
#: the actors' own file before the table was shared (iso3 and the actor columns)
LEGACY_ACTOR_FILE = "actors/countries.tsv"
TABLE_PATH: Path = BUNDLED / TABLE

ACTOR_COLUMNS = ("iso3", "name", "names", "adjectives", "people", "capitals")
COLUMNS = (*ACTOR_COLUMNS, "in_text", "iso2", "geonameid", "geo_name", "lat", "lon", "population", "capital",
           "aliases", "demonyms")
#: the gazetteer's view of a line: its key -> the table's column
GEO_FIELDS = {"iso3": "iso3", "iso2": "iso2", "geonameid": "geonameid", "name": "geo_name", "lat": "lat",
              "lon": "lon", "population": "population", "capital": "capital", "aliases": "aliases",
              "demonyms": "demonyms"}


class CountryTableError(ConfigError):
    """A line of a country table is malformed."""

    code = "country_table_error"


@dataclass(frozen=True)
class Country:
    """One line of the table, cells split on ``|`` ("-" read as none)."""

    iso3: str
    name: str | None
    names: tuple[str, ...]
    adjectives: tuple[str, ...]
    people: tuple[str, ...]
    capitals: tuple[str, ...]
    in_text: str | None
    iso2: str | None
    geonameid: int | None


def _lines(path: Path) -> list[tuple[int, list[str]]]:
    out = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip() or line.startswith("#"):
                continue
            out.append((n, line.rstrip("\n").split("\t")))
    return out


def _cells(value: str) -> tuple[str, ...]:
    value = value.strip()
    if not value or value == "-":
        return ()
    return tuple(v.strip() for v in value.split("|") if v.strip())


@lru_cache(maxsize=1)
def _bundled() -> tuple[tuple[int, tuple[str, ...]], ...]:
    rows = []
    for n, cells in _lines(TABLE_PATH):
        if len(cells) != len(COLUMNS):
            raise CountryTableError(f"{TABLE_PATH}:{n}: expected {len(COLUMNS)} columns, found {len(cells)}")
        rows.append((n, tuple(cells)))
    return tuple(rows)


def actor_rows(extra: list[str] | tuple[str, ...] | None = None) -> dict[str, list[str]]:
    """iso3 -> the six actor cells (iso3, name, names, adjectives, people, capitals; "-" for none) of
    every line that is an actor, bundled table first, then each user folder's ``countries/countries.tsv``
    and ``actors/countries.tsv``; a later line for the same iso3 replaces the earlier one in place."""
    rows: dict[str, list[str]] = {}
    for root in data_roots(extra):
        for rel in (TABLE, LEGACY_ACTOR_FILE):
            path = root / rel
            if not path.is_file():
                continue
            lines = [(n, list(c)) for n, c in _bundled()] if path == TABLE_PATH else _lines(path)
            for n, cells in lines:
                if len(cells) < 2:
                    raise CountryTableError(f"{path}:{n}: a country line needs at least iso3 and name")
                cells = cells[: len(ACTOR_COLUMNS)]
                cells += ["-"] * (len(ACTOR_COLUMNS) - len(cells))
                if cells[1].strip() in {"", "-"}:
                    continue  # a place only
                rows[cells[0].strip().upper()] = cells
    return rows


@lru_cache(maxsize=1)
def geo_rows() -> list[dict[str, str]]:
    """The gazetteer's countries and territories (keys of :data:`GEO_FIELDS`, "" for none), in ISO
    alpha-2 order."""
    out = []
    for _, cells in _bundled():
        row = dict(zip(COLUMNS, cells, strict=True))
        if row["iso2"] in {"", "-"}:
            continue
        out.append({k: ("" if row[col] == "-" else row[col]) for k, col in GEO_FIELDS.items()})
    return sorted(out, key=lambda r: r["iso2"])


@lru_cache(maxsize=1)
def countries() -> dict[str, Country]:
    """iso3 -> :class:`Country` of every line of the bundled table."""
    out = {}
    for _, cells in _bundled():
        row = dict(zip(COLUMNS, cells, strict=True))

        def one(col: str, row: dict[str, str] = row) -> str | None:
            v = row[col].strip()
            return None if v in {"", "-"} else v

        gid = one("geonameid")
        out[row["iso3"]] = Country(
            iso3=row["iso3"], name=one("name"), names=_cells(row["names"]), adjectives=_cells(row["adjectives"]),
            people=_cells(row["people"]), capitals=_cells(row["capitals"]), in_text=one("in_text"),
            iso2=one("iso2"), geonameid=int(gid) if gid else None)
    return out


@lru_cache(maxsize=512)
def in_text_name(iso3: str) -> str:
    """The name of a country as it reads in running text ("the United States", "Iran"); the actor
    name, or the code itself, for a code the table lacks a text name for."""
    c = countries().get(iso3)
    if c is None:
        row = actor_rows().get(iso3)
        return row[1].strip() if row else iso3
    return c.in_text or c.name or iso3


def write_geo_table(rows: list[list[Any]]) -> None:
    """Replace the gazetteer columns of the bundled table with ``rows`` (iso3, iso2, geonameid, name,
    lat, lon, population, capital, aliases, demonyms: what ``places.build_tables`` makes); a code the
    table lacks is added as a place only."""
    geo_cols = list(GEO_FIELDS.values())[1:]
    by_iso = {str(r[0]): ["-" if v in (None, "") else str(v) for v in r[1:]] for r in rows}
    header = [ln for ln in TABLE_PATH.read_text(encoding="utf-8").splitlines(keepends=True) if ln.startswith("#")]
    out: list[list[str]] = []
    for _, cells in _bundled():
        row = list(cells)
        geo = by_iso.pop(row[0], ["-"] * len(geo_cols))
        out.append(row[: len(ACTOR_COLUMNS) + 1] + geo)
    for iso3, geo in sorted(by_iso.items(), key=lambda kv: kv[1][0]):
        out.append([iso3, "-", "-", "-", "-", "-", "-", *geo])
    with open(TABLE_PATH, "w", encoding="utf-8", newline="") as fh:
        fh.writelines(header)
        csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\").writerows(out)
    _bundled.cache_clear()
    geo_rows.cache_clear()
    countries.cache_clear()
