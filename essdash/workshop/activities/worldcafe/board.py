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
        select(Contribution, Participant.name, Participant.actor_type, Theme.name)
        .join(Participant, Participant.id == Contribution.participant_id)
        .outerjoin(Theme, Theme.id == Contribution.theme_id)
        .where(Contribution.workshop_id == workshop_id, Contribution.hidden.is_(False))
        .order_by(Contribution.id)
    )
    if question_id is not None:
        stmt = stmt.where(Contribution.question_id == question_id)
    return [
        PostIt(
            id=c.id,
            question_id=c.question_id,
            participant_id=c.participant_id,
            author_name=name,
            actor_type=actor or "autre",
            table_no=c.table_no,
            round_no=c.round_no,
            text=c.text,
            tag=c.tag,
            theme_id=c.theme_id,
            theme_name=theme,
            on_behalf=c.on_behalf,
            created_at=c.created_at,
        )
        for c, name, actor, theme in session.execute(stmt)
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
