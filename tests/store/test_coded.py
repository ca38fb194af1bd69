"""The store with records made by the real coder (sentences written for these tests, and the seed)."""

from __future__ import annotations

import pytest

from communique.store import Store, queries

VISIT = (
    "Norway's trade minister visits Chile and Peru to promote salmon exports\n\n"
    "Norwegian Trade Minister Ingrid Dahl is visiting Chile on a four-day trip, her ministry said on Tuesday.\n\n"
    "Dahl arrived in Santiago on Tuesday and will hold talks with Chilean President Rosa Fuentes on Wednesday.\n\n"
    "The visit to Chile will be followed by a visit to Peru, where Dahl will meet Peruvian officials.\n"
)
OTHER = (
    "Portugal and Morocco sign a water agreement\n\n"
    "Portugal and Morocco signed an agreement on Thursday to share desalination technology, officials said.\n"
)


def test_coded_records_are_stored_once_whatever_the_number_of_writes(code, db):
    recs = [code(VISIT, published="2024-03-05"), code(OTHER, published="2024-03-07")]
    with Store(db) as store:
        store.write_batch(recs, inputs_done=["visit.txt", "other.txt"])
        first = store.counts()
        store.merge()
        store.write_batch(recs, inputs_done=["visit.txt", "other.txt"])
        store.merge()
        again = store.counts()
        assert queries.get_article(store, recs[0].article.id) == recs[0]
    assert first["articles"] == 2
    assert first["actors"] == sum(len(r.actors) for r in recs)
    assert first["event_mentions"] == sum(len(r.events) + len(r.repeated_events) for r in recs)
    assert first["quotes"] == sum(len(r.quotes) for r in recs)
    assert {k: v for k, v in again.items() if k != "events"} == {k: v for k, v in first.items() if k != "events"}


def _consult(rec, src: str, tgt: str) -> list:
    """CONSULT src>tgt mentions of the record, the headline's repeats of body events included."""
    return [e for e in [*rec.events, *rec.repeated_events] if e.type == "CONSULT" and not e.negated and e.source
            and e.target and e.source.country == src and e.target.country == tgt]


def _merged_count(db, rec, src: str, tgt: str) -> tuple[int, list[dict]]:
    with Store(db) as store:
        store.write_batch([rec])
        store.merge()
        rows = store.rows("SELECT n_mentions, n_articles FROM events WHERE type = 'CONSULT' AND NOT negated "
                          "AND source_country = ? AND target_country = ?", [src, tgt])
    return len(rows), rows


def test_repeated_mentions_of_one_visit_in_a_coded_article_merge(nlp, db):
    from communique.coder import code_articles
    from communique.ingest import read_text

    (rec,) = list(code_articles(read_text(VISIT, name="visit.txt", published="2024-03-05"), nlp=nlp))
    assert rec.article.title and VISIT.startswith(rec.article.title)
    mentions = _consult(rec, "NOR", "CHL")
    assert len(mentions) >= 3  # the headline's, "is visiting Chile", "the visit to Chile"
    assert [e for e in rec.repeated_events if e.evidence.start == 0], "the headline's visit is kept as a repeat"
    assert len(_consult(rec, "NOR", "CHL")) > len([e for e in rec.events if e in mentions])
    n, rows = _merged_count(db, rec, "NOR", "CHL")
    assert n == 1 and rows[0]["n_mentions"] == len(mentions) and rows[0]["n_articles"] == 1


@pytest.mark.corpus
def test_seed_visit_to_belarus_is_one_consult_event(seed, nlp, db):
    from communique.coder import code_articles
    from communique.ingest import read_paths

    (rec,) = list(code_articles(read_paths([seed / "article.txt"], published="2023-08-14"), nlp=nlp))
    mentions = _consult(rec, "CHN", "BLR")
    # the headline, the lede, the visit that "will follow", the meetings Li "will hold"
    assert len(mentions) >= 4
    assert any(e.evidence.start < len(rec.article.title or "") for e in mentions)
    n, rows = _merged_count(db, rec, "CHN", "BLR")
    assert n == 1 and rows[0]["n_mentions"] == len(mentions)
