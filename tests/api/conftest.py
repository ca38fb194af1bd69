"""Fixtures for the API tests: a real DuckDB store built from hand-made records, the real app over it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .sample_store import build_store

pytest.importorskip("fastapi")


@pytest.fixture(scope="session")
def sample_db_master(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("api-store") / "sample.duckdb"
    build_store(path)
    return path


@pytest.fixture
def sample_db(sample_db_master, tmp_path) -> Path:
    """A fresh copy of the sample store for each test that may write to it."""
    path = tmp_path / "store.duckdb"
    shutil.copy(sample_db_master, path)
    return path


@pytest.fixture(scope="session")
def ro_client(sample_db_master, nlp):
    """A client over the shared sample store opened read-only (tests that only read)."""
    from fastapi.testclient import TestClient

    from communique.api import create_app

    app = create_app(db=sample_db_master, read_only=True, nlp=nlp)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        yield client


@pytest.fixture
def make_client(nlp):
    """make_client(db=..., **options) -> a TestClient over a real app; closed at teardown."""
    from fastapi.testclient import TestClient

    from communique.api import create_app

    opened = []

    def _make(db: Path, **options) -> TestClient:
        options.setdefault("nlp", nlp)
        client = TestClient(create_app(db=db, **options), raise_server_exceptions=False, base_url="http://127.0.0.1")
        client.__enter__()
        opened.append(client)
        return client

    yield _make
    for c in opened:
        c.__exit__(None, None, None)


def pytest_configure(config) -> None:
    # starlette's TestClient warns that it will move to httpx2; not our concern here
    config.addinivalue_line("filterwarnings", "ignore:Using `httpx` with `starlette.testclient`")
