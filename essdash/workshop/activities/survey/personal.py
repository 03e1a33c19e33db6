"""A participant's survey answers: exported when the survey was named, kept anonymous on
erasure, moved on a merge (an anonymous answer holds no participant: nothing to do)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from essdash.models import Participant, Survey, SurveyAnswer, SurveyQuestion, SurveyResponse


def export(session: Session, participant: Participant) -> dict[str, Any]:
    rows = session.execute(
        select(Survey.title, SurveyQuestion.text, SurveyAnswer.value_int, SurveyAnswer.value_text)
        .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
        .join(Survey, Survey.id == SurveyResponse.survey_id)
        .join(SurveyQuestion, SurveyQuestion.id == SurveyAnswer.question_id)
        .where(SurveyResponse.participant_id == participant.id)
        .order_by(SurveyAnswer.id)
    ).all()
    return {
        "evaluations": [
            {
                "evaluation": title,
                "question": text,
                "reponse": number if number is not None else value,
            }
            for title, text, number, value in rows
        ]
    }


def erase(session: Session, participant: Participant) -> None:
    """The answers stay, anonymous: the response no longer names the participant."""
    session.execute(
        update(SurveyResponse)
        .where(SurveyResponse.participant_id == participant.id)
        .values(participant_id=None)
    )


def merge(session: Session, keep_id: int, duplicate_id: int) -> None:
    session.execute(
        update(SurveyResponse)
        .where(SurveyResponse.participant_id == duplicate_id)
        .values(participant_id=keep_id)
    )
