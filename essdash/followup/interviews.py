"""Recording interviews (entretiens): who, when, by whom, the grid answers, free notes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from essdash.errors import UserError
from essdash.followup import grid
from essdash.followup.labels import INTERVIEW_KINDS
from essdash.models import Diagnostic, DiagnosticPhase, DiagnosticStep, Interview, InterviewAnswer
from essdash.models.base import utcnow

MAX_NAME, MAX_STRUCTURE, MAX_ROLE, MAX_NOTES, MAX_ANSWER = 120, 200, 120, 20_000, 5_000


@dataclass(frozen=True)
class InterviewInput:
    person_name: str
    structure_name: str = ""
    role: str = ""
    kind: str = "acteur"
    held_on: date | None = None
    interviewer: str = ""
    notes: str = ""
    consent: bool = False
    step_id: int | None = None
    # grid item key -> what was said ("" : the item came up, nothing noted)
    answers: dict[str, str] = field(default_factory=dict)


def _check(session: Session, diagnostic_id: int, data: InterviewInput) -> None:
    if session.get(Diagnostic, diagnostic_id) is None:
        raise UserError(f"Diagnostic : le diagnostic n° {diagnostic_id} n'existe pas.")
    if not data.person_name.strip():
        raise UserError("Entretien : le nom de la personne rencontrée est vide.")
    for label, value, most in (
        ("nom", data.person_name, MAX_NAME), ("structure", data.structure_name, MAX_STRUCTURE),
        ("fonction", data.role, MAX_ROLE), ("notes", data.notes, MAX_NOTES),
        ("enquêteur·rice", data.interviewer, MAX_NAME),
    ):  # fmt: skip
        if len(value) > most:
            raise UserError(f"Entretien, champ « {label} » : {most} caractères au plus.")
    if data.kind not in INTERVIEW_KINDS:
        raise UserError(f"Entretien : type d'acteur « {data.kind} » inconnu.")
    keys = {e.key for e in grid.grid_of(session, diagnostic_id)}
    for key, text in data.answers.items():
        if key not in keys:
            raise UserError(f"Entretien : rubrique « {key} » absente de la grille.")
        if len(text) > MAX_ANSWER:
            raise UserError(f"Entretien, rubrique « {key} » : {MAX_ANSWER} caractères au plus.")
    if data.step_id is not None and _step_diagnostic(session, data.step_id) != diagnostic_id:
        raise UserError("Entretien : l'étape choisie n'appartient pas à ce diagnostic.")


def _step_diagnostic(session: Session, step_id: int) -> int | None:
    return session.scalar(
        select(DiagnosticPhase.diagnostic_id)
        .join(DiagnosticStep, DiagnosticStep.phase_id == DiagnosticPhase.id)
        .where(DiagnosticStep.id == step_id)
    )


def record_interview(
    session: Session, *, diagnostic_id: int, data: InterviewInput, interview_id: int | None = None
) -> Interview:
    """Create (or, with `interview_id`, replace) an interview and its grid answers."""
    _check(session, diagnostic_id, data)
    if interview_id is None:
        interview = Interview(diagnostic_id=diagnostic_id)
        session.add(interview)
    else:
        found = session.get(Interview, interview_id)
        if found is None or found.diagnostic_id != diagnostic_id or found.erased_at is not None:
            raise UserError(f"Entretien n° {interview_id} introuvable.")
        interview = found
    interview.person_name, interview.structure_name = data.person_name.strip(), data.structure_name
    interview.role, interview.kind, interview.held_on = data.role, data.kind, data.held_on
    interview.interviewer, interview.notes = data.interviewer or None, data.notes
    interview.step_id = data.step_id
    if data.consent and not interview.consent:
        interview.consent_at = utcnow()
    if not data.consent:
        interview.consent_at = None
    interview.consent = data.consent
    session.flush()
    session.execute(delete(InterviewAnswer).where(InterviewAnswer.interview_id == interview.id))
    for key, text in data.answers.items():
        session.add(InterviewAnswer(interview_id=interview.id, item_key=key, text=text.strip()))
    session.flush()
    return interview


def delete_interview(session: Session, *, interview_id: int) -> None:
    interview = session.get(Interview, interview_id)
    if interview is None:
        raise UserError(f"Entretien n° {interview_id} introuvable.")
    session.delete(interview)
    session.flush()


@dataclass(frozen=True)
class InterviewRow:
    """An interview as the facilitator's list shows it (the personal notes included)."""

    id: int
    person_name: str
    structure_name: str
    role: str
    kind: str
    held_on: date | None
    interviewer: str
    consent: bool
    erased: bool
    notes: str
    answers: tuple[tuple[str, str], ...]


def interviews_of(session: Session, *, diagnostic_id: int) -> tuple[InterviewRow, ...]:
    rows = session.scalars(
        select(Interview)
        .where(Interview.diagnostic_id == diagnostic_id)
        .order_by(Interview.held_on.is_(None), Interview.held_on, Interview.id)
    ).all()
    answers: dict[int, list[tuple[str, str]]] = {}
    for iid, key, text in session.execute(
        select(InterviewAnswer.interview_id, InterviewAnswer.item_key, InterviewAnswer.text)
        .join(Interview, Interview.id == InterviewAnswer.interview_id)
        .where(Interview.diagnostic_id == diagnostic_id)
        .order_by(InterviewAnswer.id)
    ):
        answers.setdefault(iid, []).append((key, text))
    return tuple(
        InterviewRow(
            i.id,
            i.person_name,
            i.structure_name,
            i.role,
            i.kind,
            i.held_on,
            i.interviewer or "",
            i.consent,
            i.erased_at is not None,
            i.notes,
            tuple(answers.get(i.id, ())),
        )
        for i in rows
    )
