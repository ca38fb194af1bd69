"""Batch coding: the same coder over many inputs, on ``sync``, local ``processes`` or a ``dask`` cluster,
with checkpoints so an interrupted run resumes without losing or doubling a record (see docs/batch.md).
"""

from __future__ import annotations

from .checkpoint import file_key, input_key
from .engines import ENGINES, BatchError, DaskEngine, Engine, ProcessEngine, SyncEngine, get_engine, register_engine
from .runner import (
    IngestReport,
    chunked,
    code_paths,
    estimate_documents,
    in_order,
    ingest,
    ingest_to_parquet,
    load_parquet,
    plan_chunks,
)
from .work import Chunk, ChunkResult, code_chunk, code_chunk_to_parquet

__all__ = [
    "ENGINES",
    "BatchError",
    "Chunk",
    "ChunkResult",
    "DaskEngine",
    "Engine",
    "IngestReport",
    "ProcessEngine",
    "SyncEngine",
    "chunked",
    "code_chunk",
    "code_chunk_to_parquet",
    "code_paths",
    "estimate_documents",
    "get_engine",
    "in_order",
    "ingest",
    "ingest_to_parquet",
    "input_key",
    "file_key",
    "load_parquet",
    "plan_chunks",
    "register_engine",
]
