"""Streamlit's own words read in French (static/a11y.js): the hints under a text field ("Press
Enter to submit form", "Press Ctrl+Enter to apply") on a phone and on the facilitator's screen,
and the file uploader's button and size limit."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.e2e.helpers import login_facilitator, phone_context, projector_context, settle, shot

HINTS = '[data-testid="InputInstructions"]'


def _hint_after_typing(page: Any, field: Any, text: str, french: str) -> str:
    """The hint under `field` once `text` is typed: it appears once the field is dirty, in
    English, then static/a11y.js translates it; awaited until it reads `french`."""
    field.click()
    field.press_sequentially(text, delay=30)
    hint = page.locator(HINTS).first
    expect(hint).to_contain_text(french, timeout=30_000)
    return str(hint.inner_text())


def test_a_form_field_hint_is_french_on_a_phone(server: str, browser: Any) -> None:
    playwright, chromium = browser
    context = phone_context(playwright, chromium)
    page = context.new_page()
    try:
        page.goto(server + "/restitution")
        settle(page)
        field = page.get_by_label("Code de restitution")
        hint = _hint_after_typing(page, field, "ABC", "Entrée pour envoyer")
        assert "Entrée pour envoyer" in hint and "Press" not in hint, hint
        shot(page, "input_hint_phone")
    finally:
        context.close()


def test_text_area_hints_are_french_for_the_facilitator(server: str, browser: Any) -> None:
    _, chromium = browser
    context = projector_context(chromium)
    page = context.new_page()
    try:
        login_facilitator(page, server)
        page.goto(server + "/chiffres_cles")
        settle(page)
        page.get_by_text("Listes de communes").first.click()
        area = page.get_by_label("… ou collez des codes INSEE", exact=False)
        hint = _hint_after_typing(page, area, "18033", "+Entrée pour valider")
        assert "+Entrée pour valider" in hint and "Press" not in hint, hint
        shot(page, "input_hint_projector")
    finally:
        context.close()


def test_the_file_uploader_speaks_french(server: str, browser: Any) -> None:
    _, chromium = browser
    context = projector_context(chromium)
    page = context.new_page()
    try:
        login_facilitator(page, server)
        page.goto(server + "/import_donnees")
        settle(page)
        uploader = page.get_by_test_id("stFileUploader").first
        uploader.get_by_text("Choisir un fichier").wait_for(timeout=30_000)
        # before: "200.0MB per file" (translated by static/a11y.js once drawn)
        expect(uploader).to_contain_text("200 Mo au plus par fichier", timeout=30_000)
        text = str(uploader.inner_text())
        assert "Upload" not in text and "per file" not in text, text
        field = uploader.get_by_test_id("stFileUploaderDropzoneInput")
        expect(field).to_have_attribute("aria-label", "Fichier", timeout=30_000)  # "file upload"
        shot(page, "file_uploader_projector")
    finally:
        context.close()
