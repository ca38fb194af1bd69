"""The watcher's settings: politeness, limits and scheduling (docs/watch.md, "Settings").

Sources, later ones winning: defaults, the ``[watch]`` table of the configuration file (``communique.toml``
or ``COMMUNIQUE_CONFIG``, also read as ``[communique.watch]``), environment variables
``COMMUNIQUE_WATCH_<FIELD>``, then keyword overrides (the CLI's flags).
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..errors import ConfigError

DEFAULT_USER_AGENT = "Communique-watch/0.1 (+https://github.com/communique; news event coding)"


class WatchSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    user_agent: str = Field(DEFAULT_USER_AGENT, description="User-Agent header sent with every request (and the "
                            "name robots.txt rules are matched against)")
    interval: float = Field(900.0, ge=0, description="seconds between two polls of a feed (--every)")
    max_backoff: float = Field(86_400.0, ge=0, description="longest wait before polling a failing feed again")
    connect_timeout: float = Field(10.0, gt=0, description="seconds to connect")
    read_timeout: float = Field(20.0, gt=0, description="seconds without a byte before a response is given up")
    retries: int = Field(2, ge=0, description="retries of a request that timed out or got a 5xx answer")
    retry_backoff: float = Field(1.0, ge=0, description="seconds before the first retry; doubled for each next one")
    max_redirects: int = Field(5, ge=0, description="redirects followed per request")
    max_bytes: int = Field(5_000_000, ge=1, description="largest response body read (bigger: too_large)")
    concurrency: int = Field(16, ge=1, description="requests in flight over all hosts")
    per_host: int = Field(2, ge=1, description="requests in flight to one host")
    host_delay: float = Field(1.0, ge=0, description="seconds between two requests to one host (a robots.txt "
                              "Crawl-delay, when longer, wins)")
    robots: bool = Field(True, description="obey robots.txt (switch off only for your own sites)")
    allow_private: bool = Field(False, description="allow private, link-local and loopback addresses")
    allow_loopback: bool = Field(False, description="allow loopback addresses only (127.0.0.0/8, ::1)")
    max_attempts: int = Field(5, ge=1, description="passes that try a failing article page before giving up")
    max_items: int = Field(1000, ge=1, description="items read from one feed or sitemap per poll")
    max_child_sitemaps: int = Field(20, ge=0, description="sitemaps of a sitemap index read per poll")
    chunk_size: int = Field(32, ge=1, description="pages per chunk sent to a coding worker")


_ENV = "COMMUNIQUE_WATCH_"
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.I)


def parse_duration(text: str | float | int) -> float:
    """Seconds from ``90``, ``90s``, ``15m``, ``2h`` or ``1d``; ConfigError otherwise."""
    if isinstance(text, int | float):
        return float(text)
    m = _DURATION.match(str(text))
    if not m:
        raise ConfigError(f"not a duration: {text!r} (examples: 90s, 15m, 2h, 1d)")
    return float(m[1]) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m[2].lower()]


def _file_table(path: str | os.PathLike[str] | None) -> dict[str, Any]:
    cfg = path or os.environ.get("COMMUNIQUE_CONFIG")
    if cfg is None and Path("communique.toml").is_file():
        cfg = "communique.toml"
    if not cfg:
        return {}
    try:
        with open(cfg, "rb") as fh:
            loaded = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read config {cfg}: {exc}") from exc
    table = loaded.get("watch") or (loaded.get("communique") or {}).get("watch") or {}
    return dict(table) if isinstance(table, dict) else {}


def load_watch_settings(path: str | os.PathLike[str] | None = None, **overrides: Any) -> WatchSettings:
    """Build the watcher's settings; ConfigError naming the bad field when one is invalid."""
    data = _file_table(path)
    for name in WatchSettings.model_fields:
        raw = os.environ.get(_ENV + name.upper())
        if raw is not None:
            data[name] = raw
    data.update({k: v for k, v in overrides.items() if v is not None})
    try:
        return WatchSettings.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise ConfigError(f"invalid watch configuration: {problems}") from exc
