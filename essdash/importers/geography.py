"""Bulk upserts of the reference geography (communes, aliases, territories); caller commits."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from essdash.models import Commune, CommuneAlias, Territory

CHUNK = 500


@dataclass(frozen=True)
class CommuneRow:
    code: str
    name: str
    departement: str
    region: str | None
    population: int | None


def _chunks(items: list[str]) -> list[list[str]]:
    return [items[i : i + CHUNK] for i in range(0, len(items), CHUNK)]


def upsert_communes(session: Session, rows: list[CommuneRow]) -> None:
    """Insert new communes, update names, codes and populations of known ones (contours kept)."""
    codes = [r.code for r in rows]
    known: set[str] = set()
    for chunk in _chunks(codes):
        known.update(session.scalars(select(Commune.code).where(Commune.code.in_(chunk))).all())
    values = [
        {
            "code": r.code,
            "name": r.name,
            "departement_code": r.departement,
            "region_code": r.region,
            "population": int(r.population) if r.population is not None else None,
        }
        for r in rows
    ]
    new = [v for v in values if v["code"] not in known]
    old = [v for v in values if v["code"] in known]
    if new:
        session.execute(insert(Commune), new)
    if old:
        session.execute(update(Commune), old)


def upsert_aliases(session: Session, aliases: dict[str, str]) -> None:
    old_codes = sorted(aliases)
    for chunk in _chunks(old_codes):
        session.execute(delete(CommuneAlias).where(CommuneAlias.old_code.in_(chunk)))
    if old_codes:
        session.execute(
            insert(CommuneAlias),
            [{"old_code": o, "commune_code": aliases[o]} for o in old_codes],
        )


def upsert_territory(
    session: Session, kind: str, code: str, name: str, population: int | None
) -> Territory:
    territory = session.scalar(
        select(Territory).where(Territory.kind == kind, Territory.code == code)
    )
    if territory is None:
        territory = Territory(kind=kind, code=code, name=name)
        session.add(territory)
    territory.name = name
    territory.population = int(population) if population is not None else None
    session.flush()
    return territory
