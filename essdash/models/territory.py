"""Reference geography: communes and the territories made of them (EPCI, région, lists...)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from essdash.models.base import Base

TERRITORY_KINDS = ("commune", "epci", "departement", "region", "france", "liste")


class Commune(Base):
    """A current commune (code INSEE: 5 characters, may start with 0 or be 2A/2B)."""

    __tablename__ = "commune"

    code: Mapped[str] = mapped_column(String(5), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    departement_code: Mapped[str] = mapped_column(String(3), index=True)
    region_code: Mapped[str | None] = mapped_column(String(3), index=True)
    epci_code: Mapped[str | None] = mapped_column(String(9), index=True)
    population: Mapped[int | None] = mapped_column(Integer)
    # GeoJSON geometry (WGS 84) as text; None until contours are imported.
    geometry: Mapped[str | None] = mapped_column(Text)
    centroid_lon: Mapped[float | None]
    centroid_lat: Mapped[float | None]
    is_fictional: Mapped[bool] = mapped_column(default=False)


class CommuneAlias(Base):
    """An old commune code (merged commune) and the current commune it now belongs to."""

    __tablename__ = "commune_alias"

    old_code: Mapped[str] = mapped_column(String(5), primary_key=True)
    commune_code: Mapped[str] = mapped_column(String(5), index=True)


class Territory(Base):
    """A named set of communes: EPCI, département, région, France or a list (pays, PTCE area)."""

    __tablename__ = "territory"
    __table_args__ = (UniqueConstraint("kind", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    population: Mapped[int | None] = mapped_column(Integer)
    parent_departement: Mapped[str | None] = mapped_column(String(3))
    parent_region: Mapped[str | None] = mapped_column(String(3))
    is_fictional: Mapped[bool] = mapped_column(default=False)

    communes: Mapped[list[TerritoryCommune]] = relationship(
        back_populates="territory", cascade="all, delete-orphan"
    )

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.code}"


class TerritoryCommune(Base):
    __tablename__ = "territory_commune"

    territory_id: Mapped[int] = mapped_column(
        ForeignKey("territory.id", ondelete="CASCADE"), primary_key=True
    )
    commune_code: Mapped[str] = mapped_column(String(5), primary_key=True, index=True)

    territory: Mapped[Territory] = relationship(back_populates="communes")
