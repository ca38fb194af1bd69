"""The PLOVER type table the analysis counts with (quad class and score): ``communique.plover``,
re-exported here for the analysis modules."""

from __future__ import annotations

from ..plover import CONFLICT, COOPERATION, QUAD_NAMES, TypeInfo, type_table

__all__ = ["CONFLICT", "COOPERATION", "QUAD_NAMES", "TypeInfo", "type_table"]
