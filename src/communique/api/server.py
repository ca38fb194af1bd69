"""uvicorn as ``communique serve`` runs it: a header timeout (uvicorn has none: a client that opens a
connection and never finishes its request line and headers would hold it open for ever) and a short
keep-alive timeout."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

log = logging.getLogger(__name__)


class HeaderTimeoutProtocol(H11Protocol):
    """uvicorn's h11 protocol, closing a connection whose request line and headers are not complete
    ``header_timeout`` seconds after it opened (or after its previous response)."""

    header_timeout: float = 10.0

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm_header_timer()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        self._arm_header_timer()

    def _arm_header_timer(self) -> None:
        old = getattr(self, "_header_timer", None)
        if old is not None:
            old.cancel()
        self._header_timer = self.loop.call_later(self.header_timeout, self._header_timeout_expired)

    def _header_timeout_expired(self) -> None:
        self._header_timer = None
        if self.transport.is_closing():
            return
        if self.conn.their_state is h11.IDLE:  # no complete request since the timer started
            log.info("closing a connection whose request headers did not come in %.0f s", self.header_timeout)
            self.transport.close()

    def connection_lost(self, exc: Exception | None) -> None:
        timer = getattr(self, "_header_timer", None)
        if timer is not None:
            timer.cancel()
        super().connection_lost(exc)


def protocol_with_timeout(seconds: float) -> type[HeaderTimeoutProtocol]:
    """A HeaderTimeoutProtocol class with ``header_timeout = seconds``."""
    return type("HeaderTimeoutProtocol", (HeaderTimeoutProtocol,), {"header_timeout": float(seconds)})


def uvicorn_options(settings: Any) -> dict[str, Any]:
    """The keyword arguments ``uvicorn.run`` gets from the settings: header and keep-alive timeouts."""
    return {
        "http": protocol_with_timeout(settings.header_timeout),
        "timeout_keep_alive": max(1, int(settings.keep_alive_timeout)),
    }
