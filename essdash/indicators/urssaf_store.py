"""Salaried headcounts imported from URSSAF (private sector, commune × APE, by year)."""

from __future__ import annotations

import duckdb
import pandas as pd

from essdash.indicators import store

MIN_FRANCE_DEPARTEMENTS = 95


def private_employees(communes: tuple[str, ...] | None) -> tuple[float, int] | None:
    """(headcount, year) of the latest year, when every département of the territory is
    covered by the imported table; None otherwise (the Sirene estimate is kept)."""
    path = store.urssaf_path()
    if not path.is_file():
        return None
    con = duckdb.connect()
    try:
        relation = f"read_parquet('{store.sql_path(path)}')"
        year_row = con.execute(f"SELECT max(year) FROM {relation}").fetchone()
        if not year_row or year_row[0] is None:
            return None
        year = int(year_row[0])
        covered = {
            str(r[0])
            for r in con.execute(f"SELECT DISTINCT departement FROM {relation}").fetchall()
        }
        if communes is None:
            if len(covered) < MIN_FRANCE_DEPARTEMENTS:
                return None
            codes: list[str] | None = None
        else:
            if not communes or any(departement_of(c) not in covered for c in communes):
                return None
            codes = list(communes)
        con.register("wanted", pd.DataFrame({"code": codes or []}, dtype=object))
        where = "" if codes is None else "AND commune IN (SELECT code FROM wanted)"
        row = con.execute(
            f"SELECT coalesce(sum(employees), 0) FROM {relation} WHERE year = ? {where}", [year]
        ).fetchone()
    finally:
        con.close()
    return (float(row[0]) if row else 0.0), year


def departement_of(commune: str) -> str:
    """'44109' -> '44', '97411' -> '974', '2A004' -> '2A'."""
    return commune[:3] if commune.startswith("97") else commune[:2]
