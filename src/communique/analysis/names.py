"""Readable names for analysis output and actor arguments given as names.

- :func:`resolve_actor`: an actor argument as a user types it ("Russia", "russian", "the UK", "Turks",
  "RUS", "CHNGOV") to the code the store matches (``RUS``, ``GBR``, ``TUR``, ``CHNGOV``), from
  ``data/countries/countries.tsv`` (names, adjectives, demonyms).
- :func:`country_name`: ISO3 -> English short name.
- :func:`sector_info`: a sector code's label and whether its actors act for their state
  (``data/analysis/sectors.yaml``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache

from ..countries import actor_rows
from ..knowledge import data_files, load_yaml

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _countries() -> tuple[dict[str, str], dict[str, str]]:
    """(iso3 -> name, lower-case form -> iso3) from the country table (``communique.countries``)."""
    names: dict[str, str] = {}
    forms: dict[str, str] = {}
    for iso3, cells in actor_rows().items():
        if len(iso3) != 3:
            continue
        names[iso3] = cells[1].strip()
        for cell in cells[1:]:
            for form in cell.split("|"):
                form = form.strip()
                if form and form != "-" and len(form) > 2:
                    forms[_norm(form)] = iso3
    return names, forms


def _norm(text: str) -> str:
    t = " ".join(text.lower().replace(".", "").split())
    return t[4:] if t.startswith("the ") else t


def country_name(iso3: str | None) -> str | None:
    """The English short name of a country code, or None when the code is not a country."""
    if not iso3:
        return None
    return _countries()[0].get(iso3.upper())


def resolve_actor(arg: str) -> str:
    """The code an actor argument stands for: a country name, adjective or demonym gives its ISO3 code;
    anything else (a code, a code prefix, a region code) is returned upper-cased."""
    text = arg.strip()
    hit = _countries()[1].get(_norm(text))
    if hit:
        return hit
    return text.upper()


@dataclass(frozen=True)
class SectorInfo:
    label: str
    state: bool


@lru_cache(maxsize=1)
def _sectors() -> dict[str, SectorInfo]:
    out: dict[str, SectorInfo] = {}
    for path in data_files("analysis/sectors.yaml"):
        for code, entry in (load_yaml(path) or {}).items():
            if isinstance(entry, dict):
                out[str(code).upper()] = SectorInfo(label=str(entry.get("label") or code),
                                                    state=bool(entry.get("state", False)))
    return out


def sector_info(code: str) -> SectorInfo | None:
    """What a 3-letter sector code means (None when unknown)."""
    return _sectors().get(code.upper())


def non_state_sector(code: str | None, country: str | None) -> str | None:
    """The first non-state sector of an actor code (``SYRREB`` -> ``REB``; ``RUSGOV`` -> None), the
    code's 3-letter chunks after its country."""
    if not code:
        return None
    rest = code[3:] if country and code.startswith(country) else ("" if country else code)
    for i in range(0, len(rest) - 2, 3):
        info = sector_info(rest[i:i + 3])
        if info is not None and not info.state:
            return rest[i:i + 3]
    return None
