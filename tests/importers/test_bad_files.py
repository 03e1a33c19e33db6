"""Broken files: a French message naming the file, the line and the expected column; nothing
changes (the SQL transaction rolls back, the previous Parquet store stays byte for byte)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import func, select

from essdash.db import read_session, write_session
from essdash.errors import ImportFailed
from essdash.importers.cog import import_cog_file
from essdash.importers.contours import import_contours
from essdash.importers.sirene import import_sirene
from essdash.importers.urssaf import import_urssaf
from essdash.indicators import store
from essdash.models import Commune

BAD = Path(__file__).resolve().parent.parent / "data" / "bad"
GOOD_COG = Path(__file__).resolve().parent.parent / "data" / "cog" / "v_commune_2024_extrait.csv"

SIRENE_CASES = [
    ("etablissements_sans_commune.csv", ["ligne 1", "codeCommuneEtablissement"]),
    ("etablissements_siret_court.csv", ["ligne 3", "« siret »", "14 chiffres", "1234567890002"]),
    ("etablissements_colonne_en_trop.csv", ["ligne 4", "nombre de colonnes"]),
    ("etablissements_commune_invalide.csv", ["ligne 3", "codeCommuneEtablissement", "4410"]),
]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(("name", "fragments"), SIRENE_CASES)
def test_bad_sirene_file_names_file_line_column_and_keeps_store(
    db_url: str, shared_data: Path, name: str, fragments: list[str]
) -> None:
    import_sirene(shared_data / "sirene" / "StockEtablissement_utf8_geo_sample_gosirene.csv")
    before = _digest(store.establishments_path())
    with pytest.raises(ImportFailed) as caught:
        import_sirene(BAD / name)
    message = str(caught.value)
    assert message.startswith(name)
    for fragment in fragments:
        assert fragment in message
    assert _digest(store.establishments_path()) == before
    assert not list(store.sirene_dir().glob(".*.tmp"))


def test_bad_cog_csv_rolls_back(db_url: str) -> None:
    with write_session() as s:
        import_cog_file(s, GOOD_COG)
    with (
        pytest.raises(
            ImportFailed, match=r"v_commune_code_invalide.csv, ligne 3 : colonne « COM »"
        ),
        write_session() as s,
    ):
        import_cog_file(s, BAD / "v_commune_code_invalide.csv")
    with read_session() as s:
        assert s.scalar(select(func.count()).select_from(Commune)) == 3
        assert s.get(Commune, "44109").name == "Nantes"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("name", "fragments"),
    [
        ("contours_json_invalide.geojson", ["ligne 5", "JSON invalide"]),
        ("contours_sans_code.geojson", ["entité n° 1", "« code »"]),
    ],
)
def test_bad_contours(db_url: str, name: str, fragments: list[str]) -> None:
    with write_session() as s:
        import_cog_file(s, GOOD_COG)
    with pytest.raises(ImportFailed) as caught, write_session() as s:
        import_contours(s, BAD / name)
    assert str(caught.value).startswith(name)
    for fragment in fragments:
        assert fragment in str(caught.value)
    with read_session() as s:
        assert s.scalar(select(func.count(Commune.geometry))) == 0


def test_urssaf_without_headcount_columns(db_url: str) -> None:
    with pytest.raises(ImportFailed, match=r"urssaf_sans_effectifs.csv, ligne 1 : .*Effectifs"):
        import_urssaf(BAD / "urssaf_sans_effectifs.csv")
    assert not store.urssaf_path().exists()


def test_demo_sirene_is_idempotent_and_keeps_other_communes(db_url: str, shared_data: Path) -> None:
    import duckdb

    from essdash.demo import load_demo

    real = shared_data / "sirene" / "StockEtablissement_utf8_geo_sample_gosirene.csv"
    import_sirene(real)
    counts = []
    for _ in range(2):
        with write_session() as s:
            load_demo(s)
        counts.append(
            duckdb.connect()
            .execute(
                "SELECT count(*) FILTER (starts_with(commune, '00')), "
                f"count(*) FILTER (NOT starts_with(commune, '00')) "
                f"FROM read_parquet('{store.establishments_path()}')"
            )
            .fetchone()
        )
    assert counts[0] == counts[1]
    assert 2_500 <= counts[0][0] <= 3_500  # type: ignore[index]
    assert counts[0][1] == 40  # type: ignore[index]  # the real rows are left alone
