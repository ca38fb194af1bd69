"""The passes of the event coder over a whole article: a nominal event's source inherited from an earlier
event of its type, then, once every token is coded, the mentions dropped because another one already
codes them (the object of a light verb, an act embedded under a threat, request or accusation, the
manner of another event, a headline the body restates) and the numbering of what is left.
"""

from __future__ import annotations

import logging

from spacy.tokens import Doc, Token

from ..records import EventMention
from .candidate import Candidate
from .grammar import grammar
from .patterns import Lexicon
from .resolve import Arg

log = logging.getLogger(__name__)

__all__ = ["EMBED_DEPS", "INHERIT_SENTENCES", "drop_embedded", "drop_headline_repeats", "drop_manner",
           "finish", "inherit_source", "title_end"]

#: how far back (in sentences) a nominal event without a source looks for the last actor of its type
INHERIT_SENTENCES = 2


def inherit_source(cand: Candidate, recent: list[tuple[int, str, Arg]], k: int) -> None:
    """A nominal event with no source of its own ("The tour ends with a visit to X") takes, as a
    reader would, the source of the last event of its type in the sentences just before, else of the
    first event of its type in the article (its lede)."""
    same = [(sk, arg) for sk, typ, arg in recent if typ == cand.pat.type and sk < k]
    pick = next(((sk, a) for sk, a in reversed(same) if k - sk <= INHERIT_SENTENCES), None)
    if pick is None and same:
        pick = same[0]
    if pick is None:
        return
    tgt_ids = {t.actor.id for t in cand.targets}
    if pick[1].actor.id in tgt_ids:
        return
    cand.sources = [pick[1]]
    cand.inherited = True
    cand.src_path = f"inherited from an earlier event's source: {pick[1].token.text}"


EMBED_DEPS = {"xcomp", "ccomp", "pcomp", "prep", "advcl", "acl", "dobj", "pobj"}


def drop_embedded(events: list[EventMention], heads: list[Token],
                  lex: Lexicon) -> tuple[list[EventMention], list[Token]]:
    """Drop an event whose verb is the complement of another event's verb of an embedding type:
    "threatened to invade" is a threat, "urged Iran to withdraw" a request, "accused X of attacking" an
    accusation (the act is what is threatened, asked for or alleged, not what happened)."""
    if not lex.embedding_types:
        return events, heads
    embedding = {h.i for h, ev in zip(heads, events, strict=True) if ev.type in lex.embedding_types}
    speakers: dict[int, set[str | None]] = {}
    for h, ev in zip(heads, events, strict=True):
        if ev.type in lex.embedding_types:
            speakers.setdefault(h.i, set()).add(ev.source.country if ev.source else None)
    keep, kept_heads = [], []
    for h, ev in zip(heads, events, strict=True):
        cur, hops, drop = h, 0, False
        through_clause = False
        if h.pos_ in {"NOUN", "PROPN"} and h.dep_ in {"dobj", "pobj"} and h.head.i not in embedding:
            # an event noun in the complement, through a verb of its own: "urged Iran to start a dialogue",
            # "threatened to launch an invasion" (the object of the embedding verb itself, "condemned
            # the invasion", stays: that act happened)
            cur = h.head.head if h.dep_ == "pobj" and h.head.dep_ == "prep" else h.head
            if cur.pos_ != "VERB" or cur.i in embedding:
                cur = h  # no verb of its own between: nothing to walk
        while (cur is not h or h.pos_ == "VERB") and cur.dep_ in EMBED_DEPS and cur.head is not cur and hops < 4:
            if cur.dep_ == "prep" and cur.lower_ in grammar().frame_preps and cur.lower_ != "on":
                break  # a time frame ("after attempting a rapprochement with X, Y fell out with Z"): no complement
            through_clause = through_clause or cur.dep_ == "ccomp"
            cur = cur.head
            hops += 1
            if cur.i in embedding and cur.i != h.i:
                # "warned that Iran is delivering missiles": a fact another actor is said to be doing
                # now is reported, not what is threatened or asked for
                own = ev.source.country if ev.source else None
                drop = not (through_clause and h.pos_ == "VERB" and ev.status in {"reported", "ongoing"}
                            and own is not None and own not in speakers.get(cur.i, set()))
                break
        if drop:
            log.debug("dropped %s at %r: embedded under an event verb", ev.type, h.text)
            continue
        keep.append(ev)
        kept_heads.append(h)
    return keep, kept_heads


def drop_manner(events: list[EventMention], heads: list[Token]) -> tuple[list[EventMention], list[Token]]:
    """Drop a one-sided event whose verb is a participle or purpose clause of another event of the same
    source ("Kurds demonstrated in Kirkuk, calling for independence"): it says how or why the main
    event happened, which PLOVER codes once."""
    by_head: dict[int, set[str | None]] = {}
    for ev, h in zip(events, heads, strict=True):
        by_head.setdefault(h.i, set()).add(ev.source.actor if ev.source else None)
    keep, kept_heads = [], []
    for ev, h in zip(events, heads, strict=True):
        if (ev.target is None and h.dep_ in {"advcl", "xcomp", "conj"} and h.tag_ == "VBG"
                and ev.source is not None and ev.source.actor is not None
                and ev.source.actor in by_head.get(h.head.i, set())):
            log.debug("dropped %s at %r: manner of the event at %r", ev.type, h.text, h.head.text)
            continue
        keep.append(ev)
        kept_heads.append(h)
    return keep, kept_heads


def title_end(doc: Doc) -> int:
    art = doc._.article
    if art is None:
        return -1
    ends = [z.end for z in getattr(art, "zones", []) or [] if z.kind == "title"]
    if ends:
        return max(ends)
    title = (getattr(art, "title", None) or "").strip()
    if title and doc.text.lstrip().startswith(title):
        return doc.text.index(title) + len(title)
    return -1


def drop_headline_repeats(doc: Doc, events: list[EventMention], heads: list[Token]) -> list[EventMention]:
    """A headline restates its article: an event of the title that the body codes again (same type,
    source and target) is dropped, so the article counts it once, with the body's fuller evidence."""
    end = title_end(doc)
    if end <= 0:
        return events

    def key(ev: EventMention) -> tuple:
        return (ev.type, ev.source.country if ev.source else None, ev.target.country if ev.target else None)

    body = {key(ev) for ev, h in zip(events, heads, strict=True) if h.idx >= end}
    return [ev for ev, h in zip(events, heads, strict=True) if h.idx >= end or key(ev) not in body]


def finish(doc: Doc, events: list[EventMention], heads: list[Token], consumed: set[int],
           lex: Lexicon) -> list[EventMention]:
    """The article's events once every token is coded: the mentions another one codes are dropped, the
    rest numbered e1, e2, ... in text order; a headline's repeats are kept apart, numbered h1, h2, ...
    in ``doc._.repeated_events`` (for the store's merged events: see ArticleRecord)."""
    if consumed:  # "lodged a protest with X" is the verb's event, not also a PROTEST
        kept = [(e, h) for e, h in zip(events, heads, strict=True) if h.i not in consumed]
        events, heads = [e for e, _ in kept], [h for _, h in kept]
    events, heads = drop_embedded(events, heads, lex)
    events, heads = drop_manner(events, heads)
    kept_events = drop_headline_repeats(doc, events, heads)
    repeated = [ev for ev in events if not any(ev is k for k in kept_events)]
    for n, ev in enumerate(kept_events, 1):
        ev.id = f"e{n}"
    for n, ev in enumerate(repeated, 1):
        ev.id = f"h{n}"
    doc._.repeated_events = repeated
    return kept_events
