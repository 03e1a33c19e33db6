"""A phone's countdown ticks by itself, like the projection's (no tap, no reload)."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import select

from essdash.db import write_session
from essdash.db.engine import dispose_engines
from essdash.models import Workshop
from essdash.workshop.activities.signin import service as signin
from essdash.workshop.activities.signin.service import SignInForm
from essdash.workshop.activities.worldcafe import service as cafe
from tests.e2e.helpers import DemoServer, Server, phone_context, settle, shot

CLOCK = re.compile(r"Manche \d+ · table \d+ · reste (\d+):(\d\d)")


@pytest.fixture(scope="module")
def phone_link(demo_server: DemoServer, browser: Any) -> Iterator[str]:
    with demo_server("countdown") as server:
        yield _seeded_link(server)


def _seeded_link(server: Server) -> str:
    """A participant at table 1 of a started round: the address of their phone page."""
    with write_session(server.database_url) as session:
        workshop = session.scalars(select(Workshop)).one()
        cafe.start_round(session, workshop_id=workshop.id)
        person = signin.sign_in(
            session, workshop_id=workshop.id, entered_by_facilitator=True,
            form=SignInForm("Personne test", "Asso test", "ess"),
        )  # fmt: skip
        cafe.choose_table(session, participant_id=person.id, table_no=1)
        token = person.token
    dispose_engines()
    return f"{server.base}/world_cafe?p={token}"


def _seconds_left(page: Any) -> int:
    text = page.get_by_text(CLOCK).first.inner_text()
    match = CLOCK.search(text)
    assert match, text
    return int(match.group(1)) * 60 + int(match.group(2))


def test_the_round_countdown_ticks_on_the_phone(phone_link: str, browser: Any) -> None:
    playwright, chromium = browser
    context = phone_context(playwright, chromium)
    page = context.new_page()
    page.goto(phone_link)
    settle(page)
    page.get_by_text(CLOCK).first.wait_for(timeout=30_000)
    first = _seconds_left(page)
    deadline = time.monotonic() + 30  # it ticks every second; a loaded machine may lag
    while _seconds_left(page) >= first:  # no tap, no reload
        assert time.monotonic() < deadline, "the phone's countdown stood still"
        page.wait_for_timeout(250)
    shot(page, "cafe-phone-countdown")
    context.close()
