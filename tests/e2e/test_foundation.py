"""The real server in Chromium: home page doors, the role gate on deep links, facilitator login."""

from __future__ import annotations

import re
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


def test_home_shows_three_doors_at_phone_and_projector_size(server: str, browser: Any) -> None:
    playwright, chromium = browser
    for name, context in (
        ("home-phone", phone_context(playwright, chromium)),
        ("home-projector", projector_context(chromium)),
    ):
        page = context.new_page()
        page.goto(server)
        settle(page)
        for door in ("Rejoindre un atelier", "Animer", "Restitution"):
            page.get_by_role("heading", name=door).first.wait_for()
        page.get_by_text("fictifs").first.wait_for()
        shot(page, name)
        context.close()


def test_deep_link_to_a_facilitator_page_does_not_bypass_the_gate(
    server: str, browser: Any
) -> None:
    _, chromium = browser
    context = projector_context(chromium)
    page = context.new_page()
    page.goto(server + "/emargement")
    settle(page)
    page.get_by_text("Cette page est réservée à l'équipe d'animation").wait_for()
    assert page.get_by_text("Page not found").count() == 0
    assert page.get_by_role("button", name="Se déconnecter").count() == 0
    # The notice and the sign-in form are drawn by the same run; wait for the form too.
    page.get_by_label("Mot de passe").wait_for()
    assert page.get_by_label("Mot de passe").count() == 1  # the sign-in form, nothing else
    context.close()


def test_facilitator_login_opens_the_animation_pages(server: str, browser: Any) -> None:
    _, chromium = browser
    context = projector_context(chromium)
    page = context.new_page()
    page.goto(server + "/animer")
    settle(page)
    page.get_by_label("Mot de passe").fill("mauvais")
    page.get_by_role("button", name="Entrer").click()
    page.get_by_text("Mot de passe incorrect").wait_for()
    login_facilitator(page, server)
    page.get_by_role("link", name="Se déconnecter").or_(
        page.get_by_role("button", name="Se déconnecter")
    ).first.wait_for()
    shot(page, "facilitator-after-login")
    context.close()


def test_participant_joins_the_demo_with_its_code_and_keeps_identity_on_reload(
    server: str, browser: Any
) -> None:
    playwright, chromium = browser
    context = phone_context(playwright, chromium)
    page = context.new_page()
    page.goto(server)
    settle(page)
    page.get_by_label("Code de l'atelier").fill("demo")
    page.get_by_role("button", name="Rejoindre").click()
    settle(page)
    page.get_by_label("Nom et prénom *").fill("Participante Fondation")
    page.get_by_label("Structure", exact=True).fill("Association Test Fondation")
    choose(page, "Type d'acteur *", "Citoyen·ne")
    page.get_by_role("button", name="Je signe et je rejoins").click()
    page.get_by_role("heading", name="Carte partagée").first.wait_for(timeout=30_000)
    settle(page)
    expect(page).to_have_url(re.compile(r"[?&]p="), timeout=30_000)  # the identity in the link
    shot(page, "foundation-participant-joined-phone")
    page.reload()
    settle(page)
    page.get_by_role("heading", name="Carte partagée").first.wait_for(timeout=30_000)
    context.close()
