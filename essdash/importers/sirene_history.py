"""Import INSEE's Sirene history files (StockEtablissementHistorique, StockUniteLegaleHistorique).

Each row is a period of one establishment (or legal unit) during which none of its historised
variables changed: dateDebut, dateFin (empty for the current period), the administrative state,
the main activity and the employer character (for legal units: legal form and ESS flag). The
periods are stored as Parquet beside the current stock; the yearly figures are then aggregated by
`essdash.indicators.history`. The history has no address: the commune is the current stock's.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from essdash.errors import ImportFailed
from essdash.importers.sources import Source, as_import_error, open_source
from essdash.indicators import history, store

ESTABLISHMENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "siret": ("siret",),
    "date_debut": ("dateDebut",),
    "date_fin": ("dateFin",),
    "etat": ("etatAdministratifEtablissement",),
    "naf": ("activitePrincipaleEtablissement",),
    "naf_nomenclature": ("nomenclatureActivitePrincipaleEtablissement",),
    "employer": ("caractereEmployeurEtablissement",),
}
LEGAL_UNIT_COLUMNS: dict[str, tuple[str, ...]] = {
    "siren": ("siren",),
    "date_debut": ("dateDebut",),
    "date_fin": ("dateFin",),
    "cj": ("categorieJuridiqueUniteLegale",),
    "ess": ("economieSocialeSolidaireUniteLegale",),
}
REQUIRED = {"siret", "siren", "date_debut", "date_fin", "etat"}
DATE_CHECK = "{v} IS NOT NULL AND TRY_CAST({v} AS DATE) IS NULL"


@dataclass(frozen=True)
class HistoryImportReport:
    periods: int
    establishments: int
    legal_unit_periods: int | None
    first_year: int | None
    seconds: float


def _text(source: Source, names: tuple[str, ...], required: bool) -> str:
    column = source.require(*names) if required else source.find(*names)
    if column is None:
        return "CAST(NULL AS VARCHAR)"
    quoted = '"' + column.replace('"', '""') + '"'
    return f"nullif(trim(CAST(s.{quoted} AS VARCHAR)), '')"


def _naf_rev2(naf: str, nomenclature: str) -> str:
    dotted = (
        f"CASE WHEN regexp_full_match({naf}, '\\d{{2}}\\.\\d{{2}}[A-Z]') THEN {naf} "
        f"WHEN regexp_full_match({naf}, '\\d{{4}}[A-Z]') "
        f"THEN substr({naf}, 1, 2) || '.' || substr({naf}, 3) END"
    )
    return f"CASE WHEN coalesce(upper({nomenclature}), 'NAFREV2') = 'NAFREV2' THEN {dotted} END"


def _columns(source: Source, spec: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {key: _text(source, names, key in REQUIRED) for key, names in spec.items()}


def _check(
    con: duckdb.DuckDBPyConnection, source: Source, checks: list[tuple[str, str, str]]
) -> None:
    """Refuse an unreadable date or state, naming the column, the first lines and the value."""
    con.execute("SET preserve_insertion_order = true")
    try:
        for column, expr, (expected, predicate) in [(c, e, _RULES[k]) for c, e, k in checks]:
            rows = con.execute(
                f"SELECT n, v FROM (SELECT row_number() OVER () AS n, {expr} AS v "
                f"FROM {source.relation} s) WHERE {predicate.format(v='v')} ORDER BY n LIMIT 6"
            ).fetchall()
            if rows:
                offset = 1 if source.is_csv else 0
                lines = ", ".join(str(int(n) + offset) for n, _v in rows[:5])
                raise ImportFailed(
                    f"{source.label}, ligne(s) {lines} : colonne « {column} » attendue avec "
                    f"{expected}, lu « {rows[0][1]} »."
                )
    except duckdb.Error as error:
        raise as_import_error(error, source.label) from error
    finally:
        con.execute("SET preserve_insertion_order = false")


_RULES = {
    "date": ("une date AAAA-MM-JJ (ou vide)", DATE_CHECK),
    "etat": ("A, F ou C", "coalesce(upper({v}), '') NOT IN ('A', 'F', 'C')"),
    "siret": ("14 chiffres", "NOT regexp_full_match(coalesce({v}, ''), '\\d{{14}}')"),
    "siren": ("9 chiffres", "NOT regexp_full_match(coalesce({v}, ''), '\\d{{9}}')"),
}


def _establishment_select(source: Source) -> tuple[str, list[tuple[str, str, str]]]:
    c = _columns(source, ESTABLISHMENT_COLUMNS)
    select = f"""
        SELECT {c["siret"]} AS siret, TRY_CAST({c["date_debut"]} AS DATE) AS date_debut,
            TRY_CAST({c["date_fin"]} AS DATE) AS date_fin, upper({c["etat"]}) AS etat,
            {_naf_rev2(c["naf"], c["naf_nomenclature"])} AS naf_rev2,
            upper({c["employer"]}) AS employer
        FROM {source.relation} s
    """
    names = {k: source.find(*v) or v[0] for k, v in ESTABLISHMENT_COLUMNS.items()}
    checks = [(names["siret"], c["siret"], "siret"), (names["etat"], c["etat"], "etat"),
              (names["date_debut"], c["date_debut"], "date"),
              (names["date_fin"], c["date_fin"], "date")]  # fmt: skip
    return select, checks


def _legal_unit_select(source: Source) -> tuple[str, list[tuple[str, str, str]]]:
    c = _columns(source, LEGAL_UNIT_COLUMNS)
    select = f"""
        SELECT {c["siren"]} AS siren, TRY_CAST({c["date_debut"]} AS DATE) AS date_debut,
            TRY_CAST({c["date_fin"]} AS DATE) AS date_fin, {c["cj"]} AS cj,
            upper({c["ess"]}) AS ess
        FROM {source.relation} s
    """
    names = {k: source.find(*v) or v[0] for k, v in LEGAL_UNIT_COLUMNS.items()}
    checks = [(names["siren"], c["siren"], "siren"),
              (names["date_debut"], c["date_debut"], "date"),
              (names["date_fin"], c["date_fin"], "date")]  # fmt: skip
    return select, checks


def _copy(con: duckdb.DuckDBPyConnection, path: Path, temp: Path, legal: bool) -> int:
    with open_source(path, store.sirene_dir()) as source:
        select, checks = (_legal_unit_select if legal else _establishment_select)(source)
        _check(con, source, checks)
        try:
            con.execute(f"COPY ({select}) TO '{store.sql_path(temp)}' (FORMAT parquet)")
            row = con.execute(f"SELECT count(*) FROM read_parquet('{store.sql_path(temp)}')")
            count = int((row.fetchone() or (0,))[0])
        except duckdb.Error as error:
            raise as_import_error(error, source.label) from error
        if count == 0:
            raise ImportFailed(f"{source.label} : aucune période dans le fichier.")
    return count


def import_history(etablissements: Path, unites_legales: Path | None = None) -> HistoryImportReport:
    """Replace the stored history by these files; nothing changes if any check fails."""
    if not store.has_establishments():
        raise ImportFailed(
            f"{etablissements.name} : importez d'abord le stock Sirene des établissements "
            "(l'historique n'a pas d'adresse : la commune vient du stock)."
        )
    started = time.perf_counter()
    con = store.connect()
    estab_target, legal_target = history.periods_path(), history.legal_periods_path()
    legal_count = None
    try:
        with store.temp_target(estab_target) as temp, store.temp_target(legal_target) as ltemp:
            periods = _copy(con, etablissements, temp, legal=False)
            if unites_legales is not None:
                legal_count = _copy(con, unites_legales, ltemp, legal=True)
            row = con.execute(
                f"SELECT count(DISTINCT siret), min(year(date_debut)) "
                f"FROM read_parquet('{store.sql_path(temp)}')"
            ).fetchone()
            if unites_legales is not None:
                store.publish(ltemp, legal_target)
            store.publish(temp, estab_target)
    finally:
        con.close()
    history.ensure()
    assert row is not None
    first = int(row[1]) if row[1] is not None else None
    return HistoryImportReport(
        periods, int(row[0]), legal_count, first, time.perf_counter() - started
    )
