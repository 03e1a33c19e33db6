"""Rapporteurs' syntheses: append-only versions per (question, table); the latest one counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash.errors import UserError
from essdash.models import Question, Synthesis
from essdash.models.base import utcnow
from essdash.workshop.participants import acting_participant

MAX_SYNTHESIS_LENGTH = 4000
FACILITATOR_AUTHOR = "Équipe d'animation"


@dataclass(frozen=True)
class SynthesisView:
    id: int
    question_id: int
    question_position: int
    question_text: str
    table_no: int | None
    author_name: str
    text: str
    created_at: datetime


def write_synthesis(
    session: Session,
    *,
    question_id: int,
    text: str,
    table_no: int | None = None,
    participant_id: int | None = None,
) -> Synthesis:
    """Add a new version of a synthesis (a participant writes for their own table)."""
    question = session.get(Question, question_id)
    if question is None:
        raise UserError("Question introuvable.")
    cleaned = (text or "").strip()
    if not cleaned:
        raise UserError("Synthèse : le texte est vide.")
    if len(cleaned) > MAX_SYNTHESIS_LENGTH:
        raise UserError(f"Synthèse : {MAX_SYNTHESIS_LENGTH} caractères au plus.")
    author = FACILITATOR_AUTHOR
    if participant_id is not None:
        participant = acting_participant(session, participant_id, workshop_id=question.workshop_id)
        if participant.table_no is None:
            raise UserError("Table : choisissez d'abord votre table.")
        table_no, author = participant.table_no, participant.name
    synthesis = Synthesis(
        question_id=question.id,
        table_no=table_no,
        participant_id=participant_id,
        author_name=author,
        text=cleaned,
        created_at=utcnow(),
    )
    session.add(synthesis)
    session.flush()
    return synthesis


def _views(session: Session, workshop_id: int) -> list[SynthesisView]:
    stmt = (
        select(Synthesis, Question.position, Question.text)
        .join(Question, Question.id == Synthesis.question_id)
        .where(Question.workshop_id == workshop_id)
        .order_by(
            Question.position,
            Synthesis.table_no.is_(None),  # the facilitator's notes after the tables
            Synthesis.table_no,
            Synthesis.id,
        )
    )
    return [
        SynthesisView(
            id=s.id,
            question_id=s.question_id,
            question_position=pos,
            question_text=qtext,
            table_no=s.table_no,
            author_name=s.author_name,
            text=s.text,
            created_at=s.created_at,
        )
        for s, pos, qtext in session.execute(stmt)
    ]


def history(session: Session, *, workshop_id: int) -> list[SynthesisView]:
    """Every version, oldest first within each (question, table)."""
    return _views(session, workshop_id)


def latest(session: Session, *, workshop_id: int) -> list[SynthesisView]:
    """The latest version of each (question, table), in question then table order."""
    by_key: dict[tuple[int, int | None], SynthesisView] = {}
    for view in _views(session, workshop_id):
        by_key[(view.question_id, view.table_no)] = view  # ids grow: the last one wins
    return list(by_key.values())
