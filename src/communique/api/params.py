"""Query parameters and answers shared by the API's routers: limits, date and window checks, plain JSON
and pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from fastapi.encoders import jsonable_encoder

from ..ingest.published import GIVEN_MAX, GIVEN_MIN
from ..periods import period_day
from .errors import InvalidRequest

MAX_LIMIT = 1000
#: the largest ``offset`` a list accepts (422 beyond: a larger one would overflow the store's integers)
MAX_OFFSET = 1_000_000_000
#: dates a query or a ``published`` parameter may name (422 outside): far enough for any news archive, and
#: far from the calendar's ends, where period arithmetic ("a week ago", the week of 0001-01-01) overflows
MIN_DAY = GIVEN_MIN
MAX_DAY = GIVEN_MAX
#: the most periods a dyad or alignment series may span (422 beyond): 10,000 days is 27 years by day
MAX_PERIODS = 10_000
EVENT_SORTS = ("date", "-date", "goldstein", "-goldstein", "mentions")
STATUS_HELP = ("statuses counted (default: reported, ongoing, attempted, claimed; not negated): a comma list, "
                "'negated' brings negated events in, or 'all'")



def jsonable(obj: Any) -> Any:
    """Plain JSON for whatever an analysis function returns (dicts, lists, tuples, dataclasses, pydantic
    models, data frames, dates)."""
    if hasattr(obj, "to_dict") and hasattr(obj, "columns"):  # a pandas DataFrame
        return jsonable_encoder(obj.to_dict(orient="records"))
    if hasattr(obj, "to_pylist"):  # a pyarrow Table
        return jsonable_encoder(obj.to_pylist())
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return jsonable(dataclasses.asdict(obj))
    if isinstance(obj, dict):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple | set | frozenset):
        return [jsonable(v) for v in obj]
    if obj is None or isinstance(obj, str | int | float | bool):  # already JSON: the common case, kept fast
        return obj
    return jsonable_encoder(obj)


def page(rows: Any, total: int, limit: int, offset: int) -> dict[str, Any]:
    items = jsonable(list(rows))
    nxt = offset + limit if offset + limit < total else None
    return {"items": items, "total": int(total), "limit": limit, "offset": offset, "next_offset": nxt}


def date_param(value: str | None, name: str) -> str | None:
    """A query date as a full YYYY-MM-DD. A month or a year stands for its first day in a parameter that
    opens a period and for its last day in one that closes it (``end``, ``before_end``...)."""
    if value is None or value == "":
        return None
    day = period_day(value, closes=name.endswith("end"))
    if day is not None:
        if not MIN_DAY <= day <= MAX_DAY:
            raise InvalidRequest(f"{name} must lie between {MIN_DAY} and {MAX_DAY}, not {value!r}")
        return day.isoformat()
    raise InvalidRequest(f"{name} must be a date YYYY-MM-DD (or YYYY-MM, YYYY), not {value!r}")


def period_count(start: str | None, end: str | None, freq: str) -> int:
    """How many ``freq`` periods the window from ``start`` to ``end`` spans (0 when either is open)."""
    if not start or not end:
        return 0
    days = (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days + 1
    return max(0, days // {"day": 1, "week": 7, "month": 28}[freq] + 1)


def check_window(start: str | None, end: str | None, freq: str) -> None:
    """422 for a window that ends before it starts or spans more than MAX_PERIODS periods."""
    if start and end and start > end:
        raise InvalidRequest(f"start {start} is later than end {end}")
    n = period_count(start, end, freq)
    if n > MAX_PERIODS:
        raise InvalidRequest(f"the window from {start} to {end} spans about {n} periods of a {freq}, more than "
                             f"{MAX_PERIODS}: narrow it or take a longer freq")


def blank(value: str | None) -> str | None:
    return value if value not in (None, "") else None



def wrap(out: Any, key: str, **meta: Any) -> Any:
    """An analysis answer as JSON: a bare list goes under ``key`` next to ``meta``."""
    data = jsonable(out)
    if isinstance(data, list):
        return {**meta, key: data}
    return data
