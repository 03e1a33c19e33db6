"""Finding who a participant is from their secret token (no accounts)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash.errors import NotAllowed
from essdash.models import Participant, Workshop


def participant_by_token(session: Session, token: str | None) -> Participant | None:
    """The active participant holding this token; a merged duplicate resolves to the survivor."""
    if not token:
        return None
    participant = session.scalars(select(Participant).where(Participant.token == token)).first()
    seen = set()
    while participant is not None and participant.merged_into_id and participant.id not in seen:
        seen.add(participant.id)
        participant = session.get(Participant, participant.merged_into_id)
    if participant is None or participant.erased_at is not None:
        return None
    return participant


def workshop_by_code(session: Session, code: str) -> Workshop | None:
    """Join codes are case-insensitive and ignore surrounding spaces."""
    cleaned = code.strip().upper()
    if not cleaned:
        return None
    return session.scalars(select(Workshop).where(Workshop.join_code == cleaned)).first()


ERASED_REFUSAL = (
    "Vos données ont été effacées : cette action n'est plus possible. Pour participer de "
    "nouveau, rejoignez l'atelier avec son code."
)


def acting_participant(
    session: Session, participant_id: int | None, *, workshop_id: int | None = None
) -> Participant:
    """The participant doing something, refused (French message) when unknown, erased or merged.

    Every participant-facing write goes through this check: post-its, sites, zones, ballots,
    syntheses and their edits.
    """
    participant = session.get(Participant, participant_id) if participant_id is not None else None
    if participant is None or (workshop_id is not None and participant.workshop_id != workshop_id):
        raise NotAllowed("Participant·e inconnu·e dans cet atelier : rejoignez-le avec son code.")
    if participant.erased_at is not None:
        raise NotAllowed(ERASED_REFUSAL)
    if participant.merged_into_id is not None:
        raise NotAllowed("Fiche fusionnée avec une autre : rouvrez votre lien personnel.")
    return participant
