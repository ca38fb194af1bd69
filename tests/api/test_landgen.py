"""The map's land outlines: TopoJSON decoding and rings across the antimeridian."""

from __future__ import annotations

from communique.api.landgen import land_polygons, unwrap


def test_unwrap_keeps_a_ring_continuous_across_the_antimeridian():
    ring = [(170.0, 60.0), (179.0, 61.0), (-179.0, 62.0), (-170.0, 63.0), (-179.5, 64.0), (175.0, 60.0)]
    out = unwrap(ring)
    steps = [abs(b[0] - a[0]) for a, b in zip(out, out[1:], strict=False)]
    assert max(steps) < 20
    assert out[2] == (181.0, 62.0) and out[-1] == (175.0, 60.0)


def test_land_polygons_decode_quantized_arcs_and_copy_wrapped_rings():
    topo = {
        "type": "Topology",
        "transform": {"scale": [1.0, 1.0], "translate": [-180.0, -90.0]},
        "arcs": [
            [[10, 100], [10, 0], [0, 10], [-10, 0], [0, -10]],  # a square at lon -170..-160, lat 10..20
            [[350, 150], [20, 0], [0, 5], [-20, 0], [0, -5]],  # 170..190 after unwrapping: crosses 180
        ],
        "objects": {"land": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0]]},
            {"type": "MultiPolygon", "arcs": [[[1]]]},
        ]}},
    }
    rings = land_polygons(topo)
    assert rings[0] == [[-170.0, 10.0], [-160.0, 10.0], [-160.0, 20.0], [-170.0, 20.0], [-170.0, 10.0]]
    # the crossing ring is drawn twice: as is (clipped east of 180) and shifted west by 360
    assert len(rings) == 3
    assert max(p[0] for p in rings[1]) == 190.0 and min(p[0] for p in rings[2]) == -190.0


def test_country_features_carry_iso3_and_close_their_rings():
    from communique.api.landgen import country_features

    topo = {
        "type": "Topology",
        "arcs": [[[10.0, 10.0], [20.0, 10.0], [20.0, 20.0], [10.0, 20.0], [10.0, 10.0]]],
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "arcs": [[0]], "id": "250", "properties": {"name": "France"}},
        ]}},
    }
    out = country_features(topo, {"250": "FRA"})
    (feature,) = out["features"]
    assert feature["properties"] == {"iso3": "FRA", "name": "France"}
    ring = feature["geometry"]["coordinates"][0][0]
    assert ring[0] == ring[-1] and len(ring) == 5


def test_the_bundled_country_outlines_name_most_countries():
    import json
    from pathlib import Path

    from communique.api.app import STATIC_DIR

    data = json.loads((Path(STATIC_DIR) / "countries.json").read_text())
    codes = {f["properties"]["iso3"] for f in data["features"]}
    assert len(codes) > 170 and {"RUS", "SYR", "FRA", "USA", "BRA"} <= codes
