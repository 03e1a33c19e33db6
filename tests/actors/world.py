"""A diagnostic on the Somme (80) with the real Sirene sample imported, and an open workshop."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from essdash.db import write_session
from essdash.importers.sirene import import_sirene
from essdash.models import Commune, Diagnostic, Territory, TerritoryCommune
from essdash.workshop import console
from essdash.workshop.activities.signin.service import SignInForm, sign_in

SAMPLE = "sirene/StockEtablissement_utf8_sample_trackdechets.csv"
UNITS = "sirene/StockUniteLegale_utf8_sample_trackdechets.csv"


@dataclass(frozen=True)
class World:
    diagnostic_id: int
    workshop_id: int
    communes: tuple[str, ...]


def somme_world(shared_data: Path, *, departement: str = "80") -> World:
    """The real communes of a département as the territory, the real Sirene sample imported."""
    rows = json.loads((shared_data / "cog" / "communes.json").read_text(encoding="utf-8"))
    codes = tuple(
        sorted(
            c["code"]
            for c in rows
            if c.get("departement") == departement and c["type"] == "commune-actuelle"
        )
    )
    import_sirene(shared_data / SAMPLE, shared_data / UNITS)
    with write_session() as s:
        territory = Territory(kind="departement", code=departement, name="Somme")
        territory.communes = [TerritoryCommune(commune_code=c) for c in codes]
        s.add(territory)
        for c in rows:
            if c["code"] in ("80001", "80308"):
                s.add(Commune(code=c["code"], name=c["nom"], departement_code=departement))
        s.flush()
        diagnostic = Diagnostic(name="Diag", territory_id=territory.id, restitution_code="r80")
        s.add(diagnostic)
        s.flush()
        workshop = console.create_workshop(
            s, diagnostic_id=diagnostic.id, title="Atelier Vimeu", join_code="VIMEU"
        )
        console.set_status(s, workshop_id=workshop.id, status="open")
        return World(diagnostic.id, workshop.id, codes)


def signed_in(world: World, name: str, structure: str = "", actor_type: str = "autre") -> int:
    with write_session() as s:
        form = SignInForm(name=name, structure_name=structure, actor_type=actor_type)
        return sign_in(s, workshop_id=world.workshop_id, form=form).id
