"""Make ``static/land.json``, the coastlines the dashboard's map draws, from a Natural Earth TopoJSON file.

The bundled file was made from ``land-110m.json`` of the npm package ``world-atlas`` 2.0.2 (Natural
Earth 1:110m land, public domain; package ISC-licensed), with::

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m communique.api.landgen package/land-110m.json src/communique/api/static/land.json

The country outlines of the Leaflet map (``static/countries.json``, GeoJSON with ``iso3`` and ``name``
per feature) were made from ``countries-110m.json`` of the same package with::

    python -m communique.api.landgen countries package/countries-110m.json src/communique/api/static/countries.json

(the numeric to alpha-3 table comes from the pycountry package, needed only for that step).

Output of the land mode: ``{"source": str, "polygons": [[[lon, lat], ...], ...]}`` (outer rings and holes alike, as
closed rings, coordinates rounded to 0.01 degree). The map draws them with the even-odd rule.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def decode_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Absolute coordinates of every arc (delta-decoded and de-quantized when the topology has a transform)."""
    tr = topo.get("transform")
    out = []
    for arc in topo["arcs"]:
        pts = []
        x = y = 0
        for p in arc:
            if tr:
                x += p[0]
                y += p[1]
                pts.append((x * tr["scale"][0] + tr["translate"][0], y * tr["scale"][1] + tr["translate"][1]))
            else:
                pts.append((p[0], p[1]))
        out.append(pts)
    return out


def ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    """Join arcs into one ring; a negative index ``~i`` is arc ``i`` reversed."""
    pts: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        pts.extend(arc if not pts else arc[1:])
    return pts


def unwrap(pts: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Make a ring continuous across the antimeridian: a step of more than 180 degrees of longitude is
    taken the short way round (the map clips what falls outside -180..180 and draws a shifted copy)."""
    out: list[tuple[float, float]] = []
    offset = 0.0
    for i, (x, y) in enumerate(pts):
        if i:
            step = x - pts[i - 1][0]
            if step > 180:
                offset -= 360
            elif step < -180:
                offset += 360
        out.append((x + offset, y))
    return out


def land_polygons(topo: dict[str, Any], *, digits: int = 2) -> list[list[list[float]]]:
    arcs = decode_arcs(topo)
    rings: list[list[list[float]]] = []

    def add(poly: list[list[int]]) -> None:
        for r in poly:
            pts = unwrap(ring(arcs, r))
            if len(pts) < 4:
                continue
            copies = [0.0]
            if max(x for x, _ in pts) > 180:
                copies.append(-360.0)  # the part past the antimeridian shows again at the west edge
            if min(x for x, _ in pts) < -180:
                copies.append(360.0)
            for shift in copies:
                rings.append([[round(x + shift, digits), round(y, digits)] for x, y in pts])

    for obj in topo["objects"].values():
        geoms = obj.get("geometries", [obj])
        for g in geoms:
            if g["type"] == "Polygon":
                add(g["arcs"])
            elif g["type"] == "MultiPolygon":
                for poly in g["arcs"]:
                    add(poly)
    return rings


def _rings_of(arcs: list[list[tuple[float, float]]], poly: list[list[int]], digits: int) -> list[list[list[list[float]]]]:
    """A TopoJSON polygon as GeoJSON polygons (outer ring then holes), unwrapped across the antimeridian,
    with a shifted copy when it passes it (as :func:`land_polygons`)."""
    rings = [unwrap(ring(arcs, r)) for r in poly]
    rings = [r for r in rings if len(r) >= 4]
    if not rings:
        return []
    xs = [x for r in rings for x, _ in r]
    copies = [0.0] + ([-360.0] if max(xs) > 180 else []) + ([360.0] if min(xs) < -180 else [])
    return [[[[round(x + shift, digits), round(y, digits)] for x, y in r] for r in rings] for shift in copies]


def country_features(topo: dict[str, Any], iso3_of: dict[str, str], *, digits: int = 2) -> dict[str, Any]:
    """Country outlines as a GeoJSON FeatureCollection, each feature ``{"iso3", "name"}`` (``iso3_of``
    maps the topology's ISO 3166 numeric ids to alpha-3; features without one keep ``iso3`` null)."""
    arcs = decode_arcs(topo)
    features = []
    for obj in topo["objects"].values():
        for g in obj.get("geometries", [obj]):
            polys = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"] if g["type"] == "MultiPolygon" else []
            coords = [p for poly in polys for p in _rings_of(arcs, poly, digits)]
            if not coords:
                continue
            props = g.get("properties") or {}
            features.append({"type": "Feature", "properties": {"iso3": iso3_of.get(str(g.get("id"))),
                                                               "name": props.get("name")},
                             "geometry": {"type": "MultiPolygon", "coordinates": coords}})
    return {"type": "FeatureCollection", "features": features}


def main(argv: list[str] | None = None) -> None:
    args = argv if argv is not None else sys.argv[1:]
    if len(args) == 3 and args[0] == "countries":
        # python -m communique.api.landgen countries package/countries-110m.json static/countries.json
        # (the numeric -> alpha-3 table from the pycountry package, needed only here)
        import pycountry  # type: ignore[import-not-found]

        iso3_of = {c.numeric: c.alpha_3 for c in pycountry.countries}
        topo = json.loads(Path(args[1]).read_text(encoding="utf-8"))
        data = country_features(topo, iso3_of)
        data["source"] = "Natural Earth 1:110m countries (public domain), via the npm package world-atlas 2.0.2"
        Path(args[2]).write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        print(f"{len(data['features'])} countries written to {args[2]}")
        return
    if len(args) != 2:
        raise SystemExit("usage: python -m communique.api.landgen LAND_TOPOJSON OUT_JSON\n"
                         "       python -m communique.api.landgen countries COUNTRIES_TOPOJSON OUT_GEOJSON")
    topo = json.loads(Path(args[0]).read_text(encoding="utf-8"))
    polygons = land_polygons(topo)
    data = {"source": "Natural Earth 1:110m land (public domain), via the npm package world-atlas 2.0.2",
            "polygons": polygons}
    Path(args[1]).write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    print(f"{len(polygons)} rings written to {args[1]}")


if __name__ == "__main__":
    main()
