"""Where knowledge files live: the bundled ``communique/data`` folder, then each folder in
``Settings.data_dirs`` (or ``COMMUNIQUE_DATA_DIRS``), so a user extends the knowledge without touching
code. Later folders add to, and for keyed entries override, earlier ones."""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError

BUNDLED = Path(__file__).parent / "data"
#: libyaml's safe loader when PyYAML was built with it (about 10x faster on the large office lists), else
#: the pure-Python one; both build the same objects
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def data_roots(extra: list[str] | tuple[str, ...] | None = None) -> list[Path]:
    from .config import get_settings

    dirs = list(extra) if extra is not None else list(get_settings().data_dirs)
    return [BUNDLED, *(Path(d) for d in dirs)]


def data_files(relpath: str, extra: list[str] | tuple[str, ...] | None = None) -> Iterator[Path]:
    """Every file at ``relpath`` (a file, or a folder whose ``*.yaml``/``*.tsv`` files are taken in name
    order) under each data root, bundled first."""
    for root in data_roots(extra):
        p = root / relpath
        if p.is_dir():
            yield from sorted(q for q in p.iterdir() if q.suffix in {".yaml", ".yml", ".tsv", ".json", ".txt"})
        elif p.is_file():
            yield p


@lru_cache(maxsize=256)
def _load_yaml(path: str, mtime: float) -> Any:
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_LOADER)  # a safe loader (C or Python)
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read knowledge file {path}: {exc}") from exc


def load_yaml(path: Path) -> Any:
    return _load_yaml(str(path), path.stat().st_mtime)
