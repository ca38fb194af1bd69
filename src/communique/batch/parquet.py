"""Coded chunks as Parquet parts: what workers write on a cluster, and what ``ingest --from-parquet`` loads.

A folder holds one file per chunk, ``part-<digest>.parquet``, where the digest is computed from the
chunk's checkpoint keys: coding the same chunk again overwrites the same file, and a part appears whole
or not at all (written to a temporary name, then renamed). Columns, one row per input document:

========== ========================================================================================
``key``        the checkpoint key (:mod:`communique.batch.checkpoint`)
``kind``       ``record``, ``error``, or ``done`` (an input that held no article: no json)
``document``   the document name (path, path#line, path::item)
``id``         the article id (``sha256:...``), or null for an error
``json``       the article record as JSON (``ArticleRecord.to_json``), or the DocError as JSON
========== ========================================================================================
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from ..errors import MissingExtra
from ..records import ArticleRecord, DocError
from .work import ChunkResult

log = logging.getLogger(__name__)

COLUMNS = ("key", "kind", "document", "id", "json")


def _pa():
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise MissingExtra("pyarrow", "parquet") from exc
    return pa, pq


def part_name(keys: list[str]) -> str:
    digest = hashlib.sha256("\n".join(keys).encode("utf-8")).hexdigest()[:24]
    return f"part-{digest}.parquet"


def write_part(out_dir: Path, res: ChunkResult) -> Path:
    """Write one coded chunk as a Parquet part (atomically) and return its path."""
    pa, pq = _pa()
    out_dir.mkdir(parents=True, exist_ok=True)
    rows: dict[str, list] = {c: [] for c in COLUMNS}
    for key, out in zip(res.output_keys, res.outputs, strict=True):
        rows["key"].append(key)
        if isinstance(out, ArticleRecord):
            rows["kind"].append("record")
            rows["document"].append(out.article.document)
            rows["id"].append(out.article.id)
            rows["json"].append(out.to_json())
        else:
            rows["kind"].append("error")
            rows["document"].append(out.document)
            rows["id"].append(None)
            rows["json"].append(out.model_dump_json())
    for key in sorted(set(res.keys) - set(res.output_keys)):  # a file that held no article (all passed over)
        rows["key"].append(key)
        rows["kind"].append("done")
        rows["document"].append(None)
        rows["id"].append(None)
        rows["json"].append(None)
    table = pa.table({c: pa.array(rows[c], type=pa.string()) for c in COLUMNS})
    path = out_dir / part_name(res.keys)
    tmp = out_dir / f".{path.name}.{os.getpid()}.tmp"
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)
    return path


def part_files(folder: Path) -> list[Path]:
    return sorted(p for p in Path(folder).glob("part-*.parquet") if p.is_file())


def done_keys(folder: Path) -> set[str]:
    """Every checkpoint key already written as Parquet under ``folder``."""
    _, pq = _pa()
    keys: set[str] = set()
    for p in part_files(folder):
        try:
            keys.update(pq.read_table(p, columns=["key"]).column("key").to_pylist())
        except Exception as exc:
            log.warning("ignoring unreadable part %s: %s", p, exc)
    return keys


def read_part(path: Path) -> tuple[list[str], list[ArticleRecord], list[DocError]]:
    """(keys, records, errors) of one part."""
    _, pq = _pa()
    table = pq.read_table(path, columns=["key", "kind", "json"])
    keys = sorted(set(table.column("key").to_pylist()))
    records: list[ArticleRecord] = []
    errors: list[DocError] = []
    for kind, js in zip(table.column("kind").to_pylist(), table.column("json").to_pylist(), strict=True):
        if kind == "record":
            records.append(ArticleRecord.from_json(js))
        elif kind == "error":
            errors.append(DocError.model_validate_json(js))
    return keys, records, errors
