"""Quotes and attribution: every direct, partial and reported statement, its speaker and relay chain.

Component ``communique_quotes`` (after the actors, before the events). Reads the parse, the entities,
``doc._.article`` (its ``source_agency`` is the outermost relay) and, when present, the actors stage
through ``communique.actors.lookup``. Writes ``doc._.quotes`` (``list[records.Quote]``),
``doc.spans["quotes"]`` (content spans, ``span._.quote`` = the Quote) and an index that
:func:`attribution_for` reads.

Each quote carries ``text``/``start``/``end`` (the content; quotation marks excluded for direct quotes),
``direct``, ``speaker`` (``actor``, ``name`` and the ``start``/``end`` of the speaker phrase in the
text), ``via`` (relays, innermost first, the agency line last) and ``cue``. A statement split around its
cue (``"A," he said, "B."``) has ``parts`` (``[[start, end], ...]``) and its ``text`` joins the parts
with " … "; quoted words inside reported speech are listed in ``verbatim``; ``kind`` is ``statement``
or ``belief`` ("X believes that ...").
"""

from __future__ import annotations

import logging

from spacy.language import Language
from spacy.tokens import Doc, Token

from ..nlp import doc_list
from ..records import Quote, Speaker
from .detect import Attribution, find_attributions
from .lexicon import QUOTE_KINDS, Lexicon, get_lexicon
from .speakers import SpeakerResolver

__all__ = ["attribution_for", "quotes_component", "find_attributions"]

log = logging.getLogger(__name__)

_INDEX_KEY = "communique.quotes.index"
_EDGE = " \t\n,;:"
_MARKS = "`\"'\u201c\u201d\u201e\u00ab\u00bb\u2018\u2019\u201a\u2039\u203a"


def _same(a: Speaker, b: Speaker) -> bool:
    if a.actor and b.actor:
        return a.actor == b.actor
    return a.name.lower() == b.name.lower()


def _content_text(text: str, parts: list[tuple[int, int]], direct: bool) -> list[tuple[int, int]]:
    """Content ranges as written in the record: trimmed; quotation marks dropped for direct quotes."""
    out = []
    for s, e in parts:
        strip = _EDGE + (_MARKS if direct else "")
        while s < e and text[s] in strip:
            s += 1
        while e > s and text[e - 1] in strip:
            e -= 1
        if e > s:
            out.append((s, e))
    return out


@Language.component("communique_quotes", assigns=["doc._.quotes", "doc.spans"],
                    requires=["doc.ents", "token.ent_type", "token.dep", "token.tag", "token.lemma", "doc._.actors"])
def quotes_component(doc: Doc) -> Doc:
    quotes = doc_list(doc, "quotes")
    quotes.clear()
    lex = get_lexicon()
    text = doc.text
    atts = find_attributions(doc, lex, text=text)
    article = doc._.article
    titles = [(z.start, z.end) for z in (getattr(article, "zones", None) or []) if z.kind == "title"]

    def in_title(pos: int) -> bool:
        return any(s <= pos < e for s, e in titles)

    # a headline gives no speaker to the body: not by a parse that runs over into it, nor to a
    # continuation, nor to a pronoun
    for a in atts:
        if a.speaker_tok is not None and in_title(a.speaker_tok.idx) and not in_title(a.start):
            a.speaker_tok = None
        if a.inherit is not None and a.inherit.speaker_tok is not None and in_title(a.inherit.speaker_tok.idx) \
                and not in_title(a.start):
            a.inherit = None
    # what speakers said, and quoted words: people named there are no antecedents of a later "he said"
    # or "the MEP said"
    contents = [(s, e) for a in atts if a.speaker_tok is not None or a.inherit is not None or a.is_direct(text)
                for s, e in a.parts]
    _continue_subjectless(doc, lex, atts, text)
    resolver = SpeakerResolver(doc, lex, skip=in_title if titles else None, contents=contents)
    agency = getattr(article, "source_agency", None) if article is not None else None
    agency_sp = Speaker(actor=None, name=agency) if agency else None

    chains: dict[int, list[Speaker]] = {}
    own: dict[int, tuple[Speaker | None, list[Speaker]]] = {}
    # speakers in text order of the speaker phrase (the pronoun fallback looks backwards)
    order = sorted(atts, key=lambda x: x.speaker_tok.i if x.speaker_tok is not None else -1)
    for a in order:
        if a.inherit is not None:
            continue
        speaker = resolver.speaker(a.speaker_tok)
        via = [v for v in [resolver.speaker(a.relay_tok)] if v is not None]
        own[id(a)] = (speaker, via)
    for a in atts:
        if a.inherit is not None:
            own[id(a)] = own.get(id(a.inherit), (None, []))
    _carry_relays(doc, lex, atts, own, text)
    spans = []
    for a in atts:
        speaker, via = own[id(a)]
        chain_via = list(via)
        if agency_sp is not None and not any(_same(agency_sp, v) for v in chain_via) and not (
            speaker is not None and _same(agency_sp, speaker)
        ):
            chain_via.append(agency_sp)
        chains[id(a)] = [s for s in [speaker, *via] if s is not None]
        if a.nested or not a.parts:
            continue
        direct = a.is_direct(text)
        parts = _content_text(text, a.parts, direct)
        if not parts:
            continue
        extra: dict = {"kind": QUOTE_KINDS.get(a.kind, "statement")}
        if len(parts) > 1:
            extra["parts"] = [[s, e] for s, e in parts]
        if a.verbatim and not direct:
            extra["verbatim"] = [[s, e] for s, e in a.verbatim]
        q = Quote(
            id=f"q{len(quotes) + 1}",
            text=" \u2026 ".join(text[s:e] for s, e in parts),
            start=parts[0][0],
            end=parts[-1][1],
            direct=direct,
            speaker=speaker,
            via=chain_via,
            cue=a.cue,
            **extra,
        )
        quotes.append(q)
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is not None:
            span._.quote = q
            spans.append(span)
    doc.spans["quotes"] = spans
    _build_index(doc, atts, chains, agency_sp)
    return doc


