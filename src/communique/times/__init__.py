"""Time expressions resolved against the publication date, and the date of each event.

Component ``communique_times`` reads ``doc._.published`` (``datetime.date`` or None) and the parse, and
writes ``doc._.times`` (``list[records.TimeExpr]``) and ``doc.spans["times"]`` (``span._.time`` is the
TimeExpr). :func:`date_for` gives the date of an event from its head token. The rules (tense-aware
weekdays and months, reference years, anchored durations, the fallback from tense) are described in
``docs/times-places.md``; the words they use are in ``data/times/lexicon.yaml``.

This module is the public surface; the work is done in ``candidates`` (what may be a time),
``component`` (``find_times`` and the spaCy component), ``syntax`` (attachment and direction),
``event_date`` (``date_for``), ``resolve`` (date arithmetic) and ``timex`` (TimeML values).
"""

from __future__ import annotations

from .component import find_times, times_component
from .event_date import date_for
from .syntax import direction_of, time_anchor

__all__ = ["date_for", "direction_of", "find_times", "times_component", "time_anchor"]
