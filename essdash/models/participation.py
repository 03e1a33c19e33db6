"""What participants bring: their sign-in, map features, post-its, themes and syntheses."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from essdash.models.base import Base, Timestamped
from essdash.models.personal import ERASED_NAME, owned_by, personal

ACTOR_TYPES = ("ess", "collectivite", "reseau", "entreprise", "citoyen", "autre")
FEATURE_KINDS = ("site", "zone")


class Participant(Timestamped, Base):
    """A person signed in to a workshop (émargement); identified by a secret token, no account."""

    __tablename__ = "participant"
    __table_args__ = (
        UniqueConstraint("workshop_id", "client_request_id"),
        owned_by("self", "anonymise"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    token: Mapped[str] = mapped_column(String(64), unique=True)
    # Idempotency key of the sign-in form: a double tap gives the same participant.
    client_request_id: Mapped[str | None] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(120), info=personal("nom", ERASED_NAME))
    structure_id: Mapped[int | None] = mapped_column(
        ForeignKey("structure.id", ondelete="SET NULL"),
        index=True,
        info=personal("fiche_annuaire"),
    )
    structure_name: Mapped[str] = mapped_column(
        String(200), default="", info=personal("structure", "")
    )
    actor_type: Mapped[str] = mapped_column(String(20), default="autre")
    ess_family: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200), info=personal("email"))
    phone: Mapped[str | None] = mapped_column(String(40), info=personal("telephone"))
    consent_contact: Mapped[bool] = mapped_column(
        default=False, info=personal("consentement_contact", False)
    )
    consent_at: Mapped[datetime | None] = mapped_column(
        DateTime(timezone=True), info=personal("consentement_le")
    )
    is_remote: Mapped[bool] = mapped_column(default=False)
    entered_by_facilitator: Mapped[bool] = mapped_column(default=False)
    table_no: Mapped[int | None] = mapped_column(Integer)
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="SET NULL")
    )
    erased_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class MapFeature(Timestamped, Base):
    """A site (point) or a catchment area (polygon, or radius around a site) on the shared map."""

    __tablename__ = "map_feature"
    __table_args__ = (
        UniqueConstraint("participant_id", "client_request_id"),
        owned_by("participant_id", "delete"),  # a site may locate its author's home or office
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(10))
    # Idempotency key of the form that created it: a double tap gives one feature.
    client_request_id: Mapped[str | None] = mapped_column(String(64))
    # GeoJSON geometry, WGS 84
    geometry: Mapped[str] = mapped_column(Text, info=personal("geometrie", is_json=True))
    radius_m: Mapped[float | None] = mapped_column(info=personal("rayon_m"))
    site_id: Mapped[int | None] = mapped_column(ForeignKey("map_feature.id", ondelete="SET NULL"))
    label: Mapped[str] = mapped_column(String(200), default="", info=personal("libelle"))
    family: Mapped[str | None] = mapped_column(String(40))
    sector: Mapped[str | None] = mapped_column(String(80), info=personal("secteur"))
    offer: Mapped[str] = mapped_column(Text, default="", info=personal("activite"))
    commune_code: Mapped[str | None] = mapped_column(String(5))
    hidden: Mapped[bool] = mapped_column(default=False)
    on_behalf: Mapped[bool] = mapped_column(default=False)


class Theme(Base):
    """A group of post-its of one question, named by the facilitator."""

    __tablename__ = "theme"

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("question.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))


class Contribution(Timestamped, Base):
    """A post-it on a world-café board."""

    __tablename__ = "contribution"
    __table_args__ = (UniqueConstraint("participant_id", "client_request_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(
        ForeignKey("question.id", ondelete="CASCADE"), index=True
    )
    participant_id: Mapped[int] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    client_request_id: Mapped[str | None] = mapped_column(String(64))
    table_no: Mapped[int | None] = mapped_column(Integer)
    round_no: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    tag: Mapped[str | None] = mapped_column(String(40))
    theme_id: Mapped[int | None] = mapped_column(ForeignKey("theme.id", ondelete="SET NULL"))
    hidden: Mapped[bool] = mapped_column(default=False)
    on_behalf: Mapped[bool] = mapped_column(default=False)


class Synthesis(Base):
    """One version of a table rapporteur's synthesis of a question (history kept)."""

    __tablename__ = "synthesis"
    __table_args__ = (owned_by("participant_id", "anonymise"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(
        ForeignKey("question.id", ondelete="CASCADE"), index=True
    )
    table_no: Mapped[int | None] = mapped_column(Integer)
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="SET NULL")
    )
    author_name: Mapped[str] = mapped_column(
        String(120), default="", info=personal("auteur", ERASED_NAME)
    )
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
