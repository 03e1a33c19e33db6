"""URSSAF open data "établissements et effectifs salariés au niveau commune × APE" (wide layout:
one pair of columns "Nombre d'établissements AAAA" / "Effectifs salariés AAAA" per year).

Stored long (commune, département, APE, year, establishments, employees) as Parquet; the private
salaried headcount it gives replaces the Sirene estimate for territories it fully covers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from essdash.errors import ImportFailed
from essdash.importers.sources import Source, as_import_error, open_source
from essdash.indicators import store
from essdash.indicators.urssaf_store import communes_path

YEAR_COLUMN = re.compile(r"^Effectifs salari[ée]s (\d{4})$", re.IGNORECASE)
COUNT_PREFIX = "Nombre d'établissements "
REQUIRED = ("Code commune", "Code APE")


@dataclass(frozen=True)
class UrssafImportReport:
    rows: int
    communes: int
    years: str


def _years(source: Source) -> list[tuple[int, str, str | None]]:
    years = []
    for column in source.columns:
        match = YEAR_COLUMN.match(column.strip())
        if match:
            year = match.group(1)
            years.append((int(year), column, source.find(COUNT_PREFIX + year)))
    if not years:
        raise ImportFailed(
            f"{source.label}, ligne 1 : colonne attendue « Effectifs salariés AAAA » introuvable."
        )
    return sorted(years)


def _quoted(name: str | None) -> str:
    return "NULL" if name is None else '"' + name.replace('"', '""') + '"'


def _number(name: str | None) -> str:
    return f"TRY_CAST(replace(nullif(trim({_quoted(name)}), ''), ',', '.') AS DOUBLE)"


def _long_select(source: Source, years: list[tuple[int, str, str | None]]) -> str:
    commune, ape = source.require("Code commune"), source.require("Code APE")
    departement = source.find("Code département", "Code departement")
    dep = (
        f"trim({_quoted(departement)})"
        if departement
        else f"CASE WHEN starts_with(trim({_quoted(commune)}), '97') THEN "
        f"substr(trim({_quoted(commune)}), 1, 3) ELSE substr(trim({_quoted(commune)}), 1, 2) END"
    )
    parts = [
        f"SELECT upper(trim({_quoted(commune)})) AS commune, {dep} AS departement, "
        f"trim({_quoted(ape)}) AS ape, {year} AS year, {_number(count)} AS establishments, "
        f"{_number(employees)} AS employees FROM {source.relation} s"
        for year, employees, count in years
    ]
    union = " UNION ALL ".join(parts)
    return f"SELECT * FROM ({union}) WHERE establishments IS NOT NULL OR employees IS NOT NULL"


def _bad_cells(
    con: duckdb.DuckDBPyConnection, source: Source, years: list[tuple[int, str, str | None]]
) -> None:
    """Refuse a non-numeric or negative count: name the column, the first lines and the value."""
    columns = [c for _year, employees, count in years for c in (employees, count) if c]
    con.execute("SET preserve_insertion_order = true")
    try:
        _bad_communes(con, source)
        for column in columns:
            value = f"nullif(trim({_quoted(column)}), '')"
            number = f"TRY_CAST(replace({value}, ',', '.') AS DOUBLE)"
            rows = con.execute(
                f"SELECT n, v, x FROM (SELECT row_number() OVER () AS n, {value} AS v, "
                f"{number} AS x FROM {source.relation} s) "
                "WHERE v IS NOT NULL AND (x IS NULL OR x < 0 OR isnan(x)) ORDER BY n"
            ).fetchall()
            if rows:
                raise ImportFailed(_bad_message(source, column, rows))
    except duckdb.Error as error:
        raise as_import_error(error, source.label) from error
    finally:
        con.execute("SET preserve_insertion_order = false")


def _bad_communes(con: duckdb.DuckDBPyConnection, source: Source) -> None:
    column = source.require("Code commune")
    value = f"upper(trim({_quoted(column)}))"
    rows = con.execute(
        f"SELECT n, v FROM (SELECT row_number() OVER () AS n, {value} AS v "
        f"FROM {source.relation} s) WHERE v IS NULL OR NOT regexp_full_match(v, "
        "'\\d[\\dAB]\\d{3}') ORDER BY n"
    ).fetchall()
    if rows:
        offset = 1 if source.is_csv else 0
        lines = ", ".join(str(int(n) + offset) for n, _v in rows[:5])
        more = f" et {len(rows) - 5} autre(s)" if len(rows) > 5 else ""
        raise ImportFailed(
            f"{source.label}, ligne(s) {lines}{more} : colonne « {column} » attendue avec un "
            f"code INSEE de 5 caractères (ex. 76540), lu « {rows[0][1] or ''} »."
        )


def _bad_message(source: Source, column: str, rows: list[tuple[int, str, float | None]]) -> str:
    offset = 1 if source.is_csv else 0
    lines = ", ".join(str(int(n) + offset) for n, _v, _x in rows[:5])
    more = f" et {len(rows) - 5} autre(s)" if len(rows) > 5 else ""
    first = rows[0][1]
    what = "négatif" if rows[0][2] is not None else "non numérique"
    return (
        f"{source.label}, ligne(s) {lines}{more} : colonne « {column} » attendue avec un nombre "
        f"positif ou nul (ou vide), lu « {first} » ({what}). Aucune donnée n'a été modifiée."
    )


def import_urssaf(path: Path) -> UrssafImportReport:
    target, totals = store.urssaf_path(), communes_path()
    con = store.connect()
    try:
        with (
            open_source(path, store.sirene_dir()) as source,
            store.temp_target(target) as temp,
            store.temp_target(totals) as temp_totals,
        ):
            years = _years(source)
            _bad_cells(con, source, years)
            row = _write(con, source, _long_select(source, years), temp, temp_totals)
            store.publish(temp_totals, totals)
            store.publish(temp, target)
    finally:
        con.close()
    return UrssafImportReport(int(row[0]), int(row[1]), f"{row[2]}–{row[3]}")


def _write(
    con: duckdb.DuckDBPyConnection, source: Source, select: str, temp: Path, temp_totals: Path
) -> tuple[int, int, int, int]:
    try:
        con.execute(f"COPY ({select}) TO '{store.sql_path(temp)}' (FORMAT parquet)")
        long = f"read_parquet('{store.sql_path(temp)}')"
        row = con.execute(
            "SELECT count(*), count(DISTINCT commune), min(year), max(year), "
            "count(*) FILTER (NOT regexp_full_match(commune, '\\d[\\dAB]\\d{3}')) "
            f"FROM {long}"
        ).fetchone()
        con.execute(
            "COPY (SELECT commune, year, sum(establishments) AS establishments, "
            f"sum(employees) AS employees FROM {long} GROUP BY commune, year "
            f"ORDER BY commune, year) TO '{store.sql_path(temp_totals)}' (FORMAT parquet)"
        )
    except duckdb.Error as error:
        raise as_import_error(error, source.label) from error
    assert row is not None
    if not row[0]:
        raise ImportFailed(f"{source.label} : aucune ligne d'effectifs.")
    if row[4]:
        raise ImportFailed(
            f"{source.label} : colonne « Code commune » attendue sur 5 caractères "
            f"({row[4]} ligne(s) en erreur)."
        )
    return int(row[0]), int(row[1]), int(row[2]), int(row[3])
