"""Yearly figures from the Sirene history: stock at 31 December, creations and closures, 2010 on.

The establishment periods (essdash.importers.sirene_history) are placed in their current commune
(the history has no address) and classified like the current stock, with the legal unit's legal
form and ESS flag of that date when the legal units' history is imported (the current ones
otherwise). Counted per commune × year × family × NAF division (ESS only; the other
establishments by commune and year), in Parquet partitioned by département like the cube.

Administrative closures lag reality in Sirene: an establishment that stops without declaring it
stays active until INSEE's checks close it, so recent years overstate the stock and understate
closures (INSEE's own counts apply a statistical closure).
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import uuid
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from essdash.indicators import cube, store
from essdash.indicators.perimeter import (
    COMMERCIAL_FAMILY,
    LEGAL,
    NOT_CLASSIFIED,
    OTHER_SECTOR,
    STATISTICAL,
    Perimeter,
    load_perimeter,
)
from essdash.indicators.query import _literal, _prefix_test, lookup_tables

FIRST_YEAR = 2010
PERIODS = "historique_etablissements.parquet"
LEGAL_PERIODS = "historique_unites_legales.parquet"
HISTORY_DIR = "historique"
MEASURES = ("active", "employer", "creations", "closures")
LAG_NOTE = (
    "Les fermetures administratives de Sirene arrivent avec retard : un établissement qui cesse "
    "sans le déclarer reste « actif » jusqu'à ce que l'INSEE le ferme (l'INSEE applique une "
    "fermeture statistique dans ses propres comptes). Les dernières années surestiment donc le "
    "stock et sous-estiment les fermetures."
)


def periods_path() -> Path:
    return store.sirene_dir() / PERIODS


def legal_periods_path() -> Path:
    return store.sirene_dir() / LEGAL_PERIODS


def history_dir() -> Path:
    return store.sirene_dir() / HISTORY_DIR


def has_history() -> bool:
    return periods_path().is_file() and store.has_establishments()


def _stamp() -> str:
    files = (periods_path(), legal_periods_path(), store.legal_units_path())
    return "|".join([cube.stamp(), *(store.file_version(f) for f in files)])


def is_fresh() -> bool:
    try:
        found = json.loads((history_dir() / "stamp.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return False
    return bool(found.get("stamp") == _stamp())


def _events_sql(last_year: int, legal: bool) -> str:
    """One row per (establishment, year) of the stock, creation or closure, with its date."""
    estab = store.sql_path(store.establishments_path())
    ul_join = (
        f"LEFT JOIN read_parquet('{store.sql_path(legal_periods_path())}') u "
        "ON u.siren = ev.siren AND coalesce(u.date_debut, DATE '1900-01-01') <= ev.at "
        "AND (u.date_fin IS NULL OR u.date_fin >= ev.at)"
        if legal
        else ""
    )

    def ul(key: str) -> str:
        return f"u.{key}" if legal else "CAST(NULL AS VARCHAR)"

    return f"""
        WITH p AS (
            SELECT h.*, coalesce(h.date_debut, DATE '1900-01-01') AS since, e.siren, e.commune,
                e.cj AS cj_now, e.ess AS ess_now,
                lag(h.etat) OVER (PARTITION BY h.siret ORDER BY h.date_debut NULLS FIRST) AS before
            FROM read_parquet('{store.sql_path(periods_path())}') h
            JOIN read_parquet('{estab}') e ON e.siret = h.siret),
        years AS (SELECT y, least(make_date(y, 12, 31), current_date) AS d
                  FROM range({FIRST_YEAR}, {last_year + 1}) t(y)),
        ev AS (
            SELECT p.*, y.y AS year, y.d AS at, 'stock' AS kind FROM p
            JOIN years y ON p.since <= y.d AND (p.date_fin IS NULL OR p.date_fin >= y.d)
            WHERE p.etat = 'A'
            UNION ALL
            SELECT *, year(date_debut), date_debut, 'creation' FROM p WHERE etat = 'A'
            QUALIFY row_number() OVER (PARTITION BY siret ORDER BY date_debut NULLS FIRST) = 1
            UNION ALL
            SELECT *, year(date_debut), date_debut, 'closure' FROM p
            WHERE etat = 'F' AND before = 'A')
        SELECT ev.commune, ev.year, ev.kind, ev.employer, ev.naf_rev2,
            coalesce({ul("cj")}, ev.cj_now) AS cj, coalesce({ul("ess")}, ev.ess_now) AS ess
        FROM ev {ul_join}
        WHERE ev.year BETWEEN {FIRST_YEAR} AND {last_year}
    """


def _yearly_sql(p: Perimeter, last_year: int, legal: bool) -> str:
    naf = "replace(naf_rev2, '.', '')"
    excluded = f"(naf_rev2 IS NOT NULL AND {_prefix_test(naf, tuple(p.excluded_naf))})"
    family = (
        f"CASE WHEN {excluded} THEN NULL WHEN f.family IS NOT NULL THEN f.family "
        f"WHEN upper(ev.ess) = 'O' THEN {_literal(COMMERCIAL_FAMILY)} END"
    )
    return f"""
        SELECT CASE WHEN commune IS NULL THEN '{cube.NO_COMMUNE}'
                    WHEN starts_with(commune, '97') THEN substr(commune, 1, 3)
                    ELSE substr(commune, 1, 2) END AS dep, *
        FROM (
            SELECT commune, year, family,
                CASE WHEN family IS NULL THEN NULL ELSE coalesce(substr(naf_rev2, 1, 2), '') END
                    AS division,
                count(*) FILTER (kind = 'stock') AS active,
                count(*) FILTER (kind = 'stock' AND employer = 'O') AS employer,
                count(*) FILTER (kind = 'creation') AS creations,
                count(*) FILTER (kind = 'closure') AS closures
            FROM (SELECT ev.*, {family} AS family FROM ({_events_sql(last_year, legal)}) ev
                  LEFT JOIN cj_family f ON f.cj = ev.cj)
            GROUP BY ALL)
    """


def build(perimeter: Perimeter | None = None) -> Path:
    """Aggregate the history into yearly figures per commune (replacing the previous ones)."""
    p = perimeter or load_perimeter()
    wanted, temp = _stamp(), store.sirene_dir() / f".historique.{uuid.uuid4().hex}.tmp"
    con = store.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        for name, frame in lookup_tables(p).items():
            con.register(name, frame)
        sql = _yearly_sql(p, dt.date.today().year, legal_periods_path().is_file())
        con.execute(f"CREATE TEMP TABLE yearly AS {sql}")
        temp.mkdir()
        con.execute(f"COPY (SELECT * FROM yearly) TO '{store.sql_path(temp / 'communes')}' "
                    "(FORMAT parquet, PARTITION_BY (dep))")  # fmt: skip
        con.execute(
            "COPY (SELECT year, family, division, sum(active) AS active, sum(employer) AS "
            "employer, sum(creations) AS creations, sum(closures) AS closures FROM yearly "
            f"GROUP BY ALL) TO '{store.sql_path(temp / 'france.parquet')}' (FORMAT parquet)"
        )
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    finally:
        con.close()
    (temp / "stamp.json").write_text(json.dumps({"stamp": wanted}), encoding="utf-8")
    cube._replace(temp, history_dir())
    return history_dir()


def ensure() -> Path | None:
    """The yearly figures' directory, built first when stale; None without a history."""
    if not has_history():
        return None
    if not is_fresh():
        with cube._lock():
            if not is_fresh():
                build()
    return history_dir()


