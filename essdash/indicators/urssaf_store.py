"""Salaried headcounts imported from URSSAF (private sector, commune × APE, by year).

The figures read the per-commune totals the import writes beside the long table
(`effectifs_urssaf_communes.parquet`: commune, year, establishments, employees).
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from essdash.indicators import store

COVERAGE = 0.9  # share of the territory's communes that must appear in the URSSAF table
FRANCE_COMMUNES = 30_000
COMMUNES_FILE = "effectifs_urssaf_communes.parquet"


def communes_path() -> Path:
    return store.sirene_dir() / COMMUNES_FILE


def _rows(communes: tuple[str, ...] | None) -> pa.Table | None:
    path = communes_path()
    if not path.is_file() or communes == ():
        return None
    table = pq.read_table(path)
    if communes is not None:
        table = table.filter(pc.is_in(table["commune"], pa.array(list(communes), pa.string())))
    return table


def _covered(table: pa.Table, communes: tuple[str, ...] | None) -> bool:
    if table.num_rows == 0:
        return False
    found = len(pc.unique(table["commune"]))
    needed = FRANCE_COMMUNES if communes is None else COVERAGE * len(communes)
    return bool(found >= needed)


def yearly(communes: tuple[str, ...] | None) -> dict[int, tuple[float, float]]:
    """Year -> (establishments, salaried headcount) of the territory, when the table covers it
    (at least 90 % of its communes appear in it; 30,000 communes for France); else empty."""
    table = _rows(communes)
    if table is None or not _covered(table, communes):
        return {}
    sums = table.group_by("year").aggregate([("establishments", "sum"), ("employees", "sum")])
    out = {
        int(y): (float(e or 0), float(h or 0))
        for y, e, h in zip(
            sums["year"].to_pylist(),
            sums["establishments_sum"].to_pylist(),
            sums["employees_sum"].to_pylist(),
            strict=True,
        )
    }
    return dict(sorted(out.items()))


def private_employees(communes: tuple[str, ...] | None) -> tuple[float, int] | None:
    """(headcount, year) of the latest year when the imported table covers the territory;
    None otherwise: the estimate is kept."""
    series = yearly(communes)
    if not series:
        return None
    year = max(series)
    return series[year][1], year


def departement_of(commune: str) -> str:
    """'44109' -> '44', '97411' -> '974', '2A004' -> '2A'."""
    return commune[:3] if commune.startswith("97") else commune[:2]
