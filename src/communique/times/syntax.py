"""Syntax helpers of the times stage: the token a time expression attaches to and the direction
(past, present, future) the verb above it points to (``docs/times-places.md``, "Direction")."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .resolve import Lexicon, lexicon

__all__ = ["direction_of", "time_anchor"]

_TIME_LABELS = {"DATE", "TIME"}
_PARA_BREAK = re.compile(r"\n\n")
_YEAR_WORD = re.compile(r"^\d{4}$")
_VERBAL = {"VERB", "AUX"}
_NOMINAL = {"NOUN", "PROPN"}
_MODIFIER_DEPS = {"poss", "compound", "amod", "nmod", "nummod"}
_CLAUSE_DEPS = {"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "xcomp"}


def _core(span: Span, lex: Lexicon) -> Span:
    """The span without a leading preposition taken into the expression's text."""
    if len(span) > 1 and span[0].dep_ == "prep" and span[0].lower_ in lex.prepositions:
        return span[1:]
    return span


def time_anchor(span: Span, *, lex: Lexicon | None = None) -> Token:
    """The token a time expression attaches to: the noun it modifies ("last year's invasion",
    "the six-day trip"), else the verb or noun its preposition hangs from, else its head."""
    lex = lex or lexicon()
    root = _core(span, lex).root
    if root.dep_ in _MODIFIER_DEPS and root.head.pos_ in _NOMINAL and root.head.i != root.i:
        return root.head
    tok = root
    if tok.dep_ == "pobj":
        tok = tok.head
    hops = 0
    while tok.dep_ == "prep" and tok.head.i != tok.i and hops < 3:
        tok = tok.head
        hops += 1
        if tok.pos_ in _VERBAL or tok.pos_ in _NOMINAL:
            return tok
        if tok.dep_ == "pobj":
            tok = tok.head
    if tok.i == root.i:
        return root.head
    return tok


def _verb_of(tok: Token) -> Token | None:
    """The verb governing ``tok`` (itself when it is one), climbing through nouns and prepositions."""
    cur = tok
    for _ in range(8):
        if cur.pos_ in _VERBAL:
            return cur
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def direction_of(verb: Token | None, *, lex: Lexicon | None = None, _depth: int = 0) -> int:
    """-1 when ``verb`` speaks of the past (past tense, perfect), +1 of the future ("will",
    "is due to", "plans to", "going to"), 0 for the present or when unknown."""
    if verb is None:
        return 0
    lex = lex or lexicon()
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    if any(a.lower_ in lex.future_auxiliaries for a in auxes):
        return 1
    if any(a.lower_ in lex.reported_future_auxiliaries for a in auxes) and not any(
            a.lemma_ == "have" for a in auxes):
        return 1  # "said it would resume trading Tuesday"
    passive = any(a.dep_ == "auxpass" for a in auxes) or verb.lower_ == "due"
    if passive and (verb.lemma_.lower() in lex.future_passives or verb.lower_ in lex.future_passives):
        return 1
    head = verb.head
    if verb.dep_ == "xcomp" and head.i != verb.i:
        if head.lemma_.lower() in lex.future_governors or head.lower_ in lex.future_governors:
            # a past intention or attempt ("sought to strike", "had planned to visit") speaks of the
            # past; a past commitment or schedule ("agreed to hold", "was due to speak") of either side
            if _depth < 3 and direction_of(head, lex=lex, _depth=_depth + 1) < 0:
                committed = head.lemma_.lower() in lex.commitment_governors or head.lower_ in lex.commitment_governors
                return 0 if committed or _simple_past_plan(head, lex) else -1
            return 1
        if head.lemma_ == "go" and head.tag_ == "VBG":
            return 1
        if head.lemma_ == "be" and any(a.tag_ == "TO" for a in auxes) and not any(
                c.dep_ in {"nsubj", "nsubjpass", "expl"} and c.lower_ == "it" for c in head.children):
            return 1  # "is to resume trading Tuesday"
    if verb.lemma_.lower() in lex.future_governors and verb.dep_ != "xcomp" and verb.tag_ == "VBG":
        return 1  # "were planning a protest on Saturday": what is planned lies ahead
    if any(a.tag_ == "VBD" for a in auxes):
        return -1
    if verb.tag_ == "VBD":
        # "planned a rally on Saturday": what was planned lies on either side
        return 0 if _simple_past_plan(verb, lex) and any(c.dep_ == "dobj" for c in verb.children) else -1
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return -1
    if any(a.lemma_ == "have" for a in auxes) and any(a.lower_ == "been" for a in auxes):
        return -1  # "have been searching since ...": a perfect progressive runs from the past
    if verb.dep_ == "xcomp" and verb.tag_ == "VB" and head.i != verb.i and _depth < 3 \
            and all(a.tag_ == "TO" for a in auxes):
        # a bare infinitive takes its governor's tense ("tried to reach", "will try to reach")
        return direction_of(head, lex=lex, _depth=_depth + 1)
    if auxes or verb.tag_ in {"VBZ", "VBP", "MD"}:
        return 0
    if verb.tag_ == "VBN" and verb.dep_ == "acl":
        preps = {c.lower_ for c in verb.children if c.dep_ == "prep"}
        located = bool(preps & lex.past_locators) and not preps & {"for", "to"}
        if (verb.lemma_.lower() in lex.future_passives or verb.lower_ in lex.future_passives) and not located:
            return 1  # "a summit set for April", "talks scheduled for Monday"; not "a record set on Aug. 6"
        return -1  # "the injunction issued Thursday": a past participle on a noun is done
    if verb.tag_ == "VBN" and verb.dep_ == "advcl" and not any(
            c.dep_ == "mark" or c.lower_ in _CONDITIONS for c in verb.children) and not (
            verb.lemma_.lower() in lex.future_passives or verb.lower_ in lex.future_passives):
        # a past participle set off by a comma is done ("the ruling, issued Wednesday by the court,");
        # not a condition ("if approved Friday") nor a schedule ("planned for Friday")
        return -1
    # participles and gerunds without auxiliaries ("issued by", "sending") take their head's tense
    if verb.tag_ in {"VBN", "VBG", "VB"} and head.i != verb.i and _depth < 3:
        return direction_of(_verb_of(head), lex=lex, _depth=_depth + 1)
    return 0


#: words that make a participle a condition or a time to come ("once signed Tuesday", "if approved")
_CONDITIONS = frozenset({"if", "once", "when", "unless", "until", "after", "before", "whether"})


def _simple_past_plan(verb: Token, lex: Lexicon) -> bool:
    """A plan in the simple past ("planned to leave on Thursday", "scheduled a vote for Monday"): the
    plan was made, what it plans may still come (a past perfect, "had planned", did not happen)."""
    return (verb.lemma_.lower() in lex.planning_verbs and verb.tag_ == "VBD"
            and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children))
