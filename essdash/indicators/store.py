"""Where imported statistical data lives (Parquet files under data_dir()) and how it is read.

Sirene establishments are kept as one Parquet file joined with their legal units' legal form and
ESS flag; DuckDB scans it in bounded memory. Replacing a file is atomic (temp file + os.replace).
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from pathlib import Path

import duckdb

from essdash import config

ESTABLISHMENTS = "etablissements.parquet"
LEGAL_UNITS = "unites_legales.parquet"
URSSAF = "effectifs_urssaf.parquet"
MEMORY_LIMIT = "1GB"


def sirene_dir() -> Path:
    path = config.data_dir() / "sirene"
    path.mkdir(parents=True, exist_ok=True)
    return path


def establishments_path() -> Path:
    return sirene_dir() / ESTABLISHMENTS


def legal_units_path() -> Path:
    return sirene_dir() / LEGAL_UNITS


def urssaf_path() -> Path:
    return sirene_dir() / URSSAF


def has_establishments() -> bool:
    return establishments_path().is_file()


def file_version(path: Path) -> str:
    """Changes whenever the file is replaced (mtime and size), '-' when absent."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return "-"
    return f"{stat.st_mtime_ns}:{stat.st_size}"


def data_version() -> str:
    """Version of the statistical files, part of every cache key."""
    return "|".join(file_version(p) for p in (establishments_path(), urssaf_path()))


def connect(memory_limit: str = MEMORY_LIMIT) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB connection with bounded memory, spilling to data_dir()."""
    spill = sirene_dir() / "tmp"
    spill.mkdir(exist_ok=True)
    con = duckdb.connect()
    con.execute(f"SET memory_limit = '{memory_limit}'")
    con.execute(f"SET temp_directory = '{sql_path(spill)}'")
    con.execute("SET threads = 2")
    con.execute("SET preserve_insertion_order = false")
    return con


def sql_path(path: Path) -> str:
    """A path quoted for a SQL string literal."""
    return str(path).replace("'", "''")


@contextlib.contextmanager
def temp_target(target: Path) -> Iterator[Path]:
    """A temporary sibling of `target`; removed if the block fails, else left for `publish`."""
    temp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    try:
        yield temp
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def publish(temp: Path, target: Path) -> None:
    """Atomically replace `target` by `temp` (same directory, so os.replace is atomic)."""
    temp.replace(target)


def after_import() -> None:
    """Run once a Sirene import is published: aggregate the cube of figures (indicators.cube)
    and build the directory's search index (indicators.search_index)."""
    from essdash.indicators import cube, search_index

    cube.rebuild_after_import()
    search_index.build()
