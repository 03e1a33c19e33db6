"""Views of a coverage: per commune (for all sectors or one), the zones blanches, the overlaps of
one sector, the population covered; the same rows for the CLI, the page and the workbook."""

from __future__ import annotations

from dataclasses import dataclass

from essdash.catchment import DEFAULT_OVERLAP
from essdash.catchment.coverage import Coverage
from essdash.catchment.sources import NO_SECTOR_KEY, ZoneSource


@dataclass(frozen=True)
class SectorCover:
    key: str
    label: str
    zones: int
    actors: tuple[int, ...]
    owners: int  # distinct actors, counting a participant without structure as one


@dataclass(frozen=True)
class CommuneRow:
    code: str
    name: str
    population: int | None
    has_contour: bool
    zones: tuple[int, ...]  # zone ids
    actors: tuple[int, ...]  # actor ids (the directory's structures)
    owners: int  # distinct actors, counting a participant without structure as one
    families: tuple[str, ...]
    actor_types: tuple[str, ...]
    sectors: tuple[SectorCover, ...]
    best_share: float  # the largest share of its area one zone covers (0 when none)

    @property
    def covered(self) -> bool:
        return bool(self.zones)


def sectors(coverage: Coverage) -> dict[str, str]:
    """key -> label of every sector of the workshop's zones, by label."""
    found: dict[str, str] = {}
    for zone in coverage.zones:
        found.setdefault(zone.sector_key, zone.sector_label)
    return dict(sorted(found.items(), key=lambda item: item[1].lower()))


def _owner(zone: ZoneSource) -> tuple[str, int]:
    if zone.actor_id is not None:
        return ("actor", zone.actor_id)
    return ("person", zone.participant_id)


def _sector_covers(zones: list[ZoneSource]) -> tuple[SectorCover, ...]:
    by_key: dict[str, list[ZoneSource]] = {}
    for zone in zones:
        by_key.setdefault(zone.sector_key, []).append(zone)
    return tuple(
        SectorCover(
            key=key,
            label=group[0].sector_label,
            zones=len(group),
            actors=tuple(sorted({z.actor_id for z in group if z.actor_id is not None})),
            owners=len({_owner(z) for z in group}),
        )
        for key, group in sorted(by_key.items())
    )


def commune_rows(coverage: Coverage, sector: str | None = None) -> list[CommuneRow]:
    """One row per commune of the territory, counting the zones of `sector` (all when None)."""
    by_id = {z.id: z for z in coverage.zones}
    rows = []
    for item in coverage.communes:
        hits = [(by_id[zid], share) for zid, share in item.hits]
        hits = [(z, s) for z, s in hits if sector is None or z.sector_key == sector]
        zones = [z for z, _ in hits]
        rows.append(
            CommuneRow(
                code=item.commune.code,
                name=item.commune.name,
                population=item.commune.population,
                has_contour=item.area_m2 is not None,
                zones=tuple(z.id for z in zones),
                actors=tuple(sorted({z.actor_id for z in zones if z.actor_id is not None})),
                owners=len({_owner(z) for z in zones}),
                families=tuple(sorted({z.family for z in zones if z.family})),
                actor_types=tuple(sorted({z.actor_type for z in zones})),
                sectors=_sector_covers(zones),
                best_share=max((s for _, s in hits), default=0.0),
            )
        )
    return rows


@dataclass(frozen=True)
class Overlap:
    code: str
    name: str
    sector_key: str
    sector_label: str
    owners: int
    actors: tuple[int, ...]


def overlaps(rows: list[CommuneRow], at_least: int = DEFAULT_OVERLAP) -> list[Overlap]:
    """Communes where `at_least` actors offer the same (given) sector, most offered first."""
    found = [
        Overlap(row.code, row.name, cover.key, cover.label, cover.owners, cover.actors)
        for row in rows
        for cover in row.sectors
        if cover.key != NO_SECTOR_KEY and cover.owners >= at_least
    ]
    return sorted(found, key=lambda o: (-o.owners, o.name, o.sector_label))


@dataclass(frozen=True)
class Summary:
    communes: int
    covered: int
    uncovered: tuple[str, ...]  # codes of the communes no zone covers (zones blanches)
    no_contour: tuple[str, ...]  # codes of the communes whose contour is not imported
    population: int
    population_covered: int

    @property
    def population_share(self) -> float | None:
        return self.population_covered / self.population if self.population else None


def summary(rows: list[CommuneRow]) -> Summary:
    """Counts and population of the covered and uncovered communes."""
    covered = [r for r in rows if r.covered]
    return Summary(
        communes=len(rows),
        covered=len(covered),
        uncovered=tuple(r.code for r in rows if not r.covered and r.has_contour),
        no_contour=tuple(r.code for r in rows if not r.has_contour),
        population=sum(r.population or 0 for r in rows),
        population_covered=sum(r.population or 0 for r in covered),
    )
