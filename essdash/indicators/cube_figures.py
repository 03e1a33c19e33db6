"""A territory's breakdowns read off the cube's rows (sums over its communes)."""

from __future__ import annotations

import pandas as pd

from essdash.indicators.perimeter import (
    COMMERCIAL_FAMILY,
    NOT_CLASSIFIED,
    OTHER_SECTOR,
    STATISTICAL,
    Perimeter,
)

MEASURES = ["establishments", "employer_establishments", "employees_estimate", "max_employees"]
COMMUNE_COLUMNS = ["label", "establishments_active", *MEASURES, "ess_share_establishments"]


def flag(column: pd.Series) -> pd.Series:
    """A boolean column of the cube (NULL where the set does not group on it) as True/False."""
    return column.eq(True)


def for_choice(rows: pd.DataFrame, choice: str) -> pd.DataFrame:
    """The statistical perimeter is the legal one without the commercial ESS companies."""
    if choice != STATISTICAL:
        return rows
    rows = rows.copy()
    rows.loc[rows["family"] == COMMERCIAL_FAMILY, "family"] = None
    return rows


def with_aliases(rows: pd.DataFrame, aliases: pd.DataFrame) -> pd.DataFrame:
    """Old commune codes (merged communes, arrondissements) counted in their current commune."""
    if aliases.empty or "commune" not in rows:
        return rows
    mapping = dict(zip(aliases["old_code"], aliases["commune_code"], strict=True))
    rows = rows.copy()
    rows["commune"] = rows["commune"].map(lambda c: mapping.get(c, c))
    return rows


def breakdown(rows: pd.DataFrame, by: str, labels: dict[str, str] | None) -> pd.DataFrame:
    table = rows.groupby(by, dropna=False).agg(
        establishments=("establishments", "sum"),
        employer_establishments=("employer_establishments", "sum"),
        employees_estimate=("employees_estimate", "sum"),
        max_employees=("max_employees", "max"),
    )
    table.index = table.index.map(lambda k: "" if pd.isna(k) else str(k))
    if labels is not None:
        order = [k for k in labels if k in table.index] + [
            k for k in table.index if k not in labels
        ]
        table = table.loc[order]
        table.insert(0, "label", [labels.get(k, k) for k in table.index])
    table.index.name = "key"
    return table


def by_commune(base: pd.DataFrame, names: dict[str, str] | None) -> pd.DataFrame:
    """ESS figures and active establishments per commune (empty for a reference territory)."""
    if names is None or "commune" not in base:
        empty = pd.DataFrame(columns=COMMUNE_COLUMNS, index=pd.Index([], name="key"))
        return empty.astype({c: "float64" for c in COMMUNE_COLUMNS[1:]})
    active = base[flag(base["active"])]
    ess = active[active["family"].notna()]
    table = breakdown(ess, "commune", None)
    totals = active.groupby("commune")["establishments"].sum()
    table = table.reindex(totals.index.astype(str), fill_value=0)
    table.insert(0, "establishments_active", totals.to_numpy())
    table.insert(0, "label", [names.get(c, c) for c in table.index])
    table["ess_share_establishments"] = table["establishments"] / table["establishments_active"]
    table.index.name = "key"
    return table.sort_index()


def _divisions(rows: pd.DataFrame, p: Perimeter) -> pd.DataFrame:
    rows = rows.copy()
    keys = rows["key"].fillna("")
    rows["sector"] = keys.map(
        lambda d: NOT_CLASSIFIED if d == "" else p.division_sector.get(d, OTHER_SECTOR)
    )
    rows["section"] = keys.map(lambda d: p.division_section.get(d) or "?")
    return rows


def tables(
    rows: pd.DataFrame, p: Perimeter, choice: str, names: dict[str, str] | None
) -> dict[str, pd.DataFrame]:
    """The six breakdowns of a territory from its cube rows (already in the chosen perimeter)."""
    ess = rows[rows["family"].notna()]
    part = ess["part"]
    divisions = _divisions(ess[part == "division"], p)
    years = ess[part == "year"]
    base = rows[rows["part"] == "base"]
    active_ess = base[flag(base["active"]) & base["family"].notna()]
    return {
        "by_family": breakdown(active_ess, "family", p.families_for(choice)),
        "by_sector": breakdown(divisions, "sector", p.sectors),
        "by_section": breakdown(divisions, "section", p.sections),
        "by_size": breakdown(ess[part == "size"], "key", p.size_labels),
        "by_commune": by_commune(base, names),
        "creations": breakdown(years, "key", None).sort_index(),
    }


def headline(rows: pd.DataFrame) -> dict[str, float]:
    base = rows[rows["part"] == "base"]
    active = base[flag(base["active"])]
    ess = active[active["family"].notna()]
    return {
        "establishments_active": int(active["establishments"].sum()),
        "ess_establishments": int(ess["establishments"].sum()),
        "ess_employer_establishments": int(ess["employer_establishments"].sum()),
        "ess_employees_estimate": float(ess["employees_estimate"].sum()),
        "private_employees_estimate": float(
            active.loc[flag(active["private"]), "employees_estimate"].sum()
        ),
    }
