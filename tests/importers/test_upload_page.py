"""The "Import des données" page fed hostile files (AppTest): a French refusal naming the file,
no exception, nothing left in data/uploads, the database and data files unchanged; a good .zip
is extracted once (reruns reuse it) and removed once imported."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from essdash.db import write_session
from essdash.importers.cog import import_cog_file
from tests.importers.corpus import samples as s
from tests.importers.corpus import tally
from tests.importers.test_corpus import fingerprint

ROOT = Path(__file__).resolve().parents[2]
Build = Callable[[Path], bytes]


def _deep(_shared: Path) -> bytes:
    return b"[" * 200_000 + b"]" * 200_000


def _nan_contours(shared: Path) -> bytes:
    return s.dumps(s.collection(s.features(shared))).replace(b"[[[", b"[[[NaN, NaN], [", 1)


def _lambert(shared: Path) -> bytes:
    features = s.features(shared)
    features[0]["geometry"]["coordinates"] = s.to_lambert93(features[0]["geometry"]["coordinates"])
    return s.dumps(s.collection(features))


def _unknown_member(shared: Path) -> bytes:
    items = s.epcis(shared)
    items[0]["membres"].append({"code": "99999"})
    return s.dumps(items)


def _latin1_cog(shared: Path) -> bytes:
    lines = s.cog_csv(shared)
    lines[2] = lines[2].replace(",,0,,", ",,0,,Éragny-", 1)
    return ("\n".join(lines) + "\n").encode("latin-1")


PAGE_CASES: list[tuple[str, str, str, Build, tuple[str, ...]]] = [
    ("page-cog-latin1", "cog", "v_commune.csv", _latin1_cog, ("ligne 3", "UTF-8")),
    ("page-cog-deep-json", "cog", "communes.json", _deep, ("imbriqué trop profondément",)),
    ("page-cog-unknown-member", "cog", "epci.json", _unknown_member, ("« 99999 »",)),
    ("page-contours-nan", "contours", "c.geojson", _nan_contours, ("NaN",)),
    ("page-contours-lambert93", "contours", "c.geojson", _lambert, ("entité n° 1", "Lambert-93")),
    (
        "page-sirene-zip-bomb",
        "sirene_e",
        "StockEtablissement.zip",
        lambda _s: s.zip_bomb("StockEtablissement.csv", 1 << 30),
        ("taux de compression anormal",),
    ),
    (
        "page-sirene-workbook-as-csv",
        "sirene_e",
        "stock.csv",
        lambda sh: s.workbook([line.split(",") for line in s.sirene_lines(sh)[:5]]),
        ("classeur", "Formats acceptés"),
    ),
    (
        "page-sirene-parquet-garbage",
        "sirene_e",
        "stock.parquet",
        lambda _s: b"pas du parquet\n" * 30,
        ("fichier Parquet attendu",),
    ),
    (
        "page-urssaf-zip-no-csv",
        "urssaf",
        "effectifs.zip",
        lambda _s: s.zipped({"lisezmoi.txt": b"rien"}),
        ("aucun fichier .csv",),
    ),
]


@pytest.fixture
def page(db_url: str, shared_data: Path, tmp_path: Path) -> AppTest:
    """The import page as a facilitator, on a database holding Loire-Atlantique's communes."""
    source = tmp_path / "seed" / "communes.json"
    source.parent.mkdir()
    source.write_bytes(s.dumps(s.communes(shared_data, 300)))
    with write_session() as session:
        import_cog_file(session, source)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["essdash_facilitator"] = True
    at.run()
    return at.switch_page("app_pages/import_donnees.py").run()


def _upload(at: AppTest, kind: str, name: str, content: bytes) -> AppTest:
    at.selectbox[0].set_value(kind).run()
    at.file_uploader[0].set_value((name, content, "application/octet-stream")).run()
    return at


def _click_import(at: AppTest) -> None:
    buttons = [b for b in at.button if b.label == "Importer"]
    if buttons:
        buttons[0].click().run()


def _texts(elements: Any) -> str:
    return " ".join(str(e.value) for e in elements)


def _data_files(tmp_path: Path) -> dict[str, str]:
    """The data files' fingerprint; SQLite's -shm (a lock index that every read touches, not
    data) is left out while the page's connections stay open."""
    return {
        k: v
        for k, v in fingerprint(tmp_path).items()
        if not k.startswith("seed/") and not k.endswith("-shm")
    }


@pytest.mark.parametrize(("name", "kind", "file", "build", "expect"), PAGE_CASES)
def test_hostile_upload_is_refused_in_french_and_leaves_nothing(
    page: AppTest,
    shared_data: Path,
    tmp_path: Path,
    record_property: Callable[[str, object], None],
    name: str,
    kind: str,
    file: str,
    build: Build,
    expect: tuple[str, ...],
) -> None:
    before = _data_files(tmp_path)
    _upload(page, kind, file, build(shared_data))
    _click_import(page)
    errors = _texts(page.error)
    unchanged = _data_files(tmp_path) == before
    clean = not page.exception and all(f in errors for f in expect) and file in errors
    outcome = {"clean": clean, "unchanged": unchanged, "repair": False, "rss_mb": 0}
    record_property(tally.PROPERTY, {"name": name, **outcome})  # tallied in tests/conftest.py
    assert not page.exception, page.exception
    assert "Import refusé, rien n'a changé." in errors
    assert file in errors
    for fragment in expect:
        assert fragment in errors, errors
    assert not list((tmp_path / "uploads").iterdir())
    assert unchanged, set(_data_files(tmp_path).items()) ^ set(before.items())
    page.run()  # a rerun with the file still in the widget: the refusal stays, nothing is redone
    assert "Import refusé" in _texts(page.error)
    assert not list((tmp_path / "uploads").iterdir())


def test_good_zip_is_extracted_once_and_removed_once_imported(
    page: AppTest, shared_data: Path, tmp_path: Path
) -> None:
    archive = s.zipped({"StockEtablissement.csv": s.sirene_bytes(shared_data)})
    _upload(page, "sirene_e", "StockEtablissement.zip", archive)
    staged = list((tmp_path / "uploads").rglob("*"))
    files = [p for p in staged if p.is_file()]
    assert [p.name for p in files] == ["StockEtablissement.csv"]  # the .zip itself is gone
    stamp = files[0].stat().st_mtime_ns
    page.run()  # a rerun (any widget) must not extract again
    assert files[0].stat().st_mtime_ns == stamp
    _click_import(page)
    assert not page.exception
    assert "40 établissements importés" in _texts(page.success)
    assert not list((tmp_path / "uploads").iterdir())
