"""What the event coder keeps while it walks one article: the mentions coded so far and their heads, the
dyads already coded in each sentence, the event nouns another event has consumed, the recent sources a
nominal event may inherit and the recent events an anaphoric noun ("the attack", "the deal") may point
at. One :class:`ArticleState` per call of :func:`~communique.events.coder.code_events`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import NamedTuple

from spacy.tokens import Doc, Token

from .. import plover
from ..records import EventMention
from .passes import EMBED_DEPS, INHERIT_SENTENCES
from .patterns import Lexicon
from .resolve import Arg

log = logging.getLogger(__name__)

__all__ = ["ArticleState", "Recent", "RecentPair"]


class Recent(NamedTuple):
    """A source of an event coded so far, for a nominal event with none of its own (``inherit_source``)."""

    sent: int  # index of the sentence
    type: str
    source: Arg


class RecentPair(NamedTuple):
    """An event coded so far, for an anaphoric noun that names it again."""

    sent: int
    type: str
    source: Arg
    target: Arg | None
    head: Token


@dataclass
class ArticleState:
    """The coder's memory over one article (see the module docstring)."""

    doc: Doc
    lex: Lexicon
    events: list[EventMention] = field(default_factory=list)
    heads: list[Token] = field(default_factory=list)  # the token each event was coded at
    consumed: set[int] = field(default_factory=set)  # event nouns an event already codes (light verbs, themes)
    seen: set[tuple] = field(default_factory=set)  # (sentence start, type, source side, target side)
    acts: set[tuple[str, str]] = field(default_factory=set)  # (type, source side) of every event coded
    recent: list[Recent] = field(default_factory=list)
    recent_pairs: list[RecentPair] = field(default_factory=list)
    home_groups: dict[int, str] = field(default_factory=dict)  # unnamed people a state acted on at home
    sent_index: dict[int, int] = field(default_factory=dict)  # sentence start -> sentence number
    k: int = 0  # number of the sentence being coded

    @classmethod
    def start(cls, doc: Doc, lex: Lexicon) -> ArticleState:
        index = {s.start: k for k, s in enumerate(doc.sents)} if doc.has_annotation("DEP") else {}
        return cls(doc=doc, lex=lex, sent_index=index)

    def at(self, tok: Token) -> None:
        """Move to the sentence of ``tok``."""
        self.k = self.sent_index.get(tok.sent.start, 0)

    def add(self, ev: EventMention, head: Token, etype: str, src: Arg, tgt: Arg | None) -> None:
        """Record an event coded at ``head``."""
        self.events.append(ev)
        self.heads.append(head)
        self.recent_pairs.append(RecentPair(self.k, etype, src, tgt, head))

    def anaphora(self, noun: Token) -> list[Arg]:
        """The participants of the most recent event the noun names, in this sentence or the two before."""
        lex = self.lex
        typ, sides = lex.anaphoric_nouns.get(noun.lemma_.lower()) or lex.anaphoric_nouns[noun.lower_]
        # an act asked for, threatened or alleged ("urged X to open the border") is no event to point at
        embedding = {h.i for h, ev in zip(self.heads, self.events, strict=True) if ev.type in lex.embedding_types}
        fits = [(sk, src, tgt) for sk, etype, src, tgt, h in self.recent_pairs
                if (etype == typ if typ != "*" else etype not in plover.WORDS_ONLY)
                and not (h.dep_ in EMBED_DEPS and h.head.i in embedding)]
        pick = next(((sk, src, tgt) for sk, src, tgt in reversed(fits) if self.k - sk <= INHERIT_SENTENCES), None)
        if pick is None and typ != "*" and fits:
            pick = fits[0]  # "welcomed the deal" further on: the article's first one, its lede
        if pick is None:
            return []
        _sk, src, tgt = pick
        picked = [src, *([tgt] if sides == "both" and tgt is not None else [])]
        return [Arg(a.actor, noun, "anaphora") for a in picked]
