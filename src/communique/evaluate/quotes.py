"""Score quotes against brat attribution annotations in the PolNeAR layout.

Layout: ``DIR/text/<article>.txt`` and ``DIR/attributions/<article>_<annotator>.ann`` with lines
``T<n>\\t<Source|Cue|Content|Attribution> <start> <end>[;<start> <end>...]\\t<text>`` and
``E<n>\\tAttribution:T.. Content:T.. Cue:T.. Source:T..``. An article annotated by several annotators
is coded once and scored against each annotation file.

Matching works on the letters and digits the content covers (quotation marks, punctuation and spaces
are ignored, so ``"We will win,"`` and ``We will win`` are the same content). System quotes and gold
attributions pair one to one, greedily by overlap (Jaccard): an *overlap* match shares at least one
character, an *exact* match covers the same characters. Speaker accuracy is measured on overlap
matches whose gold attribution has a source: the speaker is right when its phrase overlaps the gold
source span or shares a content word with it (a resolved pronoun keeps the pronoun's offsets).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from ..coder import make_doc, record_from_doc
from ..errors import InputError
from ..nlp import get_nlp
from ..quotes.lexicon import Lexicon, get_lexicon
from ..records import Article, Quote

log = logging.getLogger(__name__)

_STOP = {"the", "a", "an", "of", "and", "in", "on", "for", "to", "s", "mr", "ms", "mrs", "dr", "his", "her",
         "their", "its", "who", "that", "which"}
_DATE = re.compile(r"_(\d{4}-\d{2}-\d{2})_")


@dataclass
class GoldAttribution:
    content: list[tuple[int, int]]
    source: list[tuple[int, int]] = field(default_factory=list)
    cue: list[tuple[int, int]] = field(default_factory=list)


def _spans(raw: str) -> list[tuple[int, int]]:
    out = []
    for piece in raw.split(";"):
        s, e = piece.split()
        out.append((int(s), int(e)))
    return out


def read_ann(path: Path) -> list[GoldAttribution]:
    """The attributions of one brat file (those without content are skipped)."""
    spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
    events: list[dict[str, str]] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc}") from exc
    for line in lines:
        if line.startswith("T"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            label, _, offsets = parts[1].partition(" ")
            try:
                spans[parts[0]] = (label, _spans(offsets))
            except ValueError:
                log.warning("%s: bad span line %r", path, line)
        elif line.startswith("E"):
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            roles = {}
            for arg in parts[1].split():
                role, _, ref = arg.partition(":")
                roles[role] = ref
            events.append(roles)
    out = []
    for ev in events:
        content = spans.get(ev.get("Content", ""), ("", []))[1]
        if not content:
            continue
        out.append(GoldAttribution(content=content, source=spans.get(ev.get("Source", ""), ("", []))[1],
                                   cue=spans.get(ev.get("Cue", ""), ("", []))[1]))
    return out


def _letters(text: str, spans: list[tuple[int, int]]) -> frozenset[int]:
    return frozenset(i for s, e in spans for i in range(max(s, 0), min(e, len(text))) if text[i].isalnum())


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP}


def quote_spans(q: Quote) -> list[tuple[int, int]]:
    parts = getattr(q, "parts", None)
    if parts:
        return [(int(s), int(e)) for s, e in parts]
    return [(q.start, q.end)]


@dataclass
class Tally:
    gold: int = 0
    system: int = 0
    overlap: int = 0
    exact: int = 0
    speaker_scored: int = 0
    speaker_right: int = 0
    gold_direct: int = 0
    gold_direct_found: int = 0
    gold_reported: int = 0
    gold_reported_found: int = 0
    # the statement subset: gold attributions whose cue is a speech verb or preposition of the lexicon
    st_gold: int = 0
    st_found: int = 0
    st_exact: int = 0
    st_other_matched: int = 0  # system quotes matched to gold outside the subset (neutral there)
    documents: int = 0
    failed: int = 0
    # system quotes by quote kind (statement, belief, stance, intention): how many, how many matched
    kind_system: dict[str, int] = field(default_factory=dict)
    kind_matched: dict[str, int] = field(default_factory=dict)

    def add(self, other: Tally) -> None:
        for k in self.__dataclass_fields__:
            mine, theirs = getattr(self, k), getattr(other, k)
            if isinstance(mine, dict):
                for key, n in theirs.items():
                    mine[key] = mine.get(key, 0) + n
            else:
                setattr(self, k, mine + theirs)

    def figures(self) -> dict[str, Any]:
        def prf(hit: int) -> dict[str, float]:
            p = hit / self.system if self.system else 0.0
            r = hit / self.gold if self.gold else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}

        st_sys = self.system - self.st_other_matched
        sp = self.st_found / st_sys if st_sys else 0.0
        sr = self.st_found / self.st_gold if self.st_gold else 0.0
        return {
            "statements": {
                "gold": self.st_gold,
                "precision": round(sp, 4), "recall": round(sr, 4),
                "f1": round(2 * sp * sr / (sp + sr), 4) if sp + sr else 0.0,
                "exact_recall": round(self.st_exact / self.st_gold, 4) if self.st_gold else 0.0,
            },
            "documents": self.documents,
            "failed": self.failed,
            "gold": self.gold,
            "system": self.system,
            "overlap": prf(self.overlap),
            "exact": prf(self.exact),
            "speaker_accuracy": round(self.speaker_right / self.speaker_scored, 4) if self.speaker_scored else 0.0,
            "speaker_scored": self.speaker_scored,
            "recall_direct": round(self.gold_direct_found / self.gold_direct, 4) if self.gold_direct else 0.0,
            "recall_reported": round(self.gold_reported_found / self.gold_reported, 4) if self.gold_reported else 0.0,
            "by_kind": {k: {"system": n, "precision": round(self.kind_matched.get(k, 0) / n, 4)}
                        for k, n in sorted(self.kind_system.items())},
        }


def score_document(text: str, gold: list[GoldAttribution], quotes: list[Quote],
                   statement: list[bool] | None = None, *, misses: list[dict[str, Any]] | None = None) -> Tally:
    """Match one document's quotes to its gold attributions (``statement[i]``: gold ``i`` has a speech
    cue, for the statement-subset figures). ``misses``, when given, receives one row per gold
    attribution not found (``missed``), per quote matched to no gold (``extra``) and per matched quote
    whose speaker is wrong (``speaker``)."""
    t = Tally(gold=len(gold), system=len(quotes), documents=1)
    statement = statement if statement is not None else [True] * len(gold)
    g_sets = [_letters(text, g.content) for g in gold]
    s_sets = [_letters(text, quote_spans(q)) for q in quotes]
    pairs = []
    for gi, gs in enumerate(g_sets):
        if not gs:
            continue
        for si, ss in enumerate(s_sets):
            inter = len(gs & ss)
            if inter:
                pairs.append((inter / len(gs | ss), gi, si))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_s: set[int] = set()
    for _j, gi, si in pairs:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        t.overlap += 1
        if g_sets[gi] == s_sets[si]:
            t.exact += 1
        if statement[gi]:
            t.st_found += 1
            t.st_exact += g_sets[gi] == s_sets[si]
        else:
            t.st_other_matched += 1
        g = gold[gi]
        if g.source:
            t.speaker_scored += 1
            if speaker_right(text, g, quotes[si]):
                t.speaker_right += 1
    t.st_gold = sum(statement)
    for si, q in enumerate(quotes):
        kind = getattr(q, "kind", None) or "statement"
        t.kind_system[kind] = t.kind_system.get(kind, 0) + 1
        if si in used_s:
            t.kind_matched[kind] = t.kind_matched.get(kind, 0) + 1
    if misses is not None:
        _list_misses(text, gold, quotes, used_g, used_s, pairs, misses)
    for gi, g in enumerate(gold):
        first = text[g.content[0][0] : g.content[0][0] + 1]
        if first in "\"\u201c\u2018'\u00ab":
            t.gold_direct += 1
            t.gold_direct_found += gi in used_g
        else:
            t.gold_reported += 1
            t.gold_reported_found += gi in used_g
    return t


def _cut(text: str, spans: list[tuple[int, int]], width: int = 160) -> str:
    out = " | ".join(" ".join(text[s:e].split()) for s, e in spans)
    return out if len(out) <= width else out[: width - 1] + "\u2026"


def _list_misses(text: str, gold: list[GoldAttribution], quotes: list[Quote], used_g: set[int],
                 used_s: set[int], pairs: list[tuple[float, int, int]], misses: list[dict[str, Any]]) -> None:
    matched = {}
    for _j, gi, si in pairs:
        if gi in used_g and si in used_s and gi not in matched and si not in matched.values():
            matched[gi] = si
    for gi, g in enumerate(gold):
        if gi not in used_g:
            # a quote sharing characters with it (matched to another gold attribution): a split issue
            shared = sorted({q.id for _j, g2, si in pairs if g2 == gi for q in [quotes[si]]})
            misses.append({"type": "missed", "cue": _cut(text, g.cue, 40), "source": _cut(text, g.source, 40),
                           "content": _cut(text, g.content), "start": g.content[0][0], "shared_with": shared})
    for si, q in enumerate(quotes):
        if si not in used_s:
            # gold attributions it shares characters with (matched to another quote): a split issue
            shared = sorted({_cut(text, gold[gi].cue, 40) for _j, gi, s2 in pairs if s2 == si})
            misses.append({"type": "extra", "cue": q.cue or "", "source": q.speaker.name if q.speaker else "",
                           "content": _cut(text, quote_spans(q)), "start": q.start, "shared_with": shared})
    for _j, gi, si in pairs:
        if matched.get(gi) == si and gold[gi].source and not speaker_right(text, gold[gi], quotes[si]):
            q = quotes[si]
            misses.append({"type": "speaker", "cue": q.cue or "", "source": _cut(text, gold[gi].source, 40),
                           "system": q.speaker.name if q.speaker else "", "content": _cut(text, quote_spans(q), 80),
                           "start": q.start})


def speaker_right(text: str, gold: GoldAttribution, quote: Quote) -> bool:
    sp = quote.speaker
    if sp is None:
        return False
    s, e = getattr(sp, "start", None), getattr(sp, "end", None)
    if s is not None and e is not None and any(gs < e and s < ge for gs, ge in gold.source):
        return True
    gold_words = set().union(*(_words(text[gs:ge]) for gs, ge in gold.source))
    return bool(gold_words & _words(sp.name))


def iter_pairs(folder: Path) -> Iterator[tuple[Path, list[Path]]]:
    """(text file, its annotation files) for every annotated article of ``folder``."""
    text_dir, ann_dir = folder / "text", folder / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise InputError(f"{folder} is not in the PolNeAR layout (text/ and attributions/ expected)")
    by_article: dict[str, list[Path]] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        by_article.setdefault(stem, []).append(ann)
    for stem, anns in sorted(by_article.items()):
        txt = text_dir / f"{stem}.txt"
        if txt.is_file():
            yield txt, anns


def evaluate_folder(folder: str | Path, *, limit: int | None = None,
                    details: list[dict[str, Any]] | None = None,
                    misses: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Code every article of a PolNeAR-layout folder and score its quotes; the figures as a dict.
    ``details`` receives figures per annotation file, ``misses`` the rows of :func:`score_document`
    (each with its ``annotation``)."""
    folder = Path(folder)
    pairs = list(iter_pairs(folder))
    if limit is not None:
        pairs = pairs[:limit]
    articles = []
    for txt, _anns in pairs:
        text = txt.read_text(encoding="utf-8")
        m = _DATE.search(txt.name)
        articles.append(Article(text=text, published=m.group(1) if m else None,
                                date_basis="given" if m else "none", document=str(txt)))
    total = Tally()
    nlp = get_nlp()
    lex = get_lexicon()
    for (_txt, anns), art in zip(pairs, articles, strict=True):
        try:
            doc = nlp(make_doc(nlp, art))
        except Exception as exc:  # one bad article is counted, the evaluation goes on
            total.failed += 1
            log.warning("%s: %s: %s", art.document, type(exc).__name__, exc)
            continue
        rec = record_from_doc(doc)
        text = rec.article.text
        for ann in anns:
            gold = read_ann(ann)
            rows: list[dict[str, Any]] | None = [] if misses is not None else None
            t = score_document(text, gold, rec.quotes, [_is_statement(doc, g, lex) for g in gold], misses=rows)
            if misses is not None and rows:
                misses.extend({"annotation": ann.name, **r} for r in rows)
            total.add(t)
            if details is not None:
                details.append({"annotation": ann.name, **t.figures()})
    return total.figures()


