"""`backup` then `restore`: the database and the data files come back exactly as they were."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from essdash import config
from essdash.cli import main
from essdash.db import read_session, write_session
from essdash.demo import load_demo
from essdash.indicators import store
from essdash.models import Base, Participant
from essdash.workshop.activities.signin import records


def _database_rows() -> dict[str, list[tuple]]:
    with read_session() as s:
        return {
            t.name: sorted(tuple(map(str, row)) for row in s.execute(select(t)))
            for t in Base.metadata.sorted_tables
        }


def _files(data_dir: Path) -> dict[str, str]:
    """Checksums of every kept file of the data directory."""
    kept = ("secret_key", "sirene", "contours")
    return {
        p.relative_to(data_dir).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(data_dir.rglob("*"))
        if p.is_file() and p.relative_to(data_dir).parts[0] in kept
    }


@pytest.fixture
def installed(db_url: str) -> Path:
    """The demo loaded (database, Sirene Parquet files), a secret key and a contour file."""
    with write_session() as s:
        load_demo(s)
    config.secret_key()
    contours = config.data_dir() / "contours"
    contours.mkdir(exist_ok=True)
    (contours / "departement.geojson").write_text('{"type": "FeatureCollection", "features": []}')
    assert store.has_establishments()
    return config.data_dir()


def test_round_trip_brings_back_database_and_files(
    installed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows, files = _database_rows(), _files(installed)
    assert {"secret_key", "contours/departement.geojson"} <= set(files)
    assert any(name.startswith("sirene/") for name in files)
    archive = tmp_path / "sauvegardes" / "essdash.zip"
    assert main(["backup", str(archive)]) == 0
    assert "Sauvegarde écrite" in capsys.readouterr().out
    with zipfile.ZipFile(archive) as z:
        names = set(z.namelist())
        manifest = json.loads(z.read("manifest.json"))
    assert {"essdash.db", "data/secret_key", "data/contours/departement.geojson"} <= names
    assert set(manifest["files"]) == names - {"manifest.json"}
    # Life goes on after the backup: an erasure, a lost Sirene file, a new key, a stray contour.
    with write_session() as s:
        first = s.scalars(select(Participant.id).order_by(Participant.id)).first()
        records.erase_participant(s, participant_id=first)
    store.establishments_path().unlink()
    (installed / "secret_key").write_text("another key")
    (installed / "contours" / "region.geojson").write_text("{}")
    assert _database_rows() != rows
    assert main(["restore", str(archive)]) == 0
    assert _database_rows() == rows
    assert _files(installed) == files


def _broken_archives(good: Path, tmp_path: Path) -> dict[str, Path]:
    out: dict[str, Path] = {}
    out["pas un zip"] = tmp_path / "texte.zip"
    out["pas un zip"].write_text("bonjour")
    with zipfile.ZipFile(good) as z:
        members = {n: z.read(n) for n in z.namelist()}
    tampered = dict(members, **{"data/secret_key": b"altered"})
    stranger = dict(members, **{"data/../../evil": b"x"})
    manifest = json.loads(members["manifest.json"])
    manifest["files"]["data/../../evil"] = hashlib.sha256(b"x").hexdigest()
    stranger["manifest.json"] = json.dumps(manifest).encode()
    no_manifest = {n: b for n, b in members.items() if n != "manifest.json"}
    for label, content in (("somme de contrôle", tampered), ("fichier étranger", stranger),
                           ("sans manifeste", no_manifest)):  # fmt: skip
        path = tmp_path / f"{label}.zip"
        with zipfile.ZipFile(path, "w") as z:
            for name, data in content.items():
                z.writestr(name, data)
        out[label] = path
    return out


def test_a_bad_archive_is_refused_and_changes_nothing(
    installed: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # tmp_path is the data directory: the archives go aside, where the fingerprint does not look.
    archives = tmp_path / "archives"
    archives.mkdir()
    good = archives / "good.zip"
    assert main(["backup", str(good)]) == 0
    with write_session() as s:  # a change the bad restores must not undo
        first = s.scalars(select(Participant.id).order_by(Participant.id)).first()
        records.erase_participant(s, participant_id=first)
    before = _files(installed)
    rows = _database_rows()
    for label, path in _broken_archives(good, archives).items():
        capsys.readouterr()
        assert main(["restore", str(path)]) == 2, label
        err = capsys.readouterr().err
        assert err.startswith("Erreur : ") and path.name in err and "Traceback" not in err, label
        assert _database_rows() == rows, label
        assert _files(installed) == before, label
        assert not list(installed.glob(".restore-*")), label


def test_backup_refuses_postgresql_with_the_pg_dump_hint(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("ESSDASH_DATABASE_URL", "postgresql+psycopg2://u@127.0.0.1/essdash")
    assert main(["backup", "x.zip"]) == 2
    assert "pg_dump" in capsys.readouterr().err


def test_the_snapshot_is_a_sound_sqlite_file(installed: Path, tmp_path: Path) -> None:
    archive = tmp_path / "a.zip"
    assert main(["backup", str(archive)]) == 0
    with zipfile.ZipFile(archive) as z:
        (tmp_path / "x.db").write_bytes(z.read("essdash.db"))
    with sqlite3.connect(tmp_path / "x.db") as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM participant").fetchone()[0] > 0
