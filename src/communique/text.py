"""Text keys shared by every part of Communiqué: the one ``fold()`` that turns a name as written into
the key it is looked up by.

``fold`` strips accents, straightens curly apostrophes, lower-cases and collapses spaces. Two options
give the two key forms the knowledge uses:

* ``spelling=True`` (actors' names and titles, :func:`name_key`): British spellings of the words that
  vary in organisation names ("defense" -> "defence", "organization" -> "organisation");
* ``place=True`` (gazetteer names, :func:`place_key`): also the letters NFKD does not take apart
  ("Doğubayazıt", "Puławy", "Østfold") and the ayn and hamza marks of transliterations ("‘Afrīn"); a
  trailing ``'s``/``'`` and a leading ``the`` dropped; dots removed and hyphens read as spaces.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

#: letters NFKD does not take apart, and the ayn and hamza marks of transliterations
LETTERS = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss",
                         "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "þ": "th", "ð": "d", "ħ": "h",
                         "ʿ": "", "ʾ": "", "ʻ": "", "ʼ": ""})


def strip_accents(text: str, *, letters: bool = False) -> str:
    """``text`` without combining marks (and, with ``letters``, with :data:`LETTERS` spelled out)."""
    s = unicodedata.normalize("NFKD", text)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return s.translate(LETTERS) if letters else s


@lru_cache(maxsize=65536)
def fold(text: str, *, spelling: bool = False, place: bool = False) -> str:
    """The lookup key of a name: accents stripped, apostrophes straightened, lower case, spaces
    collapsed; ``spelling`` and ``place`` as the module says."""
    s = strip_accents(text, letters=place).replace("\u2019", "'")
    if place:
        s = s.replace("\u2018", "'")
    s = s.lower()
    if spelling:
        s = s.replace("defense", "defence").replace("organization", "organisation")
    if place:
        s = s.strip()
        for suffix in ("'s", "'"):
            if s.endswith(suffix):
                s = s[: -len(suffix)]
        if s.startswith("the "):
            s = s[4:]
        s = s.replace(".", "").replace("-", " ")
    return " ".join(s.split())


def name_key(text: str) -> str:
    """The key of an actor's name or title: :func:`fold` with British spellings."""
    return fold(text, spelling=True)


def place_key(name: str) -> str:
    """The key of a place name: :func:`fold` for the gazetteer."""
    return fold(name, place=True)
