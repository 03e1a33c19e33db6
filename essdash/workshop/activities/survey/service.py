"""Evaluation surveys: end of a workshop on the phones (seed 002, step 7) and the diagnostic's
own evaluation sent by link (seed 003). Questions edited by the facilitator; answers anonymous
(no participant kept) or named."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from essdash.errors import UserError
from essdash.followup import links
from essdash.models import (
    Diagnostic,
    Survey,
    SurveyQuestion,
    SurveyResponse,
    Workshop,
)
from essdash.models.followup import QUESTION_KINDS, SURVEY_STATUSES

PURPOSE = "survey"
MAX_TITLE, MAX_QUESTION, MAX_TEXT_ANSWER, MAX_QUESTIONS = 200, 300, 2_000, 20


@dataclass(frozen=True)
class QuestionInput:
    kind: str
    text: str
    options: tuple[str, ...] = ()
    scale_max: int = 5


DEFAULT_QUESTIONS: tuple[QuestionInput, ...] = (
    QuestionInput("scale", "Dans l'ensemble, cette rencontre vous a-t-elle été utile ?"),
    QuestionInput(
        "choice",
        "Avez-vous découvert des acteurs du territoire ?",
        ("Oui, plusieurs", "Un ou deux", "Non"),
    ),
    QuestionInput("choice", "Souhaitez-vous contribuer à la suite ?", ("Oui", "Peut-être", "Non")),
    QuestionInput("text", "Une remarque, une idée pour la suite ?"),
)


def create_survey(
    session: Session,
    *,
    diagnostic_id: int,
    title: str,
    workshop_id: int | None = None,
    anonymous: bool = True,
    questions: tuple[QuestionInput, ...] = DEFAULT_QUESTIONS,
) -> Survey:
    """A survey in preparation: a workshop's (phones) or, without a workshop, the diagnostic's
    own evaluation (by link, always anonymous)."""
    if session.get(Diagnostic, diagnostic_id) is None:
        raise UserError(f"Diagnostic : le diagnostic n° {diagnostic_id} n'existe pas.")
    if workshop_id is not None:
        workshop = session.get(Workshop, workshop_id)
        if workshop is None or workshop.diagnostic_id != diagnostic_id:
            raise UserError("Évaluation : cet atelier n'appartient pas à ce diagnostic.")
    survey = Survey(
        diagnostic_id=diagnostic_id,
        workshop_id=workshop_id,
        title=_title(title),
        kind="workshop" if workshop_id is not None else "diagnostic",
        anonymous=anonymous or workshop_id is None,
        link_salt=links.new_salt(),
    )
    session.add(survey)
    session.flush()
    set_questions(session, survey_id=survey.id, questions=questions)
    return survey


def _title(title: str) -> str:
    cleaned = " ".join(title.split())
    if not cleaned:
        raise UserError("Évaluation : le titre est vide.")
    if len(cleaned) > MAX_TITLE:
        raise UserError(f"Évaluation : titre de {MAX_TITLE} caractères au plus.")
    return cleaned


def _survey(session: Session, survey_id: int) -> Survey:
    survey = session.get(Survey, survey_id)
    if survey is None:
        raise UserError(f"Évaluation n° {survey_id} introuvable.")
    return survey


def _check_question(line: int, q: QuestionInput) -> None:
    where = f"Évaluation, question {line}"
    if q.kind not in QUESTION_KINDS:
        raise UserError(f"{where} : type « {q.kind} » inconnu.")
    if not q.text.strip():
        raise UserError(f"{where} : l'intitulé est vide.")
    if len(q.text) > MAX_QUESTION:
        raise UserError(f"{where} : {MAX_QUESTION} caractères au plus.")
    if q.kind == "choice" and len([o for o in q.options if o.strip()]) < 2:
        raise UserError(f"{where} : un choix unique demande au moins deux options.")
    if q.kind == "scale" and not 2 <= q.scale_max <= 10:
        raise UserError(f"{where} : l'échelle va de 1 à un maximum entre 2 et 10.")


def set_questions(
    session: Session, *, survey_id: int, questions: tuple[QuestionInput, ...]
) -> None:
    """Replace the questions; refused once someone has answered (their answers would not fit)."""
    survey = _survey(session, survey_id)
    if session.scalar(select(SurveyResponse.id).where(SurveyResponse.survey_id == survey.id)):
        raise UserError("Évaluation : des réponses sont arrivées, les questions sont figées.")
    if not questions or len(questions) > MAX_QUESTIONS:
        raise UserError(f"Évaluation : de 1 à {MAX_QUESTIONS} questions.")
    for line, q in enumerate(questions, start=1):
        _check_question(line, q)
    session.execute(delete(SurveyQuestion).where(SurveyQuestion.survey_id == survey.id))
    for position, q in enumerate(questions):
        options = "\n".join(o.strip() for o in q.options if o.strip())
        session.add(
            SurveyQuestion(
                survey_id=survey.id,
                position=position,
                kind=q.kind,
                text=q.text.strip(),
                options=options if q.kind == "choice" else "",
                scale_max=q.scale_max,
            )
        )
    session.flush()


def set_status(session: Session, *, survey_id: int, status: str) -> Survey:
    if status not in SURVEY_STATUSES:
        raise UserError(f"Évaluation : état « {status} » inconnu.")
    survey = _survey(session, survey_id)
    survey.status = status
    session.flush()
    return survey


def set_anonymous(session: Session, *, survey_id: int, anonymous: bool) -> Survey:
    survey = _survey(session, survey_id)
    if survey.kind == "diagnostic" and not anonymous:
        raise UserError("Évaluation du diagnostic : les réponses par lien sont anonymes.")
    if session.scalar(select(SurveyResponse.id).where(SurveyResponse.survey_id == survey.id)):
        raise UserError("Évaluation : des réponses sont arrivées, l'anonymat ne change plus.")
    survey.anonymous = anonymous
    session.flush()
    return survey


def survey_link_key(session: Session, *, survey_id: int) -> str:
    survey = _survey(session, survey_id)
    return links.link_key(PURPOSE, survey.id, survey.link_salt)


def survey_from_link(session: Session, raw_id: object, key: object) -> Survey | None:
    """The diagnostic survey a link opens, or None (malformed, forged, or not a link survey)."""
    parsed = links.parse_link(raw_id, key)
    if parsed is None:
        return None
    survey = session.get(Survey, parsed[0])
    if survey is None or survey.kind != "diagnostic":
        return None
    return survey if links.check_key(PURPOSE, survey.id, survey.link_salt, parsed[1]) else None
