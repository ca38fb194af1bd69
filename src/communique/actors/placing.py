"""Telling places from actors: locative phrases, the places gazetteer, lone place names."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..places.gazetteer import Gazetteer
from .ctx import Ctx
from .kb import KnowledgeBase
from .roles import parse_role_left

log = logging.getLogger(__name__)


def _in_locative(ctx: Ctx, s: int, en: int) -> bool:
    """A name inside a locative phrase ("in Idlib", "near Raqqa") with no title before it: a place."""
    root = ctx.doc[s:en].root
    if root.dep_ != "pobj" or root.head.lower_ not in ctx.kb.locative_preps:
        return False
    return parse_role_left(ctx, s) is None


def _place_gazetteer() -> Gazetteer:
    """The places component's gazetteer (built once per process)."""
    from ..places.gazetteer import gazetteer

    return gazetteer()


def _is_place(ctx: Ctx, s: int, en: int) -> bool:
    """A name the tagger called ORG or PERSON that is a place: right after a place modifier ("eastern
    Ghouta", "rebel-held Idlib"), or a gazetteer region, area or large city sitting where places sit (the
    object of a locative preposition or of a motion verb). A title before the name makes it a person."""
    kb = ctx.kb
    mods = kb.place_modifiers
    if (ctx.lower[s] in mods and en - s > 1) or (s > 0 and ctx.lower[s - 1] in mods):
        return parse_role_left(ctx, s) is None
    root = ctx.doc[s:en].root
    if root.dep_ == "pobj":
        if root.head.lower_ not in kb.locative_preps:
            return False
    elif root.dep_ != "dobj" or root.head.lemma_.lower() not in kb.motion_verbs:
        return False
    if parse_role_left(ctx, s) is not None:
        return False
    try:
        e = _place_gazetteer().resolve(ctx.doc[s:en].text)
    except Exception:  # no gazetteer: keep the tagger's reading
        log.debug("places gazetteer unavailable", exc_info=True)
        return False
    if e is None or e.feature == "country":
        return False
    return e.feature in kb.place_features or (e.feature == "city" and e.population >= kb.place_min_population)


def _lone_place(ctx: Ctx, s: int, en: int, in_full_names: set[str]) -> bool:
    """A one-word name the tagger called a person or an organisation that the gazetteer knows as a town or
    region ("Douma", "Idlib", "Sochi"), with no title or honorific before it, no known person of that name,
    not part of a full name in the article and not the subject of a verb: a place."""
    if en - s != 1 or ctx.lower[s] in in_full_names or not ctx.text[s][:1].isupper():
        return False
    if ctx.dep[s] in ("nsubj", "nsubjpass"):  # "Jackson said": people act, places are acted upon
        return False
    if s > 0 and ((ctx.lower[s - 1],) in ctx.kb.ranks or (ctx.lower[s - 1].rstrip("."), ".") in ctx.kb.ranks):
        return False  # "Mr Sochi"
    hit = ctx.kb.forms.get(ctx.text[s])
    if hit is not None and hit[0].startswith("person:"):
        return False
    if parse_role_left(ctx, s) is not None:
        return False
    try:
        e = _place_gazetteer().resolve(ctx.text[s])
    except Exception:  # no gazetteer: keep the tagger's reading
        log.debug("places gazetteer unavailable", exc_info=True)
        return False
    if e is None or e.feature == "country":
        return False
    return e.feature in ctx.kb.place_features or (
        e.feature == "city" and e.population >= ctx.kb.lone_place_min_population)


def _country_of(key: str | None, kb: KnowledgeBase) -> str | None:
    if key is None:
        return None
    e = kb.entities.get(key)
    return e.country if e else None
