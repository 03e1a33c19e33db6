"""axe-core (WCAG 2.0/2.1 A and AA, the RGAA 4.1 baseline) on every page of every role at 390×844
and 1920×1080: visitor, participant on a phone, facilitator, projection link and restitution.

No critical or serious violation may remain; the others are tallied in
test-artifacts/axe-<viewport>.json (the figures quoted in the README's "Accessibilité")."""

from __future__ import annotations

import contextlib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from essdash.ui.navigation import PAGES
from tests.e2e import axe
from tests.e2e.demo_site import DemoSite, open_demo_site
from tests.e2e.helpers import (
    ROOT,
    DemoServer,
    choose,
    login_facilitator,
    phone_context,
    projector_context,
    settle,
    shot,
)

TIMEOUT = 30_000
ARTIFACTS = ROOT / "test-artifacts"
Audit = Callable[[Any, str], None]


@pytest.fixture(scope="module")
def site(demo_server: DemoServer) -> Iterator[DemoSite]:
    with demo_server("e2e-a11y") as server:
        yield open_demo_site(server)


def _context(browser: tuple[Any, Any], viewport: str) -> Any:
    playwright, chromium = browser
    if viewport == "phone":
        return phone_context(playwright, chromium)
    return projector_context(chromium)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _auditor(viewport: str, found: list[axe.Violation], audited: list[str]) -> Audit:
    def audit(page: Any, where: str) -> None:
        settle(page, TIMEOUT)
        page.wait_for_timeout(1_200)  # charts, maps and component frames draw after the run
        # Streamlit fades the previous page's elements while a run lasts: audit the page drawn.
        page.wait_for_function(
            "() => !document.querySelector('[data-stale=\"true\"]')", timeout=TIMEOUT, polling=250
        )
        _wait_french(page, where)
        found.extend(axe.audit(page, f"{where} @ {viewport}"))
        audited.append(where)
        shot(page, f"a11y-{viewport}-{_slug(where)}")

    return audit


def _wait_french(page: Any, where: str) -> None:
    """The page declares French (set by static/a11y.js once Streamlit has mounted it)."""
    # A busy page (deck.gl) may starve the polling: the value read afterwards decides.
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(
            "document.documentElement.lang === 'fr'", timeout=10_000, polling=250
        )
    lang = page.evaluate("document.documentElement.lang")
    assert lang == "fr", f"{where}: <html lang={lang!r}>, expected 'fr'"


def _public_tour(page: Any, site: DemoSite, audit: Audit) -> None:
    paths = {
        "accueil": "/",
        "rejoindre": "/rejoindre",
        "rejoindre avec le code": f"/rejoindre?code={site.join_code}",
        "animer": "/animer",
        "restitution sans code": "/restitution",
    }
    for name, path in paths.items():
        page.goto(site.base + path)
        audit(page, f"visiteur {name}")


def _join(page: Any, site: DemoSite, name: str) -> str:
    page.goto(f"{site.base}/rejoindre?code={site.join_code}")
    settle(page, TIMEOUT)
    page.get_by_label("Nom et prénom *").fill(name)
    choose(page, "Type d'acteur *", "Citoyen·ne")
    page.get_by_role("button", name="Je signe et je rejoins").click()
    page.get_by_role("heading", name="Carte partagée").first.wait_for(timeout=TIMEOUT)
    return str(page.url.split("p=")[1].split("&")[0])


def _participant_tour(page: Any, site: DemoSite, audit: Audit, viewport: str) -> None:
    token = _join(page, site, f"Participante axe {viewport}")
    for spec in PAGES:
        if "participant" in spec.roles and spec.file not in ("rejoindre", "animer", "projection"):
            path = "" if spec.default else spec.file
            page.goto(f"{site.base}/{path}?p={token}")
            audit(page, f"participant {spec.file}")
            if spec.file == "world_cafe":  # the board appears once a table is chosen
                page.get_by_role("radio", name="Table 1").click()
                audit(page, "participant world_cafe table 1")


def _open_from_sidebar(page: Any, site: DemoSite, file: str, default: bool) -> None:
    href = f"{site.base}/" if default else f"{site.base}/{file}"
    link = page.locator(f'[data-testid="stSidebarNavLink"][href="{href}"]')
    expand = page.locator('[data-testid="stExpandSidebarButton"]')
    if expand.is_visible():  # a phone: the sidebar is folded away after each navigation
        expand.click()
    if link.is_visible():
        link.click()
    else:  # the projection hides the sidebar: the facilitator's cookie opens a direct address
        page.goto(href)
        settle(page, TIMEOUT)
    page.wait_for_function(f"() => location.href.split('?')[0] === {json.dumps(href)}")


