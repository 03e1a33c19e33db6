"""A live workshop of a diagnostic: join code, agenda with its timer, world-café questions."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from essdash.models.base import Base, Timestamped

WORKSHOP_STATUSES = ("draft", "open", "closed", "archived")


class Workshop(Timestamped, Base):
    __tablename__ = "workshop"

    id: Mapped[int] = mapped_column(primary_key=True)
    diagnostic_id: Mapped[int] = mapped_column(
        ForeignKey("diagnostic.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    join_code: Mapped[str] = mapped_column(String(16), unique=True)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    # Remote contributions ("contribuer à distance", once the workshop is closed) are an
    # explicit choice of the facilitator: off until they turn them on.
    contributions_open: Mapped[bool] = mapped_column(default=False)
    scheduled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    place: Mapped[str | None] = mapped_column(String(200))
    # Agenda timer: the running step, when it (re)started and how many seconds it runs.
    current_step_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_step.id", ondelete="SET NULL", use_alter=True)
    )
    timer_started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    timer_duration_s: Mapped[int | None] = mapped_column(Integer)
    timer_remaining_s: Mapped[int | None] = mapped_column(Integer)  # set while paused
    # World café: number of tables, current round and its timing.
    table_count: Mapped[int] = mapped_column(Integer, default=4)
    round_minutes: Mapped[int] = mapped_column(Integer, default=15)
    current_round: Mapped[int] = mapped_column(Integer, default=0)
    round_started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    round_closed: Mapped[bool] = mapped_column(default=True)
    is_demo: Mapped[bool] = mapped_column(default=False)

    diagnostic = relationship("Diagnostic", back_populates="workshops")
    steps: Mapped[list[AgendaStep]] = relationship(
        back_populates="workshop",
        cascade="all, delete-orphan",
        order_by="AgendaStep.position",
        foreign_keys="AgendaStep.workshop_id",
    )
    questions: Mapped[list[Question]] = relationship(
        back_populates="workshop", cascade="all, delete-orphan", order_by="Question.position"
    )


class AgendaStep(Base):
    __tablename__ = "agenda_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    method: Mapped[str] = mapped_column(Text, default="")
    duration_min: Mapped[int] = mapped_column(Integer, default=0)
    # Which activity the step runs (signin, mapping, worldcafe, synthesis, voting, or none).
    activity: Mapped[str | None] = mapped_column(String(20))

    workshop: Mapped[Workshop] = relationship(back_populates="steps", foreign_keys=[workshop_id])


class Question(Base):
    """A world-café question of the workshop."""

    __tablename__ = "question"

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    hint: Mapped[str] = mapped_column(Text, default="")

    workshop: Mapped[Workshop] = relationship(back_populates="questions")
