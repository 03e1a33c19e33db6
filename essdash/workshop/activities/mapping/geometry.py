"""GeoJSON geometries of the shared map (WGS 84, longitude first): checks and circles."""

from __future__ import annotations

import json
import math
from typing import Any

from essdash.errors import UserError

EARTH_RADIUS_M = 6_371_008.8
RADIUS_MIN_M, RADIUS_MAX_M = 100.0, 100_000.0
MAX_VERTICES = 500
CIRCLE_POINTS = 48


def point(lon: float, lat: float) -> dict[str, Any]:
    _check_position(lon, lat)
    return {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}


def _check_position(lon: float, lat: float) -> None:
    if not (math.isfinite(lon) and math.isfinite(lat)) or not (
        -180 <= lon <= 180 and -90 <= lat <= 90
    ):
        raise UserError("Position : coordonnées hors de la carte.")


def polygon(geometry: dict[str, Any]) -> dict[str, Any]:
    """A cleaned Polygon (closed outer ring, ≥ 3 distinct points), or UserError."""
    if not isinstance(geometry, dict) or geometry.get("type") != "Polygon":
        raise UserError("Zone : dessinez un polygone (ou donnez un rayon autour d'un site).")
    rings = geometry.get("coordinates")
    if not isinstance(rings, list) or not rings or not isinstance(rings[0], list):
        raise UserError("Zone : contour vide.")
    ring = [(float(p[0]), float(p[1])) for p in rings[0]]
    if len(ring) > MAX_VERTICES:
        raise UserError(f"Zone : {MAX_VERTICES} sommets au plus.")
    for lon, lat in ring:
        _check_position(lon, lat)
    if len(set(ring)) < 3:
        raise UserError("Zone : il faut au moins trois points distincts.")
    if ring[0] != ring[-1]:
        ring.append(ring[0])
    return {"type": "Polygon", "coordinates": [[[round(x, 6), round(y, 6)] for x, y in ring]]}


def check_radius(radius_m: float) -> float:
    if not math.isfinite(radius_m) or not RADIUS_MIN_M <= radius_m <= RADIUS_MAX_M:
        raise UserError(
            f"Rayon : entre {RADIUS_MIN_M / 1000:g} et {RADIUS_MAX_M / 1000:g} km.".replace(
                ".", ","
            )
        )
    return float(radius_m)


def circle(lon: float, lat: float, radius_m: float, points: int = CIRCLE_POINTS) -> dict[str, Any]:
    """A polygon approximating the circle of `radius_m` metres around (lon, lat), geodesically."""
    check_radius(radius_m)
    lat1, lon1, delta = math.radians(lat), math.radians(lon), radius_m / EARTH_RADIUS_M
    ring = []
    for k in range(points):
        bearing = 2 * math.pi * k / points
        lat2 = math.asin(
            math.sin(lat1) * math.cos(delta) + math.cos(lat1) * math.sin(delta) * math.cos(bearing)
        )
        lon2 = lon1 + math.atan2(
            math.sin(bearing) * math.sin(delta) * math.cos(lat1),
            math.cos(delta) - math.sin(lat1) * math.sin(lat2),
        )
        ring.append([round(math.degrees(lon2), 6), round(math.degrees(lat2), 6)])
    ring.append(ring[0])
    return {"type": "Polygon", "coordinates": [ring]}


def lon_lat(geometry_json: str) -> tuple[float, float]:
    """Coordinates of a stored Point."""
    lon, lat = json.loads(geometry_json)["coordinates"][:2]
    return float(lon), float(lat)


def distance_m(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))
