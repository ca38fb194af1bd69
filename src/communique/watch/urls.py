"""URLs: the canonical form used to deduplicate articles, and which addresses may be fetched.

``canonical(url)``: scheme and host lower-cased, default port, fragment and tracking parameters
(``data/watch/urls.yaml``) removed, an empty path made ``/``. Two items that differ only there are the
same article.
"""

from __future__ import annotations

import ipaddress
import logging
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from ..knowledge import data_files, load_yaml

log = logging.getLogger(__name__)

_DEFAULT_PORTS = {"http": 80, "https": 443}


@lru_cache(maxsize=1)
def url_rules() -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    """(exact tracking parameter names, prefixes, page content types) from every ``watch/urls.yaml``."""
    exact: set[str] = set()
    prefixes: list[str] = []
    types: set[str] = set()
    for path in data_files("watch/urls.yaml"):
        data = load_yaml(path) or {}
        for name in data.get("tracking_params") or []:
            name = str(name).lower()
            if name.endswith("*"):
                prefixes.append(name[:-1])
            else:
                exact.add(name)
        types.update(str(t).lower() for t in data.get("page_types") or [])
    return frozenset(exact), tuple(prefixes), frozenset(types)


def is_http(url: str) -> bool:
    return urlsplit(url.strip()).scheme.lower() in _DEFAULT_PORTS


def canonical(url: str) -> str:
    """The canonical form of an http(s) URL (see the module's docstring); other URLs come back stripped."""
    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        return url
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}{':' + parts.password if parts.password else ''}@{netloc}"
    exact, prefixes, _ = url_rules()
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k.lower() not in exact and not k.lower().startswith(prefixes)]
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def origin(url: str) -> str:
    """``scheme://host[:port]`` of a URL (the unit of robots.txt and of per-host limits)."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    return f"{scheme}://{host}" if port in (None, _DEFAULT_PORTS.get(scheme)) else f"{scheme}://{host}:{port}"


def refused_address(address: str, *, allow_private: bool, allow_loopback: bool) -> str | None:
    """Why an IP address may not be fetched (private, link-local, loopback, reserved...), or None."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return f"not an IP address: {address}"
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return None if (allow_loopback or allow_private) else "a loopback address"
    if allow_private:
        return None
    if ip.is_link_local:
        return "a link-local address"
    if ip.is_private:
        return "a private address"
    if ip.is_multicast or ip.is_reserved or ip.is_unspecified:
        return "a reserved address"
    return None


def page_type(content_type: str | None) -> bool:
    """Whether a Content-Type names an article page (``page_types`` in ``data/watch/urls.yaml``); a
    missing type is taken as a page (the reader checks the bytes)."""
    if not content_type:
        return True
    return content_type.split(";", 1)[0].strip().lower() in url_rules()[2]
