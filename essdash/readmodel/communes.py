"""The communes of a diagnostic's territory, with their outlines, for the restitution's maps."""

from __future__ import annotations

import json

from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash.models import Commune, Diagnostic, Territory, TerritoryCommune
from essdash.readmodel.slides import CommuneArea


def diagnostic_territory(session: Session, diagnostic: Diagnostic) -> Territory | None:
    return session.get(Territory, diagnostic.territory_id) if diagnostic.territory_id else None


def territory_communes(session: Session, territory: Territory | None) -> list[CommuneArea]:
    if territory is None:
        return []
    rows = session.execute(
        select(Commune.code, Commune.name, Commune.geometry)
        .join(TerritoryCommune, TerritoryCommune.commune_code == Commune.code)
        .where(TerritoryCommune.territory_id == territory.id)
        .order_by(Commune.code)
    ).all()
    return [
        CommuneArea(code=code, name=name, geometry=json.loads(geometry) if geometry else None)
        for code, name, geometry in rows
    ]
