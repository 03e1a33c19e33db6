"""A territory's figures year by year (Sirene history, URSSAF headcounts) and their average
yearly change, as observatories publish it: (last / first) ** (1 / years) - 1."""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy.orm import Session

from essdash.indicators import cube_store, history, urssaf_store
from essdash.indicators.perimeter import OTHER_SECTOR, Perimeter
from essdash.indicators.territories import TerritoryRef

COLUMNS = [
    "establishments_active",
    "ess_establishments",
    "ess_share_establishments",
    "ess_employer_establishments",
    "creations",
    "closures",
]


def _rows(session: Session, ref: TerritoryRef, choice: str, p: Perimeter) -> pd.DataFrame:
    _aliases, olds = cube_store.session_aliases(session)
    raw = cube_store.raw_codes(ref, olds)
    return history.frame(history.rows(raw), choice, p)


def yearly(session: Session, ref: TerritoryRef, choice: str, p: Perimeter) -> pd.DataFrame:
    """Year -> the headline figures (stock at 31 December; ESS creations and closures), plus
    the URSSAF private headcount where the table covers the territory. Empty without history."""
    return _yearly(_rows(session, ref, choice, p), ref)


def both(
    session: Session, ref: TerritoryRef, choice: str, p: Perimeter
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(yearly figures, active ESS establishments per year and family, the same per sector)
    from one read."""
    rows = _rows(session, ref, choice, p)
    return _yearly(rows, ref), _pivot(rows, "family"), _pivot(rows, "sector")


def top_sectors(table: pd.DataFrame, count: int = 6) -> pd.DataFrame:
    """The `count` sectors with the most active ESS establishments in the last year, the others
    summed in OTHER_SECTOR (year × sector, as `by_key(..., by="sector")`)."""
    if table.empty:
        return table
    last = table.loc[table.index.max()].sort_values(ascending=False, kind="stable")
    keep = [k for k in last.index if k != OTHER_SECTOR][:count]
    rest = [k for k in table.columns if k not in keep]
    out = table[keep].copy()
    if rest:
        out[OTHER_SECTOR] = table[rest].sum(axis=1)
    return out


def _yearly(rows: pd.DataFrame, ref: TerritoryRef) -> pd.DataFrame:
    out = pd.DataFrame(columns=COLUMNS, index=pd.Index([], name="year", dtype="int64"))
    if not rows.empty:
        ess = rows[rows["family"].notna()]
        out = pd.DataFrame(
            {
                "establishments_active": rows.groupby("year")["active"].sum(),
                "ess_establishments": ess.groupby("year")["active"].sum(),
                "ess_employer_establishments": ess.groupby("year")["employer"].sum(),
                "creations": ess.groupby("year")["creations"].sum(),
                "closures": ess.groupby("year")["closures"].sum(),
            }
        ).fillna(0)
        out = out.astype("int64")
        share = out["ess_establishments"] / out["establishments_active"].where(
            out["establishments_active"] > 0
        )
        out.insert(2, "ess_share_establishments", share)
        out.index = out.index.astype("int64")
        out.index.name = "year"
    headcounts = urssaf_store.yearly(ref.communes)
    if headcounts:
        urssaf = pd.Series({y: h for y, (_n, h) in headcounts.items()}, dtype="float64")
        out = out.join(urssaf.rename("private_employees_urssaf"), how="outer")
        out.index.name = "year"
    return out.sort_index()


def by_key(session: Session, ref: TerritoryRef, choice: str, p: Perimeter, by: str) -> pd.DataFrame:
    """Active ESS establishments per year (rows) and family or sector (columns)."""
    return _pivot(_rows(session, ref, choice, p), by)


def _pivot(rows: pd.DataFrame, by: str) -> pd.DataFrame:
    ess = rows[rows["family"].notna()]
    if ess.empty:
        return pd.DataFrame()
    table = ess.pivot_table(index="year", columns=by, values="active", aggfunc="sum")
    return table.fillna(0).astype("int64")


def average_change(values: pd.Series) -> float | None:
    """Average yearly change between the first and the last year with a positive value."""
    clean = values.dropna()
    clean = clean[clean > 0]
    if len(clean) < 2:
        return None
    first, last = clean.index.min(), clean.index.max()
    if last <= first:
        return None
    return float((clean[last] / clean[first]) ** (1 / (last - first)) - 1)


def as_dict(table: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """The CLI's `series`: year -> plain numbers (None where unknown)."""
    out: dict[str, dict[str, Any]] = {}
    for year, row in table.iterrows():
        cell: dict[str, Any] = {}
        for key, value in row.items():
            if pd.isna(value):
                cell[str(key)] = None
            elif key == "ess_share_establishments":
                cell[str(key)] = round(float(value), 4)
            else:
                as_float = float(value)
                cell[str(key)] = int(as_float) if as_float.is_integer() else round(as_float, 1)
        out[str(year)] = cell
    return out
