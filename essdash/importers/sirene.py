"""Import INSEE's Sirene stock files (establishments, legal units, geolocation) into Parquet.

DuckDB streams each source (.csv, .zip or .parquet, columns found by name, read as text) into a
temporary Parquet file in one scan that also checks every row; the files replace the previous ones
only once complete and free of duplicates, so a failed import leaves the previous data untouched.
Nothing is sorted and the legal units are not grouped: memory stays bounded at any size.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from essdash.errors import ImportFailed
from essdash.importers import sirene_checks as checks
from essdash.importers import sirene_plan as plan
from essdash.importers import sirene_sql as q
from essdash.importers.sirene_progress import estimated_rows, run_watched
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


@dataclass(frozen=True)
class _Step:
    """Progress reporting of one import: the callback and each file's share of the bar."""

    report: Progress
    shares: dict[str, tuple[float, float]]


def _noop(_fraction: float, _message: str) -> None:
    return None


def _shares(files: dict[str, Path | None]) -> dict[str, tuple[float, float]]:
    """Each file's span of the bar (0.02 → 0.9), in proportion to its size."""
    sizes = {
        k: (p.stat().st_size if p is not None and p.is_file() else 0) for k, p in files.items()
    }
    total, start, spans = max(sum(sizes.values()), 1), 0.02, {}
    for key, size in sizes.items():
        end = start + 0.88 * size / total
        spans[key] = (start, end)
        start = end
    return spans


def import_sirene(
    etablissements: Path,
    unites_legales: Path | None = None,
    *,
    geolocalisation: Path | None = None,
    progress: Progress | None = None,
    keep_outside: str | None = None,
) -> SireneImportReport:
    """Replace the stored Sirene data by these files (legal units are kept from a previous import
    when not given). Raises ImportFailed, leaving the previous data in place, on any problem.

    With `keep_outside="00"`, only the communes starting with "00" are replaced and the previous
    rows of every other commune are kept (the demo uses it to leave real data alone)."""
    files = {"u": unites_legales, "g": geolocalisation, "e": etablissements}
    step = _Step(progress or _noop, _shares(files))
    started = time.perf_counter()
    con = store.connect()
    legal_target, estab_target = store.legal_units_path(), store.establishments_path()
    try:
        with store.temp_target(legal_target) as legal_temp, store.temp_target(estab_target) as temp:
            legal_source: Path | None = legal_target if legal_target.is_file() else None
            legal_count = None
            if unites_legales is not None:
                merge = legal_target if keep_outside and legal_target.is_file() else None
                legal_count = _copy_legal_units(con, unites_legales, legal_temp, merge, step)
                legal_source = legal_temp
            keep = (estab_target, keep_outside) if keep_outside and estab_target.is_file() else None
            files_in = _Inputs(etablissements, unites_legales, geolocalisation, legal_source)
            count = _copy_establishments(con, files_in, temp, keep, step)
            step.report(0.95, "Vérifications…")
            report = _summary(con, temp, legal_count, time.perf_counter() - started)
            if unites_legales is not None:
                store.publish(legal_temp, legal_target)
            store.publish(temp, estab_target)
    finally:
        con.close()
    step.report(1.0, f"{count} établissements importés.")
    store.after_import()
    return report


@dataclass(frozen=True)
class _Inputs:
    establishments: Path
    legal_units_file: Path | None
    geolocation: Path | None
    legal_parquet: Path | None


def _copy(con: duckdb.DuckDBPyConnection, select: str, target: Path, label: str) -> int:
    """COPY the select to a Parquet file and return its row count; CHECK_FAILED passes through."""
    try:
        con.execute(
            f"COPY ({select}) TO '{store.sql_path(target)}' "
            "(FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 122880)"
        )
    except duckdb.Error as error:
        if q.CHECK_FAILED in str(error):
            raise _CheckFailed() from error
        raise as_import_error(error, label) from error
    row = con.execute(
        f"SELECT sum(num_rows) FROM parquet_file_metadata('{store.sql_path(target)}')"
    ).fetchone()
    return int(row[0] or 0) if row else 0


class _CheckFailed(Exception):
    """A row failed a check inside the COPY; the caller finds the lines and explains."""


