"""The world café in the restitution: each question with its latest syntheses and main themes."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from essdash.models import Contribution, Participant, Question, Synthesis, Theme
from essdash.readmodel.scope import Scope
from essdash.readmodel.slides import QuestionSlide, Slide

MAX_THEMES = 6


def question_slides(session: Session, scope: Scope) -> list[Slide]:
    """One slide per world-café question: the latest syntheses and the main themes."""
    questions = session.scalars(
        select(Question)
        .where(Question.workshop_id.in_(scope.workshop_ids))
        .order_by(Question.workshop_id, Question.position)
    ).all()
    several = len(scope.workshops) > 1
    slides: list[Slide] = []
    for q in questions:
        prefix = f"{scope.title_of(q.workshop_id)} — " if several else ""
        slides.append(
            QuestionSlide(
                title=f"{prefix}Question {q.position}",
                question=q.text,
                syntheses=_latest_syntheses(session, q.id),
                themes=_themes(session, q.id),
                contributions=_visible_count(session, q.id),
            )
        )
    return slides


def _visible_count(session: Session, question_id: int) -> int:
    return int(
        session.scalar(
            select(func.count(Contribution.id))
            .join(Participant, Participant.id == Contribution.participant_id)
            .where(Contribution.question_id == question_id, Contribution.hidden.is_(False))
        )
        or 0
    )


def _latest_syntheses(session: Session, question_id: int) -> tuple[tuple[str, str], ...]:
    rows = session.scalars(
        select(Synthesis).where(Synthesis.question_id == question_id).order_by(Synthesis.id)
    ).all()
    latest: dict[int | None, str] = {}
    for s in rows:
        latest[s.table_no] = s.text
    ordered = sorted(latest.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))
    return tuple(
        ("Synthèse de l'animation" if table is None else f"Table {table}", text)
        for table, text in ordered
    )


def _themes(session: Session, question_id: int) -> tuple[tuple[str, int], ...]:
    rows = session.execute(
        select(Theme.name, func.count(Contribution.id))
        .join(Contribution, Contribution.theme_id == Theme.id)
        .where(Theme.question_id == question_id, Contribution.hidden.is_(False))
        .group_by(Theme.id, Theme.name)
        .order_by(func.count(Contribution.id).desc(), Theme.name)
        .limit(MAX_THEMES)
    ).all()
    return tuple((name, int(n)) for name, n in rows)
