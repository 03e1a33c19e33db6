"""A diagnostic of a territory, its actor directory, interviews and action plan."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from essdash.models.base import Base, Timestamped
from essdash.models.personal import ERASED_NAME, owned_by, personal

DIAGNOSTIC_KINDS = ("territorial", "filiere", "ptce")
PHASES = ("caracterisation", "echange", "formalisation", "consolidation")
ACTION_STATUSES = ("a_lancer", "en_cours", "termine", "abandonne")
INTERVIEW_KINDS = ("fondateur", "acteur", "elu", "partenaire")


class Diagnostic(Timestamped, Base):
    __tablename__ = "diagnostic"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    territory_id: Mapped[int | None] = mapped_column(ForeignKey("territory.id"))
    kind: Mapped[str] = mapped_column(String(20), default="territorial")
    phase: Mapped[str] = mapped_column(String(20), default="caracterisation")
    # Comma-separated territory keys (kind:code) shown beside the territory's figures.
    reference_territories: Mapped[str | None] = mapped_column(Text)
    # Secret code of the read-only restitution link.
    restitution_code: Mapped[str] = mapped_column(String(64), unique=True)
    # Organisation issuing the restitution document (e.g. « CRESS Hauts-de-France »), on its cover.
    issuer: Mapped[str | None] = mapped_column(String(200))
    is_demo: Mapped[bool] = mapped_column(default=False)

    workshops = relationship("Workshop", back_populates="diagnostic", cascade="all, delete-orphan")


class Structure(Timestamped, Base):
    """An actor of the territory (ESS structure, collectivité...), in the diagnostic's directory."""

    __tablename__ = "structure"
    # Created by a participant's sign-in: erased with them unless someone else uses it.
    __table_args__ = (owned_by("structure", "delete"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    diagnostic_id: Mapped[int] = mapped_column(
        ForeignKey("diagnostic.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200), info=personal("nom"))
    actor_type: Mapped[str | None] = mapped_column(String(40))
    family: Mapped[str | None] = mapped_column(String(40))
    sector: Mapped[str | None] = mapped_column(String(80))
    siret: Mapped[str | None] = mapped_column(String(14), index=True)
    commune_code: Mapped[str | None] = mapped_column(String(5))
    offer: Mapped[str | None] = mapped_column(Text)
    # Filled from the Sirene establishment picked in the search (essdash.actors.directory).
    siren: Mapped[str | None] = mapped_column(String(9))
    legal_form: Mapped[str | None] = mapped_column(String(4))  # catégorie juridique niveau III
    naf: Mapped[str | None] = mapped_column(String(6))
    headcount_class: Mapped[str | None] = mapped_column(String(2))
    # An individual entrepreneur's address may be their home.
    address: Mapped[str | None] = mapped_column(String(300), info=personal("adresse"))
    lon: Mapped[float | None] = mapped_column(info=personal("longitude"))
    lat: Mapped[float | None] = mapped_column(info=personal("latitude"))
    # How the diagnostic met it: "signin" (a workshop), "interview", "team" (added by hand).
    origin: Mapped[str] = mapped_column(String(20), default="signin", server_default="signin")


class Interview(Timestamped, Base):
    """An individual interview of the diagnostic: who, the seed-002 grid answers, free notes.

    The interviewee is not a participant: their identity and the free notes are personal data,
    exported and erased through `erase_interviewee` (signin/erasure.py); the grid answers are
    kept without the name (like post-its), they feed the synthesis.
    """

    __tablename__ = "interview"
    __table_args__ = (owned_by("interviewee", "anonymise"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    diagnostic_id: Mapped[int] = mapped_column(
        ForeignKey("diagnostic.id", ondelete="CASCADE"), index=True
    )
    # Optional link to the actor directory (owned by another feature): never relied upon, the
    # free-text structure name below is what is shown.
    structure_id: Mapped[int | None] = mapped_column(
        ForeignKey("structure.id", ondelete="SET NULL")
    )
    step_id: Mapped[int | None] = mapped_column(
        ForeignKey("diagnostic_step.id", ondelete="SET NULL"), index=True
    )
    person_name: Mapped[str] = mapped_column(
        String(120), default="", info=personal("nom", ERASED_NAME)
    )
    structure_name: Mapped[str] = mapped_column(
        String(200), default="", info=personal("structure", "")
    )
    role: Mapped[str] = mapped_column(String(120), default="", info=personal("fonction", ""))
    kind: Mapped[str] = mapped_column(String(20), default="acteur")
    held_on: Mapped[date | None] = mapped_column(Date)
    interviewer: Mapped[str | None] = mapped_column(String(120))
    notes: Mapped[str] = mapped_column(Text, default="", info=personal("notes", ""))
    consent: Mapped[bool] = mapped_column(default=False, info=personal("consentement", False))
    consent_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), info=personal("consentement_le")
    )
    erased_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Action(Timestamped, Base):
    """One line of the action plan, followed up during consolidation."""

    __tablename__ = "action"

    id: Mapped[int] = mapped_column(primary_key=True)
    diagnostic_id: Mapped[int] = mapped_column(
        ForeignKey("diagnostic.id", ondelete="CASCADE"), index=True
    )
    priority_id: Mapped[int | None] = mapped_column(ForeignKey("priority.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[str | None] = mapped_column(String(200))
    partners: Mapped[str | None] = mapped_column(Text)
    start_on: Mapped[date | None] = mapped_column(Date)
    deadline: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="a_lancer")
    progress: Mapped[int] = mapped_column(Integer, default=0)
    # Salt of the owner's personal progress link: a new salt revokes the old link.
    link_salt: Mapped[str | None] = mapped_column(String(32))
