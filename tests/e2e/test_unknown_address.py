"""An address that is no page (`/nimporte`) answers in French, on a phone and on the projector,
instead of Streamlit's English "Page not found" dialog; the way home works."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import login_facilitator, phone_context, projector_context, settle, shot


@pytest.mark.parametrize("screen", ["phone", "projector"])
def test_an_unknown_address_shows_a_french_page(server: str, browser: Any, screen: str) -> None:
    playwright, chromium = browser
    context = (
        phone_context(playwright, chromium) if screen == "phone" else projector_context(chromium)
    )
    page = context.new_page()
    try:
        if screen == "projector":  # a signed-in facilitator mistyping an address
            login_facilitator(page, server)
        page.goto(server + "/nimporte")
        settle(page)
        page.get_by_role("heading", name="Page introuvable").wait_for(timeout=30_000)
        page.wait_for_timeout(800)  # Streamlit's dialog, if any, opens after the run
        assert page.get_by_text("Page not found").count() == 0
        assert page.get_by_role("dialog").count() == 0
        shot(page, f"unknown_address_{screen}")
        page.get_by_role("link", name="Retour à l'accueil").first.click()
        settle(page)
        expect(page).to_have_url(re.compile(rf"^{re.escape(server)}/?$"), timeout=30_000)
    finally:
        context.close()
