"""The « Couverture des zones » page in Chromium, on a phone (390×844) and a projector
(1920×1080): the demo's zones plus two food shops' zones drawn on the same communes (an overlap
of one sector), then a 60 % threshold that leaves zones blanches. Screenshots in
test-artifacts/coverage/."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from shapely.geometry import mapping, shape
from sqlalchemy import select

from essdash.db import write_session
from essdash.db.engine import dispose_engines
from essdash.models import Commune, Workshop
from essdash.workshop.activities.mapping import service as mapping_service
from essdash.workshop.activities.mapping.service import Description
from essdash.workshop.activities.signin.service import SignInForm, sign_in
from tests.e2e import axe
from tests.e2e.helpers import ROOT, login_facilitator, phone_context, projector_context, settle
from tests.e2e.helpers import start_server as start

ARTIFACTS = ROOT / "test-artifacts" / "coverage"
TIMEOUT = 60_000
FOOD = (
    ("Épicerie solidaire (fictive)", "association"),
    ("Coop bio du Val (fictive)", "cooperative"),
)


def _food_zones(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two food structures draw a zone over the first two communes of the demo."""
    monkeypatch.setenv("ESSDASH_DATABASE_URL", f"sqlite:///{data_dir / 'e2e.db'}")
    monkeypatch.setenv("ESSDASH_DATA_DIR", str(data_dir))
    dispose_engines()
    with write_session() as s:
        workshop = s.scalars(select(Workshop).where(Workshop.join_code == "DEMO")).one()
        communes = s.scalars(select(Commune).order_by(Commune.code).limit(2)).all()
        union = shape(json_of(communes[0])).union(shape(json_of(communes[1])))
        outline = json.loads(json.dumps(mapping(union.convex_hull.simplify(0.001))))
        for structure, family in FOOD:
            form = SignInForm(name="Démo", structure_name=structure, actor_type="ess",
                              ess_family=family)  # fmt: skip
            who = sign_in(s, workshop_id=workshop.id, form=form)
            mapping_service.add_zone(
                s, participant_id=who.id, geometry=outline,
                description=Description(sector="Alimentation"),
            )  # fmt: skip
    dispose_engines()


def json_of(commune: Commune) -> dict[str, Any]:
    assert commune.geometry
    return dict(json.loads(commune.geometry))


@pytest.fixture(scope="module")
def coverage_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    data_dir = tmp_path_factory.mktemp("coverage-e2e")
    base, proc = start(data_dir)
    try:
        with pytest.MonkeyPatch.context() as patch:
            _food_zones(data_dir, patch)
        yield base
    finally:
        proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def _open_page(page: Any, base: str) -> None:
    login_facilitator(page, base)
    page.goto(base + "/couverture")
    settle(page, TIMEOUT)
    page.get_by_role("heading", name="Couverture des zones").first.wait_for(timeout=TIMEOUT)
    map_frame = page.frame_locator("iframe").first
    map_frame.locator(".leaflet-container").wait_for(timeout=TIMEOUT)
    page.wait_for_timeout(2000)  # the labels are placed after the map has its size


def _set_share(page: Any, percent: int) -> None:
    box = page.get_by_label("Part minimale de la surface d'une commune (%)")
    box.fill(str(percent))
    box.press("Enter")
    settle(page, TIMEOUT)
    page.wait_for_timeout(2000)


def _shots(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
    page.get_by_role("heading", name="Couverture des zones").first.hover()  # not the map
    page.mouse.wheel(0, 900)
    page.wait_for_timeout(800)
    page.screenshot(path=str(ARTIFACTS / f"{name}-bas.png"))


@pytest.mark.parametrize("device", ["projector", "phone"])
def test_coverage_page_map_overlap_and_zones_blanches(coverage_server, browser, device):
    playwright, chromium = browser
    context = (
        projector_context(chromium)
        if device == "projector"
        else phone_context(playwright, chromium)
    )
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    try:
        _open_page(page, coverage_server)
        main = page.locator('[data-testid="stMain"]')
        expect(main.get_by_text("Alimentation", exact=True).first).to_be_visible()  # overlap row
        expect(page.locator('[data-testid="stMetric"]').first).to_contain_text("12 / 12")
        _set_share(page, 60)
        blank = page.locator('[data-testid="stMetric"]').nth(2)
        expect(blank).not_to_contain_text("Zones blanches0")
        legend = page.get_by_text("Zone blanche (aucune zone)")
        expect(legend).to_be_visible()
        serious = axe.blocking(axe.audit(page, f"couverture @ {device}"))
        assert not serious, axe.report(serious)
        _shots(page, f"couverture-{device}")
    finally:
        context.close()
