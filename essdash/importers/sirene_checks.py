"""Finding the lines behind a refused Sirene import, for a French message naming file and lines.

The import checks every row inside its one scan and stops on the first bad one; only then are the
source files read again, here, to name the lines (a good import never pays for this).
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from essdash.errors import ImportFailed
from essdash.formatting import fmt_int
from essdash.importers.sources import Source
from essdash.indicators import store

Checks = tuple[tuple[str, str, str], ...]
SHOWN_LINES = 5


def _numbered(source: Source, expr: str) -> str:
    """The source with its line numbers (the header is line 1 of a CSV)."""
    offset = 1 if source.is_csv else 0
    return f"SELECT row_number() OVER () + {offset} AS n, {expr} AS v FROM {source.relation} s"


def _lines_text(lines: list[int]) -> str:
    shown = [str(n) for n in lines[:SHOWN_LINES]]
    if len(lines) == 1:
        return f"ligne {shown[0]}"
    if len(lines) > SHOWN_LINES:
        return f"lignes {', '.join(shown)}…"
    return f"lignes {', '.join(shown[:-1])} et {shown[-1]}"


def _ordered(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple[object, ...]]:
    con.execute("SET preserve_insertion_order = true")
    try:
        return con.execute(sql).fetchall()
    finally:
        con.execute("SET preserve_insertion_order = false")


def bad_value_error(
    con: duckdb.DuckDBPyConnection,
    source: Source,
    checks: Checks,
    values: dict[str, str],
    columns: dict[str, str],
) -> ImportFailed | None:
    """The message for the first check that some line of `source` fails, or None."""
    for key, expected, predicate in checks:
        rows = _ordered(
            con,
            f"SELECT n, v, count(*) OVER () FROM ({_numbered(source, values[key])}) "
            f"WHERE {predicate.format(v='v')} ORDER BY n LIMIT {SHOWN_LINES + 1}",
        )
        if not rows:
            continue
        lines = [int(str(r[0])) for r in rows]
        value = "" if rows[0][1] is None else str(rows[0][1])
        return ImportFailed(
            f"{source.label}, {_lines_text(lines)} : colonne « {columns[key]} » attendue avec "
            f"{expected}, lu « {value} » ({fmt_int(int(str(rows[0][2])))} ligne(s) en erreur)."
        )
    return None


def duplicated_sirets(con: duckdb.DuckDBPyConnection, parquet: Path) -> list[str]:
    """Up to three SIRET present more than once in the stored table (empty list when none)."""
    relation = f"read_parquet('{store.sql_path(parquet)}')"
    rows = con.execute(
        f"SELECT CAST(siret AS BIGINT) AS k FROM {relation} "
        "GROUP BY k HAVING count(*) > 1 ORDER BY k LIMIT 3"
    ).fetchall()
    return [f"{int(str(r[0])):014d}" for r in rows]


def _count_duplicates(con: duckdb.DuckDBPyConnection, parquet: Path) -> int:
    relation = f"read_parquet('{store.sql_path(parquet)}')"
    row = con.execute(
        f"SELECT count(*) FROM (SELECT siret FROM {relation} GROUP BY siret HAVING count(*) > 1)"
    ).fetchone()
    return int(row[0]) if row else 0


def _repeated_lines(
    con: duckdb.DuckDBPyConnection, source: Source, expr: str, keys: list[str]
) -> tuple[str, list[int]] | None:
    """The first key given on several lines of `source`, with those lines."""
    wanted = ", ".join("'" + k.replace("'", "''") + "'" for k in keys)
    rows = _ordered(
        con, f"SELECT n, v FROM ({_numbered(source, expr)}) WHERE v IN ({wanted}) ORDER BY n"
    )
    lines: dict[str, list[int]] = {}
    for n, v in rows:
        lines.setdefault(str(v), []).append(int(str(n)))
    for key in keys:
        if len(lines.get(key, [])) > 1:
            return key, lines[key]
    return None


def duplicate_error(
    con: duckdb.DuckDBPyConnection,
    parquet: Path,
    sirets: list[str],
    sources: list[tuple[Source, str, str]],
) -> ImportFailed:
    """Which file repeats a key: `sources` are (source, key expression, key kind) to search in
    order, e.g. the establishments by SIRET, then the legal units by SIREN."""
    total = fmt_int(_count_duplicates(con, parquet))
    for source, expr, kind in sources:
        keys = sirets if kind == "SIRET" else sorted({s[:9] for s in sirets})
        found = _repeated_lines(con, source, expr, keys)
        if found is None:
            continue
        key, lines = found
        unit = "chaque établissement" if kind == "SIRET" else "chaque unité légale"
        return ImportFailed(
            f"{source.label}, {_lines_text(lines)} : {kind} « {key} » présent "
            f"{len(lines)} fois ; {unit} doit figurer une seule fois "
            f"({total} établissement(s) en double au total). Corrigez le fichier et relancez "
            "l'import."
        )
    return ImportFailed(
        f"{sources[0][0].label} : {total} SIRET en double (par exemple « {sirets[0]} ») ; "
        "chaque établissement doit figurer une seule fois."
    )
