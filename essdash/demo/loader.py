"""Load, detect and remove the demo.

The core demo (territory, diagnostic, workshop, sample people and their map, Sirene) comes from
this package; then each registered activity's and section's `seed` runs, in registry order
(`essdash.workshop.activities.registry`): a new activity brings its demo content with it.
"""

from __future__ import annotations

import importlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from essdash.demo import geography as geo
from essdash.diagnostics.creation import new_restitution_code
from essdash.models import (
    Commune,
    CommuneAlias,
    Diagnostic,
    Participant,
    Territory,
    TerritoryCommune,
    Workshop,
)
from essdash.readmodel.contract import Seed
from essdash.workshop.activities import registry

DEMO_JOIN_CODE = "DEMO"
DEMO_SEED = 2026

# Modules exposing `seed(session, ctx)`: the core demo, before the activities' own seeds.
SEEDER_MODULES: tuple[str, ...] = (
    "essdash.demo.workshop_seed",
    "essdash.demo.sirene_seed",
)


@dataclass
class DemoContext:
    """What the core demo created, handed to each seeder."""

    rng: random.Random
    diagnostic: Diagnostic
    workshop: Workshop
    epci: Territory
    communes: list[geo.DemoCommune]
    participants: list[Participant] = field(default_factory=list)


def _registered_seeds() -> list[Seed]:
    """The activities' seeds, then the sections', in registry order."""
    found = [item.seed for item in registry.contributors()]
    return [seed for seed in found if seed is not None]


def has_demo(session: Session) -> bool:
    return session.scalar(select(Diagnostic.id).where(Diagnostic.is_demo).limit(1)) is not None


def remove_demo(session: Session) -> None:
    """Delete every demo row (diagnostic cascade, fictional territories and communes)."""
    for diagnostic in session.scalars(select(Diagnostic).where(Diagnostic.is_demo)):
        session.delete(diagnostic)
    session.flush()
    fictional_ids = select(Territory.id).where(Territory.is_fictional)
    session.execute(
        delete(TerritoryCommune).where(TerritoryCommune.territory_id.in_(fictional_ids))
    )
    session.execute(delete(Territory).where(Territory.is_fictional))
    session.execute(
        delete(CommuneAlias).where(CommuneAlias.commune_code.startswith(geo.DEPARTEMENT_CODE))
    )
    session.execute(delete(Commune).where(Commune.is_fictional))
    session.flush()


def _territory(kind: str, code: str, name: str, communes: list[geo.DemoCommune]) -> Territory:
    territory = Territory(
        kind=kind,
        code=code,
        name=name,
        population=sum(c.population for c in communes),
        parent_departement=geo.DEPARTEMENT_CODE if kind in ("epci", "departement") else None,
        parent_region=geo.REGION_CODE,
        is_fictional=True,
    )
    territory.communes = [TerritoryCommune(commune_code=c.code) for c in communes]
    return territory


def _load_geography(session: Session, communes: list[geo.DemoCommune]) -> Territory:
    for c in communes:
        lon, lat = c.centroid
        session.add(
            Commune(
                code=c.code,
                name=c.name,
                departement_code=geo.DEPARTEMENT_CODE,
                region_code=geo.REGION_CODE,
                epci_code=geo.EPCI_CODE if c.in_epci else None,
                population=c.population,
                geometry=c.geometry_json,
                centroid_lon=lon,
                centroid_lat=lat,
                is_fictional=True,
            )
        )
    epci = _territory("epci", geo.EPCI_CODE, geo.EPCI_NAME, [c for c in communes if c.in_epci])
    session.add_all(
        [
            epci,
            _territory("departement", geo.DEPARTEMENT_CODE, geo.DEPARTEMENT_NAME, communes),
            _territory("region", geo.REGION_CODE, geo.REGION_NAME, communes),
        ]
    )
    session.flush()
    return epci


def load_demo(session: Session, extra_seeders: tuple[Callable[..., None], ...] = ()) -> DemoContext:
    """Replace any previous demo by a fresh one; the caller owns the transaction."""
    remove_demo(session)
    rng = random.Random(DEMO_SEED)
    rng.getrandbits(64)  # the draw the restitution code once took: the demo's content stays put
    communes = geo.demo_communes(DEMO_SEED)
    epci = _load_geography(session, communes)
    diagnostic = Diagnostic(
        name="Diagnostic partagé de l'ESS du Val de Démo (fictif)",
        territory_id=epci.id,
        kind="territorial",
        phase="echange",
        reference_territories=f"departement:{geo.DEPARTEMENT_CODE},region:{geo.REGION_CODE}",
        restitution_code=new_restitution_code(),  # fresh and secret on every install
        issuer="CRESS de la Région de Démo (fictive)",
        is_demo=True,
    )
    session.add(diagnostic)
    session.flush()
    workshop = Workshop(
        diagnostic_id=diagnostic.id,
        title="Atelier territoire du Val de Démo (démonstration)",
        join_code=DEMO_JOIN_CODE,
        status="open",
        place="Salle des fêtes de Démo-la-Rivière (fictive)",
        is_demo=True,
    )
    session.add(workshop)
    session.flush()
    ctx = DemoContext(
        rng=rng, diagnostic=diagnostic, workshop=workshop, epci=epci, communes=communes
    )
    for module_name in SEEDER_MODULES:
        importlib.import_module(module_name).seed(session, ctx)
        session.flush()
    for seed in _registered_seeds():
        seed(session, ctx)
        session.flush()
    for seeder in extra_seeders:
        seeder(session, ctx)
        session.flush()
    return ctx
