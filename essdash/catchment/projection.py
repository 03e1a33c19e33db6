"""WGS 84 geometries into a metric projection: Lambert-93 for metropolitan France and Corsica,
the official UTM projection of each overseas département (Lambert-93 is meaningless there)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import shapely
from numpy.typing import NDArray
from pyproj import Transformer
from shapely.geometry.base import BaseGeometry

LAMBERT_93 = 2154
# Overseas départements: RGAF09 UTM 20N (Guadeloupe, Martinique), RGFG95 UTM 22N (Guyane),
# RGR92 UTM 40S (La Réunion), RGM04 UTM 38S (Mayotte).
OVERSEAS_CRS = {"971": 5490, "972": 5490, "973": 2972, "974": 2975, "976": 4471}
CRS_NAMES = {2154: "Lambert-93", 5490: "UTM 20 N", 2972: "UTM 22 N", 2975: "UTM 40 S",
             4471: "UTM 38 S"}  # fmt: skip
CIRCLE_SEGMENTS = 32  # per quarter circle: the polygon's area is within 0.05 % of the circle's


def metric_crs(departement_codes: Iterable[str]) -> int:
    """EPSG code of the metric projection for communes of these départements."""
    overseas = {OVERSEAS_CRS[d] for d in departement_codes if d in OVERSEAS_CRS}
    return overseas.pop() if len(overseas) == 1 else LAMBERT_93


class MetricProjection:
    """Projects WGS 84 (longitude, latitude) geometries to metres; one per computation (a
    transformer is not shared between threads)."""

    def __init__(self, epsg: int = LAMBERT_93) -> None:
        self.epsg = epsg
        self._forward = Transformer.from_crs(4326, epsg, always_xy=True)
        self._back = Transformer.from_crs(epsg, 4326, always_xy=True)

    def _apply(self, transformer: Transformer, xy: NDArray[np.float64]) -> NDArray[np.float64]:
        x, y = transformer.transform(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    def to_metric(self, geometry: BaseGeometry) -> BaseGeometry:
        projected: BaseGeometry = shapely.transform(
            geometry, lambda xy: self._apply(self._forward, xy)
        )
        return projected if projected.is_valid else shapely.make_valid(projected)

    def to_metric_many(self, geometries: NDArray[np.object_]) -> NDArray[np.object_]:
        """An array of geometries projected in one call (invalid results repaired)."""
        projected: NDArray[np.object_] = shapely.transform(
            geometries, lambda xy: self._apply(self._forward, xy)
        )
        broken = ~shapely.is_valid(projected)
        if broken.any():
            projected[broken] = shapely.make_valid(projected[broken])
        return projected

    def to_wgs84(self, geometry: BaseGeometry) -> BaseGeometry:
        back: BaseGeometry = shapely.transform(geometry, lambda xy: self._apply(self._back, xy))
        return back

    def circle(self, lon: float, lat: float, radius_m: float) -> BaseGeometry:
        """A true circle of `radius_m` metres around (lon, lat), in the metric projection."""
        centre = self.to_metric(shapely.Point(lon, lat))
        circle: BaseGeometry = centre.buffer(radius_m, quad_segs=CIRCLE_SEGMENTS)
        return circle
