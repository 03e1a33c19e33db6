"""Answering a survey and reading its results (live on the projection, in the workbook)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from essdash.errors import UserError
from essdash.followup import links
from essdash.models import Participant, Survey, SurveyAnswer, SurveyQuestion, SurveyResponse
from essdash.models.personal import ERASED_NAME
from essdash.workshop.activities.survey.service import MAX_TEXT_ANSWER, _survey

Answer = int | str | None


def questions_of(session: Session, survey_id: int) -> list[SurveyQuestion]:
    return list(
        session.scalars(
            select(SurveyQuestion)
            .where(SurveyQuestion.survey_id == survey_id)
            .order_by(SurveyQuestion.position)
        )
    )


def _value(q: SurveyQuestion, value: Answer, line: int) -> tuple[int | None, str | None]:
    where = f"Question {line}"
    if value is None or value == "":
        return None, None
    if q.kind == "scale":
        if not isinstance(value, int) or not 1 <= value <= q.scale_max:
            raise UserError(f"{where} : une note de 1 à {q.scale_max} est attendue.")
        return value, None
    text = str(value).strip()
    if q.kind == "choice" and text not in q.options.split("\n"):
        raise UserError(f"{where} : choisissez l'une des options proposées.")
    if len(text) > MAX_TEXT_ANSWER:
        raise UserError(f"{where} : {MAX_TEXT_ANSWER} caractères au plus.")
    return None, text


def answer_survey(
    session: Session,
    *,
    survey_id: int,
    answers: dict[int, Answer],
    participant_id: int | None = None,
    request_id: str | None = None,
) -> SurveyResponse:
    """Record one person's answers (question id -> value); answering again replaces them.

    A workshop survey needs a participant of that workshop; a link survey a request id (one
    response per form shown). An anonymous survey keeps no participant."""
    survey = _survey(session, survey_id)
    if survey.status != "open":
        raise UserError("Cette évaluation n'est pas ouverte.")
    key = _respondent(session, survey, participant_id, request_id)
    questions = questions_of(session, survey.id)
    values = {q.id: _value(q, answers.get(q.id), n) for n, q in enumerate(questions, start=1)}
    if all(v == (None, None) for v in values.values()):
        raise UserError("Évaluation : répondez à au moins une question.")
    response = session.scalar(
        select(SurveyResponse).where(
            SurveyResponse.survey_id == survey.id, SurveyResponse.respondent_key == key
        )
    )
    if response is None:
        response = SurveyResponse(survey_id=survey.id, respondent_key=key)
        session.add(response)
    response.participant_id = None if survey.anonymous else participant_id
    session.flush()
    session.execute(delete(SurveyAnswer).where(SurveyAnswer.response_id == response.id))
    for question_id, (number, text) in values.items():
        if (number, text) != (None, None):
            session.add(
                SurveyAnswer(
                    response_id=response.id,
                    question_id=question_id,
                    value_int=number,
                    value_text=text,
                )
            )
    session.flush()
    return response


def _respondent(
    session: Session, survey: Survey, participant_id: int | None, request_id: str | None
) -> str:
    if survey.workshop_id is None:
        if not request_id:
            raise UserError("Évaluation : formulaire incomplet, rechargez la page.")
        return f"link:{request_id}"[:64]
    participant = session.get(Participant, participant_id) if participant_id else None
    if participant is None or participant.workshop_id != survey.workshop_id:
        raise UserError("Évaluation : réservée aux participant·es de l'atelier.")
    if participant.erased_at is not None:
        raise UserError("Participant·e introuvable.")
    return links.respondent_key(survey.id, participant.id)


def my_answers(session: Session, *, survey_id: int, participant_id: int) -> dict[int, Answer]:
    """A participant's answers, to prefill the form (they can change them while it is open)."""
    key = links.respondent_key(survey_id, participant_id)
    rows = session.execute(
        select(SurveyAnswer.question_id, SurveyAnswer.value_int, SurveyAnswer.value_text)
        .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
        .where(SurveyResponse.survey_id == survey_id, SurveyResponse.respondent_key == key)
    )
    return {qid: number if number is not None else text for qid, number, text in rows}


