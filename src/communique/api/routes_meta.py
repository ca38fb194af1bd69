"""``GET /samples``, ``/samples/{name}``, ``/health``, and the dashboard's page (``/``, ``/favicon.ico``)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import FileResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from ..errors import CommuniqueError, NotFound
from .params import jsonable
from .state import ApiState, api_state

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"
SAMPLES_DIR = Path(__file__).resolve().parents[1] / "samples"

router = APIRouter()


def _sample_files() -> list[Path]:
    """The plain-text sample articles shipped in ``communique/samples`` (written by the project)."""
    return sorted(SAMPLES_DIR.glob("*.txt")) if SAMPLES_DIR.is_dir() else []


@router.get("/samples", tags=["meta"], summary="The sample articles bundled with the package")
async def samples() -> dict[str, Any]:
    items = []
    for path in _sample_files():
        first = path.read_text(encoding="utf-8").strip().split("\n", 1)[0]
        items.append({"name": path.name, "title": first[:200]})
    return {"items": items, "total": len(items)}


@router.get("/samples/{name}", tags=["meta"], summary="One bundled sample article, as plain text")
async def sample(name: str) -> Response:
    for path in _sample_files():
        if path.name == name:
            return Response(path.read_text(encoding="utf-8"), media_type="text/plain; charset=utf-8")
    raise NotFound(f"no sample {name!r}")


@router.get("/health", tags=["meta"], summary="Status and row counts")
async def health(state: ApiState = Depends(api_state)) -> dict[str, Any]:
    out: dict[str, Any] = {"status": "ok", "db": state.db, "writes": state.writes_open and not state.read_only,
                           "token": state.token is not None, "model_loaded": state.nlp is not None}
    try:
        out["counts"] = jsonable(await run_in_threadpool(state.with_store, lambda s: s.counts()))
    except CommuniqueError as exc:
        out["status"] = "degraded"
        out["store_error"] = exc.to_dict()
    return out


@router.head("/", include_in_schema=False)
@router.get("/", include_in_schema=False)
async def index() -> FileResponse:
    return FileResponse(STATIC_DIR / "index.html", media_type="text/html", headers={"Cache-Control": "no-cache"})


@router.get("/favicon.ico", include_in_schema=False)
async def favicon() -> Response:
    return RedirectResponse("/static/favicon.svg")
