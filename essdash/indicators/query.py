"""The one DuckDB scan behind every figure: establishments of a territory, classified and grouped.

Classification happens here, from the Perimeter data, so that a new perimeter file needs no
re-import: legal form → family, excluded activities, sector, NAF section, size-class midpoint.
"""

from __future__ import annotations

import pandas as pd

from essdash.indicators import store
from essdash.indicators.perimeter import (
    COMMERCIAL_FAMILY,
    LEGAL,
    NOT_CLASSIFIED,
    OTHER_SECTOR,
    Perimeter,
)

CUBE_DIMENSIONS = ("active", "family", "private", "sector", "section", "size", "year")
COMMUNE_DIMENSIONS = ("commune", "active", "family", "private")


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _prefix_test(column: str, prefixes: list[str] | tuple[str, ...]) -> str:
    if not prefixes:
        return "FALSE"
    return "(" + " OR ".join(f"starts_with({column}, {_literal(p)})" for p in prefixes) + ")"


def lookup_tables(perimeter: Perimeter) -> dict[str, pd.DataFrame]:
    divisions = sorted(set(perimeter.division_sector) | set(perimeter.division_section))
    return {
        "cj_family": pd.DataFrame(
            {"cj": list(perimeter.cj_family), "family": list(perimeter.cj_family.values())}
        ),
        "division_map": pd.DataFrame(
            {
                "division": divisions,
                "sector": [perimeter.division_sector.get(d, OTHER_SECTOR) for d in divisions],
                "section": [perimeter.division_section.get(d) for d in divisions],
            }
        ),
        "size_map": pd.DataFrame(
            {
                "code": list(perimeter.size_midpoints),
                "midpoint": list(perimeter.size_midpoints.values()),
            }
        ),
    }


def family_expr(perimeter: Perimeter, choice: str) -> str:
    """The ESS family of an establishment `s` (cj, ess, naf_rev2) joined to `cj_family f`:
    NULL outside the ESS. The one statement of the perimeter rule for a current establishment."""
    naf = "replace(s.naf_rev2, '.', '')"
    excluded = f"(s.naf_rev2 IS NOT NULL AND {_prefix_test(naf, tuple(perimeter.excluded_naf))})"
    legal = f"s.ess = 'O' AND {_literal(choice)} = {_literal(LEGAL)}"
    return (
        f"CASE WHEN {excluded} THEN NULL WHEN f.family IS NOT NULL THEN f.family "
        f"WHEN {legal} THEN {_literal(COMMERCIAL_FAMILY)} END"
    )


def sector_expr() -> str:
    """The sector key of an establishment `s` joined to `division_map d`."""
    return (
        f"CASE WHEN s.naf_rev2 IS NULL THEN {_literal(NOT_CLASSIFIED)} "
        f"ELSE coalesce(d.sector, {_literal(OTHER_SECTOR)}) END"
    )


def classified_sql(
    perimeter: Perimeter, choice: str, filtered: bool, naf_prefixes: tuple[str, ...] | None
) -> str:
    """SELECT of one row per establishment with its family (NULL outside the ESS) and groups."""
    naf = "replace(s.naf_rev2, '.', '')"
    public = _prefix_test("s.cj", perimeter.public_cj_prefixes)
    where = ["s.commune IN (SELECT code FROM members)"] if filtered else []
    if naf_prefixes is not None:
        where.append(f"s.naf_rev2 IS NOT NULL AND {_prefix_test(naf, naf_prefixes)}")
    return f"""
        SELECT coalesce(a.commune_code, s.commune) AS commune, s.etat = 'A' AS active,
            {family_expr(perimeter, choice)} AS family,
            s.cj IS NULL OR NOT {public} AS private,
            {sector_expr()} AS sector,
            coalesce(d.section, '?') AS section,
            CASE WHEN z.code IS NULL OR z.midpoint = 0 THEN 'NN' ELSE z.code END AS size,
            coalesce(z.midpoint, 0) AS employees,
            year(s.date_creation) AS year, s.naf_rev2 AS naf
        FROM read_parquet('{store.sql_path(store.establishments_path())}') s
        LEFT JOIN aliases a ON a.old_code = s.commune
        LEFT JOIN cj_family f ON f.cj = s.cj
        LEFT JOIN division_map d ON d.division = substr(s.naf_rev2, 1, 2)
        LEFT JOIN size_map z ON z.code = s.tranche
        {"WHERE " + " AND ".join(where) if where else ""}
    """


def grouped(
    perimeter: Perimeter,
    choice: str,
    members: tuple[str, ...] | None,
    aliases: pd.DataFrame,
    naf_prefixes: tuple[str, ...] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(cube without commune, per-commune totals) of the territory, in one scan of the store."""
    con = store.connect()
    try:
        for name, frame in lookup_tables(perimeter).items():
            con.register(name, frame)
        con.register("aliases", aliases.astype(object))
        if members is not None:
            old = aliases.loc[aliases["commune_code"].isin(members), "old_code"].tolist()
            con.register("members", pd.DataFrame({"code": sorted({*members, *old})}))
        cube = ", ".join(CUBE_DIMENSIONS)
        by_commune = ", ".join(COMMUNE_DIMENSIONS)
        sql = f"""
            WITH c AS ({classified_sql(perimeter, choice, members is not None, naf_prefixes)})
            SELECT {cube}, commune, GROUPING(commune) AS g_commune, count(*) AS establishments,
                count(*) FILTER (employees > 0) AS employer_establishments,
                sum(employees) AS employees_estimate, max(employees) AS max_employees
            FROM (SELECT * REPLACE (CASE WHEN family IS NULL THEN NULL ELSE year END AS year)
                  FROM c)
            GROUP BY GROUPING SETS (({cube}), ({by_commune}))
        """
        frame = con.execute(sql).df()
    finally:
        con.close()
    is_cube = frame["g_commune"] == 1
    return frame[is_cube].drop(columns=["commune", "g_commune"]), frame[~is_cube].drop(
        columns=["g_commune", "sector", "section", "size", "year"]
    )
