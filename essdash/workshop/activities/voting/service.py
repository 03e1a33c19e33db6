"""The vote on priorities: open, cast or replace a ballot, close (by hand or at `closes_at`).

Deadline: a vote whose `closes_at` has passed is closed, whoever presses "close". The close is
applied lazily: `cast_ballot` refuses any ballot from `closes_at` on, and `close_if_due` (called
by the pages in a writer transaction) records the close and the final ranking.

Every ballot write locks the vote row (`FOR UPDATE` on PostgreSQL; SQLite writers already hold
the database with BEGIN IMMEDIATE), so a close and a ballot never interleave.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from essdash import labels
from essdash.errors import NotAllowed, UserError
from essdash.models import Ballot, BallotEntry, Priority, Vote
from essdash.models.base import as_utc, utcnow
from essdash.workshop.activities.voting import results as counting
from essdash.workshop.activities.voting.ballots import validate_entries
from essdash.workshop.activities.voting.priorities import candidates
from essdash.workshop.participants import acting_participant

MAX_POINTS = 50


def _vote(session: Session, vote_id: int, *, lock: bool = False) -> Vote:
    vote = session.get(Vote, vote_id, with_for_update=lock)
    if vote is None:
        raise UserError("Vote introuvable.")
    return vote


def is_due(vote: Vote, now: datetime | None = None) -> bool:
    """An open vote whose closing time has come."""
    closes_at = as_utc(vote.closes_at)
    return vote.status == "open" and closes_at is not None and (now or utcnow()) >= closes_at


def effective_status(vote: Vote, now: datetime | None = None) -> str:
    return "closed" if is_due(vote, now) else vote.status


def create_vote(
    session: Session,
    *,
    workshop_id: int,
    method: str,
    title: str = "Priorités",
    points_per_participant: int = 5,
    allow_stacking: bool = True,
) -> Vote:
    """A vote in preparation (draft)."""
    if method not in labels.VOTE_METHODS:
        raise UserError("Méthode de vote : points, classement ou jugement majoritaire.")
    if not 1 <= points_per_participant <= MAX_POINTS:
        raise UserError(f"Points par participant·e : entre 1 et {MAX_POINTS}.")
    vote = Vote(
        workshop_id=workshop_id,
        title=" ".join(title.split()) or "Priorités",
        method=method,
        points_per_participant=points_per_participant,
        allow_stacking=allow_stacking,
    )
    session.add(vote)
    session.flush()
    return vote


def open_vote(
    session: Session,
    *,
    vote_id: int,
    closes_at: datetime | None = None,
    now: datetime | None = None,
) -> Vote:
    """Open a draft vote on the current candidate priorities (one open vote per workshop)."""
    vote = _vote(session, vote_id, lock=True)
    now = now or utcnow()
    if vote.status != "draft":
        raise UserError("Ce vote a déjà été ouvert.")
    if len(candidates(session, workshop_id=vote.workshop_id)) < 2:
        raise UserError("Priorités : il en faut au moins deux pour voter.")
    others = select(Vote.id).where(
        Vote.workshop_id == vote.workshop_id, Vote.status == "open", Vote.id != vote.id
    )
    if session.scalar(others.limit(1)) is not None:
        raise UserError("Un autre vote est déjà ouvert dans cet atelier : clôturez-le d'abord.")
    if closes_at is not None and as_utc(closes_at) <= now:  # type: ignore[operator]
        raise UserError("Heure de clôture : elle doit être dans le futur.")
    vote.status, vote.opened_at, vote.closes_at = "open", now, closes_at
    session.flush()
    return vote


def close_vote(session: Session, *, vote_id: int, now: datetime | None = None) -> Vote:
    """Close the vote now (or at its deadline if that has passed) and keep the final ranking."""
    vote = _vote(session, vote_id, lock=True)
    if vote.status == "closed":
        return vote
    if vote.status != "open":
        raise UserError("Ce vote n'a pas été ouvert.")
    now = now or utcnow()
    closes_at = as_utc(vote.closes_at)
    vote.closed_at = closes_at if closes_at is not None and closes_at <= now else now
    vote.status = "closed"
    vote.final_ranking = json.dumps(
        [r.as_dict() for r in vote_results(session, vote=vote)], ensure_ascii=False
    )
    session.flush()
    return vote


def close_if_due(session: Session, *, workshop_id: int, now: datetime | None = None) -> int:
    """Record the close of every open vote of the workshop whose time is up; how many."""
    stmt = select(Vote).where(Vote.workshop_id == workshop_id, Vote.status == "open")
    due = [v for v in session.scalars(stmt) if is_due(v, now)]
    for vote in due:
        close_vote(session, vote_id=vote.id, now=now)
    return len(due)


def set_results_visible(session: Session, *, vote_id: int, visible: bool) -> Vote:
    vote = _vote(session, vote_id)
    vote.results_visible = visible
    session.flush()
    return vote


def current_vote(session: Session, *, workshop_id: int) -> Vote | None:
    """The open vote, else the latest one (closed or in preparation)."""
    stmt = select(Vote).where(Vote.workshop_id == workshop_id)
    open_vote_ = session.scalars(stmt.where(Vote.status == "open").order_by(Vote.id.desc())).first()
    return open_vote_ or session.scalars(stmt.order_by(Vote.id.desc())).first()


def votes_of(session: Session, *, workshop_id: int) -> list[Vote]:
    return list(
        session.scalars(select(Vote).where(Vote.workshop_id == workshop_id).order_by(Vote.id))
    )


def cast_ballot(
    session: Session,
    *,
    vote_id: int,
    participant_id: int,
    entries: Mapping[int, int],
    now: datetime | None = None,
) -> Ballot:
    """Record the participant's ballot, replacing their previous one (delete + insert)."""
    vote = _vote(session, vote_id, lock=True)
    acting_participant(session, participant_id, workshop_id=vote.workshop_id)
    if vote.status != "open" or is_due(vote, now):
        raise NotAllowed("Le vote est clos : votre bulletin n'a pas été enregistré.")
    allowed = {p.id for p in candidates(session, workshop_id=vote.workshop_id)}
    clean = validate_entries(vote, allowed, entries)
    session.execute(
        delete(Ballot).where(Ballot.vote_id == vote.id, Ballot.participant_id == participant_id)
    )
    ballot = Ballot(vote_id=vote.id, participant_id=participant_id)
    session.add(ballot)
    session.flush()
    session.add_all(
        BallotEntry(ballot_id=ballot.id, priority_id=item, value=value)
        for item, value in clean.items()
    )
    session.flush()
    return ballot


