"""What the restitution shows of the coverage: a few lines read from the back of the room and the
population covered per sector. Plain tuples of formatted French text (no personal data: figures,
commune names, sector names); the slide types wrap them (see `slides`)."""

from __future__ import annotations

from essdash.catchment.coverage import Coverage
from essdash.catchment.report import commune_rows, overlaps, sectors, summary
from essdash.formatting import fmt_count, fmt_int, fmt_share

MAX_NAMES = 8
MAX_OVERLAPS = 4


def _names(names: list[str]) -> str:
    if not names:
        return "Aucune"
    shown = ", ".join(names[:MAX_NAMES])
    more = len(names) - MAX_NAMES
    return shown if more <= 0 else f"{shown} et {fmt_count(more, 'autre')}"


def summary_rows(coverage: Coverage) -> tuple[tuple[str, str], ...]:
    """(label, value) lines: communes and population covered, zones blanches, overlaps."""
    rows = commune_rows(coverage)
    total = summary(rows)
    blank = [r.name for r in rows if r.code in set(total.uncovered)]
    found = overlaps(rows)[:MAX_OVERLAPS]
    return (
        ("Zones de chalandise", fmt_int(len(coverage.zones))),
        ("Communes couvertes", f"{fmt_int(total.covered)} sur {fmt_int(total.communes)}"),
        ("Population couverte", f"{fmt_int(total.population_covered)} habitant·es "
                                f"({fmt_share(total.population_share)})"),
        ("Zones blanches", _names(blank)),
        ("Chevauchements", " ; ".join(
            f"{o.name} : {o.sector_label} ({fmt_count(o.owners, 'structure')})" for o in found
        ) or "Aucun"),
    )  # fmt: skip


def sector_bars(coverage: Coverage) -> tuple[tuple[str, float, str], ...]:
    """(sector, % of the population covered, formatted) per sector, most covered first (in
    percent: the chart's axis then reads 0 to 100, not fractions)."""
    bars = []
    for key, label in sectors(coverage).items():
        total = summary(commune_rows(coverage, key))
        share = total.population_share or 0.0
        bars.append((label, round(share * 100, 1), fmt_share(share)))
    return tuple(sorted(bars, key=lambda bar: -bar[1]))
