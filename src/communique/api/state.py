"""State shared by the API's routers: one store connection and a pool of pipelines, each behind a lock,
reached by every route through ``Depends(api_state)``; the write check (``require_write``) and the
guarded call into the store or the analysis (``call_checked``)."""

from __future__ import annotations

import dataclasses
import hmac
import ipaddress
import logging
import threading
from collections.abc import Callable
from typing import Any

from fastapi import Request

from ..config import Settings
from ..errors import CommuniqueError
from ..nlp import build_pipeline, get_nlp
from ..store import Store
from .errors import InvalidRequest, QueryTimeout, ReadOnly, TokenRequired, Unauthorized, Unavailable

log = logging.getLogger(__name__)


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and ``localhost``."""
    if host in {"localhost", "ip6-localhost"}:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class _Lane:
    """Up to ``capacity`` pipelines, built on first need by ``build``; a thread waits for a free one."""

    def __init__(self, capacity: int, build: Callable[[], Any], first: Any = None) -> None:
        self.capacity = max(1, capacity)
        self.build = build
        self.free: list[Any] = [first] if first is not None else []
        self.built = len(self.free)
        self.cond = threading.Condition()

    def take(self) -> Any:
        with self.cond:
            while not self.free and self.built >= self.capacity:
                self.cond.wait()
            if self.free:
                return self.free.pop()
            self.built += 1
        try:
            log.info("loading a pipeline for POST /code")
            return self.build()
        except Exception:
            with self.cond:
                self.built -= 1
                self.cond.notify()
            raise

    def give(self, nlp: Any) -> None:
        with self.cond:
            self.free.append(nlp)
            self.cond.notify()


class PipelinePool:
    """The spaCy pipelines POST /code codes with, in two lanes, so that a long article never makes a short
    one wait for it: articles of at least ``long_chars`` characters are coded on the long lane (``size - 1``
    pipelines, built on first need), the others on the short lane (the pipeline given). Each pipeline
    codes one document at a time (spaCy is not made for threads); with ``size`` 1 both lanes share it.
    The knowledge tables are shared: another pipeline costs one more spaCy model in memory."""

    def __init__(self, first: Any, size: int = 2, long_chars: int = 20_000, build: Callable[[], Any] | None = None) -> None:
        if build is None:
            build = build_pipeline
        self.long_chars = long_chars
        self.short = _Lane(1, build, first)
        self.long = _Lane(size - 1, build) if size > 1 else self.short

    def lane(self, chars: int) -> _Lane:
        return self.long if chars >= self.long_chars else self.short

    def take(self, chars: int = 0) -> Any:
        return self.lane(chars).take()

    def give(self, nlp: Any, chars: int = 0) -> None:
        self.lane(chars).give(nlp)


@dataclasses.dataclass
class ApiState:
    db: str
    token: str | None
    host: str
    read_only: bool
    settings: Settings
    nlp: Any = None
    store: Any = None
    store_lock: threading.RLock = dataclasses.field(default_factory=threading.RLock)
    nlp_lock: threading.Lock = dataclasses.field(default_factory=threading.Lock)
    pool: Any = None

    @property
    def writes_open(self) -> bool:
        return self.token is not None or is_loopback(self.host)

    def get_nlp(self) -> Any:
        if self.nlp is None:
            with self.nlp_lock:
                if self.nlp is None:
                    self.nlp = get_nlp()
        return self.nlp

    def get_pool(self) -> PipelinePool:
        if self.pool is None:
            nlp = self.get_nlp()
            with self.nlp_lock:
                if self.pool is None:
                    self.pool = PipelinePool(nlp, size=self.settings.code_workers,
                                             long_chars=self.settings.code_long_chars)
        return self.pool

    def get_store(self) -> Any:
        if self.store is None:
            with self.store_lock:
                if self.store is None:
                    try:
                        store = Store(self.db, read_only=self.read_only)
                    except CommuniqueError as exc:  # locked by another process, missing, newer schema...
                        raise Unavailable(f"the store is unavailable: {exc.message}") from exc
                    enter = getattr(store, "__enter__", None)
                    self.store = enter() if enter is not None else store
        return self.store

    def close(self) -> None:
        with self.store_lock:
            if self.store is not None:
                try:
                    self.store.__exit__(None, None, None)
                except Exception:
                    log.warning("closing the store failed", exc_info=True)
                self.store = None

    def with_store(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run ``fn(store, ...)`` holding the store lock (one DuckDB connection, used by one thread at a time)."""
        store = self.get_store()
        with self.store_lock:
            return fn(store, *args, **kwargs)

    def read_store(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """``with_store`` for a read: the query is interrupted after ``settings.query_timeout`` seconds
        (503 ``query_timeout``), so that no request holds the store for long."""
        store = self.get_store()
        with self.store_lock:
            return run_with_timeout(store, self.settings.query_timeout, fn, store, *args, **kwargs)


def run_with_timeout(store: Any, seconds: float, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """``fn(*args)``; when it runs longer than ``seconds``, the store's DuckDB connection is interrupted
    (``DuckDBPyConnection.interrupt``) and QueryTimeout is raised. The caller holds the store lock."""
    con = getattr(store, "con", None)
    if con is None or not hasattr(con, "interrupt"):
        return fn(*args, **kwargs)
    guard = threading.Lock()
    state = {"done": False, "fired": False}

    def fire() -> None:
        with guard:
            if not state["done"]:
                state["fired"] = True
                con.interrupt()

    timer = threading.Timer(seconds, fire)
    timer.daemon = True
    timer.start()
    try:
        return fn(*args, **kwargs)
    except Exception as exc:
        if state["fired"]:
            log.warning("query interrupted after %.1f s: %s", seconds, exc)
            raise QueryTimeout(f"the query took more than {seconds:g} s and was stopped: narrow it "
                               "(a shorter window, more filters)") from exc
        raise
    finally:
        with guard:
            state["done"] = True
        timer.cancel()



def api_state(request: Request) -> ApiState:
    """The app's shared state (a FastAPI dependency)."""
    return request.app.state.api


def require_write(request: Request, state: ApiState) -> None:
    """Refuse a write without the server's token (401), when writes are disabled (403) or the store is
    read-only (409)."""
    if state.token is None:
        if not state.writes_open:
            raise TokenRequired(
                f"write endpoints are disabled: the server listens on {state.host} without a token "
                "(start it with --token or COMMUNIQUE_API_TOKEN)"
            )
        if state.read_only:
            raise ReadOnly("the store is open read-only")
        return
    supplied = request.headers.get("x-communique-token") or ""
    auth = request.headers.get("authorization") or ""
    if auth.lower().startswith("bearer "):
        supplied = auth[7:].strip()
    if not supplied or not hmac.compare_digest(supplied.encode(), state.token.encode()):
        raise Unauthorized("this endpoint needs the server's token: Authorization: Bearer <token>")
    if state.read_only:
        raise ReadOnly("the store is open read-only")


def call_checked(state: ApiState, fn: Callable[..., Any], *args: Any, _timeout: bool = True, **kwargs: Any) -> Any:
    """Call a store/analysis function (interrupted after the query timeout unless ``_timeout`` is false: an
    export writes the whole table); a ValueError (bad filter, unknown sort key) becomes a 422."""
    try:
        if not _timeout:
            return state.with_store(fn, *args, **kwargs)
        return state.read_store(fn, *args, **kwargs)
    except CommuniqueError:
        raise
    except (ValueError, KeyError) as exc:
        raise InvalidRequest(str(exc).strip("'\"") or type(exc).__name__) from exc
