"""Shared fixtures. The spaCy pipeline loads once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("COMMUNIQUE_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
OUTPUT = ROOT / "test-output"


@pytest.fixture(scope="session")
def nlp():
    from communique.nlp import get_nlp

    return get_nlp()


@pytest.fixture(scope="session")
def code(nlp):
    """code(text, published="2024-03-05", title=None) -> ArticleRecord, for sentences written in tests."""
    from communique.coder import code_article
    from communique.records import Article

    def _code(text: str, published: str | None = "2024-03-05", **meta):
        art = Article(text=text, published=published, date_basis="given" if published else "none", **meta)
        return code_article(art, nlp=nlp)

    return _code


@pytest.fixture(scope="session")
def corpus() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent")
    return CORPUS


@pytest.fixture(scope="session")
def seed(corpus) -> Path:
    p = corpus / "seed"
    if not (p / "article.txt").is_file():
        pytest.skip("seed article absent")
    return p


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT


@pytest.fixture
def make_record():
    """build_record(events, published=..., outlet=..., ...) -> an ArticleRecord built by hand."""
    from .hand_records import build_record

    return build_record


@pytest.fixture
def db(tmp_path):
    return tmp_path / "store.duckdb"
