"""Sites and zones de chalandise as plain records: the Excel sheets and the map layers share them.

Hidden (moderated) features are left out. No participant name appears: a feature is attributed
to its structure and the structure's type of actor only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from shapely.geometry.base import BaseGeometry
from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash import labels
from essdash.formatting import to_paris
from essdash.models import MapFeature, Participant
from essdash.readmodel.geometry import area_km2, commune_names, feature_geometry
from essdash.readmodel.scope import Scope


@dataclass(frozen=True)
class FeatureRecord:
    id: int
    kind: str  # "site" | "zone"
    workshop: str
    label: str
    structure: str
    actor_type: str
    family: str
    sector: str
    offer: str
    commune_code: str
    commune: str
    radius_km: float | None
    area_km2: float | None
    site_id: int | None
    on_behalf: bool
    created_at: datetime
    geometry: BaseGeometry

    def attributes(self) -> dict[str, Any]:
        """Attributes of the map layers (GeoJSON properties, CSV columns), French names."""
        return {
            "id": self.id,
            "type": "Site" if self.kind == "site" else "Zone de chalandise",
            "atelier": self.workshop,
            "nom": self.label,
            "structure": self.structure,
            "type_acteur": self.actor_type,
            "famille_ess": self.family,
            "secteur": self.sector,
            "offre": self.offer,
            "code_commune": self.commune_code,
            "commune": self.commune,
            "rayon_km": self.radius_km,
            "surface_km2": self.area_km2,
            "site_id": self.site_id,
            "saisi_par_animation": self.on_behalf,
            "date": to_paris(self.created_at).isoformat(timespec="seconds"),
        }


def map_features(session: Session, scope: Scope, *, kind: str) -> list[FeatureRecord]:
    """Visible features of one kind over the scope's workshops, oldest first."""
    rows = session.execute(
        select(MapFeature, Participant)
        .join(Participant, Participant.id == MapFeature.participant_id)
        .where(
            MapFeature.workshop_id.in_(scope.workshop_ids),
            MapFeature.kind == kind,
            MapFeature.hidden.is_(False),
        )
        .order_by(MapFeature.created_at, MapFeature.id)
    ).all()
    names = commune_names(session, {f.commune_code for f, _ in rows if f.commune_code})
    records = []
    for feature, participant in rows:
        geometry = feature_geometry(feature)
        if geometry is None:
            continue
        records.append(_record(scope, feature, participant, geometry, names))
    return records


def _record(
    scope: Scope,
    feature: MapFeature,
    participant: Participant,
    geometry: BaseGeometry,
    names: dict[str, str],
) -> FeatureRecord:
    family = feature.family or participant.ess_family or ""
    return FeatureRecord(
        id=feature.id,
        kind=feature.kind,
        workshop=scope.title_of(feature.workshop_id),
        label=feature.label,
        structure=participant.structure_name if participant.erased_at is None else "",
        actor_type=labels.ACTOR_TYPES.get(participant.actor_type, participant.actor_type),
        family=labels.ESS_FAMILIES.get(family, family),
        sector=feature.sector or "",
        offer=feature.offer or "",
        commune_code=feature.commune_code or "",
        commune=names.get(feature.commune_code or "", ""),
        radius_km=round(feature.radius_m / 1000, 2) if feature.radius_m else None,
        area_km2=area_km2(geometry),
        site_id=feature.site_id,
        on_behalf=feature.on_behalf,
        created_at=feature.created_at,
        geometry=geometry,
    )
