"""Workshops of a diagnostic: create, open, close, archive; edit the agenda and the questions."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash.errors import UserError
from essdash.models import AgendaStep, Contribution, Diagnostic, Question, Workshop
from essdash.workshop.activities import registry
from essdash.workshop.defaults import (
    AGENDA_SEED_002,
    WORLD_CAFE_QUESTIONS,
    format_minutes,
    running_totals,
)

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no O/0, I/1: read aloud and typed on phones
_CODE = re.compile(r"^[A-Z0-9]{3,16}$")


def activity_labels() -> dict[str | None, str]:
    """French names of the activities a step may run, for the agenda editor (None: no
    activity): the registered activities' agenda codes, in registry order."""
    labels: dict[str | None, str] = {None: "Aucune"}
    labels.update(registry.agenda_labels())
    return labels


# Module-level views of the registry as imported (the registered activities do not change).
ACTIVITY_LABELS: dict[str | None, str] = activity_labels()
ACTIVITIES = tuple(code for code in ACTIVITY_LABELS if code is not None)
# Allowed status changes: (from, to).
TRANSITIONS = {
    ("draft", "open"),
    ("open", "closed"),
    ("closed", "open"),
    ("closed", "archived"),
    ("open", "archived"),
    ("draft", "archived"),
    ("archived", "closed"),
}


@dataclass(frozen=True)
class StepInput:
    """One line of the agenda editor; `id` None for a new step."""

    title: str
    duration_min: int
    method: str = ""
    activity: str | None = None
    id: int | None = None


@dataclass(frozen=True)
class AgendaRow:
    id: int
    position: int
    title: str
    method: str
    duration_min: int
    activity: str | None
    cumulative_min: int

    @property
    def duration_text(self) -> str:
        return format_minutes(self.duration_min)

    @property
    def cumulative_text(self) -> str:
        return format_minutes(self.cumulative_min)


def _workshop(session: Session, workshop_id: int) -> Workshop:
    workshop = session.get(Workshop, workshop_id)
    if workshop is None:
        raise UserError("Atelier introuvable.")
    return workshop


def _free_code(session: Session, code: str | None) -> str:
    if code:
        cleaned = code.strip().upper()
        if not _CODE.match(cleaned):
            raise UserError("Code : 3 à 16 lettres ou chiffres, sans espace ni accent.")
        if session.scalar(select(Workshop.id).where(Workshop.join_code == cleaned)):
            raise UserError(f"Code : « {cleaned} » est déjà pris par un autre atelier.")
        return cleaned
    while True:
        candidate = "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
        if not session.scalar(select(Workshop.id).where(Workshop.join_code == candidate)):
            return candidate


def create_workshop(
    session: Session,
    *,
    diagnostic_id: int,
    title: str,
    join_code: str | None = None,
    scheduled_at: datetime | None = None,
    place: str | None = None,
    default_agenda: bool = True,
) -> Workshop:
    """A draft workshop with the seed-002 agenda and world-café questions (editable)."""
    if session.get(Diagnostic, diagnostic_id) is None:
        raise UserError("Diagnostic introuvable.")
    if not title.strip() or len(title.strip()) > 200:
        raise UserError("Titre : 1 à 200 caractères.")
    workshop = Workshop(
        diagnostic_id=diagnostic_id,
        title=title.strip(),
        join_code=_free_code(session, join_code),
        status="draft",
        scheduled_at=scheduled_at,
        place=(place or "").strip() or None,
    )
    session.add(workshop)
    session.flush()
    if default_agenda:
        _add_seed_002(session, workshop.id)
    return workshop


def _add_seed_002(session: Session, workshop_id: int) -> None:
    """The run sheet of seed 002 and its four world-café questions."""
    for pos, step in enumerate(AGENDA_SEED_002, start=1):
        session.add(
            AgendaStep(
                workshop_id=workshop_id,
                position=pos,
                title=step.title,
                method=step.method,
                duration_min=step.duration_min,
                activity=step.activity,
            )
        )
    for pos, (text, hint) in enumerate(WORLD_CAFE_QUESTIONS, start=1):
        session.add(Question(workshop_id=workshop_id, position=pos, text=text, hint=hint))
    session.flush()


def set_status(session: Session, *, workshop_id: int, status: str) -> Workshop:
    """Open, close, reopen, archive (only the transitions of TRANSITIONS)."""
    workshop = _workshop(session, workshop_id)
    if workshop.status == status:
        return workshop
    if (workshop.status, status) not in TRANSITIONS:
        raise UserError(f"Statut : passage de « {workshop.status} » à « {status} » impossible.")
    workshop.status = status
    session.flush()
    return workshop


