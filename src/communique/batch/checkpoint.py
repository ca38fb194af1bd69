"""Checkpoint keys: what a batch records as done, in the same transaction as the records themselves.

A key names one input document and its content, so a resumed run skips exactly what is already stored
and codes again a document whose file changed:

- an article: ``<document>|<article id>`` (``Article.document`` is the path, ``path#line`` or
  ``path::item``; the article id is the sha256 of its normalised text);
- a document that could not be read: ``<document>|error:<code>``; the error is stored with the key, so
  it is not retried on resume (fix the file and its key changes).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..records import Article, DocError


def input_key(item: Article | DocError) -> str:
    """The checkpoint key of one input document."""
    if isinstance(item, DocError):
        return f"{item.document}|error:{item.code}"
    return f"{item.document or item.input_id or ''}|{item.id}"


def keyed(
    items: Iterable[Article | DocError], *, done: set[str] | frozenset[str] = frozenset(), stats: dict[str, int] | None = None
) -> Iterator[tuple[str, Article | DocError]]:
    """(key, item) for every item not yet done; repeats within the stream are dropped too. ``stats``
    counts ``read``, ``skipped`` (done before) and ``repeated``."""
    seen: set[str] = set()
    stats = stats if stats is not None else {}
    for k in ("read", "skipped", "repeated"):
        stats.setdefault(k, 0)
    for item in items:
        stats["read"] += 1
        key = input_key(item)
        if key in done:
            stats["skipped"] += 1
            continue
        if key in seen:
            stats["repeated"] += 1
            continue
        seen.add(key)
        yield key, item
