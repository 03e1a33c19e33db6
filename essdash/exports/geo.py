"""Map layers for QGIS and uMap: GeoJSON (WGS 84) and CSV with a WKT geometry column.

Sites and zones de chalandise with their attributes (no participant names, hidden features left
out). GeoJSON per RFC 7946 is always WGS 84 longitude/latitude; the CSV's `WKT` column is read by
QGIS ("Texte délimité", géométrie WKT, EPSG:4326) and by uMap (import CSV).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy.orm import Session

from essdash.exports.xlsx import to_csv_bytes
from essdash.readmodel.geometry import as_geojson
from essdash.readmodel.scope import Scope
from essdash.workshop.activities.mapping.features import FeatureRecord, map_features

LAYERS = {"sites": "site", "zones": "zone"}


def feature_collection(records: list[FeatureRecord], name: str) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "name": name,
        "features": [
            {
                "type": "Feature",
                "id": r.id,
                "geometry": as_geojson(r.geometry),
                "properties": r.attributes(),
            }
            for r in records
        ],
    }


def geojson_bytes(session: Session, scope: Scope, *, layer: str) -> bytes:
    """One layer ('sites' or 'zones') as a GeoJSON FeatureCollection, UTF-8."""
    records = map_features(session, scope, kind=LAYERS[layer])
    data = feature_collection(records, f"{scope.file_stem}-{layer}")
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def wkt_frame(records: list[FeatureRecord]) -> pd.DataFrame:
    rows = [{"WKT": r.geometry.wkt, **r.attributes()} for r in records]
    columns = ["WKT", *FeatureRecord.__dataclass_fields__]  # only used when empty
    return pd.DataFrame(rows) if rows else pd.DataFrame(columns=columns)


def csv_bytes(session: Session, scope: Scope, *, layer: str) -> bytes:
    """One layer as CSV with a WKT column (no BOM: QGIS and uMap read the header as is)."""
    records = map_features(session, scope, kind=LAYERS[layer])
    return to_csv_bytes(wkt_frame(records), bom=False)


def write_layers(session: Session, scope: Scope, directory: Path) -> list[Path]:
    """Write sites/zones as .geojson and .csv into `directory`; returns the files written."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for layer in LAYERS:
        for suffix, build in ((".geojson", geojson_bytes), (".csv", csv_bytes)):
            path = directory / f"{scope.file_stem}-{layer}{suffix}"
            path.write_bytes(build(session, scope, layer=layer))
            written.append(path)
    return written
