"""A small live workshop in Chromium: projection open, three phones join, pin sites and a zone;
the projection shows them without a reload; nobody gets controls over someone else's site."""

from __future__ import annotations

import re
import time
from typing import Any

from playwright.sync_api import expect

from tests.e2e.helpers import (
    choose,
    login_facilitator,
    phone_context,
    projector_context,
    settle,
    shot,
)

VISIBLE_TIMEOUT_MS = 40_000  # generous: CI shares two cores between 3 xdist workers


def _open_projection(chromium: Any, server: str) -> Any:
    page = projector_context(chromium).new_page()
    login_facilitator(page, server)  # lands on the console
    pause = page.get_by_role("button", name="Pause", exact=True)
    start = page.get_by_role("button", name="Démarrer", exact=True)
    pause.or_(start).first.wait_for(timeout=VISIBLE_TIMEOUT_MS)  # the step's controls, drawn
    if pause.count() == 0:
        start.click()
        settle(page)
    pause.wait_for(timeout=VISIBLE_TIMEOUT_MS)
    page.get_by_role("link", name="Ouvrir la projection").click()
    settle(page)
    page.locator('[data-testid="pj-count"]').wait_for(timeout=VISIBLE_TIMEOUT_MS)
    clock = page.locator('[data-testid="pj-time"]').first  # redrawn by a 1 s fragment
    first = clock.inner_text()
    expect(clock).not_to_have_text(first, timeout=VISIBLE_TIMEOUT_MS)  # counts down by itself
    return page


def _counts(projection: Any) -> tuple[int, int]:
    # .first: a 1 s fragment redraws it; a stale copy shows older counts, never the awaited ones
    text = projection.locator('[data-testid="pj-features"]').first.inner_text()
    sites, zones = (int(n) for n in re.findall(r"\d+", text.replace("\u202f", ""))[:2])
    return sites, zones


def _wait_counts(projection: Any, expected: tuple[int, int]) -> float:
    start = time.monotonic()
    deadline = start + VISIBLE_TIMEOUT_MS / 1000
    while time.monotonic() < deadline:
        if _counts(projection) == expected:
            return time.monotonic() - start
        projection.wait_for_timeout(100)
    raise AssertionError(f"projection shows {_counts(projection)}, expected {expected}")


def _join(playwright: Any, chromium: Any, server: str, name: str, structure: str) -> Any:
    page = phone_context(playwright, chromium).new_page()
    page.goto(server + "/rejoindre?code=DEMO")
    settle(page)
    page.get_by_label("Nom et prénom *").fill(name)
    page.get_by_label("Structure", exact=True).fill(structure)
    choose(page, "Type d'acteur *", "Citoyen·ne")
    page.get_by_role("button", name="Je signe et je rejoins").click()
    page.get_by_role("heading", name="Carte partagée").first.wait_for(timeout=VISIBLE_TIMEOUT_MS)
    settle(page)
    expect(page).to_have_url(re.compile(r"[?&]p="), timeout=VISIBLE_TIMEOUT_MS)
    # Everyone's sites first, on the shared read-only map (no drawing tools yet).
    shared = page.frame_locator('[data-testid="stIFrame"]').first
    shared.locator(".leaflet-interactive").first.wait_for(timeout=VISIBLE_TIMEOUT_MS)
    assert shared.locator(".leaflet-draw-draw-marker").count() == 0
    return page


def _map_frame(page: Any) -> Any:
    return page.frame_locator('iframe[title="streamlit_folium.st_folium"]').first


