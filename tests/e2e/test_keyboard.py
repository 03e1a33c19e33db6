"""Keyboard alone (RGAA 7.3): join a workshop, sign in, post a post-it, cast a ballot; and the
facilitator's sign-in. Only page.keyboard acts on the pages (Tab, Shift+Tab, Enter, Space,
arrows, typing); every control is reached by tabbing to it, as someone without a mouse would.
A computer screen (1920×1080): that is where people browse with a keyboard alone."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import func, select

from essdash.db import read_session
from essdash.models import Ballot, Contribution, Participant, Vote
from tests.e2e.demo_site import DemoSite, open_demo_site
from tests.e2e.helpers import FACILITATOR_PASSWORD, DemoServer, projector_context, settle, shot

TIMEOUT = 30_000
MAX_TABS = 120
# The focused control's accessible name, as a screen reader would announce it: its aria-label,
# its label, or (buttons, links, radios) its own text; never the text of a whole container.
_FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return '';
  const role = e.getAttribute('role') || '';
  const own = ['BUTTON', 'A'].includes(e.tagName) || ['radio', 'tab', 'option'].includes(role);
  const label = e.getAttribute('aria-label') || (e.labels && e.labels[0] && e.labels[0].innerText);
  return (label || (own ? e.innerText : '') || '').trim() + ' | ' + e.tagName + ' ' + role;
}"""


@pytest.fixture(scope="module")
def site(demo_server: DemoServer) -> Iterator[DemoSite]:
    with demo_server("e2e-keyboard") as server:
        yield open_demo_site(server)


def _tab_to(page: Any, name: str, *, backwards: bool = False) -> None:
    """Press Tab (or Shift+Tab) until the focused element's name contains `name`."""
    seen = []
    for pressed in range(MAX_TABS):
        if pressed % 20 == 19:  # a busy machine may still be running the page: let it finish
            settle(page, TIMEOUT)
        page.keyboard.press("Shift+Tab" if backwards else "Tab")
        focused = str(page.evaluate(_FOCUSED))
        if name in focused:
            return
        seen.append(focused)
    raise AssertionError(f"{name!r} not reachable with Tab; focus went through: {seen}")


def _wait_text(page: Any, text: str) -> None:
    page.get_by_text(text).first.wait_for(timeout=TIMEOUT)
    settle(page, TIMEOUT)


def _join_and_sign_in(page: Any, site: DemoSite, name: str) -> None:
    page.goto(site.base)
    settle(page, TIMEOUT)
    _tab_to(page, "Code de l'atelier")
    page.keyboard.type(site.join_code.lower())
    page.keyboard.press("Enter")  # submits the code form
    _wait_text(page, "Émargement")
    _tab_to(page, "Nom et prénom")
    page.keyboard.type(name)
    _tab_to(page, "Structure")
    page.keyboard.type("Association clavier")
    _tab_to(page, "Type d'acteur *")
    page.keyboard.type("Citoyen")  # the select filters as one types; Enter picks the match
    page.keyboard.press("Enter")
    _tab_to(page, "Je signe et je rejoins")
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Carte partagée").first.wait_for(timeout=TIMEOUT)
    settle(page, TIMEOUT)


def _open_page(page: Any, link: str, heading: str) -> None:
    """Reach a sidebar link from wherever the focus is (it sits before the page's content)."""
    _tab_to(page, link, backwards=True)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name=heading).first.wait_for(timeout=TIMEOUT)
    settle(page, TIMEOUT)


def _post_it(page: Any, text: str) -> None:
    _open_page(page, "World café", "World café")
    _tab_to(page, "Table 1")
    page.keyboard.press("Space")
    page.get_by_label("Votre réponse").wait_for(timeout=TIMEOUT)  # the table's question form
    settle(page, TIMEOUT)
    _tab_to(page, "Votre réponse")
    page.keyboard.type(text)
    _tab_to(page, "Envoyer")
    page.keyboard.press("Enter")
    _wait_text(page, text)


def _ballot(page: Any) -> None:
    _open_page(page, "Priorités", "Priorités")
    _tab_to(page, "Points")
    for _ in range(3):
        page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")  # commits the number: the budget follows
    _wait_text(page, "2 / 5")
    _tab_to(page, "Voter")
    page.keyboard.press("Enter")
    _wait_text(page, "Vote enregistré")


def test_join_sign_in_post_and_vote_with_the_keyboard_alone(
    site: DemoSite, browser: tuple[Any, Any]
) -> None:
    _, chromium = browser
    context = projector_context(chromium)
    page = context.new_page()
    name, text = f"Clavier {uuid.uuid4().hex[:6]}", f"Covoiturage {uuid.uuid4().hex[:6]}"
    try:
        _join_and_sign_in(page, site, name)
        _post_it(page, text)
        shot(page, "keyboard-post-it")
        _ballot(page)
        shot(page, "keyboard-ballot")
    finally:
        context.close()
    with read_session(site.database_url) as session:
        participant = session.scalars(select(Participant).where(Participant.name == name)).one()
        posts = select(func.count()).where(
            Contribution.participant_id == participant.id, Contribution.text == text
        )
        assert session.scalar(posts) == 1
        vote = session.scalars(select(Vote).where(Vote.status == "open")).one()
        ballots = select(func.count()).where(
            Ballot.vote_id == vote.id, Ballot.participant_id == participant.id
        )
        assert session.scalar(ballots) == 1


def test_facilitator_signs_in_with_the_keyboard_alone(
    site: DemoSite, browser: tuple[Any, Any]
) -> None:
    _, chromium = browser
    context = projector_context(chromium)
    page = context.new_page()
    try:
        page.goto(site.base + "/animer")
        settle(page, TIMEOUT)
        _tab_to(page, "Mot de passe")
        page.keyboard.type(FACILITATOR_PASSWORD)
        page.keyboard.press("Enter")  # a real form POST: the console is a new page
        page.get_by_text("Se déconnecter").first.wait_for(timeout=TIMEOUT)
        settle(page, TIMEOUT)
        _open_page(page, "Vote des priorités", "Vote des priorités")
        shot(page, "keyboard-facilitator")
    finally:
        context.close()
