"""Coding: an :class:`Article` in, an :class:`ArticleRecord` out.

The text given to spaCy is the article text with its metadata zones (photo credits, byline, agency line,
kicker) blanked out by spaces of the same length, so every offset the components produce points into
``article.text`` unchanged, and no credit can become an actor or an event.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from .actors import record_actors
from .errors import CommuniqueError
from .ingest.published import publication_day
from .nlp import doc_list, get_nlp
from .records import METADATA_ZONES, Article, ArticleMeta, ArticleRecord, DocError
from .statements.tone import apply_tone

log = logging.getLogger(__name__)


def masked_text(article: Article) -> str:
    """``article.text`` with metadata zones replaced by spaces (line breaks kept)."""
    chars = list(article.text)
    for zone in article.zones:
        if zone.kind in METADATA_ZONES:
            for i in range(max(zone.start, 0), min(zone.end, len(chars))):
                if chars[i] != "\n":
                    chars[i] = " "
    return "".join(chars)


def make_doc(nlp: Language, article: Article) -> Doc:
    doc = nlp.make_doc(masked_text(article))
    doc._.article = article
    doc._.published = publication_day(article.published)
    return doc


def _tidy_evidence(events: list, masked: str, text: str) -> None:
    """Trim each evidence span to its non-blank text (a blanked credit or agency line at the end of a
    sentence is not evidence), so that ``evidence.text == article.text[start:end]`` always holds."""
    for ev in events:
        e = ev.evidence
        start, end = e.start, e.end
        while start < end and masked[start].isspace():
            start += 1
        while end > start and masked[end - 1].isspace():
            end -= 1
        e.start, e.end, e.text = start, end, text[start:end]


def record_from_doc(doc: Doc) -> ArticleRecord:
    art: Article = doc._.article
    events = list(doc_list(doc, "events"))
    _tidy_evidence(events, doc.text, art.text)
    repeated = list(doc_list(doc, "repeated_events"))
    _tidy_evidence(repeated, doc.text, art.text)
    meta = ArticleMeta(
        id=art.id,
        title=art.title,
        standfirst=art.standfirst,
        published=art.published,
        date_basis=art.date_basis,
        source_agency=art.source_agency,
        outlet=art.outlet,
        url=art.url,
        language=art.language or "en",
        text=art.text,
        input_id=art.input_id,
        byline=art.byline,
        credits=list(art.credits),
        zones=list(art.zones),
        document=art.document,
    )
    record = ArticleRecord(
        article=meta,
        actors=record_actors(list(doc_list(doc, "actors"))),
        events=events,
        quotes=list(doc_list(doc, "quotes")),
        times=list(doc_list(doc, "times")),
        places=list(doc_list(doc, "places")),
        warnings=[*art.warnings, *doc_list(doc, "warnings")],
        repeated_events=repeated,
    )
    return apply_tone(record)  # tone of the article, its quotes and its events (docs/statements.md)


def code_article(article: Article, *, nlp: Language | None = None) -> ArticleRecord:
    """Code one article with the process-wide pipeline (or ``nlp``)."""
    nlp = nlp or get_nlp()
    return record_from_doc(nlp(make_doc(nlp, article)))


def code_articles(
    items: Iterable[Article | DocError], *, nlp: Language | None = None, batch_size: int = 16,
    batch_chars: int = 30_000,
) -> Iterator[ArticleRecord | DocError]:
    """Code a stream of articles in order; errors pass through in place, and an article whose coding
    fails becomes a DocError instead of stopping the stream.

    A batch ends at ``batch_size`` articles or once its texts reach ``batch_chars`` characters, whichever
    comes first: spaCy's working memory grows with the text of a whole batch, so a few long articles
    together would otherwise set the peak (0 turns the character bound off)."""
    nlp = nlp or get_nlp()
    buffer: list[Article | DocError] = []
    chars = 0

    def flush() -> Iterator[ArticleRecord | DocError]:
        arts = [a for a in buffer if isinstance(a, Article)]
        docs: Iterator[Doc] | None = None
        try:
            coded = list(nlp.pipe((make_doc(nlp, a) for a in arts), batch_size=batch_size))
            docs = iter(coded)
        except Exception:  # one bad article must not lose the batch: retry one by one
            log.warning("batch coding failed, retrying %d articles one by one", len(arts), exc_info=True)
        for item in buffer:
            if isinstance(item, DocError):
                yield item
            elif docs is not None:
                yield record_from_doc(next(docs))
            else:
                yield _code_one(item, nlp)
        buffer.clear()

    for item in items:
        buffer.append(item)
        if isinstance(item, Article):
            chars += len(item.text)
        if len(buffer) >= batch_size or (batch_chars and chars >= batch_chars):
            yield from flush()
            chars = 0
    if buffer:
        yield from flush()


def _code_one(article: Article, nlp: Language) -> ArticleRecord | DocError:
    try:
        return code_article(article, nlp=nlp)
    except CommuniqueError as exc:
        return DocError(document=article.document or article.id, code=exc.code, message=exc.message,
                        input_id=article.input_id)
    except Exception as exc:
        log.debug("coding failed for %s", article.document or article.id, exc_info=True)  # the DocError names it
        return DocError(document=article.document or article.id, code="coding_failed",
                        message=f"{type(exc).__name__}: {exc}", input_id=article.input_id)
