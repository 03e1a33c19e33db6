"""The follow-up of a diagnostic: its interview grid, phases and steps, surveys, action updates."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from essdash.models.base import Base, Timestamped, utcnow
from essdash.models.versions import VERSIONED_AS

STEP_STATUSES = ("a_venir", "en_cours", "termine", "annule")
QUESTION_KINDS = ("scale", "choice", "text")
SURVEY_STATUSES = ("draft", "open", "closed")
SURVEY_KINDS = ("workshop", "diagnostic")


class GridItem(Base):
    """One line of the diagnostic's interview grid ("infos recherchées"); sub-items name a parent.

    A diagnostic without rows uses the seed-002 grid; editing it copies that grid here first.
    """

    __tablename__ = "grid_item"
    __table_args__ = (UniqueConstraint("diagnostic_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    diagnostic_id: Mapped[int] = mapped_column(
        ForeignKey("diagnostic.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(60))
    parent_key: Mapped[str | None] = mapped_column(String(60))
    label: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)


class InterviewAnswer(Base):
    """What an interview said on one item of the grid (the item key is its tag)."""

    __tablename__ = "interview_answer"
    __table_args__ = (UniqueConstraint("interview_id", "item_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    interview_id: Mapped[int] = mapped_column(
        ForeignKey("interview.id", ondelete="CASCADE"), index=True
    )
    item_key: Mapped[str] = mapped_column(String(60))
    text: Mapped[str] = mapped_column(Text, default="")


class DiagnosticPhase(Base):
    """A phase of the diagnostic (seeds 000/001: 1 to 4), planned and actual dates."""

    __tablename__ = "diagnostic_phase"

    id: Mapped[int] = mapped_column(primary_key=True)
    diagnostic_id: Mapped[int] = mapped_column(
        ForeignKey("diagnostic.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    expected_result: Mapped[str] = mapped_column(Text, default="")


class DiagnosticStep(Base):
    """A step of a phase (seed 003), with planned and actual dates and a status."""

    __tablename__ = "diagnostic_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    phase_id: Mapped[int] = mapped_column(
        ForeignKey("diagnostic_phase.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    planned_start: Mapped[date | None] = mapped_column(Date)
    planned_end: Mapped[date | None] = mapped_column(Date)
    actual_start: Mapped[date | None] = mapped_column(Date)
    actual_end: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="a_venir")


class StepWorkshop(Base):
    """A workshop attached to a step (a collective time)."""

    __tablename__ = "step_workshop"

    step_id: Mapped[int] = mapped_column(
        ForeignKey("diagnostic_step.id", ondelete="CASCADE"), primary_key=True
    )
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), primary_key=True
    )


class ActionUpdate(Base):
    """A dated progress report on an action (by its owner's link or by the facilitator)."""

    __tablename__ = "action_update"
    __table_args__ = (UniqueConstraint("action_id", "client_request_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id", ondelete="CASCADE"), index=True)
    client_request_id: Mapped[str | None] = mapped_column(String(64))
    posted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    progress: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    by_owner: Mapped[bool] = mapped_column(default=False)


class Survey(Timestamped, Base):
    """An evaluation: end of a workshop (phones) or of the diagnostic (sent by link)."""

    __tablename__ = "survey"
    # Opening or closing a workshop's survey bumps the workshop's followed version: phones on
    # « Évaluation » show it within seconds, no reload (answers do not: results poll).
    __table_args__ = ({"info": {VERSIONED_AS: "workshop"}},)

    id: Mapped[int] = mapped_column(primary_key=True)
    diagnostic_id: Mapped[int] = mapped_column(
        ForeignKey("diagnostic.id", ondelete="CASCADE"), index=True
    )
    workshop_id: Mapped[int | None] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20), default="workshop")
    title: Mapped[str] = mapped_column(String(200))
    anonymous: Mapped[bool] = mapped_column(default=True)
    status: Mapped[str] = mapped_column(String(20), default="draft")
    link_salt: Mapped[str] = mapped_column(String(32), default="")


class SurveyQuestion(Base):
    __tablename__ = "survey_question"

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    # One choice: the options, one a line. Scale: 1 to scale_max.
    options: Mapped[str] = mapped_column(Text, default="")
    scale_max: Mapped[int] = mapped_column(Integer, default=5)


class SurveyResponse(Base):
    """One person's answers. Anonymous surveys keep no participant; a named one shows the
    participant's name (so an erased participant shows as erased). Link surveys are anonymous."""

    __tablename__ = "survey_response"
    __table_args__ = (UniqueConstraint("survey_id", "respondent_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    survey_id: Mapped[int] = mapped_column(ForeignKey("survey.id", ondelete="CASCADE"), index=True)
    # One answer per person: a keyed hash of the participant (or of the form, for a link).
    respondent_key: Mapped[str] = mapped_column(String(64))
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class SurveyAnswer(Base):
    __tablename__ = "survey_answer"
    __table_args__ = (UniqueConstraint("response_id", "question_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    response_id: Mapped[int] = mapped_column(
        ForeignKey("survey_response.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("survey_question.id", ondelete="CASCADE"), index=True
    )
    value_int: Mapped[int | None] = mapped_column(Integer)
    value_text: Mapped[str | None] = mapped_column(Text)
