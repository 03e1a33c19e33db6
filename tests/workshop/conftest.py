"""A small open workshop on a three-commune territory, for the live-workshop service tests."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from essdash.db import write_session
from essdash.models import Commune, Diagnostic, Territory, TerritoryCommune
from essdash.workshop import console
from essdash.workshop.activities.signin.service import SignInForm, sign_in


@dataclass(frozen=True)
class LiveWorld:
    url: str
    diagnostic_id: int
    workshop_id: int
    join_code: str
    commune_codes: tuple[str, ...]


def _square(lon: float, lat: float, size: float = 0.05) -> str:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


@pytest.fixture
def live_world(any_db_url: str) -> LiveWorld:
    """Communes 99001..99003 side by side from (2.0, 46.0); workshop TEST1 open."""
    codes = ("99001", "99002", "99003")
    with write_session() as s:
        territory = Territory(kind="epci", code="299999999", name="CC Test", is_fictional=True)
        territory.communes = [TerritoryCommune(commune_code=c) for c in codes]
        s.add(territory)
        for i, code in enumerate(codes):
            lon = 2.0 + 0.05 * i
            s.add(
                Commune(
                    code=code,
                    name=f"Commune {i + 1}",
                    departement_code="99",
                    geometry=_square(lon, 46.0),
                    centroid_lon=lon + 0.025,
                    centroid_lat=46.025,
                    is_fictional=True,
                )
            )
        s.flush()
        diagnostic = Diagnostic(name="Diag test", territory_id=territory.id, restitution_code="r1")
        s.add(diagnostic)
        s.flush()
        workshop = console.create_workshop(
            s, diagnostic_id=diagnostic.id, title="Atelier test", join_code="TEST1"
        )
        console.set_status(s, workshop_id=workshop.id, status="open")
        return LiveWorld(any_db_url, diagnostic.id, workshop.id, "TEST1", codes)


@pytest.fixture
def sign_up(live_world: LiveWorld) -> Callable[..., int]:
    """sign_up("Name", structure_name=..., actor_type=...) -> participant id."""

    def _sign_up(name: str, **fields: Any) -> int:
        with write_session() as s:
            form = SignInForm(name=name, **fields)
            return sign_in(s, workshop_id=live_world.workshop_id, form=form).id

    return _sign_up
