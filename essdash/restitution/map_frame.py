"""Where a restitution or PDF map puts things: a Mercator frame fitted to every geometry (zones
beyond the territory included), the labels that fit without overlapping, a metric scale bar.

Vega-Lite is given the projection explicitly (scale, centre, translation), so that Python knows
each point's pixel position: labels are culled here (sites first), and the scale bar is exact.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from shapely.geometry import shape

EARTH_RADIUS_M = 6_371_008.8
NICE_KM = (0.5, 1, 2, 5, 10, 20, 50, 100, 200)


def _merc_y(lat: float) -> float:
    phi = math.radians(max(-85.0, min(85.0, lat)))
    return math.log(math.tan(math.pi / 4 + phi / 2))


@dataclass(frozen=True)
class Frame:
    scale: float  # pixels per radian of longitude
    center: tuple[float, float]  # lon, lat
    width: int
    height: int

    def pixel(self, lon: float, lat: float) -> tuple[float, float]:
        x = self.width / 2 + self.scale * math.radians(lon - self.center[0])
        y = self.height / 2 - self.scale * (_merc_y(lat) - _merc_y(self.center[1]))
        return x, y

    def projection(self) -> dict[str, Any]:
        return {
            "type": "mercator",
            "scale": self.scale,
            "center": list(self.center),
            "translate": [self.width / 2, self.height / 2],
        }

    def metres_per_pixel(self) -> float:
        return EARTH_RADIUS_M * math.cos(math.radians(self.center[1])) / self.scale


def fit(
    bounds: tuple[float, float, float, float], width: int, height: int, margin: float = 0.06
) -> Frame:
    """The frame showing `bounds` (min_lon, min_lat, max_lon, max_lat) whole, with a margin."""
    min_lon, min_lat, max_lon, max_lat = bounds
    span_x = max(math.radians(max_lon - min_lon), 1e-6)
    span_y = max(_merc_y(max_lat) - _merc_y(min_lat), 1e-6)
    scale = min(width * (1 - 2 * margin) / span_x, height * (1 - 2 * margin) / span_y)
    mid_y = (_merc_y(min_lat) + _merc_y(max_lat)) / 2
    center_lat = math.degrees(2 * math.atan(math.exp(mid_y)) - math.pi / 2)
    return Frame(scale, ((min_lon + max_lon) / 2, center_lat), width, height)


def bounds(geometries: Iterable[dict[str, Any]]) -> tuple[float, float, float, float] | None:
    boxes = [shape(g).bounds for g in geometries if g]
    if not boxes:
        return None
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


@dataclass(frozen=True)
class Label:
    text: str
    lon: float
    lat: float
    size: int
    dx: int = 0  # text starts this far right of the point (sites), else centred


def legible(frame: Frame, candidates: Sequence[Label]) -> list[Label]:
    """The labels, in priority order, that fit inside the frame without overlapping."""
    kept: list[Label] = []
    boxes: list[tuple[float, float, float, float]] = []
    for label in candidates:
        x, y = frame.pixel(label.lon, label.lat)
        w, h = len(label.text) * label.size * 0.58, label.size * 1.3
        left = x + label.dx if label.dx else x - w / 2
        box = (left - 2, y - h / 2, left + w + 2, y + h / 2)
        inside = box[0] >= 0 and box[1] >= 0 and box[2] <= frame.width and box[3] <= frame.height
        if inside and not any(_overlap(box, other) for other in boxes):
            kept.append(label)
            boxes.append(box)
    return kept


def _overlap(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return not (a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1])


def scale_bar(frame: Frame, max_fraction: float = 0.22) -> tuple[float, str]:
    """(length in pixels, 'n km') of the longest round length under a fifth of the width."""
    per_px = frame.metres_per_pixel()
    chosen = NICE_KM[0]
    for km in NICE_KM:
        if km * 1000 / per_px <= frame.width * max_fraction:
            chosen = km
    text = f"{chosen:g} km".replace(".", ",")
    return chosen * 1000 / per_px, text
