"""Which side of the establishments' joins DuckDB holds in memory (the hash join's build side).

DuckDB estimates a CSV scan filtered by the row checks at a few rows, so it builds the hash table
on the establishments (18 wide columns) and probes it with the legal units: at 5 M rows that
table no longer fits the memory limit and partitions to disk, and the import costs 1.8 times the
CPU of the same statement with the legal units (5 narrow columns) as the build side. The join is
therefore kept as written (legal units as the build side) when the legal units' hash table fits
within the memory limit. When it does not (20 M rows: 14.5 M legal units), both plans spill and
building on the legal units was measured slower (414 s of CPU against 367 s): DuckDB's choice is
kept.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path

import duckdb

from essdash.indicators import store


def _parquet_rows(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    row = con.execute(
        f"SELECT sum(num_rows) FROM parquet_file_metadata('{store.sql_path(path)}')"
    ).fetchone()
    return int(row[0] or 0) if row else 0


# Bytes per legal unit in a hash table (siren, legal form, ESS flag, name, acronym, hash entry)
# and the share of the memory limit it may take.
BYTES_PER_LEGAL_UNIT = 120
MEMORY_SHARE = 0.6
_SIZE = re.compile(r"([\d.]+)\s*([KMGT]?)i?B", re.IGNORECASE)


def memory_limit_bytes(con: duckdb.DuckDBPyConnection) -> int:
    """The connection's memory limit in bytes ('953.6 MiB' -> 999_922_073); 0 when unreadable."""
    row = con.execute("SELECT current_setting('memory_limit')").fetchone()
    found = _SIZE.fullmatch(str(row[0]).strip()) if row else None
    if found is None:
        return 0
    power = " KMGT".index(found.group(2).upper() or " ")
    return int(float(found.group(1)) * 1024**power)


def probe_with_establishments(
    con: duckdb.DuckDBPyConnection, legal_units: Path | None, establishment_rows: int
) -> bool:
    """True when the legal units (a stored Parquet file) should be the build side: not the
    larger table, and their hash table fits within a share of the memory limit."""
    if legal_units is None or establishment_rows <= 0:
        return False
    units = _parquet_rows(con, legal_units)
    fits = units * BYTES_PER_LEGAL_UNIT <= MEMORY_SHARE * memory_limit_bytes(con)
    return units <= establishment_rows and fits


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
