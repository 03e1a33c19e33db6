"""Tabular source files (.csv, .zip of a .csv, .parquet) read by name through DuckDB."""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from essdash.errors import ImportFailed
from essdash.indicators.store import sql_path

DELIMITERS = (",", ";", "\t", "|")
CSV_LINE_ERROR = re.compile(r"CSV Error on Line: (\d+)")


@dataclass(frozen=True)
class Source:
    """One readable table: the name shown to the user, its columns and a DuckDB FROM clause."""

    label: str
    columns: tuple[str, ...]
    relation: str
    is_csv: bool

    def find(self, *candidates: str) -> str | None:
        """The actual column matching one of the candidate names (case-insensitive)."""
        lowered = {c.lower(): c for c in self.columns}
        for name in candidates:
            if name.lower() in lowered:
                return lowered[name.lower()]
        return None

    def require(self, *candidates: str) -> str:
        found = self.find(*candidates)
        if found is None:
            raise ImportFailed(
                f"{self.label}, ligne 1 : colonne attendue « {candidates[0]} » introuvable "
                "dans l'en-tête."
            )
        return found


def _read_header(path: Path, label: str) -> tuple[list[str], str]:
    with path.open("rb") as handle:
        raw = handle.readline(1_000_000)
    try:
        line = raw.decode("utf-8-sig").rstrip("\r\n")
    except UnicodeDecodeError as error:
        raise ImportFailed(f"{label}, ligne 1 : encodage attendu UTF-8.") from error
    if not line:
        raise ImportFailed(f"{label}, ligne 1 : en-tête attendu, fichier vide.")
    delimiter = max(DELIMITERS, key=line.count)
    names = [name.strip().strip('"') for name in line.split(delimiter)]
    return names, delimiter


def _csv_source(path: Path, label: str) -> Source:
    names, delimiter = _read_header(path, label)
    columns = ", ".join(f"'{n.replace(chr(39), chr(39) * 2)}': 'VARCHAR'" for n in names)
    relation = (
        f"read_csv('{sql_path(path)}', auto_detect = false, header = true, "
        f"delim = '{delimiter}', quote = '\"', escape = '\"', columns = {{{columns}}})"
    )
    return Source(label, tuple(names), relation, is_csv=True)


def _parquet_source(path: Path, label: str) -> Source:
    relation = f"read_parquet('{sql_path(path)}')"
    con = duckdb.connect()
    try:
        rows = con.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()
    except duckdb.Error as error:
        raise ImportFailed(f"{label} : fichier Parquet illisible ({error}).") from error
    finally:
        con.close()
    return Source(label, tuple(str(r[0]) for r in rows), relation, is_csv=False)


@contextlib.contextmanager
def open_source(path: Path, work_dir: Path) -> Iterator[Source]:
    """Yield the source; a .zip is streamed to a temporary .csv first (bounded memory)."""
    label = path.name
    if not path.is_file():
        raise ImportFailed(f"{label} : fichier introuvable.")
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        yield _parquet_source(path, label)
        return
    if suffix != ".zip":
        yield _csv_source(path, label)
        return
    with tempfile.TemporaryDirectory(dir=work_dir) as tmp:
        yield _csv_source(_extract_csv(path, Path(tmp)), label)


def _extract_csv(path: Path, tmp: Path) -> Path:
    try:
        with zipfile.ZipFile(path) as archive:
            members = [m for m in archive.namelist() if m.lower().endswith(".csv")]
            if not members:
                raise ImportFailed(f"{path.name} : l'archive ne contient aucun fichier .csv.")
            target = tmp / Path(members[0]).name
            with archive.open(members[0]) as src, target.open("wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
    except zipfile.BadZipFile as error:
        raise ImportFailed(f"{path.name} : archive .zip illisible.") from error
    return target


def as_import_error(error: duckdb.Error, label: str) -> ImportFailed:
    """Translate a DuckDB reading error into a French message naming the file and line."""
    text = str(error)
    match = CSV_LINE_ERROR.search(text)
    if match:
        detail = "nombre de colonnes différent de l'en-tête"
        if "Expected Number of Columns" not in text:
            detail = "ligne mal formée (guillemets ou encodage)"
        return ImportFailed(f"{label}, ligne {match.group(1)} : {detail}.")
    first = text.splitlines()[0] if text else type(error).__name__
    return ImportFailed(f"{label} : lecture impossible ({first}).")
