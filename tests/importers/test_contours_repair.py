"""Contours: a self-intersecting contour is repaired with its whole area (make_valid), not halved by
buffer(0), and the import's summary says which entity was repaired; the level files (départements)
change only when the import commits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from shapely.geometry import shape
from sqlalchemy import select

from essdash.db import read_session, write_session
from essdash.errors import ImportFailed
from essdash.importers.cog import import_cog_file
from essdash.importers.contours import contours_dir, import_contours, level_geometries
from essdash.models import Commune

GOOD_COG = Path(__file__).resolve().parent.parent / "data" / "cog" / "v_commune_2024_extrait.csv"


def test_figure_eight_keeps_its_area_and_is_reported(db_url: str, tmp_path: Path) -> None:
    with write_session() as s:
        import_cog_file(s, GOOD_COG)
    # Two triangles of 0.02 square degrees each, drawn as one crossing ring.
    ring = [[-1.6, 47.2], [-1.4, 47.4], [-1.4, 47.2], [-1.6, 47.4], [-1.6, 47.2]]
    feature = {
        "type": "Feature",
        "properties": {"code": "44109", "nom": "Nantes"},
        "geometry": {"type": "Polygon", "coordinates": [ring]},
    }
    path = tmp_path / "nantes.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [feature]}))
    with write_session() as s:
        summary = import_contours(s, path)
    assert "1 contour(s) auto-intersecté(s) réparé(s)" in summary
    assert "entité n° 1 (44109)" in summary
    with read_session() as s:
        stored = s.scalar(select(Commune.geometry).where(Commune.code == "44109"))
    assert stored is not None
    repaired = shape(json.loads(stored))
    assert repaired.is_valid
    assert abs(repaired.area - 0.02) < 1e-6  # buffer(0) kept 0.01: half of it


def test_level_file_is_written_only_when_the_import_commits(
    db_url: str, shared_data: Path, tmp_path: Path
) -> None:
    geo = shared_data / "geo"
    with write_session() as s:
        import_cog_file(s, shared_data / "cog" / "departements.json")
    with write_session() as s:  # two files in one transaction: both départements kept
        import_contours(s, geo / "departement-44-loire-atlantique.geojson")
        import_contours(s, geo / "departement-72-sarthe.geojson")
    assert set(level_geometries("departement")) == {"44", "72"}
    written = (contours_dir() / "departement.geojson").read_bytes()
    broken = tmp_path / "casse.geojson"
    broken.write_text('{"type": "FeatureCollection", "features": [42]}')
    with pytest.raises(ImportFailed, match=r"casse\.geojson, entité n° 1"), write_session() as s:
        import_contours(s, geo / "departement-02-aisne.geojson")
        import_contours(s, broken)
    assert (contours_dir() / "departement.geojson").read_bytes() == written
    assert [p.name for p in contours_dir().iterdir()] == ["departement.geojson"]
