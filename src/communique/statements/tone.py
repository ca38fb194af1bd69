"""Tone: how positive or negative a text reads, on GDELT's AvgTone scale.

GDELT 1.0 defines a document's tone as the percentage of its words that are positive minus the percentage
that are negative (so, in principle, -100 to +100; news mostly falls between -10 and +10). We compute the
same quantity with the VADER lexicon (``vaderSentiment``, MIT licence, its 7,500-word lexicon ships inside
the wheel): each word gets VADER's valence after VADER's own rules (negation such as "not good",
boosters such as "very", "but" shifting weight to the second clause), and a word counts as positive or
negative by the sign of that valence. :class:`~communique.records.Tone` keeps both percentages and the
words that weighed most.

Tone describes a text; it never decides an event type (the statement-act step reads cues, not tone).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from functools import lru_cache
from typing import Any

from ..records import ArticleRecord, Tone

log = logging.getLogger(__name__)

__all__ = ["TONE_WORDS", "apply_tone", "tone_of", "tone_score"]

#: how many of the words that drove a tone are listed with it
TONE_WORDS = 10


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


#: where a text is cut into the sentences VADER scores one at a time
_SENTENCE_END = re.compile(r"(?<=[.!?\u201d\"])\s+(?=[A-Z\u201c\"'])|\n+")


def _valences(text: str) -> tuple[list[str], list[float]]:
    """VADER's words of ``text`` and the valence of each after its rules (0 for words outside the lexicon),
    sentence by sentence: VADER's rules look a few words around each word and at a "but" in its sentence,
    and it lower-cases the whole word list for every sentiment word, so a whole article at once would cost
    time quadratic in its length."""
    words: list[str] = []
    vals: list[float] = []
    for piece in _SENTENCE_END.split(text):
        if piece.strip():
            w, v = _sentence_valences(piece)
            words.extend(w)
            vals.extend(v)
    return words, vals


def _sentence_valences(text: str) -> tuple[list[str], list[float]]:
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, SentiText

    sia = _analyzer()
    senti = SentiText(text)
    words = senti.words_and_emoticons
    vals: list[float] = []
    for i, item in enumerate(words):
        low = item.lower()
        if low in BOOSTER_DICT or (low == "kind" and i + 1 < len(words) and words[i + 1].lower() == "of"):
            vals.append(0.0)
            continue
        vals = sia.sentiment_valence(0.0, senti, item, i, vals)
    vals = sia._but_check(words, vals)
    return words, [float(v) for v in vals]


def tone_of(text: str, *, top: int = TONE_WORDS) -> Tone | None:
    """The tone of ``text`` (None for a text without words): score = positive % - negative % of its
    words, rounded to two decimals; ``words`` the ``top`` words that weighed most, signed ``+w``/``-w``."""
    if not text or not text.strip():
        return None
    words, vals = _valences(text)
    if not words:
        return None
    n = len(words)
    pos = sum(1 for v in vals if v > 0)
    neg = sum(1 for v in vals if v < 0)
    weight: Counter[str] = Counter()
    for w, v in zip(words, vals, strict=False):
        if v:
            weight[("+" if v > 0 else "-") + w.lower()] += abs(v)
    positive, negative = 100.0 * pos / n, 100.0 * neg / n
    return Tone(score=round(positive - negative, 2), positive=round(positive, 2), negative=round(negative, 2),
                words=[w for w, _ in weight.most_common(top)])


@lru_cache(maxsize=4096)
def tone_score(text: str) -> float | None:
    """Only the score of :func:`tone_of` (cached: the events of one sentence share their evidence)."""
    t = tone_of(text, top=0)
    return t.score if t is not None else None


def _unmasked(record: ArticleRecord) -> str:
    """The article text without its metadata zones (credits, byline, agency line): what the tone reads."""
    from ..records import METADATA_ZONES

    text = record.article.text or ""
    cut = sorted((z.start, z.end) for z in record.article.zones if z.kind in METADATA_ZONES)
    if not cut:
        return text
    out, pos = [], 0
    for s, e in cut:
        if s > pos:
            out.append(text[pos:s])
        pos = max(pos, e)
    out.append(text[pos:])
    return " ".join(out)


def apply_tone(record: ArticleRecord) -> ArticleRecord:
    """Fill the tone of the article, of each quote (its content) and of each event (its evidence)."""
    try:
        record.tone = tone_of(_unmasked(record))
        for q in record.quotes:
            q.tone = tone_score(q.text)
        for ev in [*record.events, *record.repeated_events]:
            ev.tone = tone_score(ev.evidence.text)
    except ImportError:  # the package is a declared dependency; an install without it codes without tone
        log.warning("vaderSentiment is not installed: no tone")
    return record
