"""World café: tables, rounds and post-its (one function per user action, caller commits).

Rotation rule: at round r (1, 2, ...) table t works on the question at position
((t - 1 + r - 1) mod n) + 1 of the n questions, so every table starts on "its" question and
moves to the next one each round; after n rounds every table has seen every question.

A post-it written during a round stays editable by its author until that round closes. A
post-it written outside any round ("contribuer à distance", the workshop still accepting
contributions) stays editable until the facilitator closes contributions.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash import labels
from essdash.errors import NotAllowed, UserError
from essdash.models import Contribution, Participant, Question, Workshop
from essdash.models.base import as_utc, utcnow
from essdash.workshop import access
from essdash.workshop.participants import acting_participant

MAX_POST_LENGTH = 280
MAX_TABLES = 30


def question_position(*, table_no: int, round_no: int, n_questions: int) -> int:
    """Position (1-based) of the question table `table_no` works on at round `round_no`."""
    if n_questions < 1:
        raise UserError("Aucune question n'est définie pour ce world café.")
    return (table_no - 1 + max(round_no, 1) - 1) % n_questions + 1


def _workshop(session: Session, workshop_id: int) -> Workshop:
    workshop = session.get(Workshop, workshop_id)
    if workshop is None:
        raise UserError("Atelier introuvable.")
    return workshop


def _participant(session: Session, participant_id: int) -> Participant:
    return acting_participant(session, participant_id)


def questions(session: Session, *, workshop_id: int) -> list[Question]:
    stmt = select(Question).where(Question.workshop_id == workshop_id).order_by(Question.position)
    return list(session.scalars(stmt))


def round_is_open(workshop: Workshop) -> bool:
    return workshop.current_round > 0 and not workshop.round_closed


def round_ends_at(workshop: Workshop) -> datetime | None:
    """When the open round's time is up (a guide for the timer: closing stays manual)."""
    if not round_is_open(workshop) or workshop.round_started_at is None:
        return None
    started = as_utc(workshop.round_started_at)
    assert started is not None
    return started + timedelta(minutes=workshop.round_minutes)


def configure_rounds(
    session: Session, *, workshop_id: int, table_count: int, round_minutes: int
) -> Workshop:
    """Set the number of tables and the length of a round."""
    if not 1 <= table_count <= MAX_TABLES:
        raise UserError(f"Nombre de tables : entre 1 et {MAX_TABLES}.")
    if not 1 <= round_minutes <= 180:
        raise UserError("Durée d'une manche : entre 1 et 180 minutes.")
    workshop = _workshop(session, workshop_id)
    workshop.table_count = table_count
    workshop.round_minutes = round_minutes
    session.flush()
    return workshop


def start_round(session: Session, *, workshop_id: int) -> Workshop:
    """Start the next round (the current one, if still open, is closed first)."""
    workshop = _workshop(session, workshop_id)
    if not questions(session, workshop_id=workshop_id):
        raise UserError("Ajoutez au moins une question avant de lancer une manche.")
    workshop.current_round += 1
    workshop.round_started_at = utcnow()
    workshop.round_closed = False
    session.flush()
    return workshop


def close_round(session: Session, *, workshop_id: int) -> Workshop:
    """Close the open round: its post-its can no longer be edited or withdrawn."""
    workshop = _workshop(session, workshop_id)
    workshop.round_closed = True
    session.flush()
    return workshop


def choose_table(session: Session, *, participant_id: int, table_no: int) -> Participant:
    participant = _participant(session, participant_id)
    workshop = _workshop(session, participant.workshop_id)
    if not 1 <= table_no <= workshop.table_count:
        raise UserError(f"Table : choisissez un numéro entre 1 et {workshop.table_count}.")
    participant.table_no = table_no
    session.flush()
    return participant


def current_question(session: Session, *, participant_id: int) -> Question | None:
    """The question of the participant's table in the open round (None outside a round)."""
    participant = _participant(session, participant_id)
    workshop = _workshop(session, participant.workshop_id)
    if not round_is_open(workshop) or participant.table_no is None:
        return None
    all_questions = questions(session, workshop_id=workshop.id)
    if not all_questions:
        return None
    position = question_position(
        table_no=participant.table_no,
        round_no=workshop.current_round,
        n_questions=len(all_questions),
    )
    return all_questions[position - 1]


