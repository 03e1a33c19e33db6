"""Map layers: GeoJSON and CSV-WKT read back and compared with the stored geometries."""

from __future__ import annotations

import csv
import io
import json

import pytest
from restitution_data import HIDDEN_SITE_LABEL, seed_restitution_case
from shapely import wkt
from shapely.geometry import shape
from sqlalchemy import select

from essdash.db import read_session
from essdash.exports import geo
from essdash.exports.scope import workshop_scope
from essdash.models import MapFeature


@pytest.fixture
def layers(any_db_url: str):
    seeded = seed_restitution_case()
    with read_session() as session:
        scope = workshop_scope(session, code=seeded.join_code)
        stored = {
            f.id: (f.kind, shape(json.loads(f.geometry)), f.label)
            for f in session.scalars(
                select(MapFeature).where(
                    MapFeature.workshop_id == seeded.workshop_id, MapFeature.hidden.is_(False)
                )
            )
        }
        out = {
            layer: (
                json.loads(geo.geojson_bytes(session, scope, layer=layer)),
                geo.csv_bytes(session, scope, layer=layer).decode("utf-8"),
            )
            for layer in geo.LAYERS
        }
    return stored, out


@pytest.mark.parametrize("layer", ["sites", "zones"])
def test_geojson_round_trip(layers, layer: str) -> None:
    stored, out = layers
    collection, _csv = out[layer]
    assert collection["type"] == "FeatureCollection"
    kind = geo.LAYERS[layer]
    expected = {i for i, (k, _g, _l) in stored.items() if k == kind}
    assert {f["id"] for f in collection["features"]} == expected
    for feature in collection["features"]:
        geometry = shape(feature["geometry"])
        assert geometry.equals_exact(stored[feature["id"]][1], tolerance=1e-9)
        x, y = geometry.representative_point().coords[0]
        assert -180 <= x <= 180 and -90 <= y <= 90  # WGS 84 longitude, latitude
        props = feature["properties"]
        assert props["nom"] == stored[feature["id"]][2]
        assert "participant" not in json.dumps(props).lower()
    assert HIDDEN_SITE_LABEL not in json.dumps(collection, ensure_ascii=False)


@pytest.mark.parametrize("layer", ["sites", "zones"])
def test_csv_wkt_round_trip(layers, layer: str) -> None:
    stored, out = layers
    _collection, text = out[layer]
    assert not text.startswith("\ufeff")  # QGIS/uMap read the header as is
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert rows and next(iter(rows[0])) == "WKT"
    for row in rows:
        geometry = wkt.loads(row["WKT"])
        assert geometry.equals_exact(stored[int(row["id"])][1], tolerance=1e-9)
