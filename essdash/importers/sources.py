"""Tabular source files (.csv, .zip of a .csv, .parquet) read by name through DuckDB.

Every refusal is French and names the file (never a server path, never DuckDB's own text). A .zip
is checked from its directory (sizes, compression ratio) before a byte is extracted.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import duckdb

from essdash import config
from essdash.errors import ImportFailed
from essdash.formatting import fmt_int
from essdash.indicators.store import sql_path

DELIMITERS = (",", ";", "\t", "|")
CSV_LINE_ERROR = re.compile(r"CSV Error on Line: (\d+)")
ACCEPTED = "CSV en UTF-8 (séparateur « ; » ou « , »), .zip contenant un CSV, ou .parquet"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")
# Magic numbers of formats people send instead of a CSV, and how to name them.
SIGNATURES = (
    (b"\xd0\xcf\x11\xe0", "classeur Excel (.xls)"),
    (b"\x1f\x8b", "fichier compressé gzip"),
    (b"%PDF", "document PDF"),
    (b"PAR1", "fichier Parquet mal nommé (extension .parquet attendue)"),
    (b"7z\xbc\xaf", "archive 7-Zip"),
    (b"Rar!", "archive RAR"),
    (b"PK\x03\x04", "archive .zip mal nommée (extension .zip attendue)"),
)


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


def decode_utf8(raw: bytes, label: str) -> str:
    """`raw` as text; a French error naming the line of the first byte that is not UTF-8."""
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise ImportFailed(
            f"{label}, ligne 1 : encodage attendu UTF-8, lu UTF-16 (réenregistrez le fichier "
            "en UTF-8)."
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ImportFailed(
            f"{label}, ligne {line} : encodage attendu UTF-8, lu l'octet 0x{raw[error.start]:02x} "
            "(fichier en Latin-1 ou Windows-1252 ? réenregistrez-le en UTF-8)."
        ) from error


def refuse_foreign_format(path: Path, label: str, accepted: str = ACCEPTED) -> None:
    """Refuse workbooks, PDFs, gzip… with the formats that are accepted (before any decoding)."""
    with path.open("rb") as handle:
        head = handle.read(8)
    what = None
    if path.suffix.lower() in WORKBOOK_SUFFIXES or (
        head.startswith(b"PK\x03\x04") and _is_workbook(path)
    ):
        what = "classeur (Excel ou LibreOffice)"
    for magic, name in SIGNATURES:
        if what is None and head.startswith(magic):
            what = name
    if what is None and b"\x00" in head and head[:2] not in (b"\xff\xfe", b"\xfe\xff"):
        if head[0::2].count(0) >= 3 or head[1::2].count(0) >= 3:
            raise ImportFailed(
                f"{label}, ligne 1 : encodage attendu UTF-8, lu UTF-16 (réenregistrez le fichier "
                "en UTF-8)."
            )
        what = "fichier binaire"
    if what is not None:
        raise ImportFailed(f"{label} : {what} non accepté. Formats acceptés : {accepted}.")


def _is_workbook(path: Path) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False
    return "[Content_Types].xml" in names or "content.xml" in names


def _read_header(path: Path, label: str) -> tuple[list[str], str]:
    refuse_foreign_format(path, label)
    with path.open("rb") as handle:
        raw = handle.readline(1_000_000)
    line = decode_utf8(raw, label).rstrip("\r\n")
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
    with path.open("rb") as handle:
        head = handle.read(4)
    if head != b"PAR1":
        refuse_foreign_format(path, label)
        raise ImportFailed(f"{label} : fichier Parquet attendu, ce fichier n'en est pas un.")
    relation = f"read_parquet('{sql_path(path)}')"
    con = duckdb.connect()
    try:
        rows = con.execute(f"DESCRIBE SELECT * FROM {relation}").fetchall()
    except duckdb.Error as error:
        raise ImportFailed(
            f"{label} : fichier Parquet illisible (tronqué ou endommagé)."
        ) from error
    finally:
        con.close()
    return Source(label, tuple(str(r[0]) for r in rows), relation, is_csv=False)


@contextlib.contextmanager
def open_source(path: Path, work_dir: Path) -> Iterator[Source]:
    """Yield the source; a .zip is checked, then streamed once to a temporary .csv."""
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
        yield _csv_source(extract_csv(path, Path(tmp)), label)


def _zip_member(archive: zipfile.ZipFile, label: str) -> zipfile.ZipInfo:
    """The one .csv of the archive, refused when its declared size or ratio is abnormal."""
    names = archive.namelist()
    if "[Content_Types].xml" in names or "content.xml" in names:
        raise ImportFailed(f"{label} : classeur (Excel ou LibreOffice) non accepté. {_formats()}")
    members = [i for i in archive.infolist() if i.filename.lower().endswith(".csv")]
    if not members:
        raise ImportFailed(f"{label} : l'archive ne contient aucun fichier .csv.")
    if len(members) > 1:
        listed = ", ".join(Path(m.filename).name for m in members[:3])
        raise ImportFailed(f"{label} : un seul fichier .csv attendu dans l'archive, lu {listed}…")
    info = members[0]
    if info.flag_bits & 0x1:
        raise ImportFailed(f"{label} : archive protégée par un mot de passe, non acceptée.")
    limit, ratio = config.zip_max_bytes(), config.zip_max_ratio()
    if info.file_size > limit:
        raise ImportFailed(
            f"{label} : {Path(info.filename).name} ferait {_gib(info.file_size)} une fois "
            f"décompressé, au-delà du maximum de {_gib(limit)} (ESSDASH_ZIP_MAX_BYTES)."
        )
    if info.file_size > ratio * max(info.compress_size, 1) and info.file_size > 1 << 20:
        raise ImportFailed(
            f"{label} : taux de compression anormal "
            f"({fmt_int(info.file_size // max(info.compress_size, 1))} pour 1, "
            f"maximum {fmt_int(ratio)} pour 1, "
            "ESSDASH_ZIP_MAX_RATIO) : archive refusée sans être décompressée."
        )
    return info


def _formats() -> str:
    return f"Formats acceptés : {ACCEPTED}."


def _gib(size: float) -> str:
    return f"{size / 1024**3:.1f} Gio".replace(".", ",")


def extract_csv(path: Path, tmp: Path) -> Path:
    """Stream the archive's only .csv into `tmp`, never past the size its directory declares."""
    try:
        with zipfile.ZipFile(path) as archive:
            info = _zip_member(archive, path.name)
            if shutil.disk_usage(tmp).free < info.file_size:
                raise ImportFailed(f"{path.name} : espace disque insuffisant pour le décompresser.")
            target = tmp / Path(info.filename).name
            with archive.open(info) as src, target.open("wb") as dst:
                _bounded_copy(src, dst, info.file_size, path.name)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError) as error:
        raise ImportFailed(f"{path.name} : archive .zip illisible ou endommagée.") from error
    return target


