"""The projected café board at 1920×1080 with 30 post-its: every one is seen (density, then
pages), nothing runs off-screen, and the controls stay below the projected surface."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from essdash.db import write_session
from essdash.db.engine import dispose_engines
from essdash.models import Question, Workshop
from essdash.workshop.activities.signin import service as signin
from essdash.workshop.activities.signin.service import SignInForm
from essdash.workshop.activities.worldcafe import service as cafe
from tests.e2e.helpers import (
    DemoServer,
    login_facilitator,
    projector_context,
    settle,
    shot,
)

N_POSTS = 30
LONG = "Un tiers-lieu ouvert le soir, avec garde d'enfants, covoiturage et repas partagés. "


@pytest.fixture(scope="module")
def seeded(demo_server: DemoServer, browser: Any) -> Iterator[tuple[str, int, list[str]]]:
    with demo_server("board") as server:
        question_id, markers = _post_its(server.database_url)
        yield server.base, question_id, markers


def _post_its(url: str) -> tuple[int, list[str]]:
    """N_POSTS post-its from four people on the first question, a quarter of them long."""
    markers = [f"P{n:02d}-{uuid.uuid4().hex[:4]}" for n in range(N_POSTS)]
    with write_session(url) as session:
        workshop = session.scalars(select(Workshop)).one()
        question = session.scalars(
            select(Question).where(Question.workshop_id == workshop.id).order_by(Question.position)
        ).first()
        assert question is not None
        workshop.contributions_open = True
        people = [
            signin.sign_in(
                session, workshop_id=workshop.id, entered_by_facilitator=True,
                form=SignInForm(f"Personne {n}", "Asso test", actor),
            )
            for n, actor in enumerate(("ess", "collectivite", "citoyen", "autre"))
        ]  # fmt: skip
        for n, marker in enumerate(markers):
            text = marker + (" " + LONG * 3)[: 270 - len(marker)] if n % 4 == 0 else marker
            cafe.post_contribution(
                session, participant_id=people[n % len(people)].id, text=text,
                question_id=question.id,
            )  # fmt: skip
        question_id = question.id
    dispose_engines()
    return question_id, markers


def _visible_markers(page: Any) -> set[str]:
    cards = page.locator('[data-testid="postit"]')
    found = set()
    for i in range(cards.count()):
        box = cards.nth(i).bounding_box()
        assert box is not None and box["y"] + box["height"] <= 1080, "a post-it runs off-screen"
        found.add(cards.nth(i).inner_text().split()[0])
    return found


def test_thirty_post_its_are_all_seen_on_the_projector(
    seeded: tuple[str, int, list[str]], browser: Any
) -> None:
    base, question_id, markers = seeded
    _, chromium = browser
    context = projector_context(chromium)
    page = context.new_page()
    login_facilitator(page, base)
    page.goto(f"{base}/projection_cafe?q={question_id}")
    settle(page)
    page.locator('[data-testid="pj-board"]').wait_for(timeout=30_000)
    shot(page, "cafe-board-30-postits-1920")
    pages_line = page.locator('[data-testid="pj-pages"]')
    count = int(pages_line.inner_text().split("/")[1].split()[0]) if pages_line.count() else 1
    seen: set[str] = set()
    for n in range(1, count + 1):
        page.goto(f"{base}/projection_cafe?q={question_id}&page={n}")
        settle(page)
        page.locator('[data-testid="pj-board"]').wait_for(timeout=30_000)
        if count > 1:
            page.get_by_text(f"Page {n}/{count}").wait_for(timeout=30_000)
        seen |= _visible_markers(page)
        if count > 1:  # whichever page rotates in, the newest post-it is on screen
            newest = page.locator('[data-testid="pj-latest-postit"]').first
            assert newest.inner_text().startswith(markers[-1])
        shot(page, f"cafe-board-30-postits-page{n}")
    assert set(markers) <= seen, set(markers) - seen  # the demo adds its own post-its
    settings = page.get_by_text("Réglages de la projection").bounding_box()
    assert settings is not None and settings["y"] >= 1080, "controls on the projected surface"
    context.close()
