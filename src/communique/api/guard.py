"""Who may talk to the server: the ``Host`` a request names and, for requests that change something, where
it comes from.

- **Allowed hosts** (against DNS rebinding, as Django's ``ALLOWED_HOSTS`` and datasette do): a request
  whose ``Host`` header names none of ``127.0.0.1``, ``localhost``, ``[::1]``, the bound address and the
  names in ``Settings.allowed_hosts`` is refused with 400 ``host_not_allowed``. A page of
  ``http://evil.example`` whose name was made to resolve to 127.0.0.1 sends ``Host: evil.example``.
  ``*`` in ``allowed_hosts`` turns the check off.
- **Same origin for writes** (against cross-site requests, CSRF): a ``POST`` (or any method that is not
  GET, HEAD or OPTIONS) that carries no token must not come from another site: a browser tells where it
  comes from by ``Origin`` and ``Sec-Fetch-Site``, and a ``no-cors`` request (the only kind of cross-origin
  POST a page can send without the server's consent) is refused. 403 ``cross_origin``. Clients that are not
  browsers send neither header and are not concerned; a request with the token is not concerned either
  (a page cannot read the token, nor add the header to a cross-origin request without a CORS grant,
  which this server never gives).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Receive, Scope, Send

log = logging.getLogger(__name__)

DEFAULT_HOSTS = ("127.0.0.1", "localhost", "::1")
_SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
_WILDCARD_BINDS = {"0.0.0.0", "::", ""}


def split_host(value: str) -> tuple[str, str | None]:
    """``host[:port]`` (``[v6]:port`` too) as (lower-case host without brackets, port or None)."""
    value = value.strip().lower()
    if value.startswith("["):
        host, _, rest = value[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else None
        return host, port or None
    if value.count(":") == 1:
        host, _, port = value.partition(":")
        return host, port or None
    return value, None


def allowed_host_names(bound: str, extra: Iterable[str] = ()) -> frozenset[str]:
    """The host names a server bound to ``bound`` answers to: the loopback names, the bound address and
    ``extra`` (without brackets or ports)."""
    names = set(DEFAULT_HOSTS)
    if bound not in _WILDCARD_BINDS:
        names.add(split_host(bound)[0] if bound.startswith("[") else bound.lower())
    for item in extra:
        item = item.strip()
        if item:
            names.add(item.lower() if item == "*" else split_host(item)[0])
    return frozenset(names)


def _reject(status: int, code: str, message: str) -> tuple[dict, bytes]:
    body = json.dumps({"error": {"code": code, "message": message}}).encode()
    start = {
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
    }
    return start, body


class GuardMiddleware:
    """Refuse requests to a foreign ``Host`` (400 ``host_not_allowed``) and cross-origin writes without
    the token (403 ``cross_origin``) before the app sees them."""

    def __init__(self, app: ASGIApp, *, hosts: frozenset[str]) -> None:
        self.app = app
        self.hosts = hosts
        self.any_host = "*" in hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        problem = self.check(scope.get("method", "GET").upper(), headers)
        if problem is None:
            await self.app(scope, receive, send)
            return
        status, code, message = problem
        log.warning("refused %s %s: %s: %s", scope.get("method"), scope.get("path"), code, message)
        start, body = _reject(status, code, message)
        await send(start)
        await send({"type": "http.response.body", "body": body})

    def check(self, method: str, headers: dict[str, str]) -> tuple[int, str, str] | None:
        """None when the request may go on, else (status, code, message)."""
        host_header = headers.get("host", "")
        if host_header and not self.any_host:
            host, _ = split_host(host_header)
            if host not in self.hosts:
                return (400, "host_not_allowed",
                        f"this server does not answer to the host name {host!r} (add it to allowed_hosts, "
                        "COMMUNIQUE_ALLOWED_HOSTS, if it is one of this server's names)")
        if method in _SAFE_METHODS:
            return None
        if headers.get("x-communique-token") or headers.get("authorization", "").lower().startswith("bearer "):
            return None  # the token is checked by the endpoint; a page cannot send it cross-origin
        site = headers.get("sec-fetch-site")
        if site is not None and site not in {"same-origin", "none"}:
            return 403, "cross_origin", f"a {site} request cannot write to this server without its token"
        if headers.get("sec-fetch-mode") == "no-cors":
            return 403, "cross_origin", "a no-cors request cannot write to this server without its token"
        origin = headers.get("origin")
        if origin is not None:
            parts = urlsplit(origin)
            if origin == "null" or not parts.netloc or parts.netloc.lower() != host_header.strip().lower():
                return 403, "cross_origin", f"a request from {origin!r} cannot write to this server without its token"
        return None