def _clean_text(text: str) -> str:
    cleaned = " ".join((text or "").split())
    if not cleaned:
        raise UserError("Réponse : écrivez quelques mots avant d'envoyer.")
    if len(cleaned) > MAX_POST_LENGTH:
        raise UserError(
            f"Réponse : {MAX_POST_LENGTH} caractères au plus (ici {len(cleaned)}). "
            "Faites plusieurs post-its courts."
        )
    return cleaned


def _clean_tag(tag: str | None) -> str | None:
    if tag in (None, ""):
        return None
    if tag not in labels.INFO_TAGS:
        raise UserError("Étiquette : choisissez une des infos recherchées proposées.")
    return tag


def _target_question(
    session: Session, participant: Participant, workshop: Workshop, question_id: int | None
) -> tuple[Question, int | None]:
    """The question a new post-it goes to, and its round (None for a remote contribution)."""
    access.ensure_can_contribute(workshop)
    if round_is_open(workshop):
        if participant.table_no is None:
            raise UserError("Table : choisissez d'abord votre table.")
        question = current_question(session, participant_id=participant.id)
        if question is None:
            raise UserError("Aucune question n'est définie pour ce world café.")
        return question, workshop.current_round
    question = session.get(Question, question_id) if question_id is not None else None
    if question is None or question.workshop_id != workshop.id:
        raise UserError("Question : choisissez la question à laquelle vous répondez.")
    return question, None


def post_contribution(
    session: Session,
    *,
    participant_id: int,
    text: str,
    tag: str | None = None,
    client_request_id: str | None = None,
    question_id: int | None = None,
) -> Contribution:
    """Post a post-it on the question of the participant's table (idempotent per request id).

    Outside a round (remote contribution) the participant names the question.
    """
    participant = _participant(session, participant_id)
    if client_request_id:
        existing = session.scalars(
            select(Contribution).where(
                Contribution.participant_id == participant.id,
                Contribution.client_request_id == client_request_id,
            )
        ).first()
        if existing is not None:
            return existing
    cleaned, clean_tag = _clean_text(text), _clean_tag(tag)
    workshop = _workshop(session, participant.workshop_id)
    question, round_no = _target_question(session, participant, workshop, question_id)
    contribution = Contribution(
        workshop_id=workshop.id,
        question_id=question.id,
        participant_id=participant.id,
        client_request_id=client_request_id or None,
        table_no=participant.table_no if round_no is not None else None,
        round_no=round_no,
        text=cleaned,
        tag=clean_tag,
    )
    session.add(contribution)
    session.flush()
    return contribution


def is_editable(workshop: Workshop, contribution: Contribution) -> bool:
    """Still open to its author: its round is the open one, or a remote post while open."""
    if contribution.round_no is None:
        return access.can_contribute(workshop)
    return round_is_open(workshop) and contribution.round_no == workshop.current_round


def _own_editable(session: Session, participant_id: int, contribution_id: int) -> Contribution:
    acting_participant(session, participant_id)
    contribution = session.get(Contribution, contribution_id)
    if contribution is None or contribution.hidden:
        raise UserError("Post-it introuvable.")
    if contribution.participant_id != participant_id:
        raise NotAllowed("Vous ne pouvez modifier que vos propres post-its.")
    if not is_editable(_workshop(session, contribution.workshop_id), contribution):
        raise NotAllowed("La manche est close : ce post-it ne peut plus être modifié.")
    return contribution


def edit_contribution(
    session: Session, *, participant_id: int, contribution_id: int, text: str, tag: str | None
) -> Contribution:
    contribution = _own_editable(session, participant_id, contribution_id)
    contribution.text = _clean_text(text)
    contribution.tag = _clean_tag(tag)
    session.flush()
    return contribution


def withdraw_contribution(session: Session, *, participant_id: int, contribution_id: int) -> None:
    """The author removes their post-it (deleted: it was never meant to stay)."""
    contribution = _own_editable(session, participant_id, contribution_id)
    session.delete(contribution)
    session.flush()


def my_contributions(session: Session, *, participant_id: int) -> list[Contribution]:
    stmt = (
        select(Contribution)
        .where(Contribution.participant_id == participant_id, Contribution.hidden.is_(False))
        .order_by(Contribution.id.desc())
    )
    return list(session.scalars(stmt))
