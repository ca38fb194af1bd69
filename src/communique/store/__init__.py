"""The DuckDB event store: :class:`Store` (write, count, merge), :mod:`.queries` for the API,
:mod:`.export` for files. See docs/store.md."""

from __future__ import annotations

from . import queries
from .export import export
from .queries import InvalidQuery
from .schema import LATEST as SCHEMA_VERSION
from .store import Store

__all__ = ["SCHEMA_VERSION", "InvalidQuery", "Store", "export", "queries"]
