"""Phones follow a world-café round change without a tap, with the « Question N » heading.

The facilitator met phones that showed the new question's text after a round change but had lost
the « Question N » heading above it until a reload. Each round here is started the way the
facilitator's button does (the café service, one transaction); each phone must then show the
heading and the text of its table's new question, with no tap and no reload.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from sqlalchemy import select

from essdash.db import read_session, write_session
from essdash.db.engine import dispose_engines
from essdash.models import Question, Workshop
from essdash.workshop import timer
from essdash.workshop.activities.signin import service as signin
from essdash.workshop.activities.signin.service import SignInForm
from essdash.workshop.activities.worldcafe import service as cafe
from tests.e2e.helpers import DemoServer, Server, phone_context, settle, shot

WAIT = 20_000  # generous under load; the delay is printed, the room expects about 2 s


@dataclass(frozen=True)
class Room:
    server: Server
    workshop_id: int
    tokens: dict[int, str]  # table -> a participant's token
    questions: tuple[tuple[int, str], ...]  # (position, text)


@pytest.fixture(scope="module")
def room(demo_server: DemoServer, browser: Any) -> Iterator[Room]:
    with demo_server("defects-cafe-follow") as server:
        url = server.database_url
        with write_session(url) as s:
            workshop = s.scalars(select(Workshop).order_by(Workshop.id)).first()
            assert workshop is not None
            wid = workshop.id
            timer.start_step(s, workshop_id=wid)  # a step under way: its line is on the phones
            cafe.start_round(s, workshop_id=wid)
            tokens = {}
            for table in (1, 2):
                person = signin.sign_in(
                    s, workshop_id=wid, entered_by_facilitator=True,
                    form=SignInForm(f"Table {table} E2E", "Asso", "ess"),
                )  # fmt: skip
                cafe.choose_table(s, participant_id=person.id, table_no=table)
                tokens[table] = person.token
        with read_session(url) as s:
            questions = tuple(
                (q.position, q.text)
                for q in s.scalars(
                    select(Question).where(Question.workshop_id == wid).order_by(Question.position)
                )
            )
        dispose_engines()
        yield Room(server, wid, tokens, questions)


def _expected(room: Room, table: int) -> tuple[int, str]:
    with read_session(room.server.database_url) as s:
        workshop = s.get(Workshop, room.workshop_id)
        assert workshop is not None
        position = cafe.question_position(
            table_no=table, round_no=workshop.current_round, n_questions=len(room.questions)
        )
    dispose_engines()
    return room.questions[position - 1]


def _shows(page: Any, position: int, text: str) -> None:
    page.get_by_role("heading", name=f"Question {position}", exact=True).wait_for(timeout=WAIT)
    page.get_by_text(text, exact=True).first.wait_for(timeout=WAIT)


def _post(page: Any, text: str) -> None:
    page.get_by_label("Votre réponse").fill(text)
    page.get_by_role("button", name="Envoyer").click()
    page.get_by_text(text, exact=True).first.wait_for(timeout=WAIT)  # in « Mes post-its »
    settle(page)


def test_phones_follow_three_round_changes_with_their_heading(room: Room, browser: Any) -> None:
    playwright, chromium = browser
    context = phone_context(playwright, chromium)
    phones = {}
    try:
        for table, token in room.tokens.items():
            page = context.new_page()
            page.goto(f"{room.server.base}/world_cafe?p={token}")
            settle(page)
            _shows(page, *_expected(room, table))
            _post(page, f"Post-it de la table {table}")
            phones[table] = page
        delays = []
        for round_change in range(3):
            with write_session(room.server.database_url) as s:
                cafe.start_round(s, workshop_id=room.workshop_id)
            dispose_engines()
            started = time.monotonic()
            for table, page in phones.items():
                _shows(page, *_expected(room, table))
                heading = page.get_by_role("heading", name="Question", exact=False)
                assert heading.count() == 1, f"round change {round_change + 1}: one heading"
            delays.append(time.monotonic() - started)
            for table, page in phones.items():  # as in the room: a post-it in each round
                _post(page, f"Manche {round_change + 2}, table {table}")
            for table, page in phones.items():
                shot(page, f"defects_cafe_follow_round{round_change + 2}_table{table}")
        print("round change -> both phones show heading and question (s):", delays)
    finally:
        context.close()
