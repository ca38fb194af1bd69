"""The coder's batches end at a document count or a character budget, whichever comes first, and the
records are the same whatever the batching."""
from __future__ import annotations

from communique.coder import code_articles
from communique.records import Article, ArticleRecord, DocError

SHORT = "Peru and Chile signed a fisheries agreement in Lima on Monday, officials said."
LONG = " ".join(["The Kenyan foreign minister met his Ugandan counterpart in Nairobi to discuss border trade."] * 40)


class _CountingPipe:
    """The real pipeline, with the size of each nlp.pipe call written down."""

    def __init__(self, nlp):
        self._nlp = nlp
        self.calls: list[int] = []

    def pipe(self, docs, batch_size=16):
        docs = list(docs)
        self.calls.append(len(docs))
        return self._nlp.pipe(docs, batch_size=batch_size)

    def __getattr__(self, name):
        return getattr(self._nlp, name)

    def __call__(self, doc):
        return self._nlp(doc)


def _articles() -> list[Article | DocError]:
    arts: list[Article | DocError] = [Article(text=f"{SHORT} Item {i}.", published="2024-05-06") for i in range(5)]
    arts.insert(2, Article(text=LONG, published="2024-05-06"))
    arts.insert(4, DocError(document="bad.txt", code="empty_document", message="empty"))
    return arts


def test_a_character_budget_ends_a_batch_before_the_document_count(nlp):
    spy = _CountingPipe(nlp)
    out = list(code_articles(_articles(), nlp=spy, batch_size=16, batch_chars=len(LONG)))
    assert len(out) == 7 and isinstance(out[4], DocError)
    assert len(spy.calls) >= 2, "the long article should close its batch"
    assert spy.calls[0] == 3  # two short articles and the long one that reaches the budget
    assert sum(spy.calls) == 6


def test_without_a_budget_one_batch_holds_every_document(nlp):
    spy = _CountingPipe(nlp)
    list(code_articles(_articles(), nlp=spy, batch_size=16, batch_chars=0))
    assert spy.calls == [6]


def test_batching_does_not_change_records_or_their_order(nlp):
    a = list(code_articles(_articles(), nlp=nlp, batch_size=16, batch_chars=0))
    b = list(code_articles(_articles(), nlp=nlp, batch_size=2, batch_chars=200))
    assert [type(x) for x in a] == [type(x) for x in b]
    assert isinstance(a[4], DocError)
    for x, y in zip(a, b, strict=True):
        if isinstance(x, ArticleRecord):
            assert x.model_dump() == y.model_dump()
