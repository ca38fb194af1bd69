"""Fixtures of the watcher's tests: a local news site on 127.0.0.1 and watch settings that allow it."""

from __future__ import annotations

import pytest

from .site_server import Site


@pytest.fixture
def site():
    s = Site()
    yield s
    s.close()


@pytest.fixture
def ws():
    """Watch settings for the local site: loopback allowed, no politeness delay, short timeouts."""
    from communique.watch import WatchSettings

    return WatchSettings(allow_loopback=True, host_delay=0.0, per_host=4, read_timeout=1.0, connect_timeout=1.0,
                         retries=1, retry_backoff=0.05, interval=0.0, max_bytes=200_000, chunk_size=4)
