"""The publication date is parsed in one place (communique.ingest.published) and every caller agrees."""

from __future__ import annotations

import datetime as dt

import pytest

from communique.errors import ConfigError
from communique.ingest.published import GIVEN_MAX, GIVEN_MIN, given_date, publication_day


def test_given_date_normalises_and_bounds():
    assert given_date("2024-03-05") == "2024-03-05"
    assert given_date(" 2024-03-05T10:00:00Z") == "2024-03-05"
    assert given_date(dt.date(2020, 1, 2)) == "2020-01-02"
    assert given_date(None) is None and given_date("") is None
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        given_date("14/08/2023")
    with pytest.raises(ValueError, match=str(GIVEN_MIN)):
        given_date("0001-01-01")
    assert GIVEN_MAX.year == 9000


def test_publication_day_reads_what_ingest_wrote():
    assert publication_day("2023-08-14") == dt.date(2023, 8, 14)
    assert publication_day(None) is None
    assert publication_day("undated") is None


def test_batch_and_api_use_the_same_check():
    from communique.api.errors import InvalidRequest
    from communique.api.routes_code import _check_published
    from communique.batch.runner import _published

    assert _published("2024-03-05") == _check_published("2024-03-05") == "2024-03-05"
    with pytest.raises(ConfigError, match="1000-01-01"):
        _published("0500-01-01")
    with pytest.raises(InvalidRequest, match="1000-01-01"):
        _check_published("0500-01-01")


def test_the_coder_anchors_on_the_article_date(nlp):
    from communique.coder import make_doc
    from communique.records import Article

    doc = make_doc(nlp, Article(text="Talks resumed on Monday.", published="2024-03-05"))
    assert doc._.published == dt.date(2024, 3, 5)
