"""Relations between the actors of a diagnostic (the directory's entries are `Structure` rows)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from essdash.models.base import Base, Timestamped
from essdash.models.diagnostic import Structure
from essdash.models.personal import owned_by, personal

# The seed-002 grid; the ones with a direction read "source → target".
RELATION_KINDS = ("partenariat", "fourniture", "reseau", "mutualisation", "concurrence")
DIRECTED_KINDS = ("fourniture", "reseau")

Actor = Structure  # the directory's entries; the table keeps its round-1 name


class ActorRelation(Timestamped, Base):
    """A relation between two actors, declared by a participant (their structure) or the team."""

    __tablename__ = "actor_relation"
    # A tie between two organisations; its note is a participant's own words (personal data:
    # exported with their data, emptied when they erase it; the tie itself stays).
    __table_args__ = (
        UniqueConstraint("diagnostic_id", "client_request_id"),
        owned_by("participant_id", "anonymise"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    diagnostic_id: Mapped[int] = mapped_column(
        ForeignKey("diagnostic.id", ondelete="CASCADE"), index=True
    )
    source_id: Mapped[int] = mapped_column(
        ForeignKey("structure.id", ondelete="CASCADE"), index=True
    )
    target_id: Mapped[int] = mapped_column(
        ForeignKey("structure.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    directed: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(Text, default="", info=personal("note sur une relation", ""))
    # Who declared it: a participant (for their own structure) or the team (participant_id NULL).
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="SET NULL"), index=True
    )
    declared_by_team: Mapped[bool] = mapped_column(default=False)
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    confirmed_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="SET NULL")
    )
    client_request_id: Mapped[str | None] = mapped_column(String(64))
