"""Checkpoint keys: what a batch records as done, in the same transaction as the records themselves.

A key names one input and its version, so a resumed run skips exactly what is already stored and codes
again an input that changed:

- a small file, read and coded whole by a worker: ``file:<path>|<size>|<mtime_ns>``. On resume the file
  is skipped after a ``stat``, without being read;
- a document of a large file (a big JSON Lines file, a WARC, a feed: read by the writer and coded in
  chunks of documents): ``<document>|<article id>`` (``Article.document`` is ``path#line`` or
  ``path::item``; the article id is the sha256 of its normalised text);
- a document that could not be read: ``<document>|error:<code>``. The error is stored with its key, so
  it is not retried on resume (fix the file and its key changes).
"""

from __future__ import annotations

import os
from pathlib import Path

from ..records import Article, DocError


def input_key(item: Article | DocError) -> str:
    """The checkpoint key of one document."""
    if isinstance(item, DocError):
        return f"{item.document}|error:{item.code}"
    return f"{item.document or item.input_id or ''}|{item.id}"


def file_key(path: str | Path, st: os.stat_result | None = None) -> str:
    """The checkpoint key of a whole file: its path, size and modification time."""
    st = st or os.stat(path)
    return f"file:{path}|{st.st_size}|{st.st_mtime_ns}"