@dataclass(frozen=True)
class QuestionResult:
    question_id: int
    kind: str
    text: str
    answered: int
    counts: tuple[tuple[str, int], ...]  # scale: ("1".."N", n); choice: (option, n)
    mean: float | None  # scale only
    texts: tuple[tuple[str, str], ...]  # free text: (text, respondent name or "")


@dataclass(frozen=True)
class SurveyResults:
    survey_id: int
    title: str
    respondents: int
    questions: tuple[QuestionResult, ...]


def results(session: Session, *, survey_id: int) -> SurveyResults:
    survey = _survey(session, survey_id)
    respondents = session.scalar(
        select(func.count(SurveyResponse.id)).where(SurveyResponse.survey_id == survey.id)
    )
    rows = session.execute(
        select(
            SurveyAnswer.question_id,
            SurveyAnswer.value_int,
            SurveyAnswer.value_text,
            Participant.name,
            Participant.erased_at,
        )
        .join(SurveyResponse, SurveyResponse.id == SurveyAnswer.response_id)
        .outerjoin(Participant, Participant.id == SurveyResponse.participant_id)
        .where(SurveyResponse.survey_id == survey.id)
        .order_by(SurveyAnswer.id)
    ).all()
    by_question: dict[int, list[tuple[int | None, str | None, str]]] = {}
    for qid, number, text, name, erased_at in rows:
        who = ERASED_NAME if erased_at is not None else (name or "")
        by_question.setdefault(qid, []).append((number, text, who))
    return SurveyResults(
        survey.id,
        survey.title,
        int(respondents or 0),
        tuple(_result(q, by_question.get(q.id, [])) for q in questions_of(session, survey.id)),
    )


def _result(q: SurveyQuestion, values: list[tuple[int | None, str | None, str]]) -> QuestionResult:
    if q.kind == "scale":
        numbers = [n for n, _, _ in values if n is not None]
        tally = Counter(numbers)
        counts = tuple((str(i), tally.get(i, 0)) for i in range(1, q.scale_max + 1))
        mean = sum(numbers) / len(numbers) if numbers else None
        return QuestionResult(q.id, q.kind, q.text, len(numbers), counts, mean, ())
    texts = [(t, who) for _, t, who in values if t]
    if q.kind == "choice":
        tally_text = Counter(t for t, _ in texts)
        options = q.options.split("\n")
        counts = tuple((o, tally_text.get(o, 0)) for o in options)
        return QuestionResult(q.id, q.kind, q.text, len(texts), counts, None, ())
    return QuestionResult(q.id, q.kind, q.text, len(texts), (), None, tuple(texts))


@dataclass(frozen=True)
class QuestionView:
    id: int
    kind: str
    text: str
    options: tuple[str, ...]
    scale_max: int


@dataclass(frozen=True)
class SurveyView:
    id: int
    title: str
    kind: str
    status: str
    anonymous: bool
    workshop_id: int | None
    questions: tuple[QuestionView, ...]
    responses: int = 0


def survey_view(session: Session, survey_id: int) -> SurveyView:
    survey = _survey(session, survey_id)
    questions = tuple(
        QuestionView(
            q.id, q.kind, q.text, tuple(o for o in q.options.split("\n") if o), q.scale_max
        )
        for q in questions_of(session, survey.id)
    )
    responses = session.scalar(
        select(func.count(SurveyResponse.id)).where(SurveyResponse.survey_id == survey.id)
    )
    return SurveyView(survey.id, survey.title, survey.kind, survey.status, survey.anonymous,
                      survey.workshop_id, questions, int(responses or 0))  # fmt: skip


def workshop_survey(session: Session, *, workshop_id: int) -> int | None:
    """The survey phones answer: the workshop's latest open one, else its latest closed one."""
    rows = session.execute(
        select(Survey.id, Survey.status)
        .where(Survey.workshop_id == workshop_id, Survey.status != "draft")
        .order_by(Survey.id.desc())
    ).all()
    for sid, status in rows:
        if status == "open":
            return int(sid)
    return int(rows[0][0]) if rows else None


def surveys_of(session: Session, *, diagnostic_id: int) -> list[Survey]:
    return list(
        session.scalars(
            select(Survey).where(Survey.diagnostic_id == diagnostic_id).order_by(Survey.id)
        )
    )
