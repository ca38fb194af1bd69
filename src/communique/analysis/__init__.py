"""Analysis over merged events: dyad series, the alignment index, the actor network and its blocs, and
top movers. Formulas are in docs/analysis.md."""

from __future__ import annotations

from .dyads import InvalidQuery, UnknownActor, alignment, dyad_series
from .network import network, top_movers

__all__ = ["InvalidQuery", "UnknownActor", "alignment", "dyad_series", "network", "top_movers"]
