"""Readers for every input format (owner: the foundation issue).

``read_paths(paths, *, published=None, settings=None)`` yields an :class:`~communique.records.Article`
or a :class:`~communique.records.DocError` per document, in input order, and never raises for a bad
document.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..config import Settings, get_settings
from ..records import Article, DocError


def read_paths(
    paths: Iterable[str | Path], *, published: str | dt.date | None = None, settings: Settings | None = None
) -> Iterator[Article | DocError]:
    settings = settings or get_settings()
    for p in paths:
        path = Path(p)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            yield DocError(document=str(path), code="unreadable", message=str(exc))
            continue
        lines = text.strip().splitlines()
        yield Article(
            text=text,
            title=lines[0].strip() if lines else None,
            published=str(published) if published else None,
            date_basis="given" if published else "none",
            document=str(path),
        )
