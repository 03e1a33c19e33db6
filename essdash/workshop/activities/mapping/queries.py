"""Read side of the shared map: the territory's communes, visible features, one's own features."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from typing import Any

from shapely.geometry import Point, shape
from shapely.prepared import PreparedGeometry, prep
from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash.models import Commune, Diagnostic, MapFeature, Participant, TerritoryCommune, Workshop


@dataclass(frozen=True)
class CommuneRef:
    code: str
    name: str
    lon: float | None
    lat: float | None
    geometry: str | None


@dataclass(frozen=True)
class FeatureView:
    """A map feature as every viewer sees it (no personal data but the structure's name)."""

    id: int
    participant_id: int
    kind: str
    geometry: dict[str, Any]
    radius_m: float | None
    site_id: int | None
    label: str
    family: str | None
    sector: str | None
    offer: str
    commune_code: str | None
    actor_type: str
    structure_name: str
    on_behalf: bool


def territory_communes(session: Session, workshop_id: int) -> list[CommuneRef]:
    """Communes of the diagnostic's territory, by name."""
    rows = session.execute(
        select(
            Commune.code, Commune.name, Commune.centroid_lon, Commune.centroid_lat, Commune.geometry
        )
        .join(TerritoryCommune, TerritoryCommune.commune_code == Commune.code)
        .join(Diagnostic, Diagnostic.territory_id == TerritoryCommune.territory_id)
        .join(Workshop, Workshop.diagnostic_id == Diagnostic.id)
        .where(Workshop.id == workshop_id)
        .order_by(Commune.name)
    ).all()
    return [CommuneRef(*row) for row in rows]


_PER_THREAD = threading.local()
_PREPARED_MAX = 4096


def _prepared(geometry_json: str) -> PreparedGeometry:
    """A prepared contour, cached per thread: GEOS prepared geometries are not thread-safe
    (libgeos/geos#825) and Streamlit runs each session's script in its own thread."""
    cache: dict[str, PreparedGeometry] | None = getattr(_PER_THREAD, "prepared", None)
    if cache is None:
        cache = _PER_THREAD.prepared = {}
    found = cache.get(geometry_json)
    if found is None:
        if len(cache) >= _PREPARED_MAX:
            cache.clear()
        found = cache[geometry_json] = prep(shape(json.loads(geometry_json)))
    return found


def commune_at(session: Session, workshop_id: int, lon: float, lat: float) -> str | None:
    """Code of the territory's commune containing the point, if any contour is known."""
    where = Point(lon, lat)
    for commune in territory_communes(session, workshop_id):
        if commune.geometry and _prepared(commune.geometry).contains(where):
            return commune.code
    return None


def _views(session: Session, *conditions: Any) -> list[FeatureView]:
    # Plain columns, not ORM entities: the live map reads this after every change.
    rows = session.execute(
        select(
            MapFeature.id,
            MapFeature.participant_id,
            MapFeature.kind,
            MapFeature.geometry,
            MapFeature.radius_m,
            MapFeature.site_id,
            MapFeature.label,
            MapFeature.family,
            MapFeature.sector,
            MapFeature.offer,
            MapFeature.commune_code,
            Participant.actor_type,
            Participant.structure_name,
            MapFeature.on_behalf,
        )
        .join(Participant, Participant.id == MapFeature.participant_id)
        .where(MapFeature.hidden.is_(False), Participant.erased_at.is_(None), *conditions)
        .order_by(MapFeature.id)
    ).all()
    return [
        FeatureView(
            id=row[0],
            participant_id=row[1],
            kind=row[2],
            geometry=json.loads(row[3]),
            radius_m=row[4],
            site_id=row[5],
            label=row[6],
            family=row[7],
            sector=row[8],
            offer=row[9],
            commune_code=row[10],
            actor_type=row[11],
            structure_name=row[12],
            on_behalf=row[13],
        )
        for row in rows
    ]


def visible_features(session: Session, workshop_id: int) -> list[FeatureView]:
    """Every feature of the workshop that moderation has not hidden."""
    return _views(session, MapFeature.workshop_id == workshop_id)


def own_features(session: Session, participant_id: int) -> list[FeatureView]:
    """The participant's own visible sites and zones (what they may edit)."""
    return _views(session, MapFeature.participant_id == participant_id)


def hidden_features(session: Session, workshop_id: int) -> list[MapFeature]:
    """What moderation hid, for the facilitator to restore."""
    return list(
        session.scalars(
            select(MapFeature)
            .where(MapFeature.workshop_id == workshop_id, MapFeature.hidden.is_(True))
            .order_by(MapFeature.id)
        )
    )
