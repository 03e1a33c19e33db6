"""Import INSEE's Sirene stock files (establishments, legal units) into the Parquet store.

DuckDB streams the source (.csv, .zip or .parquet, columns found by name, everything read as text)
into a temporary Parquet file; the file replaces the previous one only once it is complete and
validated, so a failed import leaves the previous data untouched.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from essdash.errors import ImportFailed
from essdash.importers import sirene_sql as q
from essdash.importers.sources import Source, as_import_error, open_source
from essdash.indicators import store

Progress = Callable[[float, str], None]


@dataclass(frozen=True)
class SireneImportReport:
    establishments: int
    active: int
    with_coordinates: int
    with_legal_form: int
    legal_units: int | None
    seconds: float


def _noop(_fraction: float, _message: str) -> None:
    return None


def import_sirene(
    etablissements: Path,
    unites_legales: Path | None = None,
    *,
    progress: Progress | None = None,
    keep_outside: str | None = None,
) -> SireneImportReport:
    """Replace the stored Sirene data by these files (legal units are kept from a previous import
    when not given). Raises ImportFailed, leaving the previous data in place, on any problem.

    With `keep_outside="00"`, only the communes starting with "00" are replaced and the previous
    rows of every other commune are kept (the demo uses it to leave real data alone)."""
    step = progress or _noop
    started = time.perf_counter()
    con = store.connect()
    for macro in q.L93_MACROS:
        con.execute(macro)
    work = store.sirene_dir()
    legal_target, estab_target = store.legal_units_path(), store.establishments_path()
    legal_units_count = None
    with store.temp_target(legal_target) as legal_temp, store.temp_target(estab_target) as temp:
        legal_source: Path | None = legal_target if legal_target.is_file() else None
        if unites_legales is not None:
            step(0.05, f"Lecture des unités légales ({unites_legales.name})…")
            merge = legal_target if keep_outside and legal_target.is_file() else None
            legal_units_count = _copy_legal_units(con, unites_legales, legal_temp, work, merge)
            legal_source = legal_temp
        step(0.35, f"Lecture des établissements ({etablissements.name})…")
        keep = (estab_target, keep_outside) if keep_outside and estab_target.is_file() else None
        count = _copy_establishments(con, etablissements, temp, legal_source, work, keep)
        step(0.9, "Vérifications…")
        report = _summary(con, temp, legal_units_count, time.perf_counter() - started)
        if unites_legales is not None:
            store.publish(legal_temp, legal_target)
        store.publish(temp, estab_target)
    con.close()
    step(1.0, f"{count} établissements importés.")
    store.after_import()
    return report


def _copy(con: duckdb.DuckDBPyConnection, select: str, target: Path, label: str) -> int:
    try:
        con.execute(
            f"COPY ({select}) TO '{store.sql_path(target)}' "
            "(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 100000)"
        )
        row = con.execute(
            f"SELECT count(*) FROM read_parquet('{store.sql_path(target)}')"
        ).fetchone()
    except duckdb.Error as error:
        raise as_import_error(error, label) from error
    return int(row[0]) if row else 0


def _copy_legal_units(
    con: duckdb.DuckDBPyConnection, path: Path, temp: Path, work: Path, merge: Path | None
) -> int:
    with open_source(path, work) as source:
        cols = q.resolve(source, q.LEGAL_UNIT_REQUIRED, q.LEGAL_UNIT_OPTIONAL)
        select = q.legal_unit_select(cols, source)
        if merge is not None:
            old = f"read_parquet('{store.sql_path(merge)}')"
            select = f"WITH n AS ({select}) SELECT * FROM n UNION ALL BY NAME "
            select += f"SELECT * FROM {old} WHERE siren NOT IN (SELECT siren FROM n)"
        count = _copy(con, select, temp, source.label)
        _validate(con, temp, source, cols, q.LEGAL_UNIT_CHECKS, q.LEGAL_UNIT_REQUIRED)
    return count


def _copy_establishments(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    temp: Path,
    legal: Path | None,
    work: Path,
    merge: tuple[Path, str] | None,
) -> int:
    with open_source(path, work) as source:
        cols = q.resolve(source, q.ESTABLISHMENT_REQUIRED, q.ESTABLISHMENT_OPTIONAL)
        legal_sql = store.sql_path(legal) if legal else None
        select = q.establishment_select(cols, source, legal_sql)
        if merge is not None:
            old, prefix = f"read_parquet('{store.sql_path(merge[0])}')", merge[1].replace("'", "")
            select += f" UNION ALL BY NAME SELECT * FROM {old} "
            select += f"WHERE NOT starts_with(coalesce(commune, ''), '{prefix}')"
        select = f"SELECT * FROM ({select}) ORDER BY commune, siret"
        count = _copy(con, select, temp, source.label)
        if count == 0:
            raise ImportFailed(f"{source.label} : aucun établissement dans le fichier.")
        _validate(con, temp, source, cols, q.ESTABLISHMENT_CHECKS, q.ESTABLISHMENT_REQUIRED)
    return count


def _validate(
    con: duckdb.DuckDBPyConnection,
    temp: Path,
    source: Source,
    cols: dict[str, str | None],
    checks: tuple[tuple[str, str, str], ...],
    names: dict[str, tuple[str, ...]],
) -> None:
    """Check the stored values; on a bad one, find its line in the source for the message."""
    parquet = f"read_parquet('{store.sql_path(temp)}')"
    for key, expected, predicate in checks:
        row = con.execute(
            f"SELECT count(*) FROM {parquet} WHERE {predicate.format(v=key)}"
        ).fetchone()
        if not row or not row[0]:
            continue
        line, value = _first_bad_line(con, source, q.col(cols, key), predicate)
        column = cols[key] or names[key][0]
        where = f"ligne {line}" if line else "une ligne"
        raise ImportFailed(
            f"{source.label}, {where} : colonne « {column} » attendue avec {expected}, "
            f"lu « {value} » ({row[0]} ligne(s) en erreur)."
        )


def _first_bad_line(
    con: duckdb.DuckDBPyConnection, source: Source, expr: str, predicate: str
) -> tuple[int | None, str]:
    con.execute("SET preserve_insertion_order = true")
    try:
        row = con.execute(
            f"SELECT n, v FROM (SELECT row_number() OVER () AS n, {expr} AS v "
            f"FROM {source.relation} s) WHERE {predicate.format(v='v')} ORDER BY n LIMIT 1"
        ).fetchone()
    finally:
        con.execute("SET preserve_insertion_order = false")
    if not row:
        return None, ""
    line = int(row[0]) + 1 if source.is_csv else int(row[0])
    return line, str(row[1] if row[1] is not None else "")


def _summary(
    con: duckdb.DuckDBPyConnection, temp: Path, legal_units: int | None, seconds: float
) -> SireneImportReport:
    row = con.execute(
        "SELECT count(*), count(*) FILTER (etat = 'A'), count(lon), count(cj) "
        f"FROM read_parquet('{store.sql_path(temp)}')"
    ).fetchone()
    assert row is not None
    return SireneImportReport(
        int(row[0]), int(row[1]), int(row[2]), int(row[3]), legal_units, seconds
    )


def preview_sirene(path: Path, rows: int = 20) -> pd.DataFrame:
    """The first rows as they will be stored (the import page shows it before importing)."""
    con = store.connect()
    for macro in q.L93_MACROS:
        con.execute(macro)
    with open_source(path, store.sirene_dir()) as source:
        if source.find("siret") is None and source.find("siren") is not None:
            cols = q.resolve(source, q.LEGAL_UNIT_REQUIRED, q.LEGAL_UNIT_OPTIONAL)
            select = q.legal_unit_select(cols, source)
        else:
            cols = q.resolve(source, q.ESTABLISHMENT_REQUIRED, q.ESTABLISHMENT_OPTIONAL)
            select = q.establishment_select(cols, source, None)
        try:
            frame: pd.DataFrame = con.execute(f"{select} LIMIT {int(rows)}").df()
        except duckdb.Error as error:
            raise as_import_error(error, source.label) from error
    con.close()
    return frame
