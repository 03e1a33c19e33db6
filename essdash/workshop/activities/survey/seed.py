"""Demo evaluation: the workshop's end-of-day survey, answered by five sample participants."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from essdash.workshop.activities.survey import answers, service

if TYPE_CHECKING:
    from essdash.readmodel.contract import SeedContext


def seed(session: Session, ctx: SeedContext) -> None:
    survey = service.create_survey(
        session, diagnostic_id=ctx.diagnostic.id, workshop_id=ctx.workshop.id,
        title="Votre avis sur la rencontre",
    )  # fmt: skip
    service.set_status(session, survey_id=survey.id, status="open")
    scale, choice, more, text = (q.id for q in answers.questions_of(session, survey.id))
    picks = ("Oui, plusieurs", "Un ou deux", "Oui, plusieurs", "Non", "Oui, plusieurs")
    for n, participant in enumerate(ctx.participants[:5]):
        answers.answer_survey(
            session, survey_id=survey.id, participant_id=participant.id,
            answers={scale: 5 - n % 3, choice: picks[n], more: "Oui" if n % 2 else "Peut-être",
                     text: "Très utile de se rencontrer." if n == 0 else None},
        )  # fmt: skip
    service.set_status(session, survey_id=survey.id, status="closed")
