"""One configuration, validated on load, overridable by environment.

Sources, later ones winning: defaults, a TOML file (``communique.toml`` in the working directory, or the
path in ``COMMUNIQUE_CONFIG``), then environment variables ``COMMUNIQUE_<FIELD>`` (upper case), then
keyword overrides given by the caller (the CLI's flags).
"""

from __future__ import annotations

import json
import os
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import ConfigError

DEFAULT_PIPELINE = [
    "communique_segment",
    "communique_actors",
    "communique_coref",
    "communique_times",
    "communique_places",
    "communique_quotes",
    "communique_events",
]


# languages the pinned spaCy model reads (the coder has no other model)
MODEL_LANGUAGES = frozenset({"en"})


class MergeSettings(BaseModel):
    """The merge rule's settings (docs/store.md, "Merging"): one model read by every caller of the merge.

    A store remembers the settings of its last merge (``meta.merge``); a later merge that names none
    (``ingest``, ``POST /code?store=true``) uses those, so a choice made with ``stats --merge`` is kept."""

    model_config = ConfigDict(extra="forbid")

    window_days: int = Field(2, ge=0, description="days allowed between mentions of one event")
    max_event_days: int = Field(7, ge=0, description="longest chain of mentions of one event, in days")
    level: Literal["country", "code"] = Field("country", description="actors compared by country or by code")
    place: Literal["country", "geonameid", "none"] = Field("country", description="places compared by")
    symmetric: list[str] = Field(default_factory=list, description="types whose direction is ignored")
    precise_days: int = Field(7, ge=0, description="a mention dated to at most this many days is precise")
    max_span_days: int = Field(31, ge=0, description="longest date span still merged as one point in time")

    @field_validator("symmetric")
    @classmethod
    def _upper(cls, value: list[str]) -> list[str]:
        return sorted({v.strip().upper() for v in value if v.strip()})


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    db: str = Field("communique.duckdb", description="DuckDB file of the event store")
    engine: Literal["sync", "processes", "dask"] = Field("processes", description="batch engine")
    workers: int = Field(0, ge=0, description="worker count for the batch engine; 0 = one per core")
    scheduler: str | None = Field(None, description="dask scheduler address (tcp://host:port)")
    chunk_size: int = Field(32, ge=1, description="documents per chunk sent to a worker")
    batch_size: int = Field(16, ge=1, description="documents per nlp.pipe batch")
    batch_chars: int = Field(30_000, ge=0, description="a batch also ends once its texts reach this many "
                             "characters (bounds memory when long articles meet); 0 = no bound")
    max_bytes: int = Field(5_000_000, ge=1, description="largest input document accepted, in bytes")
    max_chars: int = Field(400_000, ge=1, description="longest article text coded, in characters")
    languages: list[str] = Field(default_factory=lambda: ["en"], description="languages the coder accepts")
    pipeline: list[str] = Field(default_factory=lambda: list(DEFAULT_PIPELINE))
    data_dirs: list[str] = Field(default_factory=list, description="extra knowledge folders, read after the bundled data")
    host: str = "127.0.0.1"
    port: int = 8000
    api_token: str | None = None
    max_request_bytes: int = 2_000_000
    merge: MergeSettings = Field(default_factory=MergeSettings, description="the merge rule's default settings")

    @field_validator("languages")
    @classmethod
    def _model_languages(cls, value: list[str]) -> list[str]:
        """Only languages with a model: text of another language would be parsed by the English model
        and yield nonsense actors without a warning."""
        langs = [v.strip().lower() for v in value]
        other = [v for v in langs if v not in MODEL_LANGUAGES]
        if other:
            raise ValueError(f"no model for {', '.join(other)}: only {', '.join(sorted(MODEL_LANGUAGES))} "
                             "(English) can be coded; remove the other languages")
        if not langs:
            raise ValueError("name at least one language (en)")
        return langs


_ENV_PREFIX = "COMMUNIQUE_"


def _from_env() -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, field in Settings.model_fields.items():
        raw = os.environ.get(_ENV_PREFIX + name.upper())
        if raw is None:
            continue
        ann = field.annotation
        if name == "merge":  # COMMUNIQUE_MERGE='{"window_days": 3}'
            try:
                out[name] = json.loads(raw)
            except json.JSONDecodeError as exc:
                raise ConfigError(f"{_ENV_PREFIX}MERGE is not a JSON object: {exc}") from exc
        elif ann is not None and getattr(ann, "__origin__", None) is list or name in {"languages", "pipeline", "data_dirs"}:
            out[name] = [p.strip() for p in raw.replace(os.pathsep, ",").split(",") if p.strip()]
        else:
            out[name] = raw
    return out


def load_settings(path: str | os.PathLike[str] | None = None, **overrides: Any) -> Settings:
    """Build the settings; raise ConfigError naming the bad field when validation fails."""
    data: dict[str, Any] = {}
    cfg = path or os.environ.get(_ENV_PREFIX + "CONFIG")
    if cfg is None and Path("communique.toml").is_file():
        cfg = "communique.toml"
    if cfg:
        try:
            with open(cfg, "rb") as fh:
                loaded = tomllib.load(fh)
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"cannot read config {cfg}: {exc}") from exc
        data.update({k: v for k, v in loaded.get("communique", loaded).items() if k != "watch"})  # watch/config.py
    data.update(_from_env())
    data.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ConfigError(f"invalid configuration: {problems}") from exc


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
