"""The clocks a room sees, in Chromium: the console after time ran out ("0:00", "dépassé de …",
never "-0:20"), the projected vote with its deadline, the phone's ballot countdown ticking."""

from __future__ import annotations

import re
import subprocess
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from essdash.db import write_session
from essdash.db.engine import dispose_engines
from essdash.models import Workshop
from essdash.models.base import utcnow
from essdash.workshop import timer
from essdash.workshop.activities.signin import service as signin
from essdash.workshop.activities.signin.service import SignInForm
from essdash.workshop.activities.voting import service as voting
from tests.e2e.helpers import (
    login_facilitator,
    phone_context,
    projector_context,
    settle,
    shot,
    start_server,
)

VOTE_CLOCK = re.compile(r"Clôture du vote · reste (\d+):(\d\d)")


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory, browser: Any) -> Iterator[tuple[str, str]]:
    """(base URL, a participant's token): a step overrun by 20 min, a vote closing in 10 min."""
    data_dir: Path = tmp_path_factory.mktemp("clocks")
    base, proc = start_server(data_dir)
    with write_session(f"sqlite:///{data_dir / 'e2e.db'}") as session:
        workshop = session.scalars(select(Workshop)).one()
        timer.start_step(session, workshop_id=workshop.id, now=utcnow() - timedelta(hours=3))
        vote = voting.create_vote(session, workshop_id=workshop.id, method="points")
        voting.open_vote(session, vote_id=vote.id, closes_at=utcnow() + timedelta(minutes=10))
        person = signin.sign_in(
            session, workshop_id=workshop.id, entered_by_facilitator=True,
            form=SignInForm("Personne test", "Asso test", "ess"),
        )  # fmt: skip
        token = person.token
    dispose_engines()
    yield base, token
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def test_console_and_projected_vote_read_right(room: tuple[str, str], browser: Any) -> None:
    base, _ = room
    _, chromium = browser
    context = projector_context(chromium)
    page = context.new_page()
    try:
        login_facilitator(page, base)
        page.goto(base + "/console")
        settle(page)
        clock = page.get_by_test_id("stMetric").first
        clock.wait_for(timeout=20_000)
        expect(clock).to_contain_text("dépassé de", timeout=20_000)  # the delta, once drawn
        text = clock.inner_text()
        assert "0:00" in text and "dépassé de" in text and "-" not in text, text
        shot(page, "console-overrun-projector")
        page.goto(base + "/projection?v=vote")
        settle(page)
        page.get_by_text(re.compile(r"vote ouvert · clôture dans \d+:\d\d")).wait_for(
            timeout=20_000
        )
        shot(page, "projection-vote-deadline-projector")
    finally:
        context.close()


def test_the_ballot_countdown_ticks_on_the_phone(room: tuple[str, str], browser: Any) -> None:
    base, token = room
    playwright, chromium = browser
    context = phone_context(playwright, chromium)
    page = context.new_page()
    try:
        page.goto(f"{base}/priorites?p={token}")
        settle(page)
        caption = page.get_by_text(VOTE_CLOCK).first
        caption.wait_for(timeout=30_000)
        first = _seconds(caption.inner_text())
        _wait_below(page, first)  # no tap, no reload
        shot(page, "ballot-countdown-phone")
        _plus_taps(page)
    finally:
        context.close()


def _wait_below(page: Any, first: int, timeout_s: float = 30) -> None:
    """The clock shows fewer seconds than `first`, within `timeout_s` (it ticks every second)."""
    deadline = time.monotonic() + timeout_s
    while (shown := _seconds(page.get_by_text(VOTE_CLOCK).first.inner_text())) >= first:
        assert time.monotonic() < deadline, f"the clock stood still at {shown} s"
        page.wait_for_timeout(250)


def _plus_taps(page: Any) -> None:
    """Each "+" redraws the ballot only (a fragment): printed, not asserted (no timed asserts)."""
    plus = page.get_by_test_id("stNumberInputStepUp")
    took = []
    for expected in (4, 3, 2):
        started = time.perf_counter()
        plus.nth(5 - expected - 1).click()
        page.get_by_text(f"{expected} / 5").wait_for(timeout=30_000)
        took.append(time.perf_counter() - started)
        settle(page)  # the next "+" is tapped on the ballot this run drew
    print("points ballot '+' to counter updated (s):", ", ".join(f"{t:.2f}" for t in took))
    expect(page.get_by_text("2 / 5")).to_have_count(1)
    shot(page, "ballot-points-phone")


def _seconds(text: str) -> int:
    match = VOTE_CLOCK.search(text)
    assert match, text
    return int(match.group(1)) * 60 + int(match.group(2))
