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


def import_urssaf(path: Path) -> UrssafImportReport:
    target = store.urssaf_path()
    con = store.connect()
    try:
        with open_source(path, store.sirene_dir()) as source, store.temp_target(target) as temp:
            select = _long_select(source, _years(source))
            try:
                con.execute(f"COPY ({select}) TO '{store.sql_path(temp)}' (FORMAT parquet)")
                row = con.execute(
                    "SELECT count(*), count(DISTINCT commune), min(year), max(year), "
                    "count(*) FILTER (NOT regexp_full_match(commune, '\\d[\\dAB]\\d{3}')) "
                    f"FROM read_parquet('{store.sql_path(temp)}')"
                ).fetchone()
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
            store.publish(temp, target)
    finally:
        con.close()
    return UrssafImportReport(int(row[0]), int(row[1]), f"{row[2]}–{row[3]}")
