"""Event heads that are neither a verb nor a noun: adjective predicates and compound participles.

Two pattern prefixes of ``data/events/patterns/*.yaml`` (see ``docs/events.md``):

* ``a:lemma`` an **adjective predicate**: "Turkey is **critical** of Sweden", "Hungary remains **opposed**
  to ...", "the EU was **supportive** of ...". The adjective is the complement of a linking verb (acomp,
  oprd), follows the noun it describes ("leaders **critical** of Beijing", "Turkey, **critical** of Sweden,
  ..."), opens a clause ("**Critical** of Israel, Ireland recalled ...") or is a headline's predicate
  ("Turkey **critical** of Sweden"); a comparative adverb after a verb counts too ("Bahrain **moved
  closer** to Israel"). Its source (slot ``pred``) is the linking verb's subject, the noun
  described or the clause's subject; its targets are the pattern's phrases on the adjective ("of",
  "to", ...); its status and negation are read on the linking verb ("is **not** critical", "**would** be
  open to talks"). An adjective before its noun ("a critical report", "hostile crowds") is no predicate.
* ``p:lemma`` a **compound participle**: "the **Iran-backed** Houthis", "**US-funded** militias": a past
  participle modifying a noun, joined by a hyphen to the actor that does the act (slot ``hyphen``); the
  target is the noun it modifies (slot ``head``), unless that noun is an event of its own ("a US-backed
  offensive", "the Trump-endorsed war": the act keeps its own event). Without the hyphened actor it is no such head (the
  verb patterns of the lemma are tried as usual).

``predicate_patterns`` picks the patterns for a token, ``predicate_slot`` reads the three slots and
``status_head`` names the token whose auxiliaries and negation set the event's status.
"""

from __future__ import annotations

import logging

from spacy.tokens import Token

from .patterns import Pattern, PatternSet, load_patterns
from .syntax import subject

log = logging.getLogger(__name__)

#: slots only these heads have: the adjective's bearer, the hyphened actor, the noun modified
PREDICATE_SLOTS = frozenset({"pred", "hyphen", "head"})
#: dependencies of an adjective that is the complement of a linking verb ("is/remains/grew critical")
COMPLEMENT_DEPS = frozenset({"acomp", "oprd"})
#: dependencies of the actor before a hyphened participle ("Iran-backed": npadvmod, "US-funded": compound)
HYPHEN_DEPS = frozenset({"npadvmod", "compound", "nmod", "amod", "advmod"})


def _hyphened(tok: Token) -> Token | None:
    """The word joined to participle ``tok`` by a hyphen ("Iran" in "Iran-backed"), or None."""
    if tok.i < 2 or tok.doc[tok.i - 1].text not in {"-", "–"}:
        return None
    before = tok.doc[tok.i - 2]
    return next((c for c in tok.children if c.dep_ in HYPHEN_DEPS and c.i < tok.i and c.right_edge.i == before.i),
                None)


def is_compound_participle(tok: Token) -> bool:
    """``tok`` is a past participle modifying a noun, hyphened to the word before it: "Iran-backed"."""
    return (tok.tag_ == "VBN" and tok.dep_ in {"amod", "compound"} and tok.head.pos_ in {"NOUN", "PROPN"}
            and tok.head.i > tok.i and _hyphened(tok) is not None)