def _continue_subjectless(doc: Doc, lex: Lexicon, atts: list[Attribution], text: str) -> None:
    """'Ms Roe insisted: "A." And continued: "B."': a cue that goes on (``continuing_verbs``) with no
    subject of its own, heading its clause, takes the speaker of the statement before it in the
    paragraph (``text`` is ``doc.text``, built once by the caller)."""
    prev: Attribution | None = None
    for a in sorted(atts, key=lambda x: x.start):
        if a.speaker_tok is None and a.inherit is None and a.cue_i is not None and prev is not None \
                and "\n" not in text[prev.end:a.start]:
            cue = doc[a.cue_i]
            if lex.verb_lemma(cue) in lex.continuing_verbs and cue.dep_ == "ROOT" \
                    and not any(c.dep_ in {"nsubj", "nsubjpass", "expl", "csubj"} for c in cue.children):
                a.inherit = prev
        if a.speaker_tok is not None or a.inherit is not None:
            prev = a


def _carry_relays(doc: Doc, lex: Lexicon, atts: list[Attribution],
                  own: dict[int, tuple[Speaker | None, list[Speaker]]], text: str) -> None:
    """'In an interview with the Ledger, she said: "A." She added: "B."': a statement whose cue goes on
    with the previous one (``continuing_verbs``) of the same speaker in the paragraph keeps its relays."""
    prev: Attribution | None = None
    for a in sorted(atts, key=lambda x: x.start):
        if a.nested or not a.parts:
            continue
        speaker, via = own[id(a)]
        if prev is not None and not via and speaker is not None and a.cue_i is not None \
                and lex.verb_lemma(doc[a.cue_i]) in lex.continuing_verbs and "\n" not in text[prev.end:a.start]:
            p_speaker, p_via = own[id(prev)]
            if p_via and p_speaker is not None and _same(p_speaker, speaker):
                own[id(a)] = (speaker, list(p_via))
        prev = a


def _build_index(doc: Doc, atts: list[Attribution], chains: dict[int, list[Speaker]],
                 agency: Speaker | None) -> None:
    """Token index -> attribution chain (innermost speaker first, then relays, outer speakers, agency)."""
    ranges = []
    for a in atts:
        toks = []
        for s, e in a.parts:
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None:
                toks.append((span.start, span.end))
        if toks:
            ranges.append((a, toks, sum(e - s for s, e in toks)))
    ranges.sort(key=lambda r: -r[2])  # widest first: inner ones paint over outer ones
    owner: list[int] = [-1] * len(doc)
    for k, (_a, toks, _n) in enumerate(ranges):
        for s, e in toks:
            for i in range(s, e):
                owner[i] = k
    # the enclosing attribution of each: the one owning its first token before it was painted over
    parent: list[int] = [-1] * len(ranges)
    for k, (_a, toks, _n) in enumerate(ranges):
        s, e = toks[0]
        for j in range(k - 1, -1, -1):
            if any(ps <= s and e <= pe for ps, pe in ranges[j][1]):
                parent[k] = j
                break
    full: list[list[Speaker]] = []
    for k in range(len(ranges)):
        chain: list[Speaker] = []
        j = k
        while j != -1:
            for sp in chains.get(id(ranges[j][0]), []):
                if not any(_same(sp, c) for c in chain):
                    chain.append(sp)
            j = parent[j]
        if agency is not None and chain and not any(_same(agency, c) for c in chain):
            chain.append(agency)
        full.append(chain)
    doc.user_data[_INDEX_KEY] = (owner, full)


def attribution_for(doc: Doc, token: Token) -> list[Speaker]:
    """Who says so, for an event whose head is ``token``: innermost speaker first, then relays and
    outer speakers, the article's agency last; ``[]`` when the token is in no quote or reported
    content. Constant time (the index is built once per doc by the component)."""
    index = doc.user_data.get(_INDEX_KEY)
    if index is None:
        return []
    owner, full = index
    i = token.i if token.doc is doc else -1
    if i < 0 or i >= len(owner) or owner[i] < 0:
        return []
    return list(full[owner[i]])
