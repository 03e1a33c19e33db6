"""A version per workshop and activity, bumped in the transaction of every write it concerns."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from essdash.models.base import Base

# Table info key: the version activity a table's rows bump (essdash.db.versions reads it), e.g.
# `__table_args__ = {"info": {VERSIONED_AS: "survey"}}` for a later activity's table.
VERSIONED_AS = "versioned_as"


class WorkshopVersion(Base):
    """Caches key their reads on this number: a write changes it, so every viewer reads again."""

    __tablename__ = "workshop_version"

    workshop_id: Mapped[int] = mapped_column(
        ForeignKey("workshop.id", ondelete="CASCADE"), primary_key=True
    )
    activity: Mapped[str] = mapped_column(String(20), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
