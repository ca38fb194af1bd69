"""The publication date: parsed here once, for every caller.

A date a caller gives (``--published``, the API's ``published``, a batch's default) is checked by
:func:`given_date` into ``YYYY-MM-DD`` (the form :attr:`records.Article.published` holds), within
:data:`GIVEN_MIN` .. :data:`GIVEN_MAX`: relative dates resolved from a day at the calendar's ends would
overflow. The coder reads an article's day back with :func:`publication_day`.
"""

from __future__ import annotations

import datetime as dt
import logging

log = logging.getLogger(__name__)

#: the publication dates a caller may give (--published, the API's ``published``)
GIVEN_MIN = dt.date(1000, 1, 1)
GIVEN_MAX = dt.date(9000, 12, 31)


def given_date(published: str | dt.date | None) -> str | None:
    """The caller's publication date as YYYY-MM-DD (None when none is given); ValueError when it is not
    a date or lies outside GIVEN_MIN .. GIVEN_MAX."""
    if published is None or published == "":
        return None
    if isinstance(published, dt.date):
        day = published
    else:
        try:
            day = dt.date.fromisoformat(str(published).strip()[:10])
        except ValueError as exc:
            raise ValueError(f"not a date (YYYY-MM-DD): {published!r}") from exc
    if not GIVEN_MIN <= day <= GIVEN_MAX:  # relative dates resolved from the calendar's ends would overflow
        raise ValueError(f"a publication date must lie between {GIVEN_MIN} and {GIVEN_MAX}, not {published!r}")
    return day.isoformat()


def publication_day(published: str | None) -> dt.date | None:
    """The day of an article's ``published`` field (YYYY-MM-DD, as ingest wrote it); None when it has
    none or it is not a date."""
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None