def _facilitator_tour(page: Any, site: DemoSite, audit: Audit) -> str:
    """Every facilitator page through the sidebar (the role lives in the session); returns the
    read-only projection link shown on the projection page."""
    login_facilitator(page, site.base)
    projection_query = ""
    for spec in PAGES:
        if "facilitator" not in spec.roles or "facilitator" in spec.hidden_for:
            continue
        _open_from_sidebar(page, site, spec.file, spec.default)
        audit(page, f"animation {spec.file}")
        if spec.file == "projection":
            page.get_by_text("Réglages de la projection").click()
            code = page.locator('[data-testid="stCode"]').filter(has_text="/projection?")
            projection_query = code.inner_text().split("?", 1)[1].strip()
            audit(page, "animation projection réglages")
    assert projection_query, "no projection link on the projection page"
    return projection_query


def _projection_tour(page: Any, site: DemoSite, query: str, audit: Audit) -> None:
    for view in ("map", "board", "vote"):
        page.goto(f"{site.base}/projection?{query}&v={view}")
        audit(page, f"projection {view}")


def _restitution_tour(page: Any, site: DemoSite, audit: Audit) -> None:
    page.goto(f"{site.base}/restitution?r={site.restitution_code}")
    settle(page, TIMEOUT)
    counter = page.get_by_text(re.compile(r"^\d+ / \d+$")).first
    counter.wait_for(timeout=TIMEOUT)
    total = int(counter.inner_text().split("/")[1])
    audit(page, "restitution diapositive 1")
    for number in range(2, total + 1):
        page.locator("body").press("ArrowRight")
        page.get_by_text(f"{number} / {total}").first.wait_for(timeout=TIMEOUT)
        audit(page, f"restitution diapositive {number}")


def _write_tally(
    viewport: str, audited: list[str], found: list[axe.Violation], version: str
) -> None:
    by_rule = Counter((v.rule, v.impact) for v in found)
    tally = {
        "axe": version,
        "viewport": viewport,
        "pages": len(audited),
        "violations": len(found),
        "by_impact": dict(Counter(v.impact for v in found)),
        "by_rule": [
            {"rule": rule, "impact": impact, "pages": count}
            for (rule, impact), count in by_rule.most_common()
        ],
        "details": [str(v) for v in found],
    }
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"axe-{viewport}.json").write_text(json.dumps(tally, ensure_ascii=False, indent=1))
    print(f"\naxe {version} at {viewport}: {len(audited)} pages, {dict(by_rule)}")


@pytest.mark.parametrize("viewport", ["phone", "projector"])
def test_every_page_of_every_role_has_no_serious_axe_violation(
    site: DemoSite, browser: tuple[Any, Any], viewport: str
) -> None:
    found: list[axe.Violation] = []
    audited: list[str] = []
    audit = _auditor(viewport, found, audited)
    context = _context(browser, viewport)
    try:
        page = context.new_page()
        _public_tour(page, site, audit)
        _restitution_tour(page, site, audit)
        _participant_tour(context.new_page(), site, audit, viewport)
        staff = context.new_page()
        query = _facilitator_tour(staff, site, audit)
        _projection_tour(context.new_page(), site, query, audit)
        version = axe.version(page)
    finally:
        context.close()
    _write_tally(viewport, audited, found, version)
    facilitator_pages = {s.file for s in PAGES if "facilitator" in s.roles} - {"animer"}
    assert {f"animation {f}" for f in facilitator_pages} <= set(audited)
    assert len(audited) >= 40, audited
    serious = axe.blocking(found)
    assert not serious, f"{len(serious)} critical/serious axe violations:\n{axe.report(serious)}"


def test_projection_meets_contrast_aa_at_1920(site: DemoSite, browser: tuple[Any, Any]) -> None:
    """The room reads the projection from the back: every text passes axe's color-contrast (AA)."""
    context = _context(browser, "projector")
    try:
        staff = context.new_page()
        login_facilitator(staff, site.base)
        _open_from_sidebar(staff, site, "projection", False)
        settle(staff, TIMEOUT)
        staff.get_by_text("Réglages de la projection").click()
        code = staff.locator('[data-testid="stCode"]').filter(has_text="/projection?")
        query = code.inner_text().split("?", 1)[1].strip()
        page = context.new_page()
        found: list[axe.Violation] = []
        for view in ("map", "board", "vote"):
            page.goto(f"{site.base}/projection?{query}&v={view}")
            settle(page, TIMEOUT)
            page.wait_for_timeout(1_500)
            found += axe.audit(page, f"projection {view}", rules=("color-contrast",))
    finally:
        context.close()
    assert not found, axe.report(found)
