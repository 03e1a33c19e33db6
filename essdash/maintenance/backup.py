"""Backup and restore of a SQLite installation: the database and the data files it relies on.

An archive is a zip holding `manifest.json`, `essdash.db` (a consistent snapshot taken with
SQLite's online backup API while the app runs) and, under `data/`, the files of the data
directory that cannot be rebuilt from the database:

- `secret_key`: signs the projection links already handed out;
- `sirene/*.parquet`: the imported Sirene and URSSAF figures (the national stocks weigh GB);
- `contours/*.geojson`: imported outlines drawn on the maps;
- `perimetre_ess.csv`, `filieres.csv`: the observatory's own tables, when it has them.

Uploads (deleted once imported) and caches are left out. A restore checks the whole archive
(checksums, SQLite integrity) before it changes anything, then writes the database through
the backup API and replaces the files. PostgreSQL is saved with `pg_dump` (see the README).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from essdash import config
from essdash.errors import UserError

FORMAT = "essdash-backup-1"
DATABASE_MEMBER = "essdash.db"
DATA_PREFIX = "data/"
KEPT_PATTERNS = ("secret_key", "sirene/*.parquet", "contours/*.geojson",
                 "perimetre_ess.csv", "filieres.csv")  # fmt: skip
PG_DUMP_HINT = (
    "PostgreSQL : sauvegardez avec `pg_dump --format=custom` et restaurez avec `pg_restore` "
    "(voir le README), puis copiez le dossier de données."
)


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    files: tuple[str, ...]
    size: int


def sqlite_path(url: str | None = None) -> Path:
    """The database file of a SQLite URL; UserError for any other database."""
    parsed = make_url(url or config.database_url())
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        raise UserError(PG_DUMP_HINT)
    return Path(parsed.database)


def kept_files(data_dir: Path) -> list[Path]:
    """The data directory's files an archive carries (see the module docstring)."""
    found = {p for pattern in KEPT_PATTERNS for p in data_dir.glob(pattern) if p.is_file()}
    return sorted(found)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _snapshot(database: Path, target: Path) -> None:
    """A consistent copy of a live database (SQLite online backup API)."""
    source = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=15)
    copy = sqlite3.connect(target)
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()


def backup(archive: Path, url: str | None = None) -> BackupSummary:
    """Write the archive (replaced atomically if it exists)."""
    database, data_dir = sqlite_path(url), config.data_dir()
    if not database.is_file():
        raise UserError(f"Sauvegarde : la base {database} n'existe pas (lancez `init-db`).")
    archive.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=archive.parent) as work:
        snapshot, partial = Path(work) / DATABASE_MEMBER, Path(work) / "partial.zip"
        _snapshot(database, snapshot)
        files = {DATABASE_MEMBER: snapshot}
        files |= {DATA_PREFIX + p.relative_to(data_dir).as_posix(): p for p in kept_files(data_dir)}
        manifest = {
            "format": FORMAT,
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "files": {name: _sha256(path) for name, path in files.items()},
        }
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as out:
            out.writestr("manifest.json", json.dumps(manifest, indent=2))
            for name, path in files.items():
                out.write(path, name)
        partial.replace(archive)
    return BackupSummary(archive, tuple(files), archive.stat().st_size)


def _allowed(name: str) -> bool:
    if name == DATABASE_MEMBER:
        return True
    relative = name.removeprefix(DATA_PREFIX)
    if not name.startswith(DATA_PREFIX) or ".." in Path(relative).parts:
        return False
    return any(Path(relative).match(pattern) for pattern in KEPT_PATTERNS)


def _manifest(source: zipfile.ZipFile, archive: Path) -> dict[str, str]:
    try:
        manifest = json.loads(source.read("manifest.json"))
    except (KeyError, ValueError) as error:
        raise UserError(f"{archive.name} : manifest.json absent ou illisible.") from error
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if manifest.get("format") != FORMAT or not isinstance(files, dict):
        raise UserError(f"{archive.name} : ce n'est pas une sauvegarde essdash ({FORMAT}).")
    if DATABASE_MEMBER not in files:
        raise UserError(f"{archive.name} : la base {DATABASE_MEMBER} manque à la sauvegarde.")
    refused = sorted(name for name in files if not _allowed(name))
    if refused:
        raise UserError(f"{archive.name} : fichiers inattendus dans la sauvegarde : {refused}.")
    return {str(k): str(v) for k, v in files.items()}


def _extract_checked(archive: Path, work: Path) -> dict[str, Path]:
    """Every member extracted and checked against the manifest, or UserError (nothing written)."""
    try:
        source = zipfile.ZipFile(archive)
    except (OSError, zipfile.BadZipFile) as error:
        raise UserError(
            f"{archive.name} : fichier illisible ou qui n'est pas une archive zip."
        ) from error
    extracted: dict[str, Path] = {}
    with source:
        for name, digest in _manifest(source, archive).items():
            target = work / name
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                with source.open(name) as member, target.open("wb") as out:
                    while block := member.read(1 << 20):
                        out.write(block)
            except (KeyError, zipfile.BadZipFile) as error:
                raise UserError(f"{archive.name} : {name} manque ou est abîmé.") from error
            if _sha256(target) != digest:
                raise UserError(
                    f"{archive.name} : {name} ne correspond pas à sa somme de contrôle."
                )
            extracted[name] = target
    _check_database(extracted[DATABASE_MEMBER], archive)
    return extracted


def _check_database(path: Path, archive: Path) -> None:
    try:
        with sqlite3.connect(path) as conn:
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            ok = (
                ok
                and conn.execute(
                    "SELECT 1 FROM sqlite_master WHERE name = 'alembic_version'"
                ).fetchone()
                is not None
            )
    except sqlite3.DatabaseError:
        ok = False
    if not ok:
        raise UserError(f"{archive.name} : la base sauvegardée est abîmée ou n'est pas essdash.")


def restore(archive: Path, url: str | None = None) -> tuple[str, ...]:
    """Replace the database and the kept data files by the archive's (checked first)."""
    from essdash.db import migrate
    from essdash.db.engine import dispose_engines

    database, data_dir = sqlite_path(url), config.data_dir()
    if not archive.is_file():
        raise UserError(f"Restauration : le fichier {archive} n'existe pas.")
    with tempfile.TemporaryDirectory(dir=data_dir, prefix=".restore-") as work:
        extracted = _extract_checked(archive, Path(work))
        dispose_engines()
        database.parent.mkdir(parents=True, exist_ok=True)
        source = sqlite3.connect(extracted.pop(DATABASE_MEMBER))
        target = sqlite3.connect(database, timeout=15)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        wanted = {
            data_dir / name.removeprefix(DATA_PREFIX): path for name, path in extracted.items()
        }
        for stale in set(kept_files(data_dir)) - set(wanted):
            stale.unlink()
        for destination, path in wanted.items():
            destination.parent.mkdir(parents=True, exist_ok=True)
            path.replace(destination)
    migrate.upgrade(url)  # an archive from an older version gets the current schema
    return (DATABASE_MEMBER, *sorted(extracted))
