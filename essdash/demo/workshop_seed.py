"""Demo workshop content: the seed-002 agenda, four questions, sample participants and posts."""

from __future__ import annotations

import json
import math
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from essdash.models import AgendaStep, MapFeature, Participant, Question, Structure
from essdash.models.base import utcnow
from essdash.workshop.activities.signin.service import new_token
from essdash.workshop.activities.worldcafe.seed import add_posts
from essdash.workshop.defaults import AGENDA_SEED_002, WORLD_CAFE_QUESTIONS

if TYPE_CHECKING:
    from essdash.demo.loader import DemoContext

# (name, structure, actor type, ESS family, commune index, catchment radius in km or None)
SAMPLE_PARTICIPANTS: tuple[tuple[str, str, str, str | None, int, float | None], ...] = (
    ("Camille Exemple", "Ressourcerie du Val (fictive)", "ess", "association", 0, 9.0),
    ("Dominique Test", "Coopérative bio Démo (fictive)", "ess", "cooperative", 4, 12.0),
    ("Alex Maquette", "Commune de Fictiville (fictive)", "collectivite", None, 2, None),
    ("Sacha Prototype", "Réseau d'accompagnement Démo (fictif)", "reseau", None, 7, None),
    ("Noa Échantillon", "Boulangerie Témoin (fictive)", "entreprise", None, 3, 5.0),
    ("Lou Simulé", "Mutuelle du Val (fictive)", "ess", "mutuelle", 10, None),
)

SAMPLE_POSTS: tuple[tuple[int, int, str, str], ...] = (
    (0, 0, "Manque de solutions de mobilité pour les personnes âgées isolées", "enjeux"),
    (0, 1, "Friches agricoles en hausse au nord du territoire", "opportunites"),
    (1, 2, "Épicerie solidaire itinérante très appréciée des habitants", "offre"),
    (1, 4, "La filière réemploi est bien structurée autour de la ressourcerie", "partenariats"),
    (2, 3, "Bénévoles vieillissants : difficulté de renouvellement des bureaux", "accompagnement"),
    (3, 1, "Créer un lieu partagé pour les associations au centre-bourg", "innovation"),
)


def _circle(lon: float, lat: float, radius_km: float, points: int = 32) -> dict[str, object]:
    ring = []
    for k in range(points + 1):
        angle = 2 * math.pi * k / points
        dlat = radius_km / 111.0 * math.sin(angle)
        dlon = radius_km / (111.0 * math.cos(math.radians(lat))) * math.cos(angle)
        ring.append([round(lon + dlon, 5), round(lat + dlat, 5)])
    return {"type": "Polygon", "coordinates": [ring]}


def seed(session: Session, ctx: DemoContext) -> None:
    workshop = ctx.workshop
    for position, step in enumerate(AGENDA_SEED_002, start=1):
        session.add(
            AgendaStep(
                workshop_id=workshop.id,
                position=position,
                title=step.title,
                method=step.method,
                duration_min=step.duration_min,
                activity=step.activity,
            )
        )
    questions = [
        Question(workshop_id=workshop.id, position=i, text=text, hint=hint)
        for i, (text, hint) in enumerate(WORLD_CAFE_QUESTIONS, start=1)
    ]
    session.add_all(questions)
    session.flush()
    start = utcnow() - timedelta(minutes=40)
    for index, (name, structure_name, actor_type, family, commune_index, radius) in enumerate(
        SAMPLE_PARTICIPANTS
    ):
        structure = Structure(
            diagnostic_id=ctx.diagnostic.id,
            name=structure_name,
            actor_type=actor_type,
            family=family,
            commune_code=ctx.communes[commune_index].code,
        )
        session.add(structure)
        session.flush()
        ctx.rng.getrandbits(96)  # the draw the token once took: the demo's content stays put
        participant = Participant(
            workshop_id=workshop.id,
            token=new_token(),  # secret on every install, never from the seeded generator
            name=name,
            structure_id=structure.id,
            structure_name=structure_name,
            actor_type=actor_type,
            ess_family=family,
            table_no=index % workshop.table_count + 1,
            created_at=start + timedelta(minutes=index),
        )
        session.add(participant)
        session.flush()
        ctx.participants.append(participant)
        lon, lat = ctx.communes[commune_index].centroid
        lon += ctx.rng.uniform(-0.01, 0.01)
        lat += ctx.rng.uniform(-0.008, 0.008)
        site = MapFeature(
            workshop_id=workshop.id,
            participant_id=participant.id,
            kind="site",
            geometry=json.dumps({"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]}),
            label=structure_name,
            family=family,
            commune_code=ctx.communes[commune_index].code,
        )
        session.add(site)
        session.flush()
        if radius:
            session.add(
                MapFeature(
                    workshop_id=workshop.id,
                    participant_id=participant.id,
                    kind="zone",
                    geometry=json.dumps(_circle(lon, lat, radius)),
                    radius_m=radius * 1000,
                    site_id=site.id,
                    label=f"Zone de chalandise — {structure_name}",
                    family=family,
                )
            )
    add_posts(session, ctx, questions, SAMPLE_POSTS)