def set_contributions_open(session: Session, *, workshop_id: int, value: bool) -> Workshop:
    """Allow or stop remote contributions after the live workshop."""
    workshop = _workshop(session, workshop_id)
    workshop.contributions_open = value
    session.flush()
    return workshop


def workshops_of(session: Session, diagnostic_id: int | None = None) -> list[Workshop]:
    query = select(Workshop).order_by(Workshop.created_at.desc(), Workshop.id.desc())
    if diagnostic_id is not None:
        query = query.where(Workshop.diagnostic_id == diagnostic_id)
    return list(session.scalars(query))


def agenda(session: Session, *, workshop_id: int) -> list[AgendaRow]:
    """The agenda with its running total ("Cumul" column of the run sheet)."""
    steps = list(
        session.scalars(
            select(AgendaStep)
            .where(AgendaStep.workshop_id == workshop_id)
            .order_by(AgendaStep.position, AgendaStep.id)
        )
    )
    totals = running_totals([s.duration_min for s in steps])
    return [
        AgendaRow(s.id, s.position, s.title, s.method, s.duration_min, s.activity, total)
        for s, total in zip(steps, totals, strict=True)
    ]


def _check_step(step: StepInput, line: int) -> None:
    if not step.title.strip() or len(step.title.strip()) > 200:
        raise UserError(f"Déroulé, ligne {line} : titre de 1 à 200 caractères.")
    if not 0 <= step.duration_min <= 600:
        raise UserError(f"Déroulé, ligne {line} : durée entre 0 et 600 minutes.")
    labels = activity_labels()
    if step.activity is not None and step.activity not in labels:
        choices = ", ".join(f"« {label} »" for label in labels.values())
        raise UserError(f"Déroulé, ligne {line} : activité inconnue (au choix : {choices}).")


def clean_activity(value: object) -> str | None:
    """An activity code from an editor cell: empty, NaN, None or "Aucune" mean no activity;
    a French label is read as its code."""
    if value is None or (isinstance(value, float) and value != value):  # NaN
        return None
    text = str(value).strip()
    by_label = {label: code for code, label in activity_labels().items()}
    if not text or text in by_label:
        return by_label.get(text)
    return text


def save_agenda(session: Session, *, workshop_id: int, steps: list[StepInput]) -> list[AgendaRow]:
    """Replace the agenda by the edited lines, keeping the ids of kept steps (timer continuity)."""
    _workshop(session, workshop_id)
    steps = [replace(step, activity=clean_activity(step.activity)) for step in steps]
    for line, step in enumerate(steps, start=1):
        _check_step(step, line)
    current = {
        s.id: s
        for s in session.scalars(select(AgendaStep).where(AgendaStep.workshop_id == workshop_id))
    }
    kept = {s.id for s in steps if s.id is not None}
    for step_id, old in current.items():
        if step_id not in kept:
            session.delete(old)
    for position, step in enumerate(steps, start=1):
        found = current.get(step.id) if step.id is not None else None
        row = found if found is not None else AgendaStep(workshop_id=workshop_id)
        session.add(row)
        row.position, row.title, row.method = position, step.title.strip(), step.method.strip()
        row.duration_min, row.activity = step.duration_min, clean_activity(step.activity)
    session.flush()
    return agenda(session, workshop_id=workshop_id)


def questions(session: Session, *, workshop_id: int) -> list[Question]:
    return list(
        session.scalars(
            select(Question).where(Question.workshop_id == workshop_id).order_by(Question.position)
        )
    )


def save_questions(
    session: Session, *, workshop_id: int, items: list[tuple[int | None, str, str]]
) -> list[Question]:
    """Replace the world-café questions by (id or None, text, hint) lines, keeping kept ids."""
    _workshop(session, workshop_id)
    for line, (_qid, text, _hint) in enumerate(items, start=1):
        if not text.strip():
            raise UserError(f"Questions, ligne {line} : texte vide.")
    current = {q.id: q for q in questions(session, workshop_id=workshop_id)}
    kept = {qid for qid, _t, _h in items if qid is not None}
    removed = [qid for qid in current if qid not in kept]
    if removed and session.scalar(
        select(Contribution.id).where(Contribution.question_id.in_(removed)).limit(1)
    ):
        raise UserError("Questions : une question qui a déjà des réponses ne peut être supprimée.")
    for old_id in removed:
        session.delete(current[old_id])
    for position, (item_id, text, hint) in enumerate(items, start=1):
        found = current.get(item_id) if item_id is not None else None
        question = found if found is not None else Question(workshop_id=workshop_id, text="")
        session.add(question)
        question.position, question.text, question.hint = position, text.strip(), hint.strip()
    session.flush()
    return questions(session, workshop_id=workshop_id)
