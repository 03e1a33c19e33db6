"""Candidate priorities and the vote on them (dot voting, ranking, majority judgment)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from essdash.models.base import Base, Timestamped

VOTE_METHODS = ("points", "ranking", "majority")
VOTE_STATUSES = ("draft", "open", "closed")


class Priority(Timestamped, Base):
    __tablename__ = "priority"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("theme.id", ondelete="SET NULL"))
    contribution_id: Mapped[int | None] = mapped_column(
        ForeignKey("contribution.id", ondelete="SET NULL")
    )
    hidden: Mapped[bool] = mapped_column(default=False)


class Vote(Timestamped, Base):
    __tablename__ = "vote"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200), default="Priorités")
    method: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20), default="draft")
    points_per_participant: Mapped[int] = mapped_column(Integer, default=5)
    allow_stacking: Mapped[bool] = mapped_column(default=True)
    results_visible: Mapped[bool] = mapped_column(default=False)
    opened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closes_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # JSON list of {priority_id, rank, score...}: the final ranking kept with the workshop.
    final_ranking: Mapped[str | None] = mapped_column(Text)


class Ballot(Timestamped, Base):
    """One participant's ballot in one vote (replaced, never doubled)."""

    __tablename__ = "ballot"
    __table_args__ = (UniqueConstraint("vote_id", "participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    vote_id: Mapped[int] = mapped_column(ForeignKey("vote.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )


class BallotEntry(Base):
    """Points given, rank position (1 = first) or grade index (0 = À rejeter) for one priority."""

    __tablename__ = "ballot_entry"
    __table_args__ = (UniqueConstraint("ballot_id", "priority_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ballot_id: Mapped[int] = mapped_column(ForeignKey("ballot.id", ondelete="CASCADE"), index=True)
    priority_id: Mapped[int] = mapped_column(
        ForeignKey("priority.id", ondelete="CASCADE"), index=True
    )
    value: Mapped[int] = mapped_column(Integer)
