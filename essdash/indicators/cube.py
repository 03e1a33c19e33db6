"""The cube: every figure of every commune, aggregated once per data version.

One scan of the establishments Parquet classifies each establishment (legal perimeter: the
statistical one is the same minus the commercial ESS companies) and sums it into four sets per
commune: `base` (active × family × public/private), `division` (active ESS × family × NAF
division), `size` (active ESS × family × size class) and `year` (ESS × family × creation year).
Sectors and NAF sections are read off the division at query time. Any territory is then a sum
over its communes' rows (Parquet files partitioned by département) and France a sum of all
(one small file written beside them). Measures are additive (counts, employees) or maxima
(largest establishment), so sums of sums equal the figures of a direct scan.

The cube is rebuilt at the end of a successful import and, lazily, whenever its stamp (the
establishments file's version and the perimeter file's content) no longer matches.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from essdash.indicators import store
from essdash.indicators.perimeter import LEGAL, Perimeter, load_perimeter, perimeter_path
from essdash.indicators.query import classified_sql, lookup_tables

CUBE_DIR = "cube"
STAMP = "stamp.json"
FRANCE = "france.parquet"
COMMUNES = "communes"
MEASURES = ("establishments", "employer_establishments", "employees_estimate", "max_employees")
NO_COMMUNE = "_"
SCHEMA = pa.schema(
    [("commune", pa.string()), ("part", pa.string()), ("active", pa.bool_()),
     ("family", pa.string()), ("private", pa.bool_()), ("key", pa.string()),
     ("establishments", pa.int64()), ("employer_establishments", pa.int64()),
     ("employees_estimate", pa.float64()), ("max_employees", pa.float64())]
)  # fmt: skip


def cube_dir() -> Path:
    return store.sirene_dir() / CUBE_DIR


def stamp() -> str:
    """What the cube was computed from: the establishments file and the perimeter table."""
    digest = hashlib.sha1(perimeter_path().read_bytes()).hexdigest()[:16]
    return f"{store.file_version(store.establishments_path())}|{digest}"


def is_fresh() -> bool:
    try:
        found = json.loads((cube_dir() / STAMP).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return False
    return bool(found.get("stamp") == stamp())


def departement_of(commune: str) -> str:
    """'44109' -> '44', '97411' -> '974', '2A004' -> '2A' (the partition of a commune)."""
    return commune[:3] if commune.startswith("97") else commune[:2]


def _cube_sql(perimeter: Perimeter) -> str:
    classified = classified_sql(perimeter, LEGAL, False, None)
    measures = """count(*) AS establishments,
        count(*) FILTER (employees > 0) AS employer_establishments,
        sum(employees) AS employees_estimate, max(employees) AS max_employees"""
    return f"""
        WITH c AS (SELECT * REPLACE (CASE WHEN family IS NULL THEN NULL ELSE year END AS year),
                   CASE WHEN naf IS NULL THEN '' ELSE substr(naf, 1, 2) END AS division
                   FROM ({classified}))
        SELECT CASE WHEN commune IS NULL THEN '{NO_COMMUNE}'
                    WHEN starts_with(commune, '97') THEN substr(commune, 1, 3)
                    ELSE substr(commune, 1, 2) END AS dep,
            commune, part, active, family, private, key, establishments,
            employer_establishments, employees_estimate, max_employees
        FROM (
            SELECT commune,
                CASE GROUPING(private, division, size, year) WHEN 7 THEN 'base'
                    WHEN 11 THEN 'division' WHEN 13 THEN 'size' ELSE 'year' END AS part,
                active, family, private,
                coalesce(division, size, CAST(year AS VARCHAR)) AS key, {measures}
            FROM c
            GROUP BY GROUPING SETS ((commune, active, family, private),
                (commune, active, family, division), (commune, active, family, size),
                (commune, family, year))
        )
        WHERE part = 'base' OR (family IS NOT NULL AND (part = 'year' AND key IS NOT NULL
                                                       OR part <> 'year' AND active))
    """


@contextlib.contextmanager
def _lock() -> Iterator[None]:
    """One builder at a time (two sessions may find the cube stale together)."""
    with (store.sirene_dir() / ".cube.lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build(perimeter: Perimeter | None = None) -> Path:
    """Aggregate the establishments into the cube (replacing any previous one); returns it."""
    p = perimeter or load_perimeter()
    wanted = stamp()
    temp = store.sirene_dir() / f".cube.{uuid.uuid4().hex}.tmp"
    con = store.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        for name, frame in lookup_tables(p).items():
            con.register(name, frame)
        con.register("aliases", pd.DataFrame({"old_code": [], "commune_code": []}, dtype=object))
        con.execute(f"CREATE TEMP TABLE cube AS {_cube_sql(p)}")
        temp.mkdir()
        con.execute(
            f"COPY (SELECT * FROM cube) TO '{store.sql_path(temp / COMMUNES)}' "
            "(FORMAT parquet, PARTITION_BY (dep), COMPRESSION zstd)"
        )
        keys = "part, active, family, private, key"
        con.execute(
            f"COPY (SELECT {keys}, sum(establishments) AS establishments, "
            "sum(employer_establishments) AS employer_establishments, "
            "sum(employees_estimate) AS employees_estimate, max(max_employees) AS max_employees "
            f"FROM cube GROUP BY {keys}) TO '{store.sql_path(temp / FRANCE)}' (FORMAT parquet)"
        )
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    finally:
        con.close()
    (temp / STAMP).write_text(json.dumps({"stamp": wanted}), encoding="utf-8")
    _replace(temp, cube_dir())
    return cube_dir()


def _replace(temp: Path, target: Path) -> None:
    old = target.with_name(f".{target.name}.{uuid.uuid4().hex}.old")
    if target.exists():
        target.replace(old)
    temp.replace(target)
    shutil.rmtree(old, ignore_errors=True)


def rebuild_after_import() -> None:
    """Called once at the end of a successful Sirene import."""
    with _lock():
        build()


def ensure() -> Path:
    """The cube directory, built first when missing or stale."""
    if not is_fresh():
        with _lock():
            if not is_fresh():
                build()
    return cube_dir()


def france_rows() -> pa.Table:
    return pq.read_table(ensure() / FRANCE)


def commune_rows(raw_codes: set[str] | None) -> pa.Table:
    """Rows of these raw commune codes (every commune when None), with their `commune` column."""
    root = ensure() / COMMUNES
    if raw_codes is None:
        folders = sorted(root.glob("dep=*"))
    else:
        deps = {departement_of(c) for c in raw_codes}
        folders = [root / f"dep={d}" for d in sorted(deps) if (root / f"dep={d}").is_dir()]
    files = [f for folder in folders for f in sorted(folder.glob("*.parquet"))]
    if not files:
        return SCHEMA.empty_table()
    tables = [pq.read_table(f, schema=SCHEMA) for f in files]
    table = pa.concat_tables(tables) if len(tables) > 1 else tables[0]
    if raw_codes is not None:
        table = table.filter(pc.is_in(table["commune"], pa.array(sorted(raw_codes))))
    return table
