"""Places from an offline gazetteer, and the location of each event.

Component ``communique_places`` reads the named entities, ``doc.spans["actors"]`` (written by the actors
component before it) and the parse; it writes ``doc._.places`` (``list[records.Place]``) and
``doc.spans["places"]`` (``span._.place`` is the Place). :func:`location_for` gives an event's location
from its head token. :func:`geoparse` is the toponym recogniser and resolver both use (and
``communique eval geo`` scores). Rules: ``docs/times-places.md``; words: ``data/places/*.yaml``.
"""

from __future__ import annotations

from .component import place_of, places_component
from .geoparse import STEPS, Toponym, geoparse
from .location import location_for
from .rules import rules

__all__ = ["STEPS", "Toponym", "geoparse", "location_for", "place_of", "places_component", "rules"]
