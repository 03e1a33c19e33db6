"""RGPD rights of a participant, driven by the personal-data declaration of the models.

`erase_participant` wipes every declared column of every row the participant owns, then runs
each registered activity's `personal.erase` hook; `personal_data` exports the participant's
identity and directory entry, then each activity's `personal.export` (the registry's order).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, delete, func, select, update
from sqlalchemy.orm import Session

from essdash import formatting, labels
from essdash.errors import UserError
from essdash.models import (
    Base,
    Interview,
    InterviewAnswer,
    Participant,
)
from essdash.models.base import utcnow
from essdash.models.personal import declared, declared_rows, paris_time, personal_tables
from essdash.workshop.activities import registry
from essdash.workshop.activities.signin.service import new_token


def _participant(session: Session, participant_id: int) -> Participant:
    participant = session.get(Participant, participant_id)
    if participant is None or participant.erased_at is not None:
        raise UserError("Participant·e introuvable.")
    return participant


def _structure_is_private(session: Session, participant: Participant) -> bool:
    """The directory entry is the participant's alone: nobody else signed in with it."""
    if participant.structure_id is None:
        return False
    others = session.scalar(
        select(func.count(Participant.id)).where(
            Participant.structure_id == participant.structure_id,
            Participant.id != participant.id,
            Participant.erased_at.is_(None),
        )
    )
    interviews = session.scalar(
        select(func.count(Interview.id)).where(Interview.structure_id == participant.structure_id)
    )
    return not others and not interviews


def _owned_rows(
    session: Session, table: Table, participant: Participant, *, to_erase: bool = True
) -> Any:
    """A WHERE clause selecting the rows of `table` that belong to the participant, or None.

    A directory entry is exported whenever the participant is linked to it, but erased only
    when nobody else uses it.
    """
    owner = table.info.get("owner")
    if owner == "self":
        return table.c.id == participant.id
    if owner == "participant_id":
        return table.c.participant_id == participant.id
    if owner == "interviewee":
        return None  # an interviewee is not a participant: `erase_interviewee` erases them
    if owner == "structure":
        if participant.structure_id is None:
            return None
        if to_erase and not _structure_is_private(session, participant):
            return None
        return table.c.id == participant.structure_id
    raise AssertionError(f"{table.name}: personal columns without an owner rule")


def erase_participant(session: Session, *, participant_id: int) -> None:
    """RGPD erasure: every declared personal column wiped; posts kept without the name."""
    participant = _participant(session, participant_id)
    session.flush()  # the caller's pending changes reach the rows before the bulk statements
    # Participant last: the structure rule reads the participant's structure_id.
    tables = sorted(personal_tables(Base.metadata), key=lambda t: t.info.get("owner") == "self")
    for table in tables:
        where = _owned_rows(session, table, participant)
        if where is None:
            continue
        if table.info["erasure"] == "delete":
            session.execute(delete(table).where(where))
        else:
            erased = {c.key: c.info["erased"] for c in declared(table)}
            session.execute(update(table).where(where).values(**erased))
    for activity in registry.activities():
        if activity.personal.erase is not None:
            activity.personal.erase(session, participant)
    session.execute(
        update(Participant)
        .where(Participant.id == participant_id)
        .values(token=new_token(), erased_at=utcnow())  # the old personal link stops working
    )
    session.expire_all()  # the ORM objects reload what the bulk statements wrote


def _declared_rows(
    session: Session, table: Table, participant: Participant
) -> list[dict[str, Any]]:
    where = _owned_rows(session, table, participant, to_erase=False)
    return [] if where is None else declared_rows(session, table, where)


def personal_data(session: Session, *, participant_id: int) -> dict[str, Any]:
    """Everything stored about one participant, as a JSON-ready dict (RGPD access right).

    Their identity and directory entry (declared columns), then what each registered activity
    holds about them (its `personal.export` hook, in registry order).
    """
    p = _participant(session, participant_id)
    tables = {t.name: t for t in personal_tables(Base.metadata)}
    identity = _declared_rows(session, tables["participant"], p)[0]
    data: dict[str, Any] = {
        "participant": {
            **identity,
            "type_acteur": labels.ACTOR_TYPES.get(p.actor_type, p.actor_type),
            "famille_ess": labels.ESS_FAMILIES.get(p.ess_family or "", None),
            "inscrit_le": paris_time(p.created_at),
            "a_distance": p.is_remote,
        },
        "annuaire": _declared_rows(session, tables["structure"], p),
        "relations": _declared_rows(session, tables["actor_relation"], p),
    }
    for activity in registry.activities():
        if activity.personal.export is not None:
            data.update(activity.personal.export(session, p))
    return data


def _interview(session: Session, interview_id: int) -> Interview:
    interview = session.get(Interview, interview_id)
    if interview is None or interview.erased_at is not None:
        raise UserError(f"Entretien n° {interview_id} introuvable.")
    return interview


def _interviewee_tables() -> list[Table]:
    return [t for t in personal_tables(Base.metadata) if t.info.get("owner") == "interviewee"]


def erase_interviewee(session: Session, *, interview_id: int) -> None:
    """RGPD erasure of an interviewed person: every declared column of the interview wiped
    (name, structure, role, free notes, consent); the grid answers stay, without the name."""
    _interview(session, interview_id)
    session.flush()
    for table in _interviewee_tables():
        erased = {c.key: c.info["erased"] for c in declared(table)}
        session.execute(update(table).where(table.c.id == interview_id).values(**erased))
    session.execute(
        update(Interview)
        .where(Interview.id == interview_id)
        .values(structure_id=None, erased_at=utcnow())
    )
    session.expire_all()


def interviewee_data(session: Session, *, interview_id: int) -> dict[str, Any]:
    """Everything stored about an interviewed person (RGPD access right), JSON-ready."""
    interview = _interview(session, interview_id)
    identity: dict[str, Any] = {}
    for table in _interviewee_tables():
        for row in declared_rows(session, table, table.c.id == interview_id):
            identity.update(row)
    answers = session.execute(
        select(InterviewAnswer.item_key, InterviewAnswer.text)
        .where(InterviewAnswer.interview_id == interview_id)
        .order_by(InterviewAnswer.id)
    ).all()
    return {
        "entretien": {
            **identity,
            "date": formatting.fmt_date(interview.held_on) if interview.held_on else None,
            "interviewer": interview.interviewer,
        },
        "grille": [{"rubrique": key, "reponse": text} for key, text in answers],
    }
