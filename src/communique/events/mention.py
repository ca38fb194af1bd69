"""Building one event mention from a candidate and a source-target pair: type, CAMEO code and Goldstein
score, sides, status, evidence, the parse path, then what the other components say (date, location,
attribution) and the targets a domestic, own-government or located act implies.
"""

from __future__ import annotations

import logging

from spacy.tokens import Doc, Span, Token

from ..countries import in_text_name as _country_name
from ..records import Actor, EventMention, Evidence, Side
from .candidate import Candidate
from .frames import target_frames
from .grammar import grammar
from .patterns import Lexicon, goldstein
from .recode import recode_conditional, recode_refusal
from .resolve import Arg
from .services import Services
from .syntax import clause_path, direct_object, prep_objects

log = logging.getLogger(__name__)

__all__ = ["build_mention", "contexts_of", "domestic_target_country", "imply_own_target", "located_people",
           "rementioned_target", "side_of"]


def side_of(actor: Actor) -> Side:
    aid = None if actor.id.startswith(("place:", "home:")) else actor.id  # pseudo-actors have no id
    return Side(actor=aid, name=actor.name, country=actor.country, code=actor.code)


def contexts_of(cand: Candidate, lex: Lexicon) -> list[str]:
    out = list(cand.pat.context)
    words = [cand.anchor, *cand.anchor.children, *cand.head.children]
    for w in words:
        c = lex.contexts.get(w.lemma_.lower())
        if c and c not in out:
            out.append(c)
    return out


def imply_own_target(ev: EventMention, country: str) -> None:
    """A protest with no target is aimed, as PLOVER codes it, at the protesters' own government."""
    ev.target = Side(actor=None, name=f"government of {_country_name(country)}", country=country, code=None)
    ev.path = f"{ev.path}; target implied: the source's own government"  # type: ignore[attr-defined]


def domestic_target_country(ev: EventMention, doc: Doc, tok: Token | None, country: str) -> None:
    """An arrest, a release or a ban acts within the source's jurisdiction: a target with no country of
    its own (an unnamed group of people, a movement the actors stage does not place) is in the source's
    country, as PLOVER coders read it."""
    if ev.target is None and tok is not None:
        ev.target = Side(actor=None, name=doc[tok.left_edge.i: tok.i + 1].text, country=country, code=None)
    elif ev.target is not None:
        ev.target = ev.target.model_copy(update={"country": country})
    ev.path = f"{ev.path}; target country: the source's (domestic act)"  # type: ignore[attr-defined]


def located_people(ev: EventMention, doc: Doc, cand: Candidate, lex: Lexicon) -> None:
    """Unnamed people attacked or coerced where the event takes place are that place's people: "killed 23
    people in Tel Aviv", "held thousands of civilians" in a place of Sri Lanka (``located_target_types``;
    the object a ``domestic_nouns`` group, the location a place of one country)."""
    if ev.type not in grammar().located_target or ev.location is None or not ev.location.country:
        return
    obj = direct_object(cand.head) if not cand.pat.noun else None
    if obj is None:
        return
    who = obj
    if who.lemma_.lower() in lex.quantity_nouns:
        inner = prep_objects(who, "of")
        who = inner[0] if inner else who
    if who.lemma_.lower() not in lex.domestic_nouns and who.lower_ not in lex.domestic_nouns:
        return
    country = ev.location.country
    ev.target = Side(actor=None, name=doc[obj.left_edge.i: who.right_edge.i + 1].text[:80], country=country, code=None)
    ev.path = f"{ev.path}; target: people where it happened ({ev.location.name})"  # type: ignore[attr-defined]


def rementioned_target(ev: EventMention, earlier: list[EventMention]) -> None:
    """An act told again with no target is the act the article has already told with one: "Trump announced
    a troop withdrawal from Syria ... the withdrawal may take months" (``target_frames.rementioned_types``).
    The target is that of the first event of the type by the same source country, when that one had a
    foreign target and every earlier one with a target had the same country ("Obama's withdrawal from Iraq"
    told after a targetless "announced he was withdrawing forces" leaves the later mention targetless)."""
    if ev.type not in target_frames().rementioned_types or ev.source is None or ev.target is not None:
        return
    country = ev.source.country
    same = [e for e in earlier if e.type == ev.type and e.source is not None and country is not None
            and e.source.country == country]
    if not same or same[0].target is None or not same[0].target.country or same[0].target.country == country:
        return
    if len({e.target.country for e in same if e.target is not None and e.target.country}) > 1:
        return
    ev.target = same[0].target.model_copy()
    ev.path = f"{ev.path}; target: of the same act told earlier ({ev.target.name})"  # type: ignore[attr-defined]


def build_mention(doc: Doc, cand: Candidate, src: Arg | None, tgt: Arg | None, sent: Span, status: str, negated: bool,
             reasons: list[str], lex: Lexicon, svc: Services) -> EventMention:
    pat = cand.pat
    head = cand.head
    ev = EventMention(
        id="e0",
        type=pat.type,
        mode=pat.mode,
        context=contexts_of(cand, lex),
        cameo=pat.cameo,
        goldstein=goldstein(pat.cameo),
        source=side_of(src.actor) if src is not None else None,
        target=side_of(tgt.actor) if tgt is not None else None,
        negated=negated,
        status=status,  # type: ignore[arg-type]
        evidence=Evidence(start=sent.start_char, end=sent.end_char, text=sent.text),
        rule=pat.rule + (":inherited-source" if cand.inherited else ":null-source" if src is None else ""),
    )
    ev.trigger = {"start": head.idx, "end": head.idx + len(head.text), "text": head.text}  # type: ignore[attr-defined]
    src_path = (cand.src_path if cand.inherited else "none: an agentless act" if src is None
                else f"{cand.src_path}: {clause_path(head, src.token)}")
    tgt_path = f"{tgt.slot}: {clause_path(head, tgt.token)}" if tgt is not None else ""
    if tgt is not None and any(tgt is s for s in cand.sources):  # joint actors
        tgt_path = f"joint source: {clause_path(head, tgt.token)}"
    ev.path = "; ".join(  # type: ignore[attr-defined]
        p for p in (f"head {head.text}/{head.dep_}", f"source {src_path}",
                    f"target {tgt_path}" if tgt is not None else "",
                    f"status {', '.join(reasons)}" if reasons else "") if p
    )
    if negated and ("refusal" in reasons or status == "planned"):
        # "refused to release", "will not meet their demands", "said it would not withdraw" (a refusal
        # or a negated promise); "did not withdraw" and "instead of retreating" only say it did not happen
        recode_refusal(ev, lex)
    elif not negated and pat.type in lex.conditional_threats:
        recode_conditional(ev, head, tgt, lex)
    time_head = cand.anchor if pat.noun else head
    if svc.date_for is not None:
        try:
            ev.date = svc.date_for(doc, time_head)
        except Exception:
            log.debug("date_for failed", exc_info=True)
    if svc.location_for is not None:
        try:
            dest = tgt.actor.country if (tgt is not None and pat.travel) else None
            ev.location = svc.location_for(doc, time_head, destination=dest)
        except Exception:
            log.debug("location_for failed", exc_info=True)
    if svc.attribution_for is not None:
        try:
            ev.attribution = list(svc.attribution_for(doc, head) or [])
        except Exception:
            log.debug("attribution_for failed", exc_info=True)
    return ev
