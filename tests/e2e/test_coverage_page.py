"""The « Couverture des zones » page in Chromium, on a phone (390×844) and a projector
(1920×1080): the demo's zones plus two food shops' zones drawn on the same communes (an overlap
of one sector), then a 60 % threshold that leaves zones blanches. Screenshots in
test-artifacts/coverage/."""

from __future__ import annotations

import json
import re
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
from essdash.importers.cog import import_cog_file
from essdash.importers.contours import import_contours
from essdash.models import Commune, Diagnostic, Territory, TerritoryCommune, Workshop
from essdash.workshop import console
from essdash.workshop.activities.mapping import service as mapping_service
from essdash.workshop.activities.mapping.service import Description
from essdash.workshop.activities.signin.service import SignInForm, sign_in
from tests.e2e import axe
from tests.e2e.helpers import (
    ROOT,
    choose,
    login_facilitator,
    phone_context,
    projector_context,
    settle,
)
from tests.e2e.helpers import start_server as start

ARTIFACTS = ROOT / "test-artifacts" / "coverage"
SHARED = ROOT.parent / "shared" / "data"
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


# (commune, radius in km, sector) of six sites of real structures' zones in Loire-Atlantique
REAL_ZONES = (("44109", 12, "Alimentation"), ("44184", 9, "Alimentation"), ("44143", 6, "Mobilité"),
              ("44036", 15, "Action sociale"), ("44003", 10, "Alimentation"),
              ("44162", 8, "Alimentation"))  # fmt: skip
DEMO_WORKSHOP = "Atelier territoire du Val de Démo (démonstration) — DEMO (Ouvert)"
REAL_RESTITUTION = "la44-e2e-couverture"
REAL_WORKSHOP = "Maillage Loire-Atlantique — LA44 (Ouvert)"


def _loire_atlantique(shared: Path) -> None:
    """The 207 real communes of Loire-Atlantique (COG, contours) and a workshop LA44 whose six
    structures drew radius zones around sites in six of them."""
    with write_session() as s:
        import_cog_file(s, shared / "cog" / "communes.json")
        import_contours(s, shared / "geo" / "communes-44-loire-atlantique.geojson")
    with write_session() as s:
        codes = s.scalars(select(Commune.code).where(Commune.departement_code == "44")).all()
        territory = Territory(kind="liste", code="la44", name="Loire-Atlantique")
        territory.communes = [TerritoryCommune(commune_code=c) for c in codes]
        s.add(territory)
        s.flush()
        diagnostic = Diagnostic(name="Loire-Atlantique", territory_id=territory.id,
                                restitution_code=REAL_RESTITUTION)  # fmt: skip
        s.add(diagnostic)
        s.flush()
        workshop = console.create_workshop(
            s, diagnostic_id=diagnostic.id, title="Maillage Loire-Atlantique", join_code="LA44"
        )
        console.set_status(s, workshop_id=workshop.id, status="open")
        for index, (code, radius_km, sector) in enumerate(REAL_ZONES):
            form = SignInForm(name=f"P{index}", structure_name=f"Structure {index}",
                              actor_type="ess", ess_family="association")  # fmt: skip
            who = sign_in(s, workshop_id=workshop.id, form=form)
            commune = s.get(Commune, code)
            assert commune is not None
            centre = shape(json_of(commune)).representative_point()
            site = mapping_service.add_site(
                s, participant_id=who.id, lon=centre.x, lat=centre.y,
                description=Description(sector=sector),
            )  # fmt: skip
            mapping_service.add_radius_zone(
                s, participant_id=who.id, site_id=site.id, radius_m=radius_km * 1000
            )


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
            if SHARED.is_dir():
                _loire_atlantique(SHARED)
            dispose_engines()
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
        choose(page, "Atelier", DEMO_WORKSHOP)
        settle(page, TIMEOUT)
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


@pytest.mark.parametrize("device", ["projector", "phone"])
def test_coverage_of_a_real_departement(coverage_server, browser, device):
    """207 communes of Loire-Atlantique, six zones: most communes are zones blanches."""
    if not SHARED.is_dir():
        pytest.skip("../shared/data absent: the real territory is not loaded")
    playwright, chromium = browser
    phone = device == "phone"
    context = phone_context(playwright, chromium) if phone else projector_context(chromium)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    try:
        _open_page(page, coverage_server)
        choose(page, "Atelier", REAL_WORKSHOP)
        settle(page, TIMEOUT)
        metrics = page.locator('[data-testid="stMetric"]')
        expect(metrics.first).to_contain_text("/ 207")
        page.frame_locator("iframe").first.get_by_text("Châteaubriant").wait_for()
        page.wait_for_timeout(2000)
        serious = axe.blocking(axe.audit(page, f"couverture 44 @ {device}"))
        assert not serious, axe.report(serious)
        _shots(page, f"couverture-44-{device}")
    finally:
        context.close()


def test_coverage_slides_of_the_restitution(coverage_server, browser):
    """The restitution of the Loire-Atlantique diagnostic: the coverage table, then the bars."""
    if not SHARED.is_dir():
        pytest.skip("../shared/data absent: the real territory is not loaded")
    _, chromium = browser
    context = projector_context(chromium)
    page = context.new_page()
    page.set_default_timeout(TIMEOUT)
    try:
        page.goto(f"{coverage_server}/restitution?r={REAL_RESTITUTION}")
        settle(page, TIMEOUT)
        counter = page.get_by_text(re.compile(r"^\d+ / \d+$")).first
        counter.wait_for(timeout=TIMEOUT)
        total = int(counter.inner_text().split("/")[1])
        number = 1
        for title, name in (
            ("Ce que couvrent les zones de chalandise", "restitution-couverture"),
            ("Population couverte par secteur", "restitution-secteurs"),
        ):
            heading = page.get_by_text(title, exact=True)
            while not heading.count() and number < total:
                page.locator("body").press("ArrowRight")
                number += 1
                page.get_by_text(f"{number} / {total}").first.wait_for(timeout=TIMEOUT)
                settle(page, TIMEOUT)
            expect(heading).to_be_visible()
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(1500)  # the chart is drawn after the run
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"{name}.png"))
        expect(page.get_by_text("Zones blanches").first).to_be_hidden()  # on the slide before
    finally:
        context.close()
