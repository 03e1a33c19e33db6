"""Screenshots at 1920×1080 of every quantitative page, on the demo and on a real territory.

The real territory is the Somme (80) built from ../shared/data: the COG, the Somme's commune
contours and the Sirene samples. Those samples are the first rows of INSEE's national stock
(sorted by siren: old, mostly closed units, few per territory), so the Somme's figures are tiny:
the point is that real files go through the real path and the pages stay readable.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import (
    ROOT,
    DemoServer,
    essdash_cli,
    login_facilitator,
    projector_context,
    settle,
    shot,
)

SHARED = ROOT.parent / "shared" / "data"
PAGES = {
    "Chiffres clés": "chiffres",
    "Carte de l'ESS": "carte",
    "Comparaison": "comparaison",
    "Tableaux": "tableaux",
    "Filières": "filieres",
    "Import des données": "import",
    "À propos des données": "a-propos",
}
TIMEOUT = 30_000


def _open(page: Any, title: str) -> None:
    link = page.get_by_role("link", name=title, exact=True).first
    more = page.get_by_text(re.compile(r"^View \d+ more$"))
    if not link.is_visible() and more.count():
        more.first.click()  # the sidebar folds long page lists
    link.click()
    settle(page, TIMEOUT)
    page.get_by_role("heading", name=title).first.wait_for(timeout=TIMEOUT)
    page.wait_for_timeout(1500)  # Vega and deck.gl draw after the script run


def _choose(page: Any, label: str, option: str) -> None:
    box = page.get_by_role("combobox", name=label, exact=True)
    # A rerun may briefly keep the previous run's box beside the new one: act on the one left.
    expect(box).to_have_count(1, timeout=TIMEOUT)
    box.click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option, exact=True).first.wait_for(state="attached")
    page.keyboard.press("Enter")
    settle(page, TIMEOUT)
    expect(box).to_have_count(1, timeout=TIMEOUT)
    expect(box).to_have_value(option, timeout=TIMEOUT)  # the box itself shows the choice


def _scroll_down(page: Any) -> None:
    page.locator('[data-testid="stMain"]').hover()
    page.mouse.wheel(0, 1000)
    page.wait_for_timeout(800)


# What each page must show a facilitator (every one of them is drawn once the run is over).
CONTENT = {
    "chiffres": '[data-testid="stMetric"]',
    "carte": '[data-testid="stDeckGlJsonChart"] canvas',
    "comparaison": '[data-testid="stDataFrame"]',  # one column per territory (a canvas grid)
    "tableaux": '[data-testid="stDataFrame"]',
    "filieres": '[data-testid="stMetric"]',
    "import": '[data-testid="stFileUploader"]',
    "a-propos": '[data-testid="stDataFrame"]',
}
FRENCH_PERCENT = re.compile(r"^\s*\d{1,3},\d[\u00a0\u202f ]%\s*$")


def _assert_shows(page: Any, name: str, chosen: list[str]) -> None:
    """The page's own content is there, and it is about the territories chosen."""
    page.locator(CONTENT[name]).first.wait_for(timeout=TIMEOUT)
    main = page.locator('[data-testid="stMain"]')
    # "Somme (80)" is shown as "Somme" in the page's text (the comparison's grid is a canvas: its
    # choices are checked in their boxes by _choose).
    for option in chosen if name != "comparaison" else []:
        expect(main, f"{name}: {option} not shown").to_contain_text(
            option.rsplit(" (", 1)[0], timeout=TIMEOUT
        )
    if name == "chiffres":
        share = page.locator('[data-testid="stMetric"]').filter(
            has_text="Part de l'ESS (établissements)"
        )
        value = share.first.locator('[data-testid="stMetricValue"]')
        expect(value, "ESS share in French format").to_have_text(FRENCH_PERCENT, timeout=TIMEOUT)


def _tour(
    page: Any,
    prefix: str,
    choices: dict[str, list[tuple[str, str]]],
    only: tuple[str, ...] = tuple(PAGES.values()),
    scroll: bool = True,
) -> list[Path]:
    shots = []
    for title, name in PAGES.items():
        if name not in only:
            continue
        _open(page, title)
        for label, option in choices.get(name, []):
            _choose(page, label, option)
            page.wait_for_timeout(1500)
        assert not page.locator('[data-testid="stException"]').count(), title
        _assert_shows(page, name, [option for _, option in choices.get(name, [])])
        shots.append(shot(page, f"quant-{prefix}-{name}"))
        if scroll and name in ("chiffres", "tableaux", "a-propos"):
            _scroll_down(page)
            shots.append(shot(page, f"quant-{prefix}-{name}-suite"))
    return shots


def test_quant_pages_on_the_demo(server: str, browser: tuple[Any, Any]) -> None:
    _, chromium = browser
    context = projector_context(chromium)
    page = context.new_page()
    login_facilitator(page, server)
    _open(page, "Chiffres clés")
    page.get_by_text("Part de l'ESS (établissements)").first.wait_for(timeout=TIMEOUT)
    _tour(page, "demo", {})  # asserts each page's content (_assert_shows) as it goes
    context.close()


@pytest.fixture(scope="module")
def real_server(demo_server: DemoServer) -> Iterator[str]:
    """A second server whose store holds the real COG, Somme contours and Sirene samples."""
    if not SHARED.is_dir():
        pytest.skip("../shared/data absent: real-data screenshots skipped")
    with demo_server("e2e-real") as server:  # the demo first, then the real files
        _import_real(server.data_dir)
        yield server.base


def _import_real(data_dir: Path) -> None:
    """The real COG, the Somme's contours and the Sirene samples, through the real CLI."""
    cog = [str(SHARED / "cog" / f) for f in ("regions.json", "departements.json", "epci.json")]
    sirene = SHARED / "sirene"
    commands = [
        ["import-cog", *cog, str(SHARED / "cog" / "communes.json")],
        ["import-contours", str(SHARED / "geo" / "communes-80-somme.geojson")],
        ["import-sirene", "--etablissements",
         str(sirene / "StockEtablissement_utf8_sample_trackdechets.csv"),
         "--unites-legales", str(sirene / "StockUniteLegale_utf8_sample_trackdechets.csv")],
    ]  # fmt: skip
    for command in commands:
        essdash_cli(data_dir, *command)


def test_quant_pages_on_the_somme(real_server: str, browser: tuple[Any, Any]) -> None:
    _, chromium = browser
    context = projector_context(chromium)
    page = context.new_page()
    login_facilitator(page, real_server)
    somme = [("Territoire", "Somme (80)")]
    comparison = [
        ("Territoire 1", "Somme (80)"),
        ("Territoire 2", "Oise (60)"),
        ("Territoire 3", "Aisne (02)"),
    ]
    # The pages that show the territory's own figures; the others are the demo's screenshots.
    _tour(  # asserts that each page shows the territories chosen (_assert_shows)
        page,
        "somme",
        {"chiffres": somme, "comparaison": comparison},
        only=("chiffres", "carte", "comparaison", "tableaux"),
        scroll=False,
    )
    context.close()
