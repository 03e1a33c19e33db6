"""Imports of the real public files of ../shared/data; expected figures are recomputed here from
the files themselves (csv/json modules, pyproj, shapely), never copied from the program."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pytest
from pyproj import Transformer
from shapely.geometry import shape
from sqlalchemy import func, select

from essdash.db import read_session, write_session
from essdash.importers.cog import import_cog_file
from essdash.importers.contours import import_contours
from essdash.importers.sirene import import_sirene
from essdash.importers.urssaf import import_urssaf
from essdash.indicators import store
from essdash.indicators.urssaf_store import private_employees
from essdash.models import Commune, CommuneAlias, Territory, TerritoryCommune


def _stored() -> list[dict[str, object]]:
    frame = (
        duckdb.connect().sql(f"SELECT * FROM read_parquet('{store.establishments_path()}')").df()
    )
    return frame.to_dict("records")


def test_cog_communes_epci_departements(db_url: str, shared_data: Path) -> None:
    cog = shared_data / "cog"
    items = json.loads((cog / "communes.json").read_text())
    current = {i["code"]: i for i in items if i["type"] == "commune-actuelle"}
    nantes_metro = next(
        e for e in json.loads((cog / "epci.json").read_text()) if e["code"] == "244400404"
    )
    with write_session() as s:
        for name in ("communes.json", "epci.json", "departements.json", "regions.json"):
            import_cog_file(s, cog / name)
    with read_session() as s:
        assert s.scalar(select(func.count()).select_from(Commune)) == len(current)
        nantes = s.get(Commune, "44109")
        assert nantes is not None and nantes.population == current["44109"]["population"]
        assert nantes.epci_code == "244400404"
        assert s.get(CommuneAlias, "02077").commune_code == "02564"  # type: ignore[union-attr]
        assert s.get(CommuneAlias, "13201").commune_code == "13055"  # type: ignore[union-attr]
        epci = s.scalar(
            select(Territory).where(Territory.kind == "epci", Territory.code == "244400404")
        )
        assert epci is not None and epci.parent_departement == "44"
        members = set(
            s.scalars(
                select(TerritoryCommune.commune_code).where(
                    TerritoryCommune.territory_id == epci.id
                )
            )
        )
        assert members == {m["code"] for m in nantes_metro["membres"]}
        dep = s.scalar(
            select(Territory).where(Territory.kind == "departement", Territory.code == "44")
        )
        assert dep is not None and dep.name == "Loire-Atlantique" and dep.parent_region == "52"


def test_insee_cog_csv_layout(db_url: str) -> None:
    data = Path(__file__).resolve().parent.parent / "data" / "cog"
    with write_session() as s:
        import_cog_file(s, data / "v_commune_2024_extrait.csv")
        import_cog_file(s, data / "v_departement_2024_extrait.csv")
    with read_session() as s:
        assert set(s.scalars(select(Commune.code))) == {"44109", "44143", "44003"}
        assert s.get(CommuneAlias, "44160").commune_code == "44003"  # type: ignore[union-attr]
        assert s.get(CommuneAlias, "44003") is None  # the delegated commune keeps its own code
        assert s.get(CommuneAlias, "13201").commune_code == "13055"  # type: ignore[union-attr]


def test_contours_union_merged_communes(db_url: str, shared_data: Path) -> None:
    with write_session() as s:
        import_cog_file(s, shared_data / "cog" / "communes.json")
        summary = import_contours(s, shared_data / "geo" / "communes-02-aisne.geojson")
    features = json.loads((shared_data / "geo" / "communes-02-aisne.geojson").read_text())[
        "features"
    ]
    by_code = {f["properties"]["code"]: shape(f["geometry"]) for f in features}
    expected_area = by_code["02018"].area + by_code["02301"].area + by_code["02434"].area
    with read_session() as s:
        merged = s.get(Commune, "02018")
        assert merged is not None and merged.geometry is not None
        assert shape(json.loads(merged.geometry)).area == pytest.approx(expected_area, rel=1e-3)
        assert shape(json.loads(merged.geometry)).contains(
            shape({"type": "Point", "coordinates": [merged.centroid_lon, merged.centroid_lat]})
        )
        with_geometry = s.scalar(select(func.count(Commune.geometry)))
    assert with_geometry == len({c for c in by_code if c.startswith("02")}) - 7
    assert "7 anciennes communes" in summary


def test_sirene_stock_samples(db_url: str, shared_data: Path) -> None:
    folder = shared_data / "sirene"
    estab = folder / "StockEtablissement_utf8_sample_trackdechets.csv"
    units = folder / "StockUniteLegale_utf8_sample_trackdechets.csv"
    rows = list(csv.DictReader(estab.open(encoding="utf-8")))
    cj = {r["siren"]: r["categorieJuridiqueUniteLegale"] for r in csv.DictReader(units.open())}
    report = import_sirene(estab, units)
    assert report.establishments == len(rows)
    assert report.active == sum(r["etatAdministratifEtablissement"] == "A" for r in rows)
    stored = {r["siret"]: r for r in _stored()}
    for r in rows:
        got = stored[r["siret"]]
        assert got["commune"] == (r["codeCommuneEtablissement"] or None)
        assert got["cj"] == (cj.get(r["siren"]) or None)
        rev2 = r["nomenclatureActivitePrincipaleEtablissement"] == "NAFRev2"
        assert isinstance(got["naf_rev2"], str) == (
            rev2 and bool(r["activitePrincipaleEtablissement"])
        )


def test_geolocated_sample_and_lambert_93(db_url: str, shared_data: Path) -> None:
    path = shared_data / "sirene" / "StockEtablissement_utf8_geo_sample_gosirene.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    import_sirene(path)
    stored = {r["siret"]: r for r in _stored()}
    to_wgs = Transformer.from_crs(2154, 4326, always_xy=True)
    for r in rows:
        got = stored[r["siret"]]
        if r["longitude"]:
            assert got["lon"] == pytest.approx(float(r["longitude"]))
        elif r["coordonneeLambertAbscisseEtablissement"]:
            x, y = (
                float(r["coordonneeLambertAbscisseEtablissement"]),
                float(r["coordonneeLambertOrdonneeEtablissement"]),
            )
            lon, lat = to_wgs.transform(x, y)
            assert (got["lon"], got["lat"]) == (
                pytest.approx(lon, abs=1e-7),
                pytest.approx(lat, abs=1e-7),
            )


def test_lambert_formula_matches_pyproj(db_url: str, tmp_path: Path) -> None:
    points = [
        (652469.0, 6862035.0),
        (351000.0, 6790000.0),
        (1050000.0, 6290000.0),
    ]  # Paris, Nantes, Nice area
    path = tmp_path / "geo.csv"
    lines = [
        "siret,codeCommuneEtablissement,etatAdministratifEtablissement,activitePrincipaleEtablissement,trancheEffectifsEtablissement,coordonneeLambertAbscisseEtablissement,coordonneeLambertOrdonneeEtablissement"
    ]
    lines += [f"{10000000000000 + i},75056,A,88.99B,NN,{x},{y}" for i, (x, y) in enumerate(points)]
    path.write_text("\n".join(lines) + "\n")
    import_sirene(path)
    stored = sorted(_stored(), key=lambda r: str(r["siret"]))
    to_wgs = Transformer.from_crs(2154, 4326, always_xy=True)
    for (x, y), got in zip(points, stored, strict=True):
        lon, lat = to_wgs.transform(x, y)
        assert got["lon"] == pytest.approx(lon, abs=1e-7) and got["lat"] == pytest.approx(
            lat, abs=1e-7
        )


def test_zip_and_parquet_give_the_same_store(
    db_url: str, shared_data: Path, tmp_path: Path
) -> None:
    import zipfile

    src = shared_data / "sirene" / "StockEtablissement_utf8_geo_sample_gosirene.csv"
    archive = tmp_path / "StockEtablissement_utf8.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(src, "StockEtablissement_utf8.csv")
    parquet = tmp_path / "StockEtablissement.parquet"
    duckdb.connect().execute(
        f"COPY (SELECT * FROM read_csv('{src}', all_varchar=true)) TO '{parquet}' (FORMAT parquet)"
    )
    results = []
    for path in (src, archive, parquet):
        import_sirene(path)
        results.append(sorted((r["siret"], r["commune"], r["etat"]) for r in _stored()))
    assert results[0] == results[1] == results[2]
    assert all(len(s) == 14 for s, _c, _e in results[0])


def test_urssaf_wide_layout(db_url: str, shared_data: Path) -> None:
    path = next((shared_data / "urssaf").glob("*.csv"))
    rows = list(csv.DictReader(path.open(encoding="utf-8-sig"), delimiter=";"))
    report = import_urssaf(path)
    communes = ("76540", "76005")
    expected = sum(
        float(r["Effectifs salariés 2022"] or 0) for r in rows if r["Code commune"] in communes
    )
    assert report.communes == len({r["Code commune"] for r in rows})
    assert private_employees(communes) == (pytest.approx(expected), 2022)
    assert private_employees(("44109",)) is None  # not covered: the estimate stays
