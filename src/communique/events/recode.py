"""Recoding of an event mention by what governs it: a refused concession is a rejection, a punitive act
announced on a condition put to its target (or held ready) is a threat (``negated_recode`` and
``conditional_threats`` in ``data/events/status.yaml``)."""

from __future__ import annotations

import logging

from spacy.tokens import Token

from ..records import EventMention
from .patterns import Lexicon, goldstein
from .resolve import Arg, resolve

log = logging.getLogger(__name__)

__all__ = ["FUTURE_AUX", "READINESS", "recode_conditional", "recode_refusal"]


def recode_refusal(ev: EventMention, lex: Lexicon) -> None:
    """A refused concession, or one negated in the future, is a rejection, as CAMEO and PLOVER code it:
    "will not meet their demands", "refused to release the prisoners" (``negated_recode`` in status.yaml maps the CAMEO code of
    the act refused to the rejection code; the longest matching prefix wins)."""
    if not ev.negated or not ev.cameo or not lex.negated_recode:
        return
    prefix = max((k for k in lex.negated_recode if ev.cameo.startswith(k)), key=len, default=None)
    if prefix is None:
        return
    code = lex.negated_recode[prefix]
    ev.path = f"{ev.path}; refused {ev.type} {ev.cameo}: REJECT {code}"  # type: ignore[attr-defined]
    ev.type, ev.cameo, ev.goldstein, ev.mode, ev.negated = "REJECT", code, goldstein(code), None, False
    ev.status = "reported"  # the refusal is stated now, whatever the tense of the act refused


FUTURE_AUX = frozenset({"will", "'ll", "shall", "would", "'d"})


#: "is ready to strike", "prepared to impose martial law": a punitive act held ready is a threat
READINESS = frozenset({"ready", "prepared"})  # not "willing": consent more than threat


def recode_conditional(ev: EventMention, head: Token, tgt: Arg | None, lex: Lexicon) -> None:
    """A punitive act announced for the future on a condition put to its target is a threat: "will
    boycott the elections unless the president steps down", "will impose sanctions if Russia invades"
    (``conditional_threats`` in status.yaml; an "if" clause counts when its subject is the target); so is
    one its source says it is ready or prepared to do ("is prepared to impose martial law"; not mere
    pressure, CAMEO 170)."""
    if head.pos_ != "VERB":
        return
    gov = head.head if head.dep_ == "xcomp" else None
    if gov is not None and gov.lower_ in READINESS and gov.pos_ in {"ADJ", "VERB"} and ev.cameo != "170" and not any(
            c.dep_ == "neg" for c in gov.head.children):
        code = lex.conditional_threats[ev.type]
        ev.path = f"{ev.path}; {gov.lower_} to {ev.type} {ev.cameo}: THREATEN {code}"  # type: ignore[attr-defined]
        ev.type, ev.cameo, ev.goldstein, ev.mode = "THREATEN", code, goldstein(code), None
        ev.status = "reported"
        return
    if tgt is None or not any(a.dep_ == "aux" and a.lower_ in FUTURE_AUX for a in head.children):
        return
    for c in head.children:
        if c.dep_ != "advcl":
            continue
        mark = next((m.lower_ for m in c.children if m.dep_ == "mark" and m.lower_ in {"if", "unless"}), None)
        if mark is None:
            continue
        if mark == "if":
            subj = next((g for g in c.children if g.dep_ in {"nsubj", "nsubjpass"}), None)
            if subj is None or not tgt.actor.country or not any(
                    a.country == tgt.actor.country for a in resolve(head.doc, subj)):
                continue
        code = lex.conditional_threats[ev.type]
        ev.path = f"{ev.path}; conditional ({mark}) {ev.type} {ev.cameo}: THREATEN {code}"  # type: ignore[attr-defined]
        ev.type, ev.cameo, ev.goldstein, ev.mode = "THREATEN", code, goldstein(code), None
        ev.status = "reported"  # the threat is made now
        return