def _bounded_copy(src: object, dst: object, declared: int, label: str) -> None:
    written = 0
    while chunk := src.read(1 << 20):  # type: ignore[attr-defined]
        written += len(chunk)
        if written > declared:
            raise ImportFailed(f"{label} : contenu plus grand que la taille annoncée, refusé.")
        dst.write(chunk)  # type: ignore[attr-defined]


def as_import_error(error: duckdb.Error, label: str) -> ImportFailed:
    """Translate a DuckDB reading error into a French message naming the file and line."""
    text = str(error)
    match = CSV_LINE_ERROR.search(text)
    if match:
        detail = "nombre de colonnes différent de l'en-tête"
        if "Expected Number of Columns" not in text:
            detail = "ligne mal formée (guillemets ou encodage)"
        if "unicode" in text.lower():
            detail = "encodage attendu UTF-8 (fichier en Latin-1 ou Windows-1252 ?)"
        return ImportFailed(f"{label}, ligne {match.group(1)} : {detail}.")
    if "unicode" in text.lower():
        return ImportFailed(f"{label} : encodage attendu UTF-8 (fichier en Latin-1 ?).")
    if isinstance(error, duckdb.ConversionException):
        return ImportFailed(f"{label} : une valeur n'a pas le type attendu (nombre, date, texte).")
    return ImportFailed(
        f"{label} : lecture impossible, fichier tronqué, endommagé ou d'un format inattendu. "
        f"{_formats()}"
    )
