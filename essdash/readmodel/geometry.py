"""Geometries of map features: GeoJSON text → shapely, areas in km², communes by code."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

import numpy as np
import shapely
from pyproj import Transformer
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry
from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash.models import Commune, MapFeature


def feature_geometry(feature: MapFeature) -> BaseGeometry | None:
    """The stored GeoJSON geometry (WGS 84) as a shapely object; None if unreadable."""
    try:
        geometry: BaseGeometry = shape(json.loads(feature.geometry))
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    return geometry


@lru_cache(maxsize=1)
def _to_lambert93() -> Transformer:
    return Transformer.from_crs("EPSG:4326", "EPSG:2154", always_xy=True)


def area_km2(geometry: BaseGeometry | None) -> float | None:
    """Area in km², measured in Lambert-93 (metropolitan France)."""
    if geometry is None or geometry.geom_type not in ("Polygon", "MultiPolygon"):
        return None
    transformer = _to_lambert93()

    def project(coords: np.ndarray) -> np.ndarray:
        x, y = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack([x, y])

    projected = shapely.transform(geometry, project)
    return round(float(projected.area) / 1_000_000, 2)


def commune_names(session: Session, codes: set[str]) -> dict[str, str]:
    if not codes:
        return {}
    rows = session.execute(select(Commune.code, Commune.name).where(Commune.code.in_(codes)))
    return {code: name for code, name in rows}


def as_geojson(geometry: BaseGeometry) -> dict[str, Any]:
    mapping: dict[str, Any] = json.loads(json.dumps(geometry.__geo_interface__))
    return mapping
