"""The places rules (``data/places/rules.yaml`` and the same file in each user data folder)."""

from __future__ import annotations

from functools import lru_cache

from ..knowledge import data_files, load_yaml

__all__ = ["rules"]


@lru_cache(maxsize=4)
def rules(extra: tuple[str, ...] | None = None) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for path in data_files("places/rules.yaml", list(extra) if extra is not None else None):
        for key, value in (load_yaml(path) or {}).items():
            out.setdefault(key, set()).update(str(v).lower() for v in value or [])
    return out

