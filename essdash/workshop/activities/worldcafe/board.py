"""Read side of the boards: visible post-its with their author's type of actor and theme."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from essdash.models import Contribution, Participant, Question, Theme
from essdash.workshop.activities.worldcafe import words


@dataclass(frozen=True)
class PostIt:
    id: int
    question_id: int
    participant_id: int
    author_name: str
    actor_type: str
    table_no: int | None
    round_no: int | None
    text: str
    tag: str | None
    theme_id: int | None
    theme_name: str | None
    on_behalf: bool
    created_at: datetime


def post_its(session: Session, *, workshop_id: int, question_id: int | None = None) -> list[PostIt]:
    """Visible (not hidden) post-its, oldest first."""
    stmt = (
        select(
            Contribution.id,
            Contribution.question_id,
            Contribution.participant_id,
            Participant.name,
            Participant.actor_type,
            Contribution.table_no,
            Contribution.round_no,
            Contribution.text,
            Contribution.tag,
            Contribution.theme_id,
            Theme.name,
            Contribution.on_behalf,
            Contribution.created_at,
        )
        .join(Participant, Participant.id == Contribution.participant_id)
        .outerjoin(Theme, Theme.id == Contribution.theme_id)
        .where(Contribution.workshop_id == workshop_id, Contribution.hidden.is_(False))
        .order_by(Contribution.id)
    )
    if question_id is not None:
        stmt = stmt.where(Contribution.question_id == question_id)
    # Plain columns, not ORM entities: live boards read this every second.
    return [
        PostIt(
            id=row[0],
            question_id=row[1],
            participant_id=row[2],
            author_name=row[3],
            actor_type=row[4] or "autre",
            table_no=row[5],
            round_no=row[6],
            text=row[7],
            tag=row[8],
            theme_id=row[9],
            theme_name=row[10],
            on_behalf=row[11],
            created_at=row[12],
        )
        for row in session.execute(stmt)
    ]


def counts_per_question(session: Session, *, workshop_id: int) -> dict[int, int]:
    """Visible post-its per question id (questions without any give 0)."""
    stmt = (
        select(Question.id, func.count(Contribution.id))
        .outerjoin(
            Contribution,
            (Contribution.question_id == Question.id) & Contribution.hidden.is_(False),
        )
        .where(Question.workshop_id == workshop_id)
        .group_by(Question.id)
    )
    return {int(q): int(n) for q, n in session.execute(stmt)}


def word_frequencies(
    session: Session, *, workshop_id: int, question_id: int | None = None, limit: int = 30
) -> list[tuple[str, int]]:
    """Most frequent words of the visible post-its (of one question, or of all)."""
    stmt = select(Contribution.text).where(
        Contribution.workshop_id == workshop_id, Contribution.hidden.is_(False)
    )
    if question_id is not None:
        stmt = stmt.where(Contribution.question_id == question_id)
    return words.word_frequencies(session.scalars(stmt), limit=limit)
