"""What a coverage is computed from: the communes of a workshop's territory and its zones.

`zone_owner` says whose zone it is (actor, family, sector). Today the actor is the participant's
structure (the diagnostic's directory, `Structure`) and the sector and family those the zone was
described with, else its structure's; it is the one place to switch to the actor directory.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from essdash.indicators.perimeter import load_perimeter
from essdash.models import (
    Commune,
    Diagnostic,
    MapFeature,
    Participant,
    Structure,
    TerritoryCommune,
)

NO_SECTOR_KEY = "non_renseigne"
NO_SECTOR_LABEL = "Secteur non renseigné"


@dataclass(frozen=True)
class CommuneSource:
    code: str
    name: str
    population: int | None
    departement_code: str
    geometry: str | None  # GeoJSON, WGS 84


@dataclass(frozen=True)
class ZoneSource:
    """A visible zone de chalandise and whose it is."""

    id: int
    participant_id: int
    actor_id: int | None  # None: a participant who gave no structure
    actor_name: str
    actor_type: str
    family: str | None  # key of labels.ESS_FAMILIES
    sector_key: str
    sector_label: str
    geometry: dict[str, Any]  # GeoJSON polygon, WGS 84
    centre: tuple[float, float] | None  # (lon, lat) of the site of a radius zone
    radius_m: float | None


def _plain(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")


def sector_of(value: str | None, known: dict[str, str]) -> tuple[str, str]:
    """(key, label) of a sector: a key of the perimeter's sectors (`known`, key -> label) as is,
    a typed name matching one of their labels as that key, else the typed name without accents,
    case or punctuation ("Économie circulaire" -> "economie_circulaire")."""
    text = (value or "").strip()
    if text in known:
        return text, known[text]
    key = _plain(text)
    for known_key, label in known.items():
        if _plain(label) == key:
            return known_key, label
    return (key, text) if key else (NO_SECTOR_KEY, NO_SECTOR_LABEL)


def territory_communes(session: Session, diagnostic_id: int) -> list[CommuneSource]:
    """The communes of the diagnostic's territory, by name."""
    rows = session.execute(
        select(
            Commune.code,
            Commune.name,
            Commune.population,
            Commune.departement_code,
            Commune.geometry,
        )
        .join(TerritoryCommune, TerritoryCommune.commune_code == Commune.code)
        .join(Diagnostic, Diagnostic.territory_id == TerritoryCommune.territory_id)
        .where(Diagnostic.id == diagnostic_id)
        .order_by(Commune.name, Commune.code)
    ).all()
    return [CommuneSource(*row) for row in rows]


def workshop_zones(session: Session, workshop_ids: Sequence[int]) -> list[ZoneSource]:
    """The workshops' zones that moderation has not hidden, of participants not erased."""
    site = aliased(MapFeature)
    rows = session.execute(
        select(MapFeature, Participant, Structure, site.geometry, site.sector)
        .join(Participant, Participant.id == MapFeature.participant_id)
        .outerjoin(Structure, Structure.id == Participant.structure_id)
        .outerjoin(site, site.id == MapFeature.site_id)
        .where(
            MapFeature.workshop_id.in_(list(workshop_ids)),
            MapFeature.kind == "zone",
            MapFeature.hidden.is_(False),
            Participant.erased_at.is_(None),
        )
        .order_by(MapFeature.id)
    ).all()
    known = load_perimeter().sectors
    return [zone_owner(zone, who, structure, (site_geometry, site_sector), known)
            for zone, who, structure, site_geometry, site_sector in rows]  # fmt: skip


def zone_owner(
    zone: MapFeature,
    who: Participant,
    structure: Structure | None,
    site: tuple[str | None, str | None],  # the geometry and sector of the zone's site, if any
    known_sectors: dict[str, str],
) -> ZoneSource:
    """Whose zone: the participant's actor (structure), family and sector. The one place to
    switch to `essdash.actors.queries` (same columns: participant -> structure -> sector).
    The sector is the zone's own, else its site's, else its structure's."""
    site_geometry, site_sector = site
    typed = zone.sector or site_sector or (structure.sector if structure else None)
    key, label = sector_of(typed, known_sectors)
    centre = None
    if zone.radius_m is not None and site_geometry:
        lon, lat = json.loads(site_geometry)["coordinates"][:2]
        centre = (float(lon), float(lat))
    return ZoneSource(
        id=zone.id,
        participant_id=who.id,
        actor_id=structure.id if structure else None,
        actor_name=structure.name if structure else (who.structure_name or ""),
        actor_type=who.actor_type,
        family=zone.family or who.ess_family or (structure.family if structure else None),
        sector_key=key,
        sector_label=label,
        geometry=json.loads(zone.geometry),
        centre=centre,
        radius_m=zone.radius_m,
    )