def _columns(cols: dict[str, str | None], spec: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {k: cols.get(k) or names[0] for k, names in spec.items()}


@dataclass(frozen=True)
class _Checked:
    """A source with the checks its rows passed inside the COPY, to explain a refusal."""

    source: Source
    spec: q.ColumnSpec
    cols: dict[str, str | None]
    checks: checks.Checks
    values: dict[str, str]


def _explain(con: duckdb.DuckDBPyConnection, sources: list[_Checked]) -> ImportFailed:
    for c in sources:
        error = checks.bad_value_error(con, c.source, c.checks, c.values, _columns(c.cols, c.spec))
        if error is not None:
            return error
    return ImportFailed(f"{sources[0].source.label} : valeur refusée (ligne introuvable).")


def _copy_legal_units(
    con: duckdb.DuckDBPyConnection, path: Path, temp: Path, merge: Path | None, step: _Step
) -> int:
    with open_source(path, store.sirene_dir()) as source:
        cols = q.resolve(source, q.LEGAL_UNIT_REQUIRED, q.LEGAL_UNIT_OPTIONAL)
        select = q.legal_unit_select(cols, source)
        if merge is not None:
            old = f"read_parquet('{store.sql_path(merge)}')"
            select = f"WITH n AS ({select}) SELECT * FROM n UNION ALL BY NAME "
            select += f"SELECT * FROM {old} WHERE siren NOT IN (SELECT siren FROM n)"
        rows = estimated_rows(path)
        try:
            return run_watched(
                con,
                lambda: _copy(con, select, temp, source.label),
                step.report,
                step.shares["u"],
                "Unités légales",
                rows,
            )
        except _CheckFailed:
            spec = {**q.LEGAL_UNIT_REQUIRED, **q.LEGAL_UNIT_OPTIONAL}
            values = {"siren": q.col(cols, "siren", source)}
            checked = _Checked(source, spec, cols, q.LEGAL_UNIT_CHECKS, values)
            raise _explain(con, [checked]) from None


def _copy_establishments(
    con: duckdb.DuckDBPyConnection,
    files: _Inputs,
    temp: Path,
    merge: tuple[Path, str] | None,
    step: _Step,
) -> int:
    work = store.sirene_dir()
    with contextlib.ExitStack() as stack:
        source = stack.enter_context(open_source(files.establishments, work))
        cols = q.resolve(source, q.ESTABLISHMENT_REQUIRED, q.ESTABLISHMENT_OPTIONAL)
        spec = {**q.ESTABLISHMENT_REQUIRED, **q.ESTABLISHMENT_OPTIONAL}
        values = q.establishment_values(cols, source)
        checked = [_Checked(source, spec, cols, q.ESTABLISHMENT_CHECKS, values)]
        geo, geo_sql = None, None
        if files.geolocation is not None:
            geo = stack.enter_context(open_source(files.geolocation, work))
            geo_cols = q.resolve(geo, q.GEO_REQUIRED, q.GEO_OPTIONAL)
            geo_sql = q.geo_select(geo_cols, geo)
            values = {"siret": q.col(geo_cols, "siret", geo), "epsg": q.col(geo_cols, "epsg", geo)}
            checked.append(_Checked(geo, {**q.GEO_REQUIRED, **q.GEO_OPTIONAL}, geo_cols,
                                    q.GEO_CHECKS, values))  # fmt: skip
        legal_sql = store.sql_path(files.legal_parquet) if files.legal_parquet else None
        select = q.establishment_select(cols, source, legal_sql, geo_sql)
        if merge is not None:
            old, prefix = f"read_parquet('{store.sql_path(merge[0])}')", merge[1].replace("'", "")
            select = f"SELECT * FROM ({select}) UNION ALL BY NAME SELECT * FROM {old} "
            select += f"WHERE NOT starts_with(coalesce(commune, ''), '{prefix}')"
        rows = estimated_rows(files.establishments)
        as_written = plan.probe_with_establishments(con, files.legal_parquet, rows)
        try:
            with plan.joins_as_written(con, as_written):
                count = run_watched(
                    con,
                    lambda: _copy(con, select, temp, source.label),
                    step.report,
                    step.shares["e"],
                    "Établissements",
                    rows,
                )
        except _CheckFailed:
            raise _explain(con, checked) from None
        if count == 0:
            raise ImportFailed(f"{source.label} : aucun établissement dans le fichier.")
        step.report(0.9, "Recherche des SIRET en double…")
        _refuse_duplicates(con, temp, source, files, stack)
    return count


def _refuse_duplicates(
    con: duckdb.DuckDBPyConnection,
    temp: Path,
    source: Source,
    files: _Inputs,
    stack: contextlib.ExitStack,
) -> None:
    """A SIRET stored twice comes from a repeated establishment, legal unit or geolocation row."""
    sirets = checks.duplicated_sirets(con, temp)
    if not sirets:
        return
    work = store.sirene_dir()
    siret_col = q.col(q.resolve(source, q.ESTABLISHMENT_REQUIRED, {}), "siret", source)
    where: list[tuple[Source, str, str]] = [(source, siret_col, "SIRET")]
    if files.legal_units_file is not None:
        units = stack.enter_context(open_source(files.legal_units_file, work))
        siren = q.col(q.resolve(units, q.LEGAL_UNIT_REQUIRED, {}), "siren", units)
        where.append((units, siren, "SIREN"))
    if files.geolocation is not None:
        geo = stack.enter_context(open_source(files.geolocation, work))
        where.append((geo, q.col(q.resolve(geo, q.GEO_REQUIRED, {}), "siret", geo), "SIRET"))
    raise checks.duplicate_error(con, temp, sirets, where)


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
    try:
        with open_source(path, store.sirene_dir()) as source:
            if source.find("siret") is None and source.find("siren") is not None:
                spec = {**q.LEGAL_UNIT_REQUIRED, **q.LEGAL_UNIT_OPTIONAL}
                cols = q.resolve(source, q.LEGAL_UNIT_REQUIRED, q.LEGAL_UNIT_OPTIONAL)
                select = q.legal_unit_select(cols, source)
                values = {"siren": q.col(cols, "siren", source)}
                checked = _Checked(source, spec, cols, q.LEGAL_UNIT_CHECKS, values)
            else:
                spec = {**q.ESTABLISHMENT_REQUIRED, **q.ESTABLISHMENT_OPTIONAL}
                cols = q.resolve(source, q.ESTABLISHMENT_REQUIRED, q.ESTABLISHMENT_OPTIONAL)
                select = q.establishment_select(cols, source, None)
                values = q.establishment_values(cols, source)
                checked = _Checked(source, spec, cols, q.ESTABLISHMENT_CHECKS, values)
            try:
                frame: pd.DataFrame = con.execute(f"{select} LIMIT {int(rows)}").df()
            except duckdb.Error as error:
                if q.CHECK_FAILED in str(error):
                    raise _explain(con, [checked]) from None
                raise as_import_error(error, source.label) from error
    finally:
        con.close()
    return frame