def _is_statement(doc: Doc, gold: GoldAttribution, lex: Lexicon) -> bool:
    """Whether a gold attribution's cue is a speech verb or a speaker preposition of the lexicon."""
    for s, e in gold.cue:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        if any(lex.is_speech(t.lemma_.lower()) for t in span):
            return True
        low = tuple(t.lower_ for t in span)
        if any(low[i : i + len(p)] == p for p in lex.prepositions for i in range(len(low))):
            return True
    return False


def format_details(details: list[dict[str, Any]]) -> list[str]:
    """One line per annotation file (the ``details`` rows of :func:`evaluate_folder`)."""
    return [f"{d['annotation']:<60} gold {d['gold']:>3} sys {d['system']:>3} "
            f"overlap F1 {d['overlap']['f1']:.2f} speaker {d['speaker_accuracy']:.2f}" for d in details]


def format_figures(figures: dict[str, Any]) -> list[str]:
    """The figures of :func:`evaluate_folder` as the lines ``communique eval quotes`` prints."""
    o, e, st = figures["overlap"], figures["exact"], figures["statements"]
    kinds = "  ".join(f"{k} {v['system']} (P={v['precision']:.3f})" for k, v in figures["by_kind"].items())
    return [
        f"documents {figures['documents']} (failed {figures['failed']}), gold {figures['gold']}, "
        f"system {figures['system']}",
        f"content overlap  P={o['precision']:.3f} R={o['recall']:.3f} F1={o['f1']:.3f}",
        f"content exact    P={e['precision']:.3f} R={e['recall']:.3f} F1={e['f1']:.3f}",
        f"speaker accuracy {figures['speaker_accuracy']:.3f} on {figures['speaker_scored']} matched quotes",
        f"statements only  P={st['precision']:.3f} R={st['recall']:.3f} F1={st['f1']:.3f} "
        f"exact R={st['exact_recall']:.3f} ({st['gold']} gold attributions with a speech cue)",
        f"recall by kind   direct {figures['recall_direct']:.3f}  reported {figures['recall_reported']:.3f}",
        f"quotes by kind   {kinds}",
    ]
