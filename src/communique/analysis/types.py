"""The PLOVER type table the analysis counts with (quad class and score), read from
``data/analysis/plover_types.yaml`` and any user folder (see that file for its format)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..errors import ConfigError
from ..knowledge import data_files, load_yaml

COOPERATION = (1, 2)
CONFLICT = (3, 4)
QUAD_NAMES = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}


@dataclass(frozen=True)
class TypeInfo:
    quad: int
    score: float


@lru_cache(maxsize=1)
def type_table() -> dict[str, TypeInfo]:
    """PLOVER type -> TypeInfo, bundled file first, user folders overriding it entry by entry."""
    out: dict[str, TypeInfo] = {}
    for path in data_files("analysis/plover_types.yaml"):
        data = load_yaml(path) or {}
        if not isinstance(data, dict):
            raise ConfigError(f"{path}: expected a mapping of PLOVER type -> {{quad, score}}")
        for name, entry in data.items():
            try:
                quad = int(entry["quad"])
                score = float(entry["score"])
            except (TypeError, KeyError, ValueError) as exc:
                raise ConfigError(f"{path}: entry {name!r} needs a numeric quad and score") from exc
            if quad not in QUAD_NAMES:
                raise ConfigError(f"{path}: entry {name!r}: quad must be 1, 2, 3 or 4")
            out[str(name).upper()] = TypeInfo(quad=quad, score=score)
    return out
