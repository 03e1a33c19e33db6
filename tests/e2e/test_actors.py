"""The actors in Chromium: a phone finds its structure in Sirene by part of its name while
signing in and confirms its site at the address; the team records a relation; the directory and
the network show them. Screenshots in test-artifacts/actors/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from tests.e2e.helpers import (
    ROOT,
    login_facilitator,
    phone_context,
    projector_context,
    settle,
)

SHOTS = ROOT / "test-artifacts" / "actors"
TIMEOUT = 90_000  # two cores shared with other sessions (load above 30 seen)
MUTUELLE = "Mutuelle démo n° 673 (fictive)"  # in the demo's Sirene stock, geolocated


def _shot(page: Any, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    return path


def _phone_signs_in_with_its_structure(playwright: Any, chromium: Any, server: str) -> None:
    page = phone_context(playwright, chromium).new_page()
    page.goto(server + "/rejoindre?code=DEMO")
    settle(page, TIMEOUT)
    search = page.get_by_label("Nom, sigle ou SIRET de ma structure")
    search.fill("mutuelle 673")
    search.press("Enter")
    settle(page, TIMEOUT)
    page.get_by_text(MUTUELLE, exact=False).first.wait_for(timeout=TIMEOUT)
    _shot(page, "phone-search-results")
    page.get_by_text(MUTUELLE, exact=False).first.click()
    settle(page, TIMEOUT)
    # the pick filled the form: the structure's name, and its type (a mutuelle is ESS)
    expect(page.get_by_label("Structure", exact=True)).to_have_value(MUTUELLE, timeout=TIMEOUT)
    page.get_by_label("Nom et prénom *").fill("Inès Martin")
    page.get_by_role("button", name="Je signe et je rejoins").click()
    page.get_by_role("heading", name="Ma structure").first.wait_for(timeout=TIMEOUT)
    settle(page, TIMEOUT)
    page.get_by_text("Votre site est placé à l'adresse").wait_for(timeout=TIMEOUT)
    frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]').first
    frame.locator(".leaflet-container").first.wait_for(timeout=TIMEOUT)
    page.wait_for_timeout(2_000)  # the dot and the outlines drawn
    _shot(page, "phone-site-at-address")
    page.get_by_role("button", name="Confirmer mon site à cette adresse").click()
    page.get_by_text("Votre site est sur la carte partagée.").wait_for(timeout=TIMEOUT)
    settle(page, TIMEOUT)
    _shot(page, "phone-site-confirmed")
    page.context.close()


def _team_adds_a_relation(chromium: Any, server: str) -> Any:
    page = projector_context(chromium).new_page()
    login_facilitator(page, server)
    page.goto(server + "/annuaire")
    settle(page, TIMEOUT)
    page.get_by_role("tab", name="Relations et réseau").first.click()
    settle(page, TIMEOUT)
    page.get_by_text("Noter une relation").click()
    source = page.get_by_role("combobox", name="De", exact=True)
    source.click()
    source.fill("673")  # the list is long: typing filters it
    page.get_by_role("option", name=MUTUELLE).click()
    page.get_by_role("combobox", name="Vers", exact=True).click()
    page.get_by_role("option").nth(1).click()  # any other actor of the demo's directory
    page.get_by_label("Note (facultatif)").fill("Permanences santé partagées")
    page.get_by_role("button", name="Enregistrer la relation").click()
    settle(page, TIMEOUT)
    return page


def test_phone_finds_its_structure_and_the_team_sees_it_in_directory_and_network(
    server: str, browser: tuple[Any, Any]
) -> None:
    playwright, chromium = browser
    _phone_signs_in_with_its_structure(playwright, chromium, server)
    page = _team_adds_a_relation(chromium, server)
    try:
        _team_views(page)
    except Exception:
        _shot(page, "failure")
        raise


def _team_views(page: Any) -> None:
    page.get_by_role("tab", name="Relations et réseau").first.click()
    settle(page, TIMEOUT)
    table = page.locator('[data-testid="stDataFrame"]').last
    table.wait_for(timeout=TIMEOUT)
    page.locator('[data-testid="stVegaLiteChart"]').first.wait_for(timeout=TIMEOUT)
    page.get_by_text("Liens ESS ↔ hors ESS").wait_for(timeout=TIMEOUT)
    _shot(page, "projector-network")
    page.get_by_role("tab", name="Annuaire").first.click()
    settle(page, TIMEOUT)
    page.get_by_text("structure(s) sur").wait_for(timeout=TIMEOUT)
    _shot(page, "projector-directory")
    card = page.get_by_role("combobox", name="Fiche de la structure", exact=True)
    card.click()
    card.fill("673")
    page.get_by_role("option", name=MUTUELLE).click()
    settle(page, TIMEOUT)
    page.get_by_text("Relations (1)").wait_for(timeout=TIMEOUT)
    page.get_by_text("Sites et zones (1)").wait_for(timeout=TIMEOUT)
    page.get_by_text("Inès Martin").wait_for(timeout=TIMEOUT)
    page.get_by_text("Relations (1)").scroll_into_view_if_needed()
    _shot(page, "projector-actor-card")
    page.set_viewport_size({"width": 390, "height": 844})
    settle(page, TIMEOUT)
    _shot(page, "phone-size-directory")
