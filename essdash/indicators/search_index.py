"""The offline search index of the Sirene stock: one folder of files per département.

Built from the stored establishments (essdash.importers.sirene) after each import, or on first use:
one row per establishment with its names normalised once (accents, case and punctuation
removed) and a word index of its name, sign, acronym and legal name (indicators.search_build
writes it, indicators.search_partition reads it). A territory's search reads only its
départements' files, whatever the size of the stock.
"""

from __future__ import annotations

import shutil
import threading
import uuid
from pathlib import Path

import duckdb

from essdash.indicators import search_build, search_partition, store

INDEX = "recherche_acteurs"
LAYOUT = "mots-1"
_build_lock = threading.Lock()
# Columns of the stored establishments the index carries (NULL when an older import lacks them).
CARRIED = ("siret", "siren", "commune", "etat", "name", "sign", "acronym", "legal_name",
           "address", "cj", "ess", "naf_rev2", "tranche", "lon", "lat")  # fmt: skip


def normalised(expr: str) -> str:
    """SQL: lower case, accents stripped, every run of other characters one space."""
    folded = f"strip_accents(lower(coalesce({expr}, '')))"
    return f"trim(regexp_replace({folded}, '[^a-z0-9]+', ' ', 'g'))"


def departement_of(commune: str) -> str:
    """'80001' -> '80', '97411' -> '974', '2A004' -> '2A'."""
    return commune[:3] if commune.startswith("97") else commune[:2]


def index_root() -> Path:
    return store.sirene_dir() / INDEX


def _stamp_path() -> Path:
    return index_root() / "current"


def _current() -> tuple[str, Path] | None:
    """(source version, folder) of the index in use, or None."""
    try:
        version, folder = _stamp_path().read_text(encoding="utf-8").split("\n", 1)
    except (FileNotFoundError, ValueError):
        return None
    path = index_root() / folder.strip()
    return (version, path) if path.is_dir() else None


def _source_version() -> str:
    """The stored file's version and the index layout: an index of a former layout (one Parquet
    file per département, before the word index) is rebuilt on first use."""
    return f"{LAYOUT}|{store.file_version(store.establishments_path())}"


def is_fresh() -> bool:
    """The index was built from the establishments file now in place."""
    current = _current()
    return current is not None and current[0] == _source_version()


def partition(departement: str) -> search_partition.Partition | None:
    """The index of this département, mapped once per process (None without an index or rows)."""
    current = _current()
    if current is None:
        return None
    folder = current[1] / f"departement={departement}"
    return search_partition.cached(folder) if (folder / search_partition.KEYS).is_file() else None


def _stored_columns(con: duckdb.DuckDBPyConnection, source: str) -> set[str]:
    rows = con.execute(f"DESCRIBE SELECT * FROM read_parquet('{source}')").fetchall()
    return {str(r[0]) for r in rows}


def _stage_sql(con: duckdb.DuckDBPyConnection, source: str) -> str:
    """One row per establishment with its département, name_key and search_key."""
    present = _stored_columns(con, source)
    cols = ", ".join(c if c in present else f"NULL AS {c}" for c in CARRIED)
    key = "concat_ws(' ', name, sign, acronym, legal_name)"
    return f"""
        SELECT {cols}, coalesce(CASE WHEN starts_with(commune, '97') THEN substr(commune, 1, 3)
                                     ELSE substr(commune, 1, 2) END, '00') AS departement,
               {normalised("name")} AS name_key, {normalised(key)} AS search_key
        FROM (SELECT {cols} FROM read_parquet('{source}'))
    """


def build() -> int:
    """(Re)build the index from the stored establishments; returns its row count.

    One folder per build: the stock split by département in a stage (one pass over the stored
    file), then each département's files written from its part (bounded memory: DuckDB sorts
    and spills, Python streams batches). `current` names the folder in use, switched once the
    new one is complete, then the former folders are removed."""
    source = store.sql_path(store.establishments_path())
    version = _source_version()
    folder = f"build-{uuid.uuid4().hex}"
    target = index_root() / folder
    stage = target / "stage"
    target.mkdir(parents=True)
    con = store.connect()
    try:
        con.execute(
            f"COPY ({_stage_sql(con, source)}) TO '{store.sql_path(stage)}' "
            "(FORMAT parquet, COMPRESSION snappy, PARTITION_BY (departement))"
        )
        total = sum(
            search_build.write_partition(con, sorted(part.glob("*.parquet")), target / part.name)
            for part in sorted(stage.glob("departement=*"))
        )
        shutil.rmtree(stage)
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    finally:
        con.close()
    _publish(version, folder)
    return total


def _publish(version: str, folder: str) -> None:
    temp = _stamp_path().with_suffix(".tmp")
    temp.write_text(f"{version}\n{folder}", encoding="utf-8")
    temp.replace(_stamp_path())
    for old in index_root().glob("build-*"):
        if old.name != folder:
            shutil.rmtree(old, ignore_errors=True)


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
