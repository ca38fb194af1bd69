"""Read the actors of a coded Doc: the interface other components use.

Every function builds (once per doc and per version of ``doc.spans["actors"]``) an index: actor id ->
record, and token -> the smallest actor mention containing it. Calls are then O(1).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..records import Actor
from .state import SPAN_KEY


@dataclass
class _Index:
    signature: tuple[int, int, int]
    by_id: dict[str, Actor]
    token_span: list[int]  # token index -> index into bounds, -1 when none
    bounds: list[tuple[int, int]]  # token offsets of each mention; no Span is kept, so the index never
    # holds its Doc alive (a WeakKeyDictionary's values are strong references)


_INDEX: weakref.WeakKeyDictionary[Doc, _Index] = weakref.WeakKeyDictionary()


def _signature(doc: Doc) -> tuple[int, int, int]:
    actors = doc._.actors or []
    group = doc.spans[SPAN_KEY] if SPAN_KEY in doc.spans else []
    return id(actors), len(actors), len(group) + sum(len(a.mentions) for a in actors)


def _index(doc: Doc) -> _Index:
    sig = _signature(doc)
    idx = _INDEX.get(doc)
    if idx is not None and idx.signature == sig:
        return idx
    actors = doc._.actors or []
    spans = list(doc.spans[SPAN_KEY]) if SPAN_KEY in doc.spans else []
    token_span = [-1] * len(doc)
    # longest first, so the smallest mention containing a token is written last
    for n in sorted(range(len(spans)), key=lambda k: -(spans[k].end - spans[k].start)):
        sp = spans[n]
        for i in range(sp.start, sp.end):
            token_span[i] = n
    idx = _Index(signature=sig, by_id={a.id: a for a in actors}, token_span=token_span,
                 bounds=[(sp.start, sp.end) for sp in spans])
    _INDEX[doc] = idx
    return idx


def actor_by_id(doc: Doc, actor_id: str | None) -> Actor | None:
    """The actor record with this id ("a3"), or None."""
    if not actor_id:
        return None
    return _index(doc).by_id.get(actor_id)


def mention_for_token(doc: Doc, token: Token) -> Span | None:
    """The smallest actor mention containing ``token``, or None."""
    idx = _index(doc)
    if not 0 <= token.i < len(idx.token_span):
        return None
    n = idx.token_span[token.i]
    if n < 0:
        return None
    start, end = idx.bounds[n]
    return doc[start:end]


def actors_for_span(doc: Doc, span: Span) -> list[Actor]:
    """The actors a mention refers to: one, or several for a plural description ("the two sides")."""
    idx = _index(doc)
    ids = span._.actor_ids or ([span._.actor_id] if span._.actor_id else [])
    return [idx.by_id[i] for i in ids if i in idx.by_id]


def actors_for_token(doc: Doc, token: Token) -> list[Actor]:
    """The actors of the smallest mention containing ``token`` (empty when none)."""
    span = mention_for_token(doc, token)
    return actors_for_span(doc, span) if span is not None else []


def mentions_of(doc: Doc, actor_id: str) -> list[Span]:
    """Every mention span of one actor, in text order (plural descriptions included)."""
    idx = _index(doc)
    spans = (doc[start:end] for start, end in idx.bounds)
    out = [s for s in spans if s._.actor_id == actor_id or actor_id in (s._.actor_ids or [])]
    return sorted(out, key=lambda s: s.start)
