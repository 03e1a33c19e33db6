"""Coordinates of the Sirene import: INSEE's geolocation file read as it is (per-row EPSG, its
longitude/latitude columns used when present) and the stock's own Lambert/UTM columns.

Each EPSG is tested with a place whose longitude and latitude are known: the test projects it with
PROJ (pyproj) into that frame, gives the projected x, y to the import and expects the place back."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest
from pyproj import Transformer

from essdash.importers.sirene import import_sirene
from essdash.indicators import store

# EPSG -> (commune code, longitude, latitude) of a known place in that frame.
PLACES = {
    2154: ("75056", 2.3499, 48.8530),  # Paris, Notre-Dame
    2975: ("97411", 55.4481, -20.8789),  # Saint-Denis, La Réunion
    5490: ("97209", -61.0588, 14.6161),  # Fort-de-France, Martinique
    2972: ("97302", -52.3260, 4.9372),  # Cayenne, Guyane
    4471: ("97611", 45.2279, -12.7806),  # Mamoudzou, Mayotte
    4467: ("97502", -56.1773, 46.7804),  # Saint-Pierre, Saint-Pierre-et-Miquelon
}
HEADER = ["siret", "codeCommuneEtablissement", "etatAdministratifEtablissement",
          "activitePrincipaleEtablissement", "trancheEffectifsEtablissement",
          "coordonneeLambertAbscisseEtablissement",
          "coordonneeLambertOrdonneeEtablissement"]  # fmt: skip
GEO_HEADER = ["siret", "x", "y", "qualite_xy", "epsg", "plg_qp24", "plg_iris", "plg_code_commune",
              "distance_precision", "y_latitude", "x_longitude"]  # fmt: skip


def _projected(epsg: int, lon: float, lat: float) -> tuple[float, float]:
    x, y = Transformer.from_crs(4326, epsg, always_xy=True).transform(lon, lat)
    return round(x, 2), round(y, 2)  # INSEE writes centimetres


def _expected(epsg: int, x: float, y: float) -> tuple[float, float]:
    lon, lat = Transformer.from_crs(epsg, 4326, always_xy=True).transform(x, y)
    return lon, lat


def _stored() -> dict[str, tuple[float | None, float | None]]:
    rows = duckdb.connect().execute(
        "SELECT siret, lon, lat FROM read_parquet(?)", [str(store.establishments_path())]
    )
    return {r[0]: (r[1], r[2]) for r in rows.fetchall()}


def _write(path: Path, header: list[str], rows: list[list[str]], delimiter: str = ",") -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_geolocation_file_each_epsg_and_its_own_longitudes(db_url: str, tmp_path: Path) -> None:
    estab_rows, geo_rows, expected = [], [], {}
    for i, (epsg, (commune, lon, lat)) in enumerate(PLACES.items()):
        siret = f"{100000000 + i:09d}00010"
        x, y = _projected(epsg, lon, lat)
        estab_rows.append([siret, commune, "A", "88.99B", "NN", "", ""])
        geo_rows.append(
            [siret, str(x), str(y), "11", str(epsg), "HZ", "0101", commune, "5", "", ""]
        )
        expected[siret] = _expected(epsg, x, y)
        assert expected[siret] == (pytest.approx(lon, abs=1e-6), pytest.approx(lat, abs=1e-6))
    # A row whose longitude/latitude columns are filled: they are used as they are.
    estab_rows.append(["99999999900017", "44109", "A", "88.99B", "NN", "", ""])
    geo_rows.append(["99999999900017", "355000", "6689000", "11", "2154", "HZ", "0101", "44109",
                     "5", "47.2184", "-1.5536"])  # fmt: skip
    expected["99999999900017"] = (-1.5536, 47.2184)
    # A row absent from the geolocation file keeps no position.
    estab_rows.append(["99999999800018", "44109", "A", "88.99B", "NN", "", ""])
    expected["99999999800018"] = (None, None)
    estab = _write(tmp_path / "StockEtablissement_utf8.csv", HEADER, estab_rows)
    geo = _write(tmp_path / "GeolocalisationEtablissement_Sirene_pour_etudes_statistiques_utf8.csv",
                 GEO_HEADER, geo_rows, delimiter=";")  # fmt: skip

    report = import_sirene(estab, geolocalisation=geo)

    assert report.with_coordinates == len(PLACES) + 1
    stored = _stored()
    for siret, (lon, lat) in expected.items():
        if lon is None:
            assert stored[siret] == (None, None)
        else:
            assert stored[siret] == (pytest.approx(lon, abs=1e-7), pytest.approx(lat, abs=1e-7))


def test_stock_lambert_columns_use_the_overseas_frame_of_the_commune(
    db_url: str, tmp_path: Path
) -> None:
    rows, expected = [], {}
    for i, (epsg, (commune, lon, lat)) in enumerate(PLACES.items()):
        siret = f"{200000000 + i:09d}00010"
        x, y = _projected(epsg, lon, lat)
        rows.append([siret, commune, "A", "88.99B", "NN", str(x), str(y)])
        expected[siret] = _expected(epsg, x, y)
    import_sirene(_write(tmp_path / "StockEtablissement_utf8.csv", HEADER, rows))
    stored = _stored()
    for siret, (lon, lat) in expected.items():
        assert stored[siret] == (pytest.approx(lon, abs=1e-7), pytest.approx(lat, abs=1e-7))
