"""Facilitator and RGPD actions on participants: merge, rename a structure, erase, export."""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from essdash.errors import UserError
from essdash.models import Participant, Structure
from essdash.models.personal import ERASED_NAME
from essdash.workshop.activities import registry
from essdash.workshop.activities.signin.erasure import erase_participant, personal_data
from essdash.workshop.activities.signin.service import STRUCTURE_MAX

__all__ = [
    "ERASED_NAME",
    "erase_participant",
    "merge_participants",
    "personal_data",
    "rename_structure",
]


def _participant(session: Session, participant_id: int) -> Participant:
    participant = session.get(Participant, participant_id)
    if participant is None or participant.erased_at is not None:
        raise UserError("Participant·e introuvable.")
    return participant


def merge_participants(session: Session, *, keep_id: int, duplicate_id: int) -> Participant:
    """Fold a duplicate into `keep`: each activity moves its rows (`personal.merge`: features,
    posts, syntheses, ballots); the duplicate's link follows."""
    if keep_id == duplicate_id:
        raise UserError("Fusion : choisissez deux participant·es différent·es.")
    keep, duplicate = _participant(session, keep_id), _participant(session, duplicate_id)
    if keep.workshop_id != duplicate.workshop_id:
        raise UserError("Fusion : les deux personnes doivent appartenir au même atelier.")
    if keep.merged_into_id or duplicate.merged_into_id:
        raise UserError("Fusion : l'une des deux fiches est déjà fusionnée.")
    for activity in registry.activities():  # each moves its own rows (posts, map, ballots...)
        if activity.personal.merge is not None:
            activity.personal.merge(session, keep_id, duplicate_id)
    _fill_missing(keep, duplicate)
    duplicate.merged_into_id = keep_id
    session.flush()
    return keep


def _fill_missing(keep: Participant, duplicate: Participant) -> None:
    """Keep what the survivor lacks (structure, contact given with consent)."""
    if not keep.structure_name and duplicate.structure_name:
        keep.structure_name, keep.structure_id = duplicate.structure_name, duplicate.structure_id
    if not keep.consent_contact and duplicate.consent_contact:
        keep.email, keep.phone = duplicate.email, duplicate.phone
        keep.consent_contact, keep.consent_at = True, duplicate.consent_at


def rename_structure(session: Session, *, participant_id: int, name: str) -> None:
    """Rename the structure of a participant, everywhere it is shown (directory and sign-ins)."""
    cleaned = name.strip()
    if not cleaned or len(cleaned) > STRUCTURE_MAX:
        raise UserError(f"Structure : indiquez un nom de 1 à {STRUCTURE_MAX} caractères.")
    participant = _participant(session, participant_id)
    if participant.structure_id is None:
        participant.structure_name = cleaned
        session.flush()
        return
    structure = session.get(Structure, participant.structure_id)
    if structure is not None:
        structure.name = cleaned
    session.execute(
        update(Participant)
        .where(Participant.structure_id == participant.structure_id)
        .values(structure_name=cleaned)
    )
    session.flush()
