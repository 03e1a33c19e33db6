"""Secret statistique: primary cells (< 3 establishments, or one holding > 85 % of the employees)
and secondary cells (so that a single masked cell cannot be recomputed from the total)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from essdash.formatting import SECRET_MARK

PRIMARY, SECONDARY = "primaire", "secondaire"
COUNT, EMPLOYEES, LARGEST = "establishments", "employees_estimate", "max_employees"


@dataclass(frozen=True)
class SecretCell:
    table: str
    key: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"table": self.table, "key": self.key, "reason": self.reason}


def primary_mask(table: pd.DataFrame, min_establishments: int, dominance: float) -> np.ndarray:
    """Rows built on 1 to min-1 establishments, or dominated by one establishment's employees."""
    count = table[COUNT].to_numpy(dtype="float64")
    few = (count > 0) & (count < min_establishments)
    if EMPLOYEES in table and LARGEST in table:
        employees = table[EMPLOYEES].to_numpy(dtype="float64")
        dominated = (employees > 0) & (
            table[LARGEST].to_numpy(dtype="float64") > dominance * employees
        )
        few = few | dominated
    return np.asarray(few, dtype=bool)


def secret_cells(
    name: str, table: pd.DataFrame, min_establishments: int = 3, dominance: float = 0.85
) -> list[SecretCell]:
    """The masked rows of one breakdown whose rows add up to the published total."""
    if table.empty:
        return []
    primary = primary_mask(table, min_establishments, dominance)
    keys = list(table.index)
    cells = [SecretCell(name, str(k), PRIMARY) for k, hit in zip(keys, primary, strict=True) if hit]
    if len(cells) == 1:
        count = table[COUNT].to_numpy(dtype="float64")
        candidates = [i for i in range(len(keys)) if not primary[i] and count[i] > 0]
        if candidates:
            smallest = min(candidates, key=lambda i: count[i])  # first of equal minima
            cells.append(SecretCell(name, str(keys[smallest]), SECONDARY))
    return cells


def masked(
    table: pd.DataFrame, cells: list[SecretCell], name: str, columns: list[str]
) -> pd.DataFrame:
    """A copy where the figures of masked rows read "s" (labels and the totals are untouched)."""
    keys = {c.key for c in cells if c.table == name}
    out = table.copy()
    hit = out.index.astype(str).isin(keys)
    for column in columns:
        if column in out:
            out[column] = out[column].astype(object)
            out.loc[hit, column] = SECRET_MARK
    return out
