"""The communes of a territory as outlines for maps, and their bounding box."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash.models import Commune, Diagnostic, TerritoryCommune

Bounds = tuple[float, float, float, float]  # min_lon, min_lat, max_lon, max_lat


def territory_outlines(session: Session, territory_id: int) -> list[tuple[str, str]]:
    """(commune name, GeoJSON geometry) of the territory's communes that have contours."""
    rows = session.execute(
        select(Commune.name, Commune.geometry)
        .join(TerritoryCommune, TerritoryCommune.commune_code == Commune.code)
        .where(TerritoryCommune.territory_id == territory_id, Commune.geometry.is_not(None))
        .order_by(Commune.name)
    ).all()
    return [(name, geometry) for name, geometry in rows if geometry]


def diagnostic_outlines(session: Session, diagnostic_id: int) -> list[tuple[str, str]]:
    diagnostic = session.get(Diagnostic, diagnostic_id)
    if diagnostic is None or diagnostic.territory_id is None:
        return []
    return territory_outlines(session, diagnostic.territory_id)


def _coordinates(node: Any) -> Iterable[tuple[float, float]]:
    if isinstance(node, list) and node and isinstance(node[0], int | float):
        yield float(node[0]), float(node[1])
    elif isinstance(node, list):
        for child in node:
            yield from _coordinates(child)


def bounds_of(geometries: Iterable[str]) -> Bounds | None:
    """Bounding box of GeoJSON geometries (text), or None when there is none."""
    xs: list[float] = []
    ys: list[float] = []
    for geometry in geometries:
        for lon, lat in _coordinates(json.loads(geometry).get("coordinates", [])):
            xs.append(lon)
            ys.append(lat)
    if not xs:
        return None
    return min(xs), min(ys), max(xs), max(ys)
