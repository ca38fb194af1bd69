"""The other components the event coder calls, imported directly (each is a required part of the pipeline:
the actors, times, places and quotes components run before ``communique_events``).

``actors_for_token(doc, token)`` (actors), ``date_for(doc, token)`` (times), ``location_for(doc, token,
destination=...)`` (places) and ``attribution_for(doc, token)`` (quotes). A failure inside one of them is
logged at debug level by the caller and leaves the event without that field; a missing module is an
ImportError at import time, not a silent gap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..actors.lookup import actors_for_token
from ..places import location_for
from ..quotes import attribution_for
from ..times import date_for


@dataclass
class Services:
    """The functions of the other components the coder uses (replaceable in one place)."""

    actors_for_token: Callable[..., Any] | None
    date_for: Callable[..., Any] | None
    location_for: Callable[..., Any] | None
    attribution_for: Callable[..., Any] | None

    @classmethod
    def load(cls) -> Services:
        return cls(actors_for_token=actors_for_token, date_for=date_for, location_for=location_for,
                   attribution_for=attribution_for)


_SERVICES: Services | None = None


def services() -> Services:
    """The process-wide services (built once)."""
    global _SERVICES
    if _SERVICES is None:
        _SERVICES = Services.load()
    return _SERVICES
