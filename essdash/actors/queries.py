"""Small reads of the directory that other parts of essdash rely on.

Contract for `essdash.catchment` (what the catchment areas cover): it calls
`actor_sector_by_participant` and `actor_by_participant`; the sector is a key of the perimeter's
sectors (`Perimeter.sectors`, e.g. "action_sociale") when the actor was tied to Sirene, else the
free text a participant or the team typed, else None.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash.models import Participant, Structure


def actor_by_participant(session: Session, workshop_id: int) -> dict[int, int]:
    """participant id -> actor (structure) id, for the workshop's participants linked to one."""
    rows = session.execute(
        select(Participant.id, Participant.structure_id).where(
            Participant.workshop_id == workshop_id, Participant.structure_id.is_not(None)
        )
    )
    return {pid: sid for pid, sid in rows if sid is not None}


def actor_sector_by_participant(session: Session, workshop_id: int) -> dict[int, str | None]:
    """participant id -> their actor's sector (perimeter sector key, or typed text, or None).

    Participants without an actor are absent. Used by essdash.catchment: keep the signature."""
    rows = session.execute(
        select(Participant.id, Structure.sector)
        .join(Structure, Structure.id == Participant.structure_id)
        .where(Participant.workshop_id == workshop_id)
    )
    return {pid: sector for pid, sector in rows}
