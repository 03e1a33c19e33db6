"""A workshop on the real communes of Loire-Atlantique (COG populations, 2018 contours), built
once per session into a template SQLite file that each test copies."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from essdash.db import migrate, write_session
from essdash.db.engine import dispose_engines
from essdash.importers.cog import import_cog_file
from essdash.importers.contours import import_contours
from essdash.models import Commune, Diagnostic, Territory, TerritoryCommune
from essdash.workshop import console
from essdash.workshop.activities.signin.service import SignInForm, sign_in

CONTOURS = "geo/communes-44-loire-atlantique.geojson"
CODE = "COUV44"


@dataclass(frozen=True)
class RealWorld:
    workshop_id: int
    code: str
    contours: dict[str, dict[str, Any]]  # commune code -> GeoJSON geometry of the source file
    populations: dict[str, int]  # commune code -> COG population


@pytest.fixture(scope="session")
def loire_atlantique_template(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("catchment-template")
    url = f"sqlite:///{folder / 'essdash.db'}"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("ESSDASH_DATABASE_URL", url)
        patch.setenv("ESSDASH_DATA_DIR", str(folder))
        dispose_engines()
        migrate.upgrade(url)
        with write_session() as s:
            import_cog_file(s, shared_data / "cog" / "communes.json")
            import_contours(s, shared_data / CONTOURS)
        with write_session() as s:
            codes = [c for (c,) in s.query(Commune.code).filter(Commune.departement_code == "44")]
            territory = Territory(kind="liste", code="test-44", name="Loire-Atlantique (test)")
            territory.communes = [TerritoryCommune(commune_code=c) for c in codes]
            s.add(territory)
            s.flush()
            diagnostic = Diagnostic(
                name="Couverture 44", territory_id=territory.id, restitution_code="couv44"
            )
            s.add(diagnostic)
            s.flush()
            workshop = console.create_workshop(
                s, diagnostic_id=diagnostic.id, title="Maillage 44", join_code=CODE
            )
            console.set_status(s, workshop_id=workshop.id, status="open")
        dispose_engines()
    return folder / "essdash.db"


@pytest.fixture
def real_world(
    loire_atlantique_template: Path,
    shared_data: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> RealWorld:
    """A copy of the template: 207 communes of Loire-Atlantique, workshop COUV44 open."""
    target = tmp_path / "essdash.db"
    shutil.copy(loire_atlantique_template, target)
    monkeypatch.setenv("ESSDASH_DATABASE_URL", f"sqlite:///{target}")
    monkeypatch.setenv("ESSDASH_DATA_DIR", str(tmp_path))
    dispose_engines()
    features = json.loads((shared_data / CONTOURS).read_text())["features"]
    cog = json.loads((shared_data / "cog" / "communes.json").read_text())
    with write_session() as s:
        from essdash.workshop.participants import workshop_by_code

        workshop = workshop_by_code(s, CODE)
        assert workshop is not None
        wid = workshop.id
    return RealWorld(
        workshop_id=wid,
        code=CODE,
        contours={f["properties"]["code"]: f["geometry"] for f in features},
        populations={
            c["code"]: c["population"]
            for c in cog
            if c.get("departement") == "44" and c["type"] == "commune-actuelle"
        },
    )


@pytest.fixture
def structure(real_world: RealWorld) -> Callable[..., int]:
    """structure("Épicerie", actor_type="ess", ess_family="association") -> participant id."""

    def _sign_up(name: str, **fields: Any) -> int:
        with write_session() as s:
            form = SignInForm(name=f"Personne de {name}", structure_name=name, **fields)
            return sign_in(s, workshop_id=real_world.workshop_id, form=form).id

    return _sign_up
