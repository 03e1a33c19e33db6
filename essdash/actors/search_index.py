"""The offline search index of the Sirene stock: one Parquet file sorted by commune.

Built from the stored establishments (essdash.importers.sirene) after each import, or on first use:
one row per establishment with its names normalised once (accents, case and punctuation
removed). Sorted by commune with small row groups, a territory's search reads only the row groups
whose commune range it overlaps (Parquet min/max statistics), whatever the size of the stock.
"""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb

from essdash.indicators import store

INDEX = "recherche_acteurs.parquet"
ROW_GROUP = 8192
_build_lock = threading.Lock()
# Columns of the stored establishments the index carries (NULL when an older import lacks them).
CARRIED = ("siret", "siren", "commune", "etat", "name", "sign", "acronym", "legal_name",
           "address", "cj", "ess", "naf_rev2", "tranche", "lon", "lat")  # fmt: skip


def normalised(expr: str) -> str:
    """SQL: lower case, accents stripped, every run of other characters one space."""
    folded = f"strip_accents(lower(coalesce({expr}, '')))"
    return f"trim(regexp_replace({folded}, '[^a-z0-9]+', ' ', 'g'))"


def index_path() -> Path:
    return store.sirene_dir() / INDEX


def _stamp_path() -> Path:
    return store.sirene_dir() / (INDEX + ".source")


def is_fresh() -> bool:
    """The index was built from the establishments file now in place."""
    stamp = _stamp_path()
    return (
        index_path().is_file()
        and stamp.is_file()
        and stamp.read_text(encoding="utf-8") == store.file_version(store.establishments_path())
    )


def _stored_columns(con: duckdb.DuckDBPyConnection, source: str) -> set[str]:
    rows = con.execute(f"DESCRIBE SELECT * FROM read_parquet('{source}')").fetchall()
    return {str(r[0]) for r in rows}


def build(con: duckdb.DuckDBPyConnection | None = None) -> int:
    """(Re)build the index from the stored establishments; returns its row count."""
    own = con is None
    con = con or store.connect()
    source = store.sql_path(store.establishments_path())
    try:
        present = _stored_columns(con, source)
        cols = ", ".join(c if c in present else f"NULL AS {c}" for c in CARRIED)
        key = "concat_ws(' ', name, sign, acronym, legal_name)"
        select = f"""
            SELECT {cols}, substr(commune, 1, CASE WHEN starts_with(commune, '97') THEN 3
                                                   ELSE 2 END) AS departement,
                   {normalised("name")} AS name_key, {normalised(key)} AS search_key
            FROM (SELECT {cols} FROM read_parquet('{source}')) ORDER BY commune, siret
        """
        version = store.file_version(store.establishments_path())
        target = index_path()
        with store.temp_target(target) as temp:
            con.execute(
                f"COPY ({select}) TO '{store.sql_path(temp)}' "
                f"(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE {ROW_GROUP})"
            )
            store.publish(temp, target)
        _stamp_path().write_text(version, encoding="utf-8")
        row = con.execute(
            f"SELECT sum(num_rows) FROM parquet_file_metadata('{store.sql_path(target)}')"
        ).fetchone()
        return int(row[0] or 0) if row else 0
    finally:
        if own:
            con.close()


def ensure() -> bool:
    """Build the index if the stored establishments changed; False when there is no stock."""
    if not store.has_establishments():
        return False
    if is_fresh():
        return True
    with _build_lock:
        if not is_fresh():
            build()
    return True
