"""The participant's ballots on a merge: one ballot per person and vote, the kept one wins.

Ballots are secret: they are not part of the participant's export (models/personal.py)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from essdash.models import Ballot


def merge(session: Session, keep_id: int, duplicate_id: int) -> None:
    kept_votes = set(
        session.scalars(select(Ballot.vote_id).where(Ballot.participant_id == keep_id))
    )
    for ballot in session.scalars(select(Ballot).where(Ballot.participant_id == duplicate_id)):
        if ballot.vote_id in kept_votes:
            session.delete(ballot)
        else:
            ballot.participant_id = keep_id
