"""Carte partagée's manifest: the participant's map page, the welcome-and-map projection view,
the "Sites" and "Zones de chalandise" sheets (km), the actors' map slide, map moderation."""

from __future__ import annotations

from sqlalchemy.orm import Session

from essdash.models import MapFeature, Participant
from essdash.readmodel.contract import (
    Activity,
    ModerationKind,
    Page,
    PersonalData,
    ProjectionView,
    Sheet,
)
from essdash.workshop.activities.mapping import export, personal, slides


def _listing(session: Session, feature: MapFeature, author: Participant) -> tuple[str, str]:
    kind = "Site" if feature.kind == "site" else "Zone"
    return f"{kind} — {feature.label}", author.structure_name


ACTIVITY = Activity(
    key="mapping",
    title="Carte partagée",
    agenda=(("mapping", "Carte partagée"),),
    pages=(Page("carte_partagee", "Carte partagée", ":material/map:", "participant"),),
    projection=(
        ProjectionView("map", "Accueil et carte", "essdash.ui.workshop.projection:welcome_view"),
    ),
    sheets=(Sheet("Sites", export.sites), Sheet("Zones de chalandise", export.zones)),
    slides=slides.actors_map_slides,
    moderation=(
        ModerationKind("feature", "Carte", MapFeature, lambda f: f.label, listing=_listing),
    ),
    personal=PersonalData(export=personal.export, merge=personal.merge),
)
