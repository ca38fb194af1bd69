"""Readers' names for places (``Place.display_name``, ``Location.display_name``).

The form the text used when it is a name of the place (``"Raqqa"``, ``"Kiev"``; a line in capitals is
title-cased); else, for an abbreviation, a demonym or an event located by a country code, the English
name from ``data/places/display_names.tsv`` (``"Ar Raqqah"`` -> ``"Raqqa"``) or the gazetteer's name
without diacritics and transliteration marks (``"Ţarţūs"`` -> ``"Tartus"``). Rules: ``docs/times-places.md``.
"""

from __future__ import annotations

import csv
import logging
import unicodedata
from functools import lru_cache

from ..knowledge import data_files
from .gazetteer import _LETTERS, Entry, Gazetteer, fold, gazetteer

__all__ = ["display_name", "plain"]

log = logging.getLogger(__name__)

_MARKS = str.maketrans({"‘": "", "’": "", "ʿ": "", "ʾ": "", "ʻ": "", "ʼ": "", "`": ""})


@lru_cache(maxsize=4)
def _table(extra: tuple[str, ...] | None = None) -> dict[tuple[str, str], str]:
    out: dict[tuple[str, str], str] = {}
    for path in data_files("places/display_names.tsv", list(extra) if extra is not None else None):
        with open(path, encoding="utf-8") as fh:
            rows = csv.DictReader((ln for ln in fh if not ln.startswith("#")), delimiter="\t")
            for row in rows:
                if row.get("name") and row.get("display"):
                    out[(row.get("iso3") or "", fold(row["name"]))] = row["display"].strip()
    return out


def plain(name: str) -> str:
    """``name`` without diacritics and transliteration marks, its case kept ("‘Afrīn" -> "Afrin")."""
    s = unicodedata.normalize("NFKD", name.translate(_MARKS))
    s = "".join(ch for ch in s if not unicodedata.combining(ch)).translate(_LETTERS)
    s = s.replace("'", "").strip() if s.startswith("'") else s
    return " ".join(s.split())


def _as_written(text: str) -> str:
    t = " ".join(text.split())
    if t.lower().startswith("the "):
        t = t[4:]
    if t.isupper() and len(t) > 4:
        t = " ".join(w.capitalize() for w in t.split(" "))  # "TORRINGTON" -> "Torrington"
    return t


def _abbreviation(text: str) -> bool:
    t = text.strip()
    return "." in t or (t.isupper() and len(t.replace(" ", "")) <= 4)


def display_name(entry: Entry, text: str | None = None, *, gaz: Gazetteer | None = None) -> str:
    """The name a reader knows for ``entry``: the text's form ``text`` when it is a name of that
    place and not an abbreviation, else the table's English name, else the gazetteer's name without
    diacritics."""
    if text and not _abbreviation(text):
        g = gaz or gazetteer()
        written = _as_written(text)
        if any(e == entry for e, _ in g.candidates(written)):
            return written
    known = _table().get((entry.country or "", fold(entry.name)))
    if known:
        return known
    return plain(entry.name)