def rows(raw_codes: set[str] | None) -> pa.Table | None:
    """Yearly rows of these raw commune codes (France's sums when None)."""
    root = ensure()
    if root is None:
        return None
    if raw_codes is None:
        return pq.read_table(root / "france.parquet")
    deps = sorted({cube.departement_of(c) for c in raw_codes})
    files = [f for d in deps for f in sorted((root / "communes" / f"dep={d}").glob("*.parquet"))]
    if not files:
        return None
    table = pa.concat_tables([pq.read_table(f) for f in files])
    return table.filter(pc.is_in(table["commune"], pa.array(sorted(raw_codes), pa.string())))


def frame(table: pa.Table | None, choice: str, p: Perimeter) -> pd.DataFrame:
    """Plain rows (year, family, sector, measures) in the chosen perimeter."""
    if table is None or table.num_rows == 0:
        return pd.DataFrame(columns=["year", "family", "sector", *MEASURES])
    out = table.select(["year", "family", "division", *MEASURES]).to_pandas()
    out["family"] = out["family"].astype(object)
    if choice == STATISTICAL:
        out.loc[out["family"] == COMMERCIAL_FAMILY, "family"] = None
    division = out["division"].astype(object)
    out["sector"] = division.map(lambda d: None if d is None or pd.isna(d) else (
        NOT_CLASSIFIED if d == "" else p.division_sector.get(d, OTHER_SECTOR)))  # fmt: skip
    return out.drop(columns=["division"])


__all__ = ["LAG_NOTE", "LEGAL", "build", "ensure", "frame", "rows"]
