"""Fetching as a good citizen: one asynchronous httpx client with conditional GET, per-host concurrency
and delay, robots.txt (protego), retries with backoff for 5xx answers and timeouts only, limits on
redirects and size, http(s) only, and private / link-local / loopback addresses refused unless allowed.

Every request ends in a :class:`Fetched`: a body, a 304 (``not_modified``), or an ``error`` code (stable):
``bad_scheme``, ``address_refused``, ``dns_error``, ``disallowed`` (robots.txt), ``robots_unavailable``,
``too_many_redirects``, ``too_large``, ``timeout``, ``connect_error``, ``http_<status>`` (e.g.
``http_404``, ``http_500``).

``WarcSink`` keeps every response (robots.txt, feeds and pages, errors too) in a gzipped WARC file that
``communique code`` / ``ingest`` read again offline.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import os
import socket
import threading
import time
from dataclasses import dataclass, field
from http import HTTPStatus
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from ..errors import MissingExtra
from .config import WatchSettings
from .urls import origin, refused_address

log = logging.getLogger(__name__)

_REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(slots=True)
class Fetched:
    """The outcome of one GET (after redirects and retries)."""

    url: str  # as asked
    final_url: str = ""
    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    error: str | None = None  # stable code, None when a body (or a 304) came back
    message: str = ""
    attempts: int = 0
    redirects: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


class _Problem(Exception):
    def __init__(self, code: str, message: str, status: int = 0) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status


class WarcSink:
    """Appends every response to ``DIR/watch-<UTC time>-<pid>.warc.gz`` (one file per watcher run)."""

    def __init__(self, folder: str | Path) -> None:
        from warcio.warcwriter import WARCWriter

        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        self.path = self.folder / f"watch-{stamp}-{os.getpid()}.warc.gz"
        self._fh = open(self.path, "ab")
        self._writer = WARCWriter(self._fh, gzip=True)
        self._lock = threading.Lock()
        self.records = 0

    def write(self, url: str, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        from warcio.statusandheaders import StatusAndHeaders

        # the body is kept decoded: drop the transfer headers that described the encoded one
        kept = [(k, v) for k, v in headers if k.lower() not in {"content-encoding", "transfer-encoding", "content-length"}]
        kept.append(("Content-Length", str(len(body))))
        try:
            reason = HTTPStatus(status).phrase
        except ValueError:
            reason = "Unknown"
        http = StatusAndHeaders(f"{status} {reason}", kept, protocol="HTTP/1.1")
        with self._lock:
            rec = self._writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=http)
            self._writer.write_record(rec)
            self._fh.flush()
            self.records += 1

    def close(self) -> None:
        with self._lock:
            self._fh.close()


class _Host:
    """Per-origin state: a semaphore (concurrency), the time of the next allowed request (delay), and
    the robots.txt rules."""

    def __init__(self, per_host: int, delay: float) -> None:
        self.sem = asyncio.Semaphore(per_host)
        self.delay = delay
        self.next_at = 0.0
        self.robots: Any = None  # protego.Protego, or False (allow all), or an error string (refuse all)
        self.robots_lock = asyncio.Lock()
        self.addresses_ok: str | None | bool = False  # False: not checked; None: fine; str: refused reason


class Fetcher:
    """Use inside a running event loop as ``async with Fetcher(settings) as f: await f.get(url)``."""

    def __init__(self, settings: WatchSettings, *, warc: WarcSink | None = None) -> None:
        try:
            import httpx  # noqa: F401
        except ImportError as exc:  # pragma: no cover - httpx is a dependency of the watch extra
            raise MissingExtra("httpx", "watch") from exc
        self.s = settings
        self.warc = warc
        self._hosts: dict[str, _Host] = {}
        self._all: asyncio.Semaphore | None = None
        self._client: Any = None
        self.requests = 0  # HTTP requests sent (retries and redirects included)
        self.seconds = 0.0  # set by the watcher: how long its fetching took
        self.robots_refused = 0

    async def __aenter__(self) -> Fetcher:
        import httpx

        timeout = httpx.Timeout(self.s.read_timeout, connect=self.s.connect_timeout)
        limits = httpx.Limits(max_connections=self.s.concurrency, max_keepalive_connections=self.s.concurrency)
        self._client = httpx.AsyncClient(timeout=timeout, limits=limits, follow_redirects=False, trust_env=False,
                                         headers={"User-Agent": self.s.user_agent})
        self._all = asyncio.Semaphore(self.s.concurrency)
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._client.aclose()

    def _host(self, url: str) -> _Host:
        key = origin(url)
        h = self._hosts.get(key)
        if h is None:
            h = self._hosts[key] = _Host(self.s.per_host, self.s.host_delay)
        return h

    # ---------------------------------------------------------------------------------- checks
    async def _check_address(self, url: str, host: _Host) -> None:
        if host.addresses_ok is False:
            host.addresses_ok = await self._resolve_reason(url)
        if isinstance(host.addresses_ok, str):
            raise _Problem("address_refused" if not host.addresses_ok.startswith("dns:") else "dns_error",
                           host.addresses_ok.removeprefix("dns:"))

    async def _resolve_reason(self, url: str) -> str | None:
        parts = urlsplit(url)
        name = parts.hostname or ""
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            infos = await asyncio.get_running_loop().getaddrinfo(name, port, type=socket.SOCK_STREAM)
        except OSError as exc:
            return f"dns:cannot resolve {name}: {exc.strerror or exc}"
        for info in infos:
            address = str(info[4][0])
            why = refused_address(address, allow_private=self.s.allow_private, allow_loopback=self.s.allow_loopback)
            if why:
                return f"{name} resolves to {address}, {why} (allow_private / allow_loopback to fetch it)"
        return None

    async def _allowed(self, url: str, host: _Host) -> None:
        if not self.s.robots:
            return
        async with host.robots_lock:
            if host.robots is None:
                host.robots = await self._load_robots(url, host)
        if isinstance(host.robots, str):
            self.robots_refused += 1
            raise _Problem("robots_unavailable", host.robots)
        if host.robots is not False and not host.robots.can_fetch(url, self.s.user_agent):
            self.robots_refused += 1
            raise _Problem("disallowed", "robots.txt disallows this URL for our user agent")

    async def _load_robots(self, url: str, host: _Host) -> Any:
        from protego import Protego

        robots_url = origin(url) + "/robots.txt"
        try:
            got = await self._follow(robots_url, {}, host, check_robots=False)
        except _Problem as exc:
            if exc.code.startswith("http_4"):
                return False  # no robots.txt: everything allowed
            # RFC 9309: an unreachable robots.txt means "disallow all" (until the next run)
            return f"robots.txt could not be read ({exc.code}: {exc.message}): nothing fetched from this site"
        text = got.body.decode("utf-8", "replace")
        try:
            rules = Protego.parse(text)
        except Exception as exc:  # a robots.txt protego cannot read: allow, as crawlers do with garbage
            log.warning("robots.txt of %s unreadable (%s): allowing everything", origin(url), exc)
            return False
        delay = rules.crawl_delay(self.s.user_agent)
        if delay:
            host.delay = max(host.delay, float(delay))
        return rules

    # ---------------------------------------------------------------------------------- requests
    async def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET ``url`` (conditional when validators are given), following redirects within the limits."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            return await self._follow(url, headers, None, check_robots=True)
        except _Problem as exc:
            return Fetched(url=url, final_url=url, status=exc.status, error=exc.code, message=exc.message)

    async def _follow(self, url: str, headers: dict[str, str], host: _Host | None, *, check_robots: bool) -> Fetched:
        asked = url
        for hop in range(self.s.max_redirects + 1):
            if urlsplit(url).scheme.lower() not in ("http", "https"):
                raise _Problem("bad_scheme", f"only http(s) URLs are fetched, not {url[:100]!r}")
            h = self._host(url)
            await self._check_address(url, h)
            if check_robots:
                await self._allowed(url, h)
            got = await self._with_retries(url, headers if hop == 0 else {}, h)
            got.url, got.redirects = asked, hop
            if got.status in _REDIRECTS and got.headers.get("location"):
                url = urljoin(url, got.headers["location"])
                continue
            if got.status == 304 or 200 <= got.status < 300:
                return got
            raise _Problem(f"http_{got.status}", f"the server answered {got.status}", got.status)
        raise _Problem("too_many_redirects", f"more than {self.s.max_redirects} redirects")

    async def _with_retries(self, url: str, headers: dict[str, str], host: _Host) -> Fetched:
        import httpx

        attempt = 0
        while True:
            attempt += 1
            try:
                got = await self._once(url, headers, host)
            except (httpx.TimeoutException, httpx.TransportError) as exc:
                timeout = isinstance(exc, httpx.TimeoutException)
                code, message = ("timeout", "the server did not answer in time") if timeout else (
                    "connect_error", f"{type(exc).__name__}: {exc}"[:300])
                if attempt > self.s.retries:
                    raise _Problem(code, message) from None
            else:
                if got.status < 500 or attempt > self.s.retries:
                    got.attempts = attempt
                    return got
            await asyncio.sleep(self.s.retry_backoff * 2 ** (attempt - 1))

    async def _once(self, url: str, headers: dict[str, str], host: _Host) -> Fetched:
        assert self._all is not None
        async with host.sem, self._all:
            wait = host.next_at - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            host.next_at = time.monotonic() + host.delay
            self.requests += 1
            async with self._client.stream("GET", url, headers=headers) as resp:
                hdrs = {k.lower(): v for k, v in resp.headers.items()}
                declared = hdrs.get("content-length", "")
                if declared.isdigit() and int(declared) > self.s.max_bytes and resp.status_code < 300:
                    raise _Problem("too_large", f"{declared} bytes announced, more than max_bytes={self.s.max_bytes}")
                buf = bytearray()
                if resp.status_code < 300 or resp.status_code >= 400:
                    async for part in resp.aiter_bytes():
                        buf += part
                        if len(buf) > self.s.max_bytes:
                            raise _Problem("too_large", f"more than max_bytes={self.s.max_bytes} bytes")
                body = bytes(buf)
                if self.warc is not None:
                    self.warc.write(url, resp.status_code, list(resp.headers.items()), body)
                return Fetched(url=url, final_url=str(resp.url), status=resp.status_code, headers=hdrs, body=body)
