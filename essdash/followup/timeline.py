"""Phases and steps of a diagnostic: created from its kind's template, dated, attached, and read
as a timeline (where it stands, what is late, what is next)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from essdash.errors import UserError
from essdash.followup.templates import TEMPLATES
from essdash.models import (
    Diagnostic,
    DiagnosticPhase,
    DiagnosticStep,
    Interview,
    StepWorkshop,
    Workshop,
)
from essdash.models.followup import STEP_STATUSES

DONE = ("termine", "annule")


def apply_template(session: Session, *, diagnostic_id: int, start: date) -> int:
    """Create the phases and steps of the diagnostic's kind, planned back to back from `start`.

    Refused when the diagnostic already has steps (nothing is overwritten). Returns the number
    of steps created."""
    diagnostic = session.get(Diagnostic, diagnostic_id)
    if diagnostic is None:
        raise UserError(f"Diagnostic : le diagnostic n° {diagnostic_id} n'existe pas.")
    existing = session.scalar(
        select(func.count(DiagnosticPhase.id)).where(DiagnosticPhase.diagnostic_id == diagnostic_id)
    )
    if existing:
        raise UserError("Calendrier : ce diagnostic a déjà ses phases et étapes.")
    day, count = start, 0
    for position, template in enumerate(TEMPLATES.get(diagnostic.kind, TEMPLATES["territorial"])):
        phase = DiagnosticPhase(
            diagnostic_id=diagnostic_id,
            key=template.key,
            position=position,
            title=template.title,
            expected_result=template.expected_result,
        )
        session.add(phase)
        session.flush()
        for n, step in enumerate(template.steps):
            end = day + timedelta(days=step.days - 1)
            session.add(
                DiagnosticStep(
                    phase_id=phase.id,
                    position=n,
                    title=step.title,
                    planned_start=day,
                    planned_end=end,
                )
            )
            day, count = end + timedelta(days=1), count + 1
    session.flush()
    return count


@dataclass(frozen=True)
class StepInput:
    planned_start: date | None
    planned_end: date | None
    actual_start: date | None
    actual_end: date | None
    status: str


def _step_of(session: Session, diagnostic_id: int, step_id: int) -> DiagnosticStep:
    step = session.get(DiagnosticStep, step_id)
    phase = session.get(DiagnosticPhase, step.phase_id) if step else None
    if step is None or phase is None or phase.diagnostic_id != diagnostic_id:
        raise UserError(f"Calendrier : l'étape n° {step_id} n'appartient pas à ce diagnostic.")
    return step


def update_step(
    session: Session, *, diagnostic_id: int, step_id: int, data: StepInput
) -> DiagnosticStep:
    """Dates and status of a step; a step marked done gets today's end date if it had none."""
    step = _step_of(session, diagnostic_id, step_id)
    where = f"Calendrier, étape « {step.title} »"
    if data.status not in STEP_STATUSES:
        raise UserError(f"{where} : statut « {data.status} » inconnu.")
    for start, end, what in (
        (data.planned_start, data.planned_end, "prévue"),
        (data.actual_start, data.actual_end, "réelle"),
    ):
        if start and end and end < start:
            raise UserError(f"{where} : la fin {what} précède le début.")
    step.planned_start, step.planned_end = data.planned_start, data.planned_end
    step.actual_start, step.actual_end = data.actual_start, data.actual_end
    step.status = data.status
    if data.status == "en_cours" and step.actual_start is None:
        step.actual_start = date.today()
    if data.status == "termine" and step.actual_end is None:
        step.actual_end = date.today()
    session.flush()
    return step


def attach_workshop(
    session: Session, *, diagnostic_id: int, step_id: int, workshop_id: int
) -> None:
    _step_of(session, diagnostic_id, step_id)
    workshop = session.get(Workshop, workshop_id)
    if workshop is None or workshop.diagnostic_id != diagnostic_id:
        raise UserError("Calendrier : cet atelier n'appartient pas à ce diagnostic.")
    session.execute(delete(StepWorkshop).where(StepWorkshop.workshop_id == workshop_id))
    session.add(StepWorkshop(step_id=step_id, workshop_id=workshop_id))
    session.flush()


@dataclass(frozen=True)
class StepView:
    id: int
    phase_key: str
    phase_title: str
    title: str
    planned_start: date | None
    planned_end: date | None
    actual_start: date | None
    actual_end: date | None
    status: str
    late: bool
    workshops: tuple[str, ...]
    interviews: int


@dataclass(frozen=True)
class Timeline:
    steps: tuple[StepView, ...]
    current_phase: str | None  # title of the first phase with a step not done
    late: tuple[StepView, ...]
    upcoming: tuple[StepView, ...]  # the next steps not started yet (at most 3)


def is_late(step: DiagnosticStep, today: date) -> bool:
    """Late: not done and its planned end has passed, or not started after its planned start."""
    if step.status in DONE:
        return False
    if step.planned_end is not None and step.planned_end < today:
        return True
    return (
        step.status == "a_venir" and step.planned_start is not None and step.planned_start < today
    )


def timeline(session: Session, *, diagnostic_id: int, today: date | None = None) -> Timeline:
    today = today or date.today()
    rows = session.execute(
        select(DiagnosticStep, DiagnosticPhase.key, DiagnosticPhase.title)
        .join(DiagnosticPhase, DiagnosticPhase.id == DiagnosticStep.phase_id)
        .where(DiagnosticPhase.diagnostic_id == diagnostic_id)
        .order_by(DiagnosticPhase.position, DiagnosticStep.position)
    ).all()
    workshops = _attached_workshops(session, diagnostic_id)
    interviews: dict[int, int] = {
        int(step_id or 0): count
        for step_id, count in session.execute(
            select(Interview.step_id, func.count(Interview.id))
            .where(Interview.diagnostic_id == diagnostic_id, Interview.step_id.is_not(None))
            .group_by(Interview.step_id)
        )
    }
    steps = tuple(
        StepView(
            s.id,
            key,
            title,
            s.title,
            s.planned_start,
            s.planned_end,
            s.actual_start,
            s.actual_end,
            s.status,
            is_late(s, today),
            tuple(workshops.get(s.id, ())),
            int(interviews.get(s.id, 0)),
        )
        for s, key, title in rows
    )
    open_steps = [s for s in steps if s.status not in DONE]
    return Timeline(
        steps=steps,
        current_phase=open_steps[0].phase_title if open_steps else None,
        late=tuple(s for s in steps if s.late),
        upcoming=tuple(s for s in open_steps if s.status == "a_venir" and not s.late)[:3],
    )


def _attached_workshops(session: Session, diagnostic_id: int) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for step_id, title in session.execute(
        select(StepWorkshop.step_id, Workshop.title)
        .join(Workshop, Workshop.id == StepWorkshop.workshop_id)
        .where(Workshop.diagnostic_id == diagnostic_id)
        .order_by(Workshop.id)
    ):
        found.setdefault(step_id, []).append(title)
    return found
