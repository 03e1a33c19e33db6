"""The shared map as one sheet: sites and zones, geometry as GeoJSON text, hidden ones left out."""

from __future__ import annotations

import json

import pandas as pd
from sqlalchemy.orm import Session

from essdash import labels
from essdash.workshop.activities.mapping.queries import visible_features

COLUMNS = (
    "N°",
    "Type",
    "Nom",
    "Structure",
    "Type d'acteur",
    "Famille de l'ESS",
    "Secteur",
    "Activité, offre",
    "Commune (code INSEE)",
    "Longitude",
    "Latitude",
    "Rayon (m)",
    "Site lié (N°)",
    "Saisi par l'animation",
    "Géométrie (GeoJSON)",
)


def to_frame(session: Session, workshop_id: int) -> pd.DataFrame:
    """One row per visible site or zone."""
    rows = []
    for f in visible_features(session, workshop_id):
        is_site = f.kind == "site"
        lon, lat = f.geometry["coordinates"][:2] if is_site else (None, None)
        rows.append(
            (
                f.id,
                "Site" if is_site else "Zone de chalandise",
                f.label,
                f.structure_name,
                labels.ACTOR_TYPES.get(f.actor_type, f.actor_type),
                labels.ESS_FAMILIES.get(f.family or "", ""),
                f.sector or "",
                f.offer,
                f.commune_code or "",
                lon,
                lat,
                f.radius_m,
                f.site_id,
                "Oui" if f.on_behalf else "",
                json.dumps(f.geometry, separators=(",", ":")),
            )
        )
    return pd.DataFrame(rows, columns=list(COLUMNS))