def is_adjective_predicate(tok: Token) -> bool:
    """``tok`` is an adjective said of an actor (see the module docstring), not one before its noun."""
    if tok.pos_ == "ADV":  # a comparative after a verb of motion: "moved closer to", "drifted closer to"
        return tok.dep_ == "advmod" and tok.tag_ == "RBR" and tok.head.pos_ == "VERB"
    if tok.pos_ != "ADJ":
        return False
    if tok.dep_ in COMPLEMENT_DEPS:
        return tok.head.pos_ in {"AUX", "VERB"}
    if tok.dep_ in {"amod", "appos"}:
        return tok.head.i < tok.i and tok.head.pos_ in {"NOUN", "PROPN", "PRON"}  # "leaders critical of"
    if tok.dep_ == "advcl":  # "Critical of Israel, Ireland recalled its envoy"
        return tok.head.pos_ in {"VERB", "AUX"}
    if tok.dep_ == "conj":  # "is critical of X and hostile to Y"
        return is_adjective_predicate(tok.head)
    if tok.dep_ == "ROOT":  # a headline: "Turkey critical of Sweden's stance"
        return any(c.dep_ == "nsubj" for c in tok.children)
    return False


def _passive_subject(tok: Token) -> Token | None:
    """The subject of a passive participle, on the participle or on its auxiliary ("Hungary [is] opposed")."""
    for h in [tok, *(c for c in tok.children if c.dep_ == "auxpass")]:
        for c in h.children:
            if c.dep_ in {"nsubj", "nsubjpass"}:
                return c
    return None


def _stative_passive(tok: Token) -> bool:
    """An adjective the parser read as a passive participle with no agent: "Hungary **is opposed** to"."""
    return (tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children)
            and not any(c.dep_ == "agent" for c in tok.children) and _passive_subject(tok) is not None)


def predicate_patterns(tok: Token, patterns: PatternSet) -> list[Pattern] | None:
    """The adjective or compound-participle patterns for ``tok``, or None when it is no such head."""
    lemma = tok.lemma_.lower()
    adjective = patterns.adjectives.get(tok.lower_) or patterns.adjectives.get(lemma)
    if adjective and (is_adjective_predicate(tok) or _stative_passive(tok)):
        return adjective
    if lemma in patterns.participles and is_compound_participle(tok):
        return patterns.participles[lemma]
    return None


def _bearer(tok: Token, depth: int = 0) -> Token | None:
    """Who the adjective is said of."""
    if depth > 3:
        return None
    if _stative_passive(tok):
        return _passive_subject(tok)
    if tok.dep_ in COMPLEMENT_DEPS or tok.pos_ == "ADV":
        return subject(tok.head)
    if tok.dep_ in {"amod", "appos"}:
        return tok.head
    if tok.dep_ == "advcl":
        return subject(tok.head)
    if tok.dep_ == "conj":
        return _bearer(tok.head, depth + 1)
    return next((c for c in tok.children if c.dep_ == "nsubj"), None)


def predicate_slot(tok: Token, slot: str) -> list[Token]:
    """The tokens of slot ``pred`` (the adjective's bearer), ``hyphen`` (the actor hyphened to a
    participle) or ``head`` (the noun a participle modifies) for head ``tok``."""
    if slot == "pred":
        b = _bearer(tok) if tok.pos_ in {"ADJ", "ADV"} or _stative_passive(tok) else None
        return [b] if b is not None else []
    if slot == "hyphen":
        h = _hyphened(tok) if tok.tag_ == "VBN" else None
        return [h] if h is not None else []
    if slot == "head":
        h = tok.head
        if h is tok or tok.dep_ not in {"amod", "compound"}:
            return []
        # "the Trump-endorsed Saudi war in Yemen", "a US-backed offensive": an act is its own event, not
        # the target of its backer's (it would be read through to its author and swallowed)
        if h.lemma_.lower() in load_patterns().nouns or h.lower_ in load_patterns().nouns:
            return []
        return [h]
    return []


def status_head(tok: Token, pat: Pattern) -> Token:
    """The token whose auxiliaries, negation and governors set the status: the linking verb of an
    adjective complement ("is **not** critical", "**would be** open to"), else the head itself."""
    if pat.adjective and (tok.dep_ in COMPLEMENT_DEPS or tok.pos_ == "ADV"):
        return tok.head
    if pat.adjective and tok.dep_ == "conj" and tok.head.dep_ in COMPLEMENT_DEPS:
        return tok.head.head
    return tok
