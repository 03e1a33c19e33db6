"""Progress of a long DuckDB statement, reported as rows read (estimated from the bytes read).

DuckDB knows how far its scan of a file is (`query_progress()`, callable from another thread while
the statement runs); the number of rows is the file's size divided by the mean length of its first
lines, so the message says "≈".
"""

from __future__ import annotations

import threading
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

import duckdb

from essdash.formatting import fmt_int

Progress = Callable[[float, str], None]
POLL_SECONDS = 0.5
T = TypeVar("T")


def estimated_rows(path: Path) -> int:
    """Rows of a CSV or zipped CSV (from its size and first lines) or of a Parquet file (from its
    footer); 0 when unknown."""
    try:
        suffix = path.suffix.lower()
        if suffix == ".parquet":
            return _parquet_rows(path)
        if suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                member = next(m for m in archive.infolist() if m.filename.lower().endswith(".csv"))
                with archive.open(member) as handle:
                    return _csv_rows(handle.read(1 << 20), member.file_size)
        with path.open("rb") as handle:
            return _csv_rows(handle.read(1 << 20), path.stat().st_size)
    except (OSError, StopIteration, zipfile.BadZipFile, duckdb.Error):
        return 0


def _parquet_rows(path: Path) -> int:
    con = duckdb.connect()
    try:
        row = con.execute("SELECT sum(num_rows) FROM parquet_file_metadata(?)", [str(path)])
        found = row.fetchone()
    finally:
        con.close()
    return int(found[0] or 0) if found else 0


def _csv_rows(head: bytes, size: int) -> int:
    lines = head.count(b"\n")
    if lines <= 1 or len(head) >= size:
        return max(lines - 1, 0) + (0 if head.endswith(b"\n") or lines == 0 else 1)
    first = head.index(b"\n") + 1
    return max(1, round((size - first) * (lines - 1) / (len(head) - first)))


def rows_message(label: str, done: float, total: int) -> str:
    return f"{label} : ≈ {fmt_int(round(done))} lignes lues sur ≈ {fmt_int(total)}"


def run_watched(
    con: duckdb.DuckDBPyConnection,
    work: Callable[[], T],
    step: Progress,
    span: tuple[float, float],
    label: str,
    rows: int,
) -> T:
    """Run `work` (one statement on `con`) in a worker thread and report, from the calling thread
    (so that a Streamlit page may draw), the rows read so far mapped onto `span` of the bar."""
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = work()
        except BaseException as error:  # re-raised in the calling thread
            outcome["error"] = error

    con.execute("SET enable_progress_bar = true")
    con.execute("SET enable_progress_bar_print = false")
    step(span[0], rows_message(label, 0, rows))
    worker = threading.Thread(target=target, name="sirene-import", daemon=True)
    worker.start()
    try:
        while True:
            worker.join(POLL_SECONDS)
            if not worker.is_alive():
                break
            percent = con.query_progress()
            if percent >= 0:
                share = min(percent, 100.0) / 100
                step(span[0] + (span[1] - span[0]) * share, rows_message(label, rows * share, rows))
    except BaseException:
        con.interrupt()
        worker.join()
        raise
    if "error" in outcome:
        raise outcome["error"]
    step(span[1], rows_message(label, rows, rows))
    return cast(T, outcome["value"])
