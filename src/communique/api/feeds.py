"""``GET /feeds``: the sources ``communique watch`` follows and the status of each (docs/watch.md).

An ``APIRouter`` included by :func:`communique.api.app.create_app`; it reads the store through the app's
shared connection (``Depends(api_state)``)."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from fastapi import APIRouter, Depends
from starlette.concurrency import run_in_threadpool

from ..watch.state import feed_rows
from .state import ApiState, api_state

log = logging.getLogger(__name__)

router = APIRouter(tags=["feeds"])


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=dt.UTC).isoformat().replace("+00:00", "Z")
    return value


@router.get("/feeds", summary="Watched sources and their status")
async def list_feeds(state: ApiState = Depends(api_state)) -> dict[str, Any]:
    """One item per source (feed, sitemap or page) the watcher polls: ``url``, ``kind``, ``title``,
    ``status`` (``ok``, ``failing`` or ``new``), ``last_poll`` / ``last_ok`` / ``next_poll`` (UTC),
    ``last_status``, ``items_found`` and ``new_items`` (of the last poll), ``articles`` (stored from its
    items), ``polls``, ``not_modified`` (304 answers), ``consecutive_failures`` and ``last_error``;
    ``last_read``: the latest successful poll over all sources."""
    rows = await run_in_threadpool(state.with_store, lambda s: feed_rows(s.con))
    items = [{k: _plain(v) for k, v in r.items() if k not in ("etag", "last_modified")} for r in rows]
    last = max((r["last_ok"] for r in rows if r["last_ok"] is not None), default=None)
    return {"items": items, "total": len(items), "last_read": _plain(last),
            "failing": sum(1 for r in rows if r["status"] == "failing")}
