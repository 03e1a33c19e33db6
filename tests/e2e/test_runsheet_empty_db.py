"""The seed-002 run sheet played from an EMPTY database (issue 11, "Done when").

`init-db` only (no demo), the reference geography and Sirene samples of ../shared/data imported
with the CLI; then everything else through the UI: the facilitator (1920×1080) creates the
diagnostic and the workshop, edits the agenda (world café in 4 × 15') and the questions, opens
the projection; three phones (390×844) join and play the workshop; the élu reads the
restitution. One ordered test per step of the run sheet, sharing one server and one browser:
a failure names its step, and the steps after it are skipped. Screenshots of every step in
test-artifacts/runsheet/.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.helpers import login_facilitator, projector_context
from tests.e2e.runsheet_steps import (
    SHARED,
    grid_add_row,
    grid_edit,
    ready,
    snap,
    start_empty_server,
)

WAIT = 60_000  # generous: two cores shared by several helpers
CODE = "BAIE80"
CAFE = "World café"


@dataclass
class Run:
    base: str
    data_dir: Path
    playwright: Any
    chromium: Any
    pages: dict[str, Any] = field(default_factory=dict)
    facts: dict[str, Any] = field(default_factory=dict)

    @property
    def url(self) -> str:
        return f"sqlite:///{self.data_dir / 'e2e.db'}"

    def page(self, name: str) -> Any:
        return self.pages[name]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[Run]:
    if not SHARED.is_dir():
        pytest.skip("../shared/data absent: the run sheet needs a real territory")
    data_dir = tmp_path_factory.mktemp("runsheet")
    base, proc = start_empty_server(data_dir)
    playwright, chromium = browser
    yield Run(base, data_dir, playwright, chromium)
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.fixture(autouse=True)
def _one_step_after_another(request: pytest.FixtureRequest, run: Run) -> None:
    """A step runs only when every step before it passed (its failure is the one to read)."""
    first = run.facts.setdefault("failed_before", request.session.testsfailed)
    if request.session.testsfailed > first:
        pytest.skip("an earlier step of the run sheet failed")


def both(run: Run, step: str, phone: str = "anna") -> None:
    """Screenshots of a step: the facilitator (1920×1080) and a phone (390×844) when joined."""
    snap(run.page("fac"), step, "facilitator")
    if "projection" in run.pages:
        snap(run.page("projection"), step, "projection")
    if phone in run.pages:
        snap(run.page(phone), step, f"phone-{phone}")


# --- 1. The facilitator prepares the workshop --------------------------------------------------


def test_01_facilitator_logs_in_and_creates_the_diagnostic(run: Run) -> None:
    """Through the UI (« Diagnostics et phases » offers it), on a territory of the real COG."""
    fac = projector_context(run.chromium).new_page()
    run.pages["fac"] = fac
    login_facilitator(fac, run.base)
    fac.goto(run.base + "/diagnostics")
    ready(fac)
    fac.get_by_label("Nom du diagnostic").fill("Diagnostic ESS Baie de Somme")
    fac.get_by_label("Territoire").click()
    fac.keyboard.type("Baie de Somme")
    fac.get_by_role("option", name="CA de la Baie de Somme").first.click()
    fac.get_by_label("Organisme émetteur (couverture du document de restitution)").first.fill(
        "CRESS Hauts-de-France"
    )
    fac.get_by_role("button", name="Créer le diagnostic").click()
    fac.get_by_text("Diagnostic n° 1 créé").wait_for(timeout=WAIT)
    ready(fac)
    fac.get_by_text("territoire : CA de la Baie de Somme").wait_for(timeout=WAIT)
    both(run, "01-diagnostic")


def test_02_creates_the_workshop(run: Run) -> None:
    fac = run.page("fac")
    fac.goto(run.base + "/ateliers")
    ready(fac)
    fac.get_by_text("Créer un atelier").click()
    fac.get_by_label("Titre").fill("Atelier de la Baie de Somme")
    fac.get_by_label("Code (facultatif, sinon tiré au hasard)").fill(CODE)
    fac.get_by_label("Lieu").fill("Abbeville, salle des fêtes")
    fac.get_by_role("button", name="Créer", exact=True).click()
    fac.get_by_text(f"créé : code {CODE}").wait_for(timeout=WAIT)
    ready(fac)
    fac.get_by_text(f"En préparation — code {CODE}").wait_for(timeout=WAIT)
    both(run, "02-workshop")


def test_03_edits_and_saves_the_agenda_with_the_cafe_in_4_x_15(run: Run) -> None:
    """The default agenda (seed 002) edited in the grid: the map step gets its minutes, the
    café of 60' becomes four steps of 15', then the summaries and the closing."""
    fac = run.page("fac")
    grid = fac.locator('[data-testid="stDataFrame"]').first
    grid_edit(fac, grid, 1, 1, "15")  # the map step, 0' in the default agenda
    grid_edit(fac, grid, 4, 1, "15")  # the café: question 1
    for row, n in ((5, 2), (6, 3)):  # summaries and closing become questions 2 and 3
        for col, text in enumerate(
            [f"World café — question {n}", "15", f"Les tables tournent : question {n}", CAFE]
        ):
            grid_edit(fac, grid, row, col, text)
    grid_add_row(fac, grid, 7, ["World café — question 4", "15", "Dernière rotation", CAFE])
    grid_add_row(fac, grid, 8, ["Résumés des rapporteurs", "20", "Un·e rapporteur·e par table",
                                "Synthèse"])  # fmt: skip
    grid_add_row(
        fac, grid, 9, ["Clôturer", "10", "Vote des priorités, suite", "Vote des priorités"]
    )
    snap(fac, "03-agenda-edited", "facilitator")
    fac.get_by_role("button", name="Enregistrer le déroulé").click()
    ready(fac)
    fac.get_by_text("Déroulé enregistré").first.wait_for(timeout=WAIT)
    table = fac.locator('[data-testid="stTable"]').first
    table.get_by_text("2h45").wait_for(timeout=WAIT)  # 2h30 of seed 002 + the map's 15'
    from essdash.db import read_session
    from essdash.models import Workshop
    from essdash.workshop import console

    with read_session(run.url) as s:
        wid = s.query(Workshop).filter_by(join_code=CODE).one().id
        rows = console.agenda(s, workshop_id=wid)
    run.facts["workshop_id"] = wid
    assert [(r.duration_min, r.activity) for r in rows] == [
        (15, "signin"), (15, "mapping"), (15, None), (30, None), (15, "worldcafe"),
        (15, "worldcafe"), (15, "worldcafe"), (15, "worldcafe"), (20, "synthesis"),
        (10, "voting"),
    ]  # fmt: skip
    both(run, "03-agenda-saved")
