"""The shared map in the workbook: a "Sites" sheet and a "Zones de chalandise" sheet.

Distances in kilometres, areas in km² (Lambert-93), geometry as WKT in WGS 84; hidden (moderated)
features left out; features attributed to their structure, never to a person's name.
"""

from __future__ import annotations

import pandas as pd
from sqlalchemy.orm import Session

from essdash.readmodel.scope import Scope
from essdash.workshop.activities.mapping.features import map_features


def sites(session: Session, scope: Scope) -> pd.DataFrame:
    rows = []
    for f in map_features(session, scope, kind="site"):
        point = f.geometry.representative_point()
        rows.append(
            [
                f.workshop,
                f.label,
                f.structure,
                f.actor_type,
                f.family,
                f.sector,
                f.offer,
                f.commune_code,
                f.commune,
                round(point.x, 6),
                round(point.y, 6),
                "Oui" if f.on_behalf else "",
                f.created_at,
                f.id,
            ]
        )
    columns = ["Atelier", "Site", "Structure", "Type d'acteur", "Famille de l'ESS", "Secteur"]
    columns += ["Offre", "Code commune", "Commune", "Longitude", "Latitude"]
    return pd.DataFrame(rows, columns=[*columns, "Saisi par l'animation", "Date", "Identifiant"])


def zones(session: Session, scope: Scope) -> pd.DataFrame:
    rows = [
        [
            f.workshop,
            f.label,
            f.structure,
            f.actor_type,
            f.family,
            f.radius_km,
            f.area_km2,
            f.site_id,
            f.created_at,
            f.geometry.wkt,
            f.id,
        ]
        for f in map_features(session, scope, kind="zone")
    ]
    columns = ["Atelier", "Zone", "Structure", "Type d'acteur", "Famille de l'ESS", "Rayon (km)"]
    columns += ["Surface (km²)", "Site", "Date", "Géométrie (WKT, WGS 84)", "Identifiant"]
    return pd.DataFrame(rows, columns=columns)
