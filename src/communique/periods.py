"""Dates a user names by a day, a month or a year (``2023-08-14``, ``2023-08``, ``2023``), read once for the CLI
and the API alike."""

from __future__ import annotations

import datetime as dt

_FORMATS = ("%Y-%m-%d", "%Y-%m", "%Y")


def period_day(value: str, *, closes: bool = False) -> dt.date | None:
    """The day ``value`` stands for: a month or a year stands for its first day, or for its last day when the
    date closes a period (``closes``: an ``end``). None when ``value`` is no such date."""
    for fmt in _FORMATS:
        try:
            day = dt.datetime.strptime(value.strip(), fmt).date()
        except ValueError:
            continue
        if closes and fmt == "%Y":
            return day.replace(month=12, day=31)
        if closes and fmt == "%Y-%m":
            nxt = day.replace(year=day.year + 1, month=1) if day.month == 12 else day.replace(month=day.month + 1)
            return nxt - dt.timedelta(days=1)
        return day
    return None
