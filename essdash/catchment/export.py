"""A coverage as JSON and CSV (the CLI) and as a workbook sheet (French columns)."""

from __future__ import annotations

import csv
import io
from typing import Any, Protocol

import pandas as pd
from sqlalchemy.orm import Session

from essdash import labels
from essdash.catchment.coverage import Coverage
from essdash.catchment.report import CommuneRow, Overlap, commune_rows, overlaps, sectors, summary
from essdash.catchment.service import coverage_of


def _commune_json(row: CommuneRow) -> dict[str, Any]:
    return {
        "code": row.code,
        "name": row.name,
        "population": row.population,
        "zones": len(row.zones),
        "actors": list(row.actors),
        "families": list(row.families),
        "best_share": round(row.best_share, 4),
        "sectors": {
            s.key: {"label": s.label, "zones": s.zones, "actors": list(s.actors)}
            for s in row.sectors
        },
    }


def as_json(coverage: Coverage, *, workshop: str, sector: str | None = None) -> dict[str, Any]:
    """The coverage per commune (of one sector or all), zones blanches and overlaps."""
    rows = commune_rows(coverage, sector)
    total = summary(rows)
    return {
        "workshop": workshop,
        "sector": sector,
        "min_share": coverage.min_share,
        "projection": f"EPSG:{coverage.epsg}",
        "sectors": sectors(coverage),
        "communes": [_commune_json(row) for row in rows],
        "uncovered": list(total.uncovered),
        "no_contour": list(total.no_contour),
        "population": {"total": total.population, "covered": total.population_covered},
        "overlaps": [_overlap_json(o) for o in overlaps(rows)],
    }


def _overlap_json(o: Overlap) -> dict[str, Any]:
    return {"code": o.code, "name": o.name, "sector": o.sector_key, "actors": list(o.actors),
            "owners": o.owners}  # fmt: skip


def as_csv(coverage: Coverage, *, sector: str | None = None) -> str:
    """One line per commune; `zones:<key>` columns count the zones of each sector."""
    keys = [sector] if sector else list(sectors(coverage))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["code", "name", "population", "zones", "actors", "uncovered", "best_share"]
        + [f"zones:{key}" for key in keys]
    )
    for row in commune_rows(coverage, sector):
        per_sector = {s.key: s.zones for s in row.sectors}
        writer.writerow(
            [row.code, row.name, "" if row.population is None else row.population,
             len(row.zones), " ".join(str(a) for a in row.actors),
             "" if not row.has_contour else int(not row.covered), round(row.best_share, 4)]
            + [per_sector.get(key, 0) for key in keys]
        )  # fmt: skip
    return out.getvalue()


FRAME_COLUMNS = (
    "Code INSEE",
    "Commune",
    "Population",
    "Zones de chalandise",
    "Structures",
    "Familles de l'ESS",
    "Secteurs",
    "Part de la surface couverte (max, %)",
    "Zone blanche",
)


def rows_frame(coverage: Coverage, sector: str | None = None) -> pd.DataFrame:
    """One row per commune, French columns (the page's table and the workbook's sheet)."""
    by_actor = {z.actor_id: z.actor_name for z in coverage.zones if z.actor_id is not None}
    data = [
        (
            row.code,
            row.name,
            row.population,
            len(row.zones),
            " ; ".join(sorted(by_actor[a] for a in row.actors)),
            " ; ".join(labels.ESS_FAMILIES.get(f, f) for f in row.families),
            " ; ".join(f"{s.label} ({s.zones})" for s in row.sectors),
            round(row.best_share * 100, 1),
            "" if not row.has_contour else ("Oui" if not row.covered else ""),
        )
        for row in commune_rows(coverage, sector)
    ]
    return pd.DataFrame(data, columns=list(FRAME_COLUMNS))


class ScopeLike(Protocol):
    """What an export covers (`essdash.exports.scope.Scope`): its diagnostic and workshops."""

    @property
    def diagnostic(self) -> Any: ...

    @property
    def workshop_ids(self) -> list[int]: ...


def coverage_frame(session: Session, scope: ScopeLike) -> pd.DataFrame:
    """The workbook's « Couverture des zones » sheet: every zone of the scope's workshops."""
    coverage = coverage_of(
        session, diagnostic_id=scope.diagnostic.id, workshop_ids=scope.workshop_ids
    )
    return rows_frame(coverage)
