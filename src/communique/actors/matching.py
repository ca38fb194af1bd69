"""Step 1 of actor recognition: the knowledge-base PhraseMatcher, metadata blocking, gazetteer hits."""

from __future__ import annotations

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..records import METADATA_ZONES
from .ctx import Gaz
from .kb import KnowledgeBase

# --------------------------------------------------------------------------------------------------
# matcher
# --------------------------------------------------------------------------------------------------

_MATCHERS: dict[tuple[int, int], tuple[PhraseMatcher, list[tuple[str, str]], KnowledgeBase]] = {}


def get_matcher(vocab: Vocab, kb: KnowledgeBase, make_doc) -> tuple[PhraseMatcher, list[tuple[str, str]]]:
    """One PhraseMatcher (ORTH) per vocab and knowledge base, built once."""
    cache_key = (id(vocab), id(kb))
    hit = _MATCHERS.get(cache_key)
    if hit is not None and hit[2] is kb:
        return hit[0], hit[1]
    matcher = PhraseMatcher(vocab, attr="ORTH")
    labels: list[tuple[str, str]] = []
    forms = list(kb.forms.items())
    docs = [make_doc(f) for f, _ in forms]
    for (_form, target), d in zip(forms, docs, strict=True):
        label = f"A{len(labels)}"
        labels.append(target)
        matcher.add(label, [d])
    _MATCHERS.clear()
    _MATCHERS[cache_key] = (matcher, labels, kb)  # holding kb keeps its id from being reused
    return matcher, labels


def _blocked(doc: Doc, kb: KnowledgeBase) -> bytearray:
    """Tokens of metadata: marked zones, and (when no zones were marked) credit-like lines/brackets."""
    blocked = bytearray(len(doc))
    art = getattr(doc._, "article", None)
    spans: list[tuple[int, int]] = []
    if art is not None:
        spans += [(z.start, z.end) for z in art.zones if z.kind in METADATA_ZONES]
    text = art.text if art is not None else None
    if text is None or not len(doc) or doc[-1].idx + len(doc[-1].text_with_ws) != len(text):
        text = doc.text
    # the article's own credit and byline strings, wherever they sit; its agency as a line of its own
    meta_strings = [c for c in (art.credits if art is not None else []) if c and len(c) > 3]
    if art is not None and art.byline and len(art.byline) > 3:
        meta_strings.append(art.byline)
    for m in meta_strings:
        k = text.find(m)
        while k >= 0:
            spans.append((k, k + len(m)))
            k = text.find(m, k + len(m))
    own_lines = {x.strip() for x in (art.source_agency, art.byline) if x} if art is not None else set()
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped and (any(stripped.startswith(p) for p in kb.line_prefixes) or stripped in own_lines):
            spans.append((pos, pos + len(line)))
        elif "[" in line or "(" in line:
            for open_, close in (("[", "]"), ("(", ")")):
                i = line.find(open_)
                while i >= 0:
                    j = line.find(close, i)
                    if j < 0:
                        break
                    seg = line[i:j]
                    if any(m in seg for m in kb.credit_markers):
                        spans.append((pos + i, pos + j + 1))
                    i = line.find(open_, j)
        pos += len(line) + 1
    if not spans:
        return blocked
    for start, end in spans:
        sp = doc.char_span(start, end, alignment_mode="expand")
        if sp is not None:
            for i in range(sp.start, sp.end):
                blocked[i] = 1
    return blocked


def gazetteer(doc: Doc, matcher: PhraseMatcher, labels: list[tuple[str, str]], blocked: bytearray) -> list[Gaz]:
    """Step 1: non-overlapping known forms, longest first."""
    found = []
    for match_id, start, end in matcher(doc):
        if any(blocked[start:end]):
            continue
        key, kind = labels[int(doc.vocab.strings[match_id][1:])]
        found.append(Gaz(start, end, key, kind))
    found.sort(key=lambda g: (-(g.end - g.start), g.start))
    taken = bytearray(len(doc))
    out = []
    for g in found:
        if not any(taken[g.start:g.end]):
            out.append(g)
            for i in range(g.start, g.end):
                taken[i] = 1
    out.sort(key=lambda g: g.start)
    return out
