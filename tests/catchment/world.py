"""Helpers of the coverage tests: draw zones through the shared map's own services."""

from __future__ import annotations

from typing import Any

from shapely.geometry import shape

from essdash.db import write_session
from essdash.workshop.activities.mapping import service as mapping
from essdash.workshop.activities.mapping.service import Description


def draw_zone(pid: int, geometry: dict[str, Any], sector: str = "") -> int:
    with write_session() as s:
        zone = mapping.add_zone(
            s, participant_id=pid, geometry=geometry, description=Description(sector=sector)
        )
        return zone.id


def radius_zone(pid: int, lon: float, lat: float, radius_m: float, site_sector: str = "") -> int:
    with write_session() as s:
        site = mapping.add_site(
            s, participant_id=pid, lon=lon, lat=lat, description=Description(sector=site_sector)
        )
        return mapping.add_radius_zone(s, participant_id=pid, site_id=site.id, radius_m=radius_m).id


def centre_of(geometry: dict[str, Any]) -> tuple[float, float]:
    point = shape(geometry).representative_point()
    return point.x, point.y
