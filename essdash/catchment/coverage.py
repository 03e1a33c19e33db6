"""The coverage computation: which zone covers which commune, and by how much of its area.

Communes and zones are projected to metres (Lambert-93 in metropolitan France); a radius zone is
a true circle around its site. An STRtree of the communes finds the candidates of each zone and
the intersections are computed per zone, vectorised. Prepared geometries and trees are built per
call, never shared between threads (GEOS prepared geometries are not thread-safe).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from numpy.typing import NDArray
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from essdash.catchment import DEFAULT_MIN_SHARE
from essdash.catchment.projection import MetricProjection, metric_crs
from essdash.catchment.sources import CommuneSource, ZoneSource


@dataclass(frozen=True)
class CommuneHits:
    """A commune and the zones that cover at least the minimum share of its area."""

    commune: CommuneSource
    area_m2: float | None  # None when its contour is unknown
    hits: tuple[tuple[int, float], ...]  # (zone id, share of the commune's area), by zone id


@dataclass(frozen=True)
class Coverage:
    """Everything the views need; immutable (it may be cached and shared)."""

    communes: tuple[CommuneHits, ...]
    zones: tuple[ZoneSource, ...]
    min_share: float
    epsg: int

    def zone(self, zone_id: int) -> ZoneSource:
        return next(z for z in self.zones if z.id == zone_id)


def zone_shape(zone: ZoneSource, projection: MetricProjection) -> BaseGeometry:
    """The zone in metres: a true circle for a radius zone, else its polygon projected."""
    if zone.centre is not None and zone.radius_m:
        return projection.circle(zone.centre[0], zone.centre[1], zone.radius_m)
    return projection.to_metric(shape(zone.geometry))


def _commune_shapes(
    communes: Sequence[CommuneSource], projection: MetricProjection
) -> tuple[list[int], NDArray[np.object_]]:
    """Indexes of the communes with a contour, and those contours in metres (one array)."""
    known = [i for i, c in enumerate(communes) if c.geometry]
    raw = shapely.from_geojson([communes[i].geometry for i in known])
    return known, projection.to_metric_many(np.asarray(raw, dtype=object))


def _shares(area: BaseGeometry, geoms: NDArray[np.object_], areas: NDArray[np.float64]) -> Any:
    """Share of each commune's area inside the zone; a commune wholly inside needs no
    intersection (the zone is prepared: one cheap test per commune)."""
    shares = np.ones(len(geoms))
    partial = ~shapely.contains_properly(area, geoms)
    if partial.any():
        overlap = shapely.area(shapely.intersection(area, geoms[partial]))
        shares[partial] = overlap / areas[partial]
    return shares


def compute(
    communes: Sequence[CommuneSource],
    zones: Sequence[ZoneSource],
    *,
    min_share: float = DEFAULT_MIN_SHARE,
) -> Coverage:
    """Per commune, the zones covering at least `min_share` of its area (0 < min_share <= 1)."""
    projection = MetricProjection(metric_crs(c.departement_code for c in communes))
    known, geoms = _commune_shapes(communes, projection)
    areas = shapely.area(geoms) if len(known) else np.array([])
    tree = shapely.STRtree(geoms)
    position = {i: k for k, i in enumerate(known)}
    hits: dict[int, list[tuple[int, float]]] = {i: [] for i in known}
    for zone in zones:
        area = zone_shape(zone, projection)
        if area.is_empty:
            continue
        shapely.prepare(area)  # this call's own geometry: never shared with another thread
        candidates = tree.query(area, predicate="intersects")
        if not len(candidates):
            continue
        shares = _shares(area, geoms[candidates], areas[candidates])
        for index, share in zip(candidates, shares, strict=True):
            # A zone drawn on a contour covers it all, give or take rounding of its vertices.
            if share >= min_share - 1e-9:
                hits[known[int(index)]].append((zone.id, min(float(share), 1.0)))
    return Coverage(
        communes=tuple(
            CommuneHits(
                commune=c,
                area_m2=float(areas[position[i]]) if i in position else None,
                hits=tuple(sorted(hits.get(i, ()))),
            )
            for i, c in enumerate(communes)
        ),
        zones=tuple(zones),
        min_share=min_share,
        epsg=projection.epsg,
    )
