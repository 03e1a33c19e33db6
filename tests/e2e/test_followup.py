"""Follow-up in Chromium: an interviewer records two interviews with the grid; a phone answers
the workshop's evaluation and the projection shows it; an action owner posts progress by their
link; the timeline shows a late step. Screenshots in test-artifacts/followup/ (390×844 and
1920×1080)."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from tests.e2e import axe
from tests.e2e.helpers import (
    ROOT,
    choose,
    login_facilitator,
    phone_context,
    projector_context,
    settle,
)

TIMEOUT = 40_000  # 3 xdist workers on 2 cores; phone → projection crossings
ARTIFACTS = ROOT / "test-artifacts" / "followup"


def _shot(page: Any, name: str, *, full: bool = False) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=full)
    return path


def _staff(playwright: Any, chromium: Any, server: str, path: str, *, phone: bool = False) -> Any:
    context = phone_context(playwright, chromium) if phone else projector_context(chromium)
    page = context.new_page()
    login_facilitator(page, server)
    page.goto(server + path)
    settle(page)
    return page


def _join(playwright: Any, chromium: Any, server: str, name: str) -> tuple[Any, str]:
    page = phone_context(playwright, chromium).new_page()
    page.goto(server + "/rejoindre?code=DEMO")
    settle(page)
    page.get_by_label("Nom et prénom *").fill(name)
    choose(page, "Type d'acteur *", "Citoyen·ne")
    page.get_by_role("button", name="Je signe et je rejoins").click()
    page.get_by_role("heading", name="Carte partagée").first.wait_for(timeout=TIMEOUT)
    settle(page)
    return page, page.url.split("p=")[1].split("&")[0]


def _record(page: Any, name: str, kind: str, said: str) -> None:
    page.get_by_label("Personne rencontrée").fill(name)
    page.get_by_label("Structure", exact=True).fill("Recyclerie du Val")
    choose(page, "Type d'acteur", kind)
    page.get_by_label("Enquêteur·rice").fill("Camille")
    page.get_by_text("Abordé", exact=True).first.click()  # enjeux du territoire
    page.get_by_label("Ce qui a été dit").nth(1).fill(said)  # offre de biens et services
    page.get_by_text("La personne accepte").click()
    page.get_by_role("button", name="Enregistrer l'entretien").click()
    settle(page)
    # Saved: the form comes back empty for the next interview (a refusal would keep the input).
    field = page.get_by_label("Personne rencontrée")
    expect(field).to_have_count(1, timeout=TIMEOUT)  # the rerun's stale tab panel is gone
    expect(field).to_have_value("", timeout=TIMEOUT)


def test_an_interviewer_records_two_interviews_with_the_grid(server: str, browser: Any) -> None:
    playwright, chromium = browser
    page = _staff(playwright, chromium, server, "/entretiens", phone=True)
    page.get_by_label("Personne rencontrée").wait_for(timeout=TIMEOUT)
    page.get_by_label("Enquêteur·rice").wait_for(timeout=TIMEOUT)
    page.get_by_text("Grille d'entretien (infos recherchées)").wait_for(timeout=TIMEOUT)
    _shot(page, "interview-form-phone")
    marker = uuid.uuid4().hex[:5]
    _record(page, f"Alice {marker}", "Membre fondateur du PTCE", f"Épicerie solidaire {marker}")
    _record(page, f"Bruno {marker}", "Élu·e", f"Marché de producteurs {marker}")
    page.get_by_role("tab", name="Entretiens").click()
    settle(page)
    for name in (f"Alice {marker}", f"Bruno {marker}"):
        page.get_by_text(name).first.wait_for(timeout=TIMEOUT)
    desk = _staff(playwright, chromium, server, "/entretiens")
    desk.get_by_role("tab", name="Synthèse").click()
    settle(desk)
    desk.get_by_text(f"Épicerie solidaire {marker}").first.wait_for(timeout=TIMEOUT)
    desk.get_by_text(f"Marché de producteurs {marker}").first.wait_for(timeout=TIMEOUT)
    _shot(desk, "interview-synthesis-projector", full=True)


def test_a_phone_answers_the_evaluation_and_the_projection_shows_it(
    server: str, browser: Any
) -> None:
    playwright, chromium = browser
    desk = _staff(playwright, chromium, server, "/evaluations")
    desk.get_by_text("Nouvelle évaluation").click()
    title = f"Votre avis {uuid.uuid4().hex[:4]}"
    desk.get_by_label("Titre").fill(title)
    desk.get_by_role("button", name="Créer l'évaluation").click()
    settle(desk)
    desk.get_by_text("Évaluation créée").first.wait_for(timeout=TIMEOUT)
    desk.get_by_role("button", name="Ouvrir").click()
    settle(desk)
    desk.get_by_text("Ouverte").first.wait_for(timeout=TIMEOUT)
    _shot(desk, "survey-facilitator-projector")

    phone, token = _join(playwright, chromium, server, "Téléphone évaluation")
    phone.goto(f"{server}/evaluation?p={token}")
    settle(phone)
    phone.get_by_text(title).first.wait_for(timeout=TIMEOUT)
    phone.get_by_role("radio", name="5", exact=True).click()
    phone.get_by_text("Oui, plusieurs").click()
    phone.get_by_text("Peut-être").click()
    phone.get_by_label("4. Une remarque").fill("Merci pour cette matinée")
    _shot(phone, "survey-phone-form")
    phone.get_by_role("button", name="Envoyer mes réponses").click()
    settle(phone)
    phone.get_by_text("Réponses enregistrées").first.wait_for(timeout=TIMEOUT)
    _shot(phone, "survey-phone-sent")

    projection = desk.context.new_page()
    projection.goto(server + "/projection?v=survey")
    settle(projection)
    projection.get_by_text(title).first.wait_for(timeout=TIMEOUT)
    projection.locator('[data-testid="survey-count"]').get_by_text("1 réponse").wait_for(
        timeout=TIMEOUT
    )
    projection.get_by_text("Merci pour cette matinée").first.wait_for(timeout=TIMEOUT)
    projection.locator('[data-testid="stVegaLiteChart"]').first.wait_for(timeout=TIMEOUT)
    _shot(projection, "survey-projection")


def test_an_action_owner_posts_progress_by_their_link(server: str, browser: Any) -> None:
    playwright, chromium = browser
    desk = _staff(playwright, chromium, server, "/plan_action")
    desk.get_by_role("tab", name="Liens des porteurs").click()
    desk.get_by_role("button", name="Créer le lien du porteur").first.click()
    settle(desk)
    desk.get_by_text("Lien du porteur prêt.").first.wait_for(timeout=TIMEOUT)
    desk.get_by_role("tab", name="Liens des porteurs").click()
    code = desk.locator('[data-testid="stCode"]').filter(has_text="/avancement?").first
    code.wait_for(timeout=TIMEOUT)
    link = code.inner_text().strip()

    owner = phone_context(playwright, chromium).new_page()  # no login, no token
    owner.goto(link)
    settle(owner)
    owner.get_by_text("Avancement actuel").wait_for(timeout=TIMEOUT)
    serious = axe.blocking(axe.audit(owner, "avancement (lien du porteur)"))
    assert not serious, axe.report(serious)  # a public page: the sidebar tour cannot reach it
    owner.get_by_label("Un mot sur l'avancement").fill("Convention signée avec la mairie")
    _shot(owner, "owner-link-phone")
    owner.get_by_role("button", name="75 %").click()
    settle(owner)
    owner.get_by_text("Avancement actuel : 75 %").wait_for(timeout=TIMEOUT)
    _shot(owner, "owner-link-phone-after")

    forged = phone_context(playwright, chromium).new_page()
    forged.goto(link[:-4] + "0000")
    settle(forged)
    forged.get_by_text("Lien d'avancement invalide").wait_for(timeout=TIMEOUT)
    serious = axe.blocking(axe.audit(forged, "avancement (lien invalide)"))
    assert not serious, axe.report(serious)

    desk.reload()
    settle(desk)
    desk.get_by_role("tab", name="Avancement dans le temps").click()
    desk.locator('[data-testid="stVegaLiteChart"]').first.wait_for(timeout=TIMEOUT)
    _shot(desk, "plan-progress-projector", full=True)


def test_the_timeline_shows_a_late_step(server: str, browser: Any) -> None:
    playwright, chromium = browser
    desk = _staff(playwright, chromium, server, "/calendrier")
    late = desk.get_by_text("En retard : Atelier prospectif : priorités")
    late.first.wait_for(timeout=TIMEOUT)
    desk.locator('[data-testid="stVegaLiteChart"]').first.wait_for(timeout=TIMEOUT)
    _shot(desk, "timeline-projector", full=True)
    phone = _staff(playwright, chromium, server, "/calendrier", phone=True)
    phone.get_by_text("En retard :").first.wait_for(timeout=TIMEOUT)
    _shot(phone, "timeline-phone")
