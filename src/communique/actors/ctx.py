"""Shared per-document context of actor recognition: word lists, gazetteer hits, role parses, ``Ctx``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from spacy.attrs import DEP, ENT_TYPE, LOWER, ORTH, POS, SENT_START, TAG
from spacy.tokens import Doc, Span

from .kb import KnowledgeBase

POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})
DETERMINERS = frozenset({"the", "a", "an", "his", "her", "its", "their", "our", "whose", "this", "that"})
POSS_PRONOUNS = frozenset({"his", "her"})
ORG_INTERNAL = ("spokes", "press secretary", "director", "head", "chief", "chair", "commander", "official")


@dataclass(frozen=True)
class Gaz:
    start: int
    end: int
    key: str
    kind: str  # name, adjective, people, capital, alias


@dataclass
class RoleParse:
    start: int  # first token of the whole description (determiner excluded)
    role: str | None
    sectors: tuple[str, ...]
    office: str | None
    relational: bool
    country_key: str | None
    possessor: int | None  # token index of "his"/"her"
    det: str | None
    title_country: str | None = None  # the country the title alone names, when the text names none
    accredited: bool = False  # "UN ambassador": the IGO before the title is not the person's own


# --------------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------------


class Ctx:
    """Per-document lookups built once."""

    def __init__(self, doc: Doc, kb: KnowledgeBase, gaz: list[Gaz]) -> None:
        self.doc = doc
        self.kb = kb
        strings = doc.vocab.strings
        n = len(doc)
        arr = doc.to_array([ORTH, LOWER, POS, TAG, DEP, SENT_START, ENT_TYPE]).tolist() if n else []
        self.text = [strings[r[0]] for r in arr]
        self.lower = [strings[r[1]] for r in arr]
        self.pos = [strings[r[2]] for r in arr]
        self.tag = [strings[r[3]] for r in arr]
        self.dep = [strings[r[4]] for r in arr]
        self.ent_type = [strings[r[6]] for r in arr]
        self.gaz_by_start = {g.start: g for g in gaz}
        self.gaz_by_end = {g.end: g for g in gaz}
        self.sent_start = [0] * n
        self.sent_id = [0] * n
        sid, sstart = -1, 0
        for i, r in enumerate(arr):
            if i == 0 or r[5] == 1:
                sid += 1
                sstart = i
            self.sent_start[i] = sstart
            self.sent_id[i] = sid
        self.ent_at: dict[int, Span] = {}
        for e in doc.ents:
            for i in range(e.start, e.end):
                self.ent_at[i] = e
        self.published: dt.date | None = getattr(doc._, "published", None)
        self.full_text: dict[str, str] = {}

    @property
    def doc_text(self) -> str:
        """``doc.text``, built once (spaCy joins the tokens on every access)."""
        t = self.__dict__.get("_doc_text")
        if t is None:
            t = self.__dict__["_doc_text"] = self.doc.text
        return t

    def indices(self, words: set[str] | frozenset[str] | dict) -> list[int]:
        """Token indices whose lower-case form is in ``words``."""
        return [i for i, w in enumerate(self.lower) if w in words]

    def match_left(self, end: int, table: dict, maxlen: int, floor: int) -> tuple[int, tuple[str, ...]] | None:
        """Longest key of ``table`` (lower-case token tuple) ending at token ``end`` (exclusive)."""
        for n in range(min(maxlen, end - floor), 0, -1):
            key = tuple(self.lower[end - n:end])
            if key in table:
                return end - n, key
        return None

    def country_ref_left(self, end: int, floor: int) -> tuple[int, str] | None:
        """A country/bloc reference ending at ``end``: "Chinese", "China's", "US" (compound)."""
        if end <= floor:
            return None
        g = self.gaz_by_end.get(end)
        if g is not None and g.kind in ("adjective", "name", "people") and _is_place_entity(g.key):
            return g.start, g.key
        if self.text[end - 1] in POSSESSIVE and end - 1 > floor:
            g = self.gaz_by_end.get(end - 1)
            if g is not None and _is_place_entity(g.key) and g.kind in ("name", "capital"):
                return g.start, g.key
        return None


def _is_place_entity(key: str) -> bool:
    return key.startswith("country:") or key.startswith("org:")
