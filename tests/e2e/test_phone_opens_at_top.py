"""After signing in at the bottom of the long sign-in form, the phone lands on the shared map at
its top (its title in view), not scrolled halfway down where the form's button was."""

from __future__ import annotations

from typing import Any

from tests.e2e.helpers import choose, phone_context, settle, shot

SCROLLED = """() => Math.max(window.scrollY,
  ...['[data-testid="stMain"]', '[data-testid="stAppViewContainer"]'].map(
    s => (document.querySelector(s) || {scrollTop: 0}).scrollTop))"""


def _wait_scrolled(page: Any, test: str) -> None:
    """Until the page's scroll offset passes `test` ("< 40", "> 100"): smooth scrolls take a
    while on a loaded machine."""
    page.wait_for_function(f"() => ({SCROLLED})() {test}", timeout=30_000, polling=100)


def test_the_map_opens_at_its_top_after_sign_in(server: str, browser: Any) -> None:
    playwright, chromium = browser
    context = phone_context(playwright, chromium)
    page = context.new_page()
    try:
        page.goto(server + "/rejoindre?code=DEMO")
        settle(page)
        page.get_by_label("Nom et prénom *").fill("Personne en bas de page")
        choose(page, "Type d'acteur *", "Citoyen·ne")
        button = page.get_by_role("button", name="Je signe et je rejoins")
        button.scroll_into_view_if_needed()
        assert page.evaluate(SCROLLED) > 100, "the form's button is below the fold"
        button.click()
        title = page.get_by_role("heading", name="Carte partagée").first
        title.wait_for(timeout=30_000)
        settle(page)
        _wait_scrolled(page, "< 40")
        page.wait_for_timeout(800)  # the page's own scrolls (120 ms, 500 ms) are done
        assert page.evaluate(SCROLLED) < 40
        box = title.bounding_box()
        assert box is not None and 0 <= box["y"] < page.viewport_size["height"] / 3
        shot(page, "phone-map-after-sign-in")
        # Down to the bottom of the map page, then to another page through the menu.
        page.get_by_role("button", name="Actualiser la carte").scroll_into_view_if_needed()
        page.mouse.wheel(0, 3000)
        _wait_scrolled(page, "> 100")
        page.get_by_test_id("stExpandSidebarButton").click()
        page.get_by_role("link", name="Mon lien et mes données").click()
        heading = page.get_by_role("heading", name="Mon lien et mes données").first
        heading.wait_for(timeout=30_000)
        settle(page)
        _wait_scrolled(page, "< 40")
        page.wait_for_timeout(800)  # and it stays there
        assert page.evaluate(SCROLLED) < 40
        shot(page, "phone-page-after-navigation")
    finally:
        context.close()
