"""Which side of the establishments' joins DuckDB holds in memory (the hash join's build side).

DuckDB estimates a CSV scan filtered by the row checks at a few rows, so it builds the hash table
on the establishments (18 wide columns) and probes it with the legal units: at 5 M rows that
table no longer fits the memory limit and partitions to disk, and the import costs 1.6 times the
CPU of the same statement with the legal units (5 narrow columns) as the build side. The
establishments are therefore kept as the probe side, as the query is written, whenever the legal
units are not the larger table (a file of a few établissements against the national legal units
keeps DuckDB's own choice).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import duckdb

from essdash.indicators import store


def _parquet_rows(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    row = con.execute(
        f"SELECT sum(num_rows) FROM parquet_file_metadata('{store.sql_path(path)}')"
    ).fetchone()
    return int(row[0] or 0) if row else 0


def probe_with_establishments(legal_units: Path | None, establishment_rows: int) -> bool:
    """True when the legal units (a stored Parquet file) should be the build side."""
    if legal_units is None or establishment_rows <= 0:
        return False
    con = duckdb.connect()
    try:
        return _parquet_rows(con, legal_units) <= establishment_rows
    finally:
        con.close()


@contextlib.contextmanager
def joins_as_written(con: duckdb.DuckDBPyConnection, enabled: bool) -> Iterator[None]:
    """Within the block, `a LEFT JOIN b` builds its hash table on b (no build/probe swap)."""
    if not enabled:
        yield
        return
    con.execute("SET disabled_optimizers = 'build_side_probe_side'")
    try:
        yield
    finally:
        con.execute("RESET disabled_optimizers")
