"""A territory's breakdowns read off the cube's rows (sums over its communes).

The rows of the territory are first collapsed by Arrow (one group-by without the commune), which
leaves a few hundred cells at most; the breakdowns are then plain dictionary sums of those cells,
so the cost of a territory hardly depends on its size.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from essdash.indicators.perimeter import (
    COMMERCIAL_FAMILY,
    NOT_CLASSIFIED,
    OTHER_SECTOR,
    STATISTICAL,
    Perimeter,
)

MEASURES = ["establishments", "employer_establishments", "employees_estimate", "max_employees"]
CELL = ["part", "active", "family", "private", "key"]
COMMUNE_COLUMNS = ["label", "establishments_active", *MEASURES, "ess_share_establishments"]
_AGGREGATES = [(m, "max" if m == "max_employees" else "sum") for m in MEASURES]
Cell = dict[str, Any]


def collapse(table: pa.Table, by: list[str] | None = None) -> list[Cell]:
    """Sum the rows of a territory over its communes (or over `by`)."""
    groups = table.group_by(by or CELL, use_threads=False).aggregate(_AGGREGATES)
    names = {f"{m}_{how}": m for m, how in _AGGREGATES}
    renamed = groups.rename_columns([names.get(c, c) for c in groups.column_names])
    cells: list[Cell] = renamed.to_pylist()
    return cells


def for_choice(cells: list[Cell], choice: str) -> list[Cell]:
    """The statistical perimeter is the legal one without the commercial ESS companies."""
    if choice != STATISTICAL:
        return cells
    return [{**c, "family": None} if c["family"] == COMMERCIAL_FAMILY else c for c in cells]


def _add(table: dict[str, list[float]], key: str, cell: Cell) -> None:
    found = table.get(key)
    if found is None:
        table[key] = [cell[m] or 0 for m in MEASURES]
        return
    for i, m in enumerate(MEASURES[:3]):
        found[i] += cell[m] or 0
    found[3] = max(found[3], cell["max_employees"] or 0)


def _frame(table: dict[str, list[float]], labels: dict[str, str] | None) -> pd.DataFrame:
    if labels is not None:
        keys = [k for k in labels if k in table] + [k for k in table if k not in labels]
    else:
        keys = sorted(table)
    values = np.array([table[k] for k in keys], dtype="float64").reshape(len(keys), 4)
    columns: dict[str, Any] = {"label": [labels.get(k, k) for k in keys]} if labels else {}
    for i, m in enumerate(MEASURES):
        columns[m] = values[:, i].astype("int64") if i < 2 else values[:, i]
    return pd.DataFrame(columns, index=pd.Index(keys, name="key", dtype=object))


def _sector(division: str, p: Perimeter) -> str:
    return NOT_CLASSIFIED if division == "" else p.division_sector.get(division, OTHER_SECTOR)


def tables(
    cells: Iterable[Cell], p: Perimeter, choice: str, communes: pd.DataFrame | None
) -> dict[str, pd.DataFrame]:
    """The breakdowns of a territory from its collapsed cells (in the chosen perimeter)."""
    acc: dict[str, dict[str, list[float]]] = {
        n: {} for n in ("by_family", "by_sector", "by_section", "by_size", "creations")
    }
    for c in cells:
        family, part, key = c["family"], c["part"], c["key"]
        if family is None:
            continue
        if part == "base" and c["active"]:
            _add(acc["by_family"], family, c)
        elif part == "division":
            _add(acc["by_sector"], _sector(key or "", p), c)
            _add(acc["by_section"], p.division_section.get(key or "") or "?", c)
        elif part == "size":
            _add(acc["by_size"], key, c)
        elif part == "year":
            _add(acc["creations"], key, c)
    return {
        "by_family": _frame(acc["by_family"], p.families_for(choice)),
        "by_sector": _frame(acc["by_sector"], p.sectors),
        "by_section": _frame(acc["by_section"], p.sections),
        "by_size": _frame(acc["by_size"], p.size_labels),
        "by_commune": communes if communes is not None else empty_communes(),
        "creations": _frame(acc["creations"], None),
    }


def empty_communes() -> pd.DataFrame:
    empty = pd.DataFrame(columns=COMMUNE_COLUMNS, index=pd.Index([], name="key", dtype=object))
    return empty.astype({c: "float64" for c in COMMUNE_COLUMNS[1:]} | {"label": object})


def by_commune(
    table: pa.Table, choice: str, aliases: dict[str, str], names: dict[str, str]
) -> pd.DataFrame:
    """ESS figures and active establishments per commune (old codes counted in their commune)."""
    base = table.filter(pc.equal(table["part"], "base"))
    cells = for_choice(collapse(base, ["commune", "active", "family"]), choice)
    active: dict[str, float] = {}
    ess: dict[str, dict[str, list[float]]] = {"": {}}
    for c in cells:
        if not c["active"] or c["commune"] is None:
            continue
        code: str = aliases.get(c["commune"]) or c["commune"]
        active[code] = active.get(code, 0) + c["establishments"]
        if c["family"] is not None:
            _add(ess[""], code, c)
    keys = sorted(active)
    zero = [0, 0, 0.0, 0.0]
    frame = _frame({k: ess[""].get(k, zero) for k in keys}, None)
    frame.insert(0, "establishments_active", [active[k] for k in keys])
    frame.insert(0, "label", [names.get(k, k) for k in keys])
    frame["ess_share_establishments"] = frame["establishments"] / frame["establishments_active"]
    return frame


def headline(cells: Iterable[Cell]) -> dict[str, float]:
    totals = dict.fromkeys(("active", "ess", "employer", "employees", "private"), 0.0)
    for c in cells:
        if c["part"] != "base" or not c["active"]:
            continue
        totals["active"] += c["establishments"]
        if c["private"]:
            totals["private"] += c["employees_estimate"] or 0
        if c["family"] is not None:
            totals["ess"] += c["establishments"]
            totals["employer"] += c["employer_establishments"]
            totals["employees"] += c["employees_estimate"] or 0
    return {
        "establishments_active": int(totals["active"]),
        "ess_establishments": int(totals["ess"]),
        "ess_employer_establishments": int(totals["employer"]),
        "ess_employees_estimate": float(totals["employees"]),
        "private_employees_estimate": float(totals["private"]),
    }