def ballot_of(session: Session, *, vote_id: int, participant_id: int) -> dict[int, int] | None:
    """The participant's current ballot as {priority id: value}, or None."""
    ballot_id = session.scalar(
        select(Ballot.id).where(Ballot.vote_id == vote_id, Ballot.participant_id == participant_id)
    )
    if ballot_id is None:
        return None
    rows = session.execute(
        select(BallotEntry.priority_id, BallotEntry.value).where(BallotEntry.ballot_id == ballot_id)
    )
    return {int(p): int(v) for p, v in rows}


def ballot_count(session: Session, *, vote_id: int) -> int:
    return int(session.scalar(select(func.count(Ballot.id)).where(Ballot.vote_id == vote_id)) or 0)


def _ballots(session: Session, vote_id: int) -> list[dict[int, int]]:
    rows = session.execute(
        select(BallotEntry.ballot_id, BallotEntry.priority_id, BallotEntry.value)
        .join(Ballot, Ballot.id == BallotEntry.ballot_id)
        .where(Ballot.vote_id == vote_id)
    )
    ballots: dict[int, dict[int, int]] = {}
    for ballot_id, item, value in rows:
        ballots.setdefault(int(ballot_id), {})[int(item)] = int(value)
    return list(ballots.values())


def vote_results(session: Session, *, vote: Vote) -> list[counting.ItemResult]:
    """Live results over the visible priorities (the final ranking once closed)."""
    items = [
        (p.id, p.title)
        for p in session.scalars(
            select(Priority)
            .where(Priority.workshop_id == vote.workshop_id, Priority.hidden.is_(False))
            .order_by(Priority.id)
        )
    ]
    return counting.compute(vote.method, items, _ballots(session, vote.id))


def final_ranking(vote: Vote) -> list[dict[str, Any]]:
    """The ranking stored at close ([] before)."""
    return list(json.loads(vote.final_ranking)) if vote.final_ranking else []
