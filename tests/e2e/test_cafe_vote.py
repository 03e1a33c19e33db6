"""World café and vote in Chromium: phones post on a board and vote; the projection follows
without a reload. Screenshots: boards and results at 1920×1080, phone views at 390×844."""

from __future__ import annotations

import uuid
from typing import Any

from tests.e2e.helpers import (
    choose,
    login_facilitator,
    phone_context,
    projector_context,
    settle,
    shot,
)

TIMEOUT = 40_000  # phone → projection crossings, 3 xdist workers on 2 cores


def _join(playwright: Any, chromium: Any, server: str, name: str) -> tuple[Any, str]:
    page = phone_context(playwright, chromium).new_page()
    page.goto(server + "/rejoindre?code=DEMO")
    settle(page)
    page.get_by_label("Nom et prénom *").fill(name)
    choose(page, "Type d'acteur *", "Citoyen·ne")
    page.get_by_role("button", name="Je signe et je rejoins").click()
    page.get_by_role("heading", name="Carte partagée").first.wait_for(timeout=TIMEOUT)
    settle(page)
    token = page.url.split("p=")[1].split("&")[0]
    return page, token


def _facilitator(chromium: Any, server: str, link: str, viewport: Any = None) -> Any:
    context = projector_context(chromium)
    page = context.new_page()
    login_facilitator(page, server)
    page.get_by_role("link", name=link).first.click()
    settle(page)
    return page


def _post(page: Any, server: str, token: str, text: str) -> None:
    page.goto(f"{server}/world_cafe?p={token}")
    settle(page)
    page.get_by_role("radio", name="Table 4").click()  # round 2: table 4 is on question 1
    settle(page)
    page.get_by_text("Question 1").first.wait_for(timeout=TIMEOUT)
    page.get_by_label("Votre réponse").fill(text)
    page.get_by_role("button", name="Envoyer").click()
    settle(page)
    page.get_by_text(text).first.wait_for(timeout=TIMEOUT)


def _vote(page: Any, server: str, token: str, points: int) -> None:
    page.goto(f"{server}/priorites?p={token}")
    settle(page)
    field = page.get_by_label("Points").first
    field.fill(str(points))
    field.press("Tab")
    settle(page)
    page.get_by_text(f"{5 - points} / 5").wait_for(timeout=TIMEOUT)
    page.get_by_role("button", name="Voter").click()
    page.get_by_text("Vote enregistré").first.wait_for(timeout=TIMEOUT)


def test_phones_post_and_vote_and_the_projection_follows(server: str, browser: Any) -> None:
    playwright, chromium = browser
    cafe = _facilitator(chromium, server, "Tableaux et synthèses")
    cafe.get_by_role("button", name="Lancer la manche suivante").click()
    settle(cafe)
    cafe.get_by_role("link", name="Plein écran (projection)").click()
    settle(cafe)
    projection = cafe
    projection.locator('[data-testid="pj-cafe-count"]').wait_for(timeout=TIMEOUT)

    markers = [f"Tiers-lieu {uuid.uuid4().hex[:5]}", f"Navette {uuid.uuid4().hex[:5]}"]
    phones = [_join(playwright, chromium, server, f"Phone {i}") for i in range(2)]
    for (page, token), marker in zip(phones, markers, strict=True):
        _post(page, server, token, marker)
    shot(phones[0][0], "cafe-phone-board")
    for marker in markers:  # no reload of the projection: the 1 s fragment brings them
        projection.get_by_text(marker).first.wait_for(timeout=TIMEOUT)
    shot(projection, "cafe-projection-board")

    # The closed demo vote (majority judgment) on the projection, then a new points vote.
    projection.get_by_text("Réglages de la projection").click()
    projection.get_by_role("radio", name="Vote des priorités").click()
    settle(projection)
    projection.locator('[data-testid="pj-mj"]').wait_for(timeout=TIMEOUT)
    projection.get_by_text("Réglages de la projection").click()
    shot(projection, "vote-projection-majority")

    control = _facilitator(chromium, server, "Vote des priorités")
    control.get_by_role("button", name="Ouvrir le vote").click()
    settle(control)
    control.get_by_role("button", name="Clôturer le vote").wait_for(timeout=TIMEOUT)
    projection.get_by_text("Résultats masqués").wait_for(timeout=TIMEOUT)

    for (page, token), points in zip(phones, (3, 2), strict=True):
        _vote(page, server, token, points)
    shot(phones[1][0], "vote-phone-ballot")
    projection.get_by_text("2 bulletins").wait_for(timeout=TIMEOUT)
    control.get_by_text("Afficher les résultats").click()
    settle(control)
    projection.locator('[data-testid="stVegaLiteChart"]').first.wait_for(timeout=TIMEOUT)
    projection.get_by_text("Résultats masqués").wait_for(state="detached", timeout=TIMEOUT)
    shot(projection, "vote-projection-points")
    control.get_by_role("button", name="Clôturer le vote").click()
    settle(control)
    projection.get_by_text("vote clos").wait_for(timeout=TIMEOUT)
    shot(control, "vote-facilitator-closed")
    control.get_by_role("link", name="Tableaux et synthèses").click()
    settle(control)
    control.get_by_text(markers[0]).first.wait_for(timeout=TIMEOUT)
    shot(control, "cafe-facilitator-board")
    control.get_by_role("tab", name="Mots").click()
    settle(control)
    shot(control, "cafe-facilitator-words")
    shot(phones[0][0], "vote-phone-after")
