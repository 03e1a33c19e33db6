"""Workshop lifecycle, agenda with running totals, questions, and the timer arithmetic."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from essdash.db import read_session, write_session
from essdash.errors import UserError
from essdash.models import Contribution, Workshop
from essdash.workshop import console, timer
from essdash.workshop.console import StepInput

T0 = datetime(2026, 11, 23, 14, 0, tzinfo=UTC)


def test_new_workshop_has_the_seed_002_agenda_and_a_readable_code(live_world):
    with write_session() as s:
        w = console.create_workshop(s, diagnostic_id=live_world.diagnostic_id, title="Atelier 2")
        code, status = w.join_code, w.status
        rows = console.agenda(s, workshop_id=w.id)
    assert status == "draft" and len(code) == 6 and not set(code) & set("O0I1")
    assert [r.cumulative_text for r in rows] == [
        "15'",
        "15'",
        "30'",
        "1h00",
        "2h00",
        "2h20",
        "2h30",
    ]


def test_join_code_must_be_free(live_world):
    with write_session() as s, pytest.raises(UserError, match="déjà pris"):
        console.create_workshop(
            s, diagnostic_id=live_world.diagnostic_id, title="X", join_code="test1"
        )


@pytest.mark.parametrize(
    ("start", "target", "allowed"),
    [
        ("draft", "open", True),
        ("open", "closed", True),
        ("closed", "open", True),
        ("closed", "archived", True),
        ("archived", "open", False),
        ("archived", "draft", False),
    ],
)
def test_status_transitions(live_world, start, target, allowed):
    with write_session() as s:
        s.get(Workshop, live_world.workshop_id).status = start
    with write_session() as s:
        if allowed:
            assert console.set_status(s, workshop_id=live_world.workshop_id, status=target)
        else:
            with pytest.raises(UserError, match="Statut"):
                console.set_status(s, workshop_id=live_world.workshop_id, status=target)


def test_agenda_edit_keeps_ids_and_recomputes_totals(live_world):
    wid = live_world.workshop_id
    with read_session() as s:
        first, *_ = console.agenda(s, workshop_id=wid)
    steps = [
        StepInput("Accueil café", 20, id=first.id),
        StepInput("Tour de table", 45),
        StepInput("Clôture", 10),
    ]
    with write_session() as s:
        rows = console.save_agenda(s, workshop_id=wid, steps=steps)
    assert rows[0].id == first.id
    assert [(r.title, r.cumulative_min) for r in rows] == [
        ("Accueil café", 20),
        ("Tour de table", 65),
        ("Clôture", 75),
    ]
    assert rows[1].cumulative_text == "1h05"
    with write_session() as s, pytest.raises(UserError, match="ligne 2"):
        console.save_agenda(s, workshop_id=wid, steps=[steps[0], StepInput("", 5)])


def test_question_with_answers_cannot_be_deleted(live_world, sign_up):
    pid = sign_up("A")
    wid = live_world.workshop_id
    with write_session() as s:
        qs = console.questions(s, workshop_id=wid)
        s.add(Contribution(workshop_id=wid, question_id=qs[0].id, participant_id=pid, text="x"))
    items = [(q.id, q.text, q.hint) for q in qs]
    with write_session() as s, pytest.raises(UserError, match="déjà des réponses"):
        console.save_questions(s, workshop_id=wid, items=items[1:])
    with write_session() as s:
        edited = console.save_questions(
            s, workshop_id=wid, items=[(items[0][0], "Nouvelle formulation ?", ""), *items[2:]]
        )
    assert edited[0].text == "Nouvelle formulation ?" and len(edited) == 3


def _view(wid: int, now: datetime) -> timer.TimerView:
    with read_session() as s:
        return timer.view(s, workshop_id=wid, now=now)


def test_timer_start_pause_resume_extend_next(live_world):
    wid = live_world.workshop_id
    with write_session() as s:
        timer.start_step(s, workshop_id=wid, now=T0)  # Émargement, 15'
    v = _view(wid, T0 + timedelta(minutes=5))
    assert (v.state, v.step_position, v.remaining_s) == ("running", 1, 600)
    with write_session() as s:
        timer.pause(s, workshop_id=wid, now=T0 + timedelta(minutes=5))
    # Paused: the countdown does not move, whoever looks at it and whenever.
    assert _view(wid, T0 + timedelta(hours=1)).remaining_s == 600
    with write_session() as s:
        timer.extend(s, workshop_id=wid, minutes=5)
        timer.resume(s, workshop_id=wid, now=T0 + timedelta(minutes=30))
    v = _view(wid, T0 + timedelta(minutes=31))
    assert (v.state, v.remaining_s) == ("running", 840)
    with write_session() as s:
        timer.extend(s, workshop_id=wid, minutes=5)
    assert _view(wid, T0 + timedelta(minutes=31)).remaining_s == 1140
    assert _view(wid, T0 + timedelta(minutes=60)).overrun
    with write_session() as s:
        timer.next_step(s, workshop_id=wid, now=T0 + timedelta(minutes=60))
    v = _view(wid, T0 + timedelta(minutes=61))
    # "Maillage" has no duration of its own (it runs with the sign-in): no countdown, no overrun.
    assert (v.remaining_s, v.overrun) == (None, False)
    assert (v.step_position, v.step_title, v.next_title) == (
        2,
        "Connaître le maillage du territoire",
        "Ouvrir la réunion",
    )


def test_timer_errors_are_explained(live_world):
    wid = live_world.workshop_id
    with write_session() as s, pytest.raises(UserError, match="pas en marche"):
        timer.pause(s, workshop_id=wid)
    with write_session() as s, pytest.raises(UserError, match="démarrez"):
        timer.extend(s, workshop_id=wid, minutes=5)
    with read_session() as s:
        last = console.agenda(s, workshop_id=wid)[-1]
    with write_session() as s:
        timer.start_step(s, workshop_id=wid, step_id=last.id)
    with write_session() as s, pytest.raises(UserError, match="dernière étape"):
        timer.next_step(s, workshop_id=wid)
