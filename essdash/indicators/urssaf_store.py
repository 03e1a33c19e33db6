"""Salaried headcounts imported from URSSAF (private sector, commune × APE, by year)."""

from __future__ import annotations

import duckdb
import pandas as pd

from essdash.indicators import store

COVERAGE = 0.9  # share of the territory's communes that must appear in the URSSAF table
FRANCE_COMMUNES = 30_000


def private_employees(communes: tuple[str, ...] | None) -> tuple[float, int] | None:
    """(headcount, year) of the latest year when the imported table covers the territory
    (at least 90 % of its communes appear in it); None otherwise: the estimate is kept."""
    path = store.urssaf_path()
    if not path.is_file() or communes == ():
        return None
    relation = f"read_parquet('{store.sql_path(path)}')"
    con = duckdb.connect()
    try:
        con.register("wanted", pd.DataFrame({"code": list(communes or [])}, dtype=object))
        where = "" if communes is None else "WHERE commune IN (SELECT code FROM wanted)"
        row = con.execute(
            f"SELECT count(DISTINCT commune), max(year) FROM {relation} {where}"
        ).fetchone()
        if not row or row[1] is None:
            return None
        needed = FRANCE_COMMUNES if communes is None else COVERAGE * len(communes)
        if row[0] < needed:
            return None
        year = int(row[1])
        total = con.execute(
            f"SELECT coalesce(sum(employees), 0) FROM {relation} "
            f"{where or 'WHERE TRUE'} AND year = ?",
            [year],
        ).fetchone()
    finally:
        con.close()
    return (float(total[0]) if total else 0.0), year


def departement_of(commune: str) -> str:
    """'44109' -> '44', '97411' -> '974', '2A004' -> '2A'."""
    return commune[:3] if commune.startswith("97") else commune[:2]
