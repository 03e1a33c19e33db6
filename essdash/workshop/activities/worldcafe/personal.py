"""The participant's post-its and syntheses: their RGPD export and their move on a merge."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from essdash.models import Contribution, Participant, Question, Synthesis
from essdash.models.personal import declared_rows


def export(session: Session, participant: Participant) -> dict[str, Any]:
    posts = session.scalars(
        select(Contribution)
        .where(Contribution.participant_id == participant.id)
        .order_by(Contribution.id)
    ).all()
    texts = session.execute(
        select(Synthesis.text, Question.text)
        .join(Question, Question.id == Synthesis.question_id)
        .where(Synthesis.participant_id == participant.id)
        .order_by(Synthesis.id)
    ).all()
    table = Synthesis.__table__
    rows = declared_rows(session, table, table.c.participant_id == participant.id)  # type: ignore[arg-type]
    return {
        "contributions": [{"texte": c.text, "masquee": c.hidden} for c in posts],
        "syntheses": [
            {**row, "question": question, "texte": text}
            for row, (text, question) in zip(rows, texts, strict=True)
        ],
    }


def merge(session: Session, keep_id: int, duplicate_id: int) -> None:
    for model in (Contribution, Synthesis):
        session.execute(
            update(model).where(model.participant_id == duplicate_id).values(participant_id=keep_id)
        )
