"""The shared map in the restitution: the actors' map slide (no participant name)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from essdash import labels
from essdash.formatting import fmt_count
from essdash.readmodel.communes import diagnostic_territory, territory_communes
from essdash.readmodel.geometry import as_geojson
from essdash.readmodel.scope import Scope
from essdash.readmodel.slides import CommuneArea, MapPoint, MapSlide, MapZone, Slide
from essdash.workshop.activities.mapping.features import map_features


def actors_map_slides(session: Session, scope: Scope) -> list[Slide]:
    """The actors' map: their sites and zones de chalandise over the territory's communes."""
    territory = diagnostic_territory(session, scope.diagnostic)
    return [actors_map(session, scope, territory_communes(session, territory))]


def actors_map(session: Session, scope: Scope, communes: list[CommuneArea]) -> MapSlide:
    sites = map_features(session, scope, kind="site")
    zones = map_features(session, scope, kind="zone")
    actor_key = {v: k for k, v in labels.ACTOR_TYPES.items()}
    points = tuple(
        MapPoint(
            lon=float(s.geometry.representative_point().x),
            lat=float(s.geometry.representative_point().y),
            label=s.structure or s.label,
            actor_type=actor_key.get(s.actor_type, "autre"),
            family=s.family,
        )
        for s in sites
    )
    areas = tuple(
        MapZone(
            geometry=as_geojson(z.geometry),
            label=z.structure or z.label,
            actor_type=actor_key.get(z.actor_type, "autre"),
        )
        for z in zones
    )
    subtitle = (
        f"{fmt_count(len(points), 'site')} et "
        f"{fmt_count(len(areas), 'zone de chalandise', 'zones de chalandise')} "
        "placés par les acteurs"
    )
    return MapSlide(
        title="La carte des acteurs",
        subtitle=subtitle,
        communes=tuple(communes),
        points=points,
        zones=areas,
        kind="actors_map",
    )
