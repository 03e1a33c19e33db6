"""The facilitator's console clock and the vote's deadline read right in front of the room:
no negative countdown, no dash for an untimed step, never "clôture dans 0:00"."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select

from essdash.db import write_session
from essdash.formatting import fmt_closes_in, fmt_overrun
from essdash.models import AgendaStep
from essdash.models.base import utcnow
from essdash.ui.voting.data import VoteView
from essdash.ui.voting.projection import status_line
from essdash.workshop import timer
from tests.ui.test_workshop_pages import _facilitator, demo

__all__ = ["demo"]  # the fixture, shared with the other live-workshop page tests


def _metric(at: Any, label: str) -> Any:
    return next(m for m in at.metric if m.label == label)


def test_the_console_says_how_long_ago_time_ran_out(demo: dict[str, Any]) -> None:
    with write_session() as s:  # the first step started three hours ago: long overrun
        timer.start_step(s, workshop_id=demo["workshop_id"], now=utcnow() - timedelta(hours=3))
    at = _facilitator("console")
    clock = _metric(at, "Temps restant")
    assert clock.value == "0:00"  # before: "-2:40:00"-like negative countdowns
    assert clock.delta.startswith("dépassé de ") and "-" not in clock.delta


def test_an_untimed_step_shows_no_dash_on_the_console(demo: dict[str, Any]) -> None:
    with write_session() as s:
        first = s.scalars(
            select(AgendaStep)
            .where(AgendaStep.workshop_id == demo["workshop_id"])
            .order_by(AgendaStep.position)
        ).first()
        assert first is not None
        first.duration_min = 0
        timer.start_step(s, workshop_id=demo["workshop_id"], step_id=first.id)
    at = _facilitator("console")
    assert not [m for m in at.metric if m.label == "Temps restant"]  # before: a giant "—"
    assert any("sans durée" in c.value for c in at.caption)


def test_overrun_and_deadline_wording() -> None:
    assert fmt_overrun(-20) == "dépassé de 0:20"
    assert fmt_overrun(-9917) == "dépassé de 2:45:17"  # before: "dépassé de 165:17"
    assert fmt_closes_in(190) == "clôture dans 3:10"
    assert fmt_closes_in(0.4) == "clôture dans 0:01"  # before: "clôture dans 0:00"
    assert fmt_closes_in(0) == fmt_closes_in(-3) == "clôture en cours"
    assert fmt_closes_in(None) == "clôture par l'animation"


def _vote(status: str, closes_in_s: float | None) -> VoteView:
    closes = None if closes_in_s is None else utcnow() + timedelta(seconds=closes_in_s)
    return VoteView(1, "Priorités", "points", status, 5, True, False, closes, 3)


def test_the_projected_vote_states_its_deadline() -> None:
    assert status_line(_vote("open", 190)).endswith("vote ouvert · clôture dans 3:10")
    assert "0:00" not in status_line(_vote("open", 0.3))
    assert status_line(_vote("open", None)).endswith("vote ouvert · clôture par l'animation")
    assert status_line(_vote("closed", None)).endswith("vote clos")
