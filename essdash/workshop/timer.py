"""The agenda timer, stored as timestamps on the workshop: every screen computes the same countdown.

Stored state (Workshop columns):
- idle:    current_step_id set or not, timer_started_at None, timer_remaining_s None
- running: timer_started_at = when it (re)started, timer_duration_s = seconds left at that moment
- paused:  timer_started_at None, timer_remaining_s = seconds left when paused
Remaining time while running = timer_duration_s - (now - timer_started_at): no ticking writes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash.errors import UserError
from essdash.models import AgendaStep, Workshop
from essdash.models.base import utcnow

TimerState = Literal["idle", "running", "paused"]
EXTEND_MAX_MIN = 120


@dataclass(frozen=True)
class TimerView:
    state: TimerState
    step_id: int | None
    step_title: str | None
    step_position: int | None  # 1-based rank in the agenda
    step_count: int
    remaining_s: float | None  # negative once overrun; None when the step has no timing
    next_title: str | None

    @property
    def overrun(self) -> bool:
        return self.remaining_s is not None and self.remaining_s < 0


def aware(value: datetime | None) -> datetime | None:
    """SQLite gives back naive datetimes: they were stored in UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def remaining_seconds(workshop: Workshop, now: datetime) -> float | None:
    started = aware(workshop.timer_started_at)
    if started is not None:
        return float(workshop.timer_duration_s or 0) - (now - started).total_seconds()
    if workshop.timer_remaining_s is not None:
        return float(workshop.timer_remaining_s)
    return None


def state_of(workshop: Workshop) -> TimerState:
    if workshop.timer_started_at is not None:
        return "running"
    if workshop.timer_remaining_s is not None:
        return "paused"
    return "idle"


def _steps(session: Session, workshop_id: int) -> list[AgendaStep]:
    return list(
        session.scalars(
            select(AgendaStep)
            .where(AgendaStep.workshop_id == workshop_id)
            .order_by(AgendaStep.position, AgendaStep.id)
        )
    )


def view(session: Session, *, workshop_id: int, now: datetime | None = None) -> TimerView:
    """What the console and the projection show."""
    workshop = session.get(Workshop, workshop_id)
    if workshop is None:
        raise UserError("Atelier introuvable.")
    steps = _steps(session, workshop_id)
    ids = [s.id for s in steps]
    index = ids.index(workshop.current_step_id) if workshop.current_step_id in ids else None
    step = steps[index] if index is not None else None
    nxt = steps[index + 1] if index is not None and index + 1 < len(steps) else None
    if index is None and steps:
        nxt = steps[0]
    return TimerView(
        state=state_of(workshop) if step else "idle",
        step_id=step.id if step else None,
        step_title=step.title if step else None,
        step_position=index + 1 if index is not None else None,
        step_count=len(steps),
        remaining_s=_remaining(workshop, step, now or utcnow()),
        next_title=nxt.title if nxt else None,
    )


def _remaining(workshop: Workshop, step: AgendaStep | None, now: datetime) -> float | None:
    """None for no step, and for an untimed step (0 minutes, e.g. "Maillage") not extended."""
    if step is None:
        return None
    if step.duration_min == 0 and (workshop.timer_duration_s or 0) <= 0:
        return None
    return remaining_seconds(workshop, now)


def _workshop(session: Session, workshop_id: int) -> Workshop:
    workshop = session.get(Workshop, workshop_id)
    if workshop is None:
        raise UserError("Atelier introuvable.")
    return workshop


def start_step(
    session: Session, *, workshop_id: int, step_id: int | None = None, now: datetime | None = None
) -> Workshop:
    """Run the countdown of a step (the first one by default) from its full duration."""
    workshop = _workshop(session, workshop_id)
    steps = _steps(session, workshop_id)
    if not steps:
        raise UserError("Minuteur : le déroulé est vide, ajoutez une étape.")
    step = next((s for s in steps if s.id == step_id), None) if step_id else steps[0]
    if step is None:
        raise UserError("Minuteur : étape inconnue.")
    workshop.current_step_id = step.id
    workshop.timer_started_at = now or utcnow()
    workshop.timer_duration_s = step.duration_min * 60
    workshop.timer_remaining_s = None
    session.flush()
    return workshop


def pause(session: Session, *, workshop_id: int, now: datetime | None = None) -> Workshop:
    workshop = _workshop(session, workshop_id)
    if state_of(workshop) != "running":
        raise UserError("Minuteur : il n'est pas en marche.")
    left = remaining_seconds(workshop, now or utcnow())
    workshop.timer_remaining_s = round(left or 0)
    workshop.timer_started_at = None
    session.flush()
    return workshop


def resume(session: Session, *, workshop_id: int, now: datetime | None = None) -> Workshop:
    workshop = _workshop(session, workshop_id)
    if state_of(workshop) != "paused":
        raise UserError("Minuteur : il n'est pas en pause.")
    workshop.timer_duration_s = workshop.timer_remaining_s
    workshop.timer_started_at = now or utcnow()
    workshop.timer_remaining_s = None
    session.flush()
    return workshop


def extend(session: Session, *, workshop_id: int, minutes: int) -> Workshop:
    """Add minutes to the running or paused step (negative to shorten)."""
    if not -EXTEND_MAX_MIN <= minutes <= EXTEND_MAX_MIN or minutes == 0:
        raise UserError(f"Minuteur : ajoutez entre 1 et {EXTEND_MAX_MIN} minutes.")
    workshop = _workshop(session, workshop_id)
    state = state_of(workshop)
    if state == "running":
        workshop.timer_duration_s = (workshop.timer_duration_s or 0) + minutes * 60
    elif state == "paused":
        workshop.timer_remaining_s = (workshop.timer_remaining_s or 0) + minutes * 60
    else:
        raise UserError("Minuteur : démarrez d'abord une étape.")
    session.flush()
    return workshop


def next_step(session: Session, *, workshop_id: int, now: datetime | None = None) -> Workshop:
    """Start the step after the current one (the first if none is current)."""
    workshop = _workshop(session, workshop_id)
    ids = [s.id for s in _steps(session, workshop_id)]
    if workshop.current_step_id not in ids:
        return start_step(session, workshop_id=workshop_id, now=now)
    index = ids.index(workshop.current_step_id)
    if index + 1 >= len(ids):
        raise UserError("Minuteur : c'était la dernière étape du déroulé.")
    return start_step(session, workshop_id=workshop_id, step_id=ids[index + 1], now=now)


def reset(session: Session, *, workshop_id: int) -> Workshop:
    """Stop the timer and forget the current step."""
    workshop = _workshop(session, workshop_id)
    workshop.current_step_id = None
    workshop.timer_started_at = None
    workshop.timer_duration_s = workshop.timer_remaining_s = None
    session.flush()
    return workshop