def _tap_site_on_map(page: Any) -> None:
    page.get_by_text("Placer un site ou tracer une zone sur la carte").click()
    frame = _map_frame(page)
    frame.locator(".leaflet-draw-draw-marker").wait_for(timeout=VISIBLE_TIMEOUT_MS)
    shot(page, "workshop-phone-drawing-mode")
    frame.locator(".leaflet-draw-draw-marker").click()
    box = frame.locator(".leaflet-container").bounding_box()
    frame.locator(".leaflet-container").click(
        position={"x": box["width"] * 0.45, "y": box["height"] * 0.5}
    )
    title = page.get_by_text("Nouveau site")
    title.wait_for(timeout=VISIBLE_TIMEOUT_MS)
    expect(title).to_be_in_viewport(timeout=VISIBLE_TIMEOUT_MS)  # scrolled into view (smoothly)
    page.wait_for_timeout(1_000)  # the smooth scroll ends before the screenshot
    shot(page, "workshop-phone-new-site-form")
    expect(frame.locator(".leaflet-marker-icon")).to_have_count(1)  # the draft pin
    page.get_by_label("Nom du lieu").first.fill("Tiers-lieu du marché")
    page.get_by_role("button", name="Enregistrer").click()
    settle(page)
    frame = _map_frame(page)
    frame.locator(".leaflet-container").wait_for(timeout=VISIBLE_TIMEOUT_MS)
    frame.locator(".leaflet-marker-icon").wait_for(state="detached", timeout=VISIBLE_TIMEOUT_MS)
    shot(page, "workshop-phone-site-saved")


def _site_in_commune(page: Any, label: str) -> None:
    page.get_by_text("Sans la carte : placer mon site dans une commune").click()
    page.get_by_label("Nom du lieu (facultatif)").fill(label)
    page.get_by_role("button", name="Placer mon site").click()
    settle(page)


def _radius_zone(page: Any) -> None:
    page.get_by_text("Zone de chalandise par rayon autour d'un site").click()
    page.get_by_role("button", name="Tracer la zone").click()
    settle(page)


def test_three_phones_pin_and_the_projection_follows(server: str, browser: Any) -> None:
    playwright, chromium = browser
    projection = _open_projection(chromium, server)
    sites, zones = _counts(projection)
    shot(projection, "workshop-projection-before")

    anna = _join(playwright, chromium, server, "Anna Test", "Épicerie solidaire E2E")
    shot(anna, "workshop-phone-map-after-join")
    _tap_site_on_map(anna)
    delay_tap = _wait_counts(projection, (sites + 1, zones))

    bruno = _join(playwright, chromium, server, "Bruno Test", "Recyclerie E2E")
    _site_in_commune(bruno, "Recyclerie — atelier")
    _radius_zone(bruno)
    delay_zone = _wait_counts(projection, (sites + 2, zones + 1))

    chloe = _join(playwright, chromium, server, "Chloé Test", "Mairie E2E")
    _site_in_commune(chloe, "Mairie annexe")
    _wait_counts(projection, (sites + 3, zones + 1))
    shot(projection, "workshop-projection-live")

    # Each phone lists only its own features, so it offers no control over anyone else's site.
    for page, own in ((anna, 1), (bruno, 2), (chloe, 1)):
        page.reload()
        settle(page)
        # One card (with its edit and delete controls) per own feature, none for the others'.
        page.get_by_role("heading", name="Mes sites et zones").wait_for(timeout=VISIBLE_TIMEOUT_MS)
        cards = page.locator('[class*="st-key-mine_"]')
        expect(cards).to_have_count(own, timeout=VISIBLE_TIMEOUT_MS)
    page.locator('[class*="st-key-mine_"]').last.scroll_into_view_if_needed()
    shot(page, "workshop-phone-my-features")
    assert page.get_by_text("Tiers-lieu du marché").count() == 0  # Anna's site, not on Chloé's list
    print(f"submit→projection: tap {delay_tap:.2f} s, radius zone {delay_zone:.2f} s")


def test_join_form_at_phone_size(server: str, browser: Any) -> None:
    playwright, chromium = browser
    page = phone_context(playwright, chromium).new_page()
    page.goto(server + "/rejoindre?code=DEMO")
    settle(page)
    page.get_by_label("Nom et prénom *").wait_for()
    shot(page, "workshop-phone-join")
