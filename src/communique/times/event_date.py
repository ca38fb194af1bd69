"""The date of an event from its head token (``date_for``): a time expression of its clause, of the
text around it, or the month of publication (``docs/times-places.md``)."""

from __future__ import annotations

import datetime as dt

from spacy.tokens import Doc, Span, Token

from ..records import DateValue, TimeExpr
from .resolve import Lexicon, lexicon
from .syntax import _CLAUSE_DEPS, _NOMINAL, _VERBAL, _verb_of, time_anchor

__all__ = ["date_for"]


def _anchored(doc: Doc, lex: Lexicon) -> dict[int, list[Span]]:
    key = "communique_time_anchors"
    cache = doc.user_data.get(key)
    if cache is None:
        cache = {}
        for span in doc.spans.get("times", []):
            if span._.time is None or not span._.time.value:
                continue
            cache.setdefault(time_anchor(span, lex=lex).i, []).append(span)
        doc.user_data[key] = cache
    return cache


def _value(span: Span) -> DateValue:
    te: TimeExpr = span._.time
    return DateValue(start=te.value or "", end=te.end_value, granularity=te.granularity or "day", text=te.text)


def _best(spans: list[Span]) -> DateValue:
    # the finest expression wins ("on Monday" over "this week"); ties: the first in the text
    order = {"day": 0, "week": 1, "month": 2, "quarter": 3, "season": 3, "half": 4, "year": 5, "decade": 6,
             "century": 7}
    span = min(spans, key=lambda s: (order.get(s._.time.granularity or "day", 9), s.start))
    return _value(span)


def _own(head: Token, anchored: dict[int, list[Span]]) -> list[Span]:
    out = list(anchored.get(head.i, []))
    # auxiliaries, particles and a copula's complement share the verb's clause
    for c in head.children:
        if c.dep_ in {"aux", "auxpass", "prt", "acomp"}:
            out.extend(anchored.get(c.i, []))
    return out


def date_for(doc: Doc, head: Token) -> DateValue | None:
    """The date of an event whose head (verb or event noun) is ``head``.

    ``basis`` says how the date was obtained: ``stated`` (a time expression of the head's own clause:
    on the head, its auxiliaries, an infinitive's governor "is due to speak on Monday", or a conjoined
    verb), ``inherited`` (from the text around it: the rest of the list below) or ``publication``.
    In order: a time expression of the head's own clause; for a noun, one of the
    verb it is the object or subject of ("attended a meeting in April"); the window of the noun a
    relative clause hangs from ("the five-day tour, during which she will speak"); the date given to the
    same event noun elsewhere in the article ("Russia's invasion" after "last year's invasion"); else
    the month of publication, from the head's tense (None without a publication date)."""
    lex = lexicon()
    anchored = _anchored(doc, lex)
    found = _stated(head, anchored)
    if found is not None:
        return found.model_copy(update={"basis": "stated"})
    found = _explicit(doc, head, anchored)
    if found is not None:
        return found.model_copy(update={"basis": "inherited"})
    # the same event noun dated elsewhere in the article
    if head.pos_ == "NOUN":
        for i in _nouns_by_lemma(doc).get(head.lemma_, ()):
            if i != head.i:
                tok = doc[i]
                other = _stated(tok, anchored) or _explicit(doc, tok, anchored)
                if other is not None:
                    return other.model_copy(update={"basis": "inherited"})
    return _from_tense(doc, head, lex)


def _nouns_by_lemma(doc: Doc) -> dict[str, list[int]]:
    """The doc's nouns by lemma (token indices in text order), built once per doc: dating every event
    noun used to walk the whole doc again."""
    key = "communique.times.nouns_by_lemma"
    index = doc.user_data.get(key)
    if index is None:
        index = {}
        for tok in doc:
            if tok.pos_ == "NOUN":
                index.setdefault(tok.lemma_, []).append(tok.i)
        doc.user_data[key] = index
    return index


def _stated(head: Token, anchored: dict[int, list[Span]]) -> DateValue | None:
    """A time expression of the head's own clause: on the head, its auxiliaries or particles, or
    shared with an infinitive's governor or a conjoined verb ("is due to speak on Monday", "flew to
    Ankara and met him on Thursday")."""
    own = _own(head, anchored)
    if own:
        return _best(own)
    # an infinitive or a conjoined verb shares its governor's time ("is due to speak on Monday")
    if head.dep_ in {"xcomp", "conj"} and head.head.i != head.i:
        found = _own(head.head, anchored)
        if found:
            return _best(found)
    for conj in head.conjuncts:
        found = _own(conj, anchored)
        if found:
            return _best(found)
    return None


def _explicit(doc: Doc, head: Token, anchored: dict[int, list[Span]]) -> DateValue | None:
    """A date for ``head`` from a time expression around its clause (rules 3-4 of :func:`date_for`:
    a "when" clause, a dated event subject, a clause on an event noun, the verb of a noun, the window
    of a noun a relative clause hangs from), else None."""
    lex = lexicon()
    # a "when" clause dates its main verb ("was arrested when he landed on Monday")
    if head.pos_ in _VERBAL:
        for c in head.children:
            if c.dep_ == "advcl" and any(m.dep_ in {"mark", "advmod"} and m.lower_ in lex.simultaneous
                                         for m in c.children):
                found = _own(c, anchored)
                if found:
                    return _best(found)
    # a verb whose subject is a dated event noun happened then ("last week's attack killed ...")
    if head.pos_ in _VERBAL:
        for c in head.children:
            if c.dep_ in {"nsubj", "nsubjpass"} and c.pos_ == "NOUN":
                found = anchored.get(c.i, [])
                if found:
                    return _best(found)
    # a noun event takes the time of a participle or relative clause on it ("a statement issued last
    # year"), else of the verb it is an argument of ("attends a meeting ... in April")
    if head.pos_ in _NOMINAL:
        for c in head.children:
            if c.dep_ in {"acl", "relcl"}:
                found = _own(c, anchored)
                if found:
                    return _best(found)
        verb = _verb_of(head)
        if verb is not None and verb.i != head.i and head.dep_ in {"dobj", "nsubj", "nsubjpass", "attr", "pobj"}:
            path_ok = all(t.dep_ not in _CLAUSE_DEPS for t in _path(head, verb))
            found = _own(verb, anchored) if path_ok else []
            if found:
                return _best(found)
    # a relative clause on a noun with a time or a window ("the five-day tour, during which ...")
    clause = head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ in {"relcl", "acl"} and clause.head.pos_ in _NOMINAL:
        noun = clause.head
        found = anchored.get(noun.i, [])
        if found:
            windowed = [s for s in found if s._.time.end_value]
            return _value(windowed[0]) if windowed else _best(found)
    return None


def _path(tok: Token, ancestor: Token) -> list[Token]:
    out = []
    cur = tok
    while cur.i != ancestor.i and cur.head.i != cur.i:
        out.append(cur)
        cur = cur.head
    return out


def _from_tense(doc: Doc, head: Token, lex: Lexicon) -> DateValue | None:
    """No time in reach: news speaks of its own days, so an event in the present, the perfect, the
    near future or the simple past falls in the month of publication (granularity month)."""
    published: dt.date | None = doc._.published
    if published is None:
        return None
    return DateValue(start=f"{published.year:04d}-{published.month:02d}", granularity="month", basis="publication")
