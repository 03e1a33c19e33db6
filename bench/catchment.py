"""Benchmark: the coverage of a real département's communes by generated zones de chalandise.

`python -m bench.catchment [--zones 200]`: the 804 communes of the Aisne (../shared/data) and
seeded zones (radius circles of 2 to 15 km and hand-drawn-like polygons), computed by
`essdash.catchment.coverage.compute` (STRtree + vectorised intersections) against a baseline
run in the same process: every zone intersected with every commune. Prints times and the ratio.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape

from essdash.catchment.coverage import compute, zone_shape
from essdash.catchment.projection import MetricProjection
from essdash.catchment.sources import CommuneSource, ZoneSource

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
CONTOURS = SHARED / "geo" / "communes-02-aisne.geojson"


def communes() -> list[CommuneSource]:
    features = json.loads(CONTOURS.read_text())["features"]
    return [
        CommuneSource(f["properties"]["code"], f["properties"]["nom"], 1000, "02",
                      json.dumps(f["geometry"]))
        for f in features
    ]  # fmt: skip


def zones(places: list[CommuneSource], count: int, seed: int = 2026) -> list[ZoneSource]:
    rng = random.Random(seed)
    out = []
    for index in range(count):
        centre = shape(json.loads(rng.choice(places).geometry or "{}")).representative_point()
        if index % 2:
            radius, polygon = rng.uniform(2000, 15000), {"type": "Polygon", "coordinates": []}
        else:  # a polygon of 12 vertices around a site, 3 to 10 km across (in degrees, roughly)
            radius, size = None, rng.uniform(0.02, 0.07)
            ring = shapely.Point(centre.x, centre.y).buffer(size, quad_segs=3)
            polygon = mapping(ring)
        out.append(
            ZoneSource(index, index, index % 40, f"Structure {index % 40}", "ess", None,
                       f"secteur_{index % 6}", f"Secteur {index % 6}", dict(polygon),
                       (centre.x, centre.y) if radius else None, radius)
        )  # fmt: skip
    return out


def baseline(places: list[CommuneSource], items: list[ZoneSource], min_share: float) -> int:
    """Every zone against every commune, one intersection at a time."""
    projection = MetricProjection()
    geoms = [projection.to_metric(shape(json.loads(c.geometry or "{}"))) for c in places]
    hits = 0
    for zone in items:
        area = zone_shape(zone, projection)
        for geom in geoms:
            if area.intersection(geom).area / geom.area >= min_share:
                hits += 1
    return hits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--zones", type=int, default=200)
    args = parser.parse_args()
    if not CONTOURS.is_file():
        raise SystemExit(f"{CONTOURS} absent: the benchmark needs ../shared/data")
    places, items = communes(), []
    items = zones(places, args.zones)
    start = time.perf_counter()
    coverage = compute(places, items)
    fast = time.perf_counter() - start
    hits = sum(len(c.hits) for c in coverage.communes)
    start = time.perf_counter()
    slow_hits = baseline(places, items, coverage.min_share)
    slow = time.perf_counter() - start
    print(f"{len(places)} communes, {len(items)} zones, {hits} (commune, zone) couvertures")
    print(f"compute (STRtree, vectorisé) : {fast * 1000:.0f} ms")
    print(f"référence (zone × commune) : {slow * 1000:.0f} ms ({slow_hits} couvertures)")
    print(f"rapport : {slow / fast:.1f} fois plus rapide")


if __name__ == "__main__":
    main()
