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


#: error codes that say nothing of a document but of the installation or the configuration (a broken
#: knowledge file, a missing model): an input whose documents all failed with one of them is not marked
#: done, so that the next run, once the cause is fixed, codes it
SYSTEMIC_CODES = frozenset({"config_error", "knowledge_error", "pattern_error", "model_error", "missing_extra"})


def systemic_keys(keys: list[str], outputs: list, output_keys: list[str]) -> set[str]:
    """The keys among ``keys`` whose documents all failed for a systemic reason (SYSTEMIC_CODES)."""
    by_key: dict[str, list] = {}
    for out, key in zip(outputs, output_keys, strict=False):
        by_key.setdefault(key, []).append(out)
    held = set()
    for key in keys:
        outs = by_key.get(key)
        if outs and all(isinstance(o, DocError) and o.code in SYSTEMIC_CODES for o in outs):
            held.add(key)
    return held


def _under(document: str, roots: list[str]) -> bool:
    for root in roots:
        if root == "-":
            if document.startswith("<stdin>"):
                return True
            continue
        if document == root or document.startswith((root + os.sep, root + "#", root + "::")):
            return True
    return False


def _key_document(key: str) -> str:
    if key.startswith("file:"):
        return key[5:].rsplit("|", 2)[0]
    return key.rpartition("|")[0]


def forget_failures(con, roots: list[str]) -> tuple[int, int]:
    """For ``ingest --retry-failed``: remove the errors of documents under ``roots`` (normalised input
    paths) and the checkpoint keys of the inputs they belong to, in one transaction, so that the run
    codes them again. Returns (errors removed, keys removed)."""
    failed = {d for (d,) in con.execute("SELECT DISTINCT document FROM errors").fetchall()
              if d is not None and _under(d, roots)}
    if not failed:
        return 0, 0
    stale = []
    for (key,) in con.execute("SELECT key FROM inputs_done").fetchall():
        doc = _key_document(key)
        if doc in failed or (key.startswith("file:") and any(
                f.startswith((doc + "#", doc + "::")) for f in failed)):
            stale.append(key)
    con.execute("BEGIN TRANSACTION")
    try:
        n_err = con.execute("SELECT count(*) FROM errors WHERE list_contains(?::VARCHAR[], document)",
                            [sorted(failed)]).fetchone()[0]
        con.execute("DELETE FROM errors WHERE list_contains(?::VARCHAR[], document)", [sorted(failed)])
        if stale:
            con.execute("DELETE FROM inputs_done WHERE list_contains(?::VARCHAR[], key)", [stale])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return int(n_err), len(stale)
