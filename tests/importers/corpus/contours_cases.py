"""`import-contours`: careless and hostile GeoJSON files built from real commune contours."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from tests.importers.corpus import samples as s
from tests.importers.corpus.model import BadCase

FILE = "contours.geojson"


def _make(build: Callable[[Path], bytes]) -> Callable[[Path], Mapping[str, bytes]]:
    return lambda shared: {FILE: build(shared)}


def _collection(change: Callable[[list[dict[str, Any]]], Any]) -> Callable[[Path], bytes]:
    """Three real features of Loire-Atlantique, the second one changed by `change`."""

    def build(shared: Path) -> bytes:
        features = s.features(shared)
        replaced = change(features)
        return s.dumps(s.collection(replaced if isinstance(replaced, list) else features))

    return build


def _geometry(value: Any) -> Callable[[list[dict[str, Any]]], None]:
    return lambda features: features[1].__setitem__("geometry", value)


def _case(name: str, build: Callable[[Path], bytes], *expect: str, **extra: Any) -> BadCase:
    command = ("import-contours", f"{{dir}}/{FILE}")
    return BadCase(name, command, _make(build), (FILE, *expect), **extra)


def _lambert(features: list[dict[str, Any]]) -> None:
    geometry = features[1]["geometry"]
    geometry["coordinates"] = s.to_lambert93(geometry["coordinates"])


def _bowtie(features: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The first commune drawn as a figure-eight across its bounding box (self-intersecting)."""
    points = [p for ring in features[0]["geometry"]["coordinates"] for p in ring]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    x0, y0, x1, y1 = min(xs), min(ys), max(xs), max(ys)
    ring = [[x0, y0], [x1, y1], [x1, y0], [x0, y1], [x0, y0]]
    features[0]["geometry"] = {"type": "Polygon", "coordinates": [ring]}
    return features[:1]


def _latin1(shared: Path) -> bytes:
    features = s.features(shared)
    features[1]["properties"]["nom"] = "Saint-Étienne-de-Mer-Morte"
    return s.dumps(s.collection(features), "latin-1")


def _two_files(shared: Path) -> Mapping[str, bytes]:
    sarthe = (shared / "geo" / "departement-72-sarthe.geojson").read_bytes()
    broken = s.features(shared)
    broken[2]["geometry"] = {"type": "Polygon", "coordinates": []}
    return {"sarthe.geojson": sarthe, FILE: s.dumps(s.collection(broken))}


def _nan(shared: Path) -> bytes:
    text = s.dumps(s.collection(s.features(shared)))
    return text.replace(b"[[[", b"[[[NaN, NaN], [", 1)


def cases() -> list[BadCase]:
    deep = b'{"type": "FeatureCollection", "features": ' + b"[" * 200_000 + b"]" * 200_000 + b"}"
    return [
        _case("contours-latin1", _latin1, "ligne 1", "encodage attendu UTF-8", "Latin-1"),
        _case(
            "contours-utf16",
            lambda sh: s.dumps(s.collection(s.features(sh)), "utf-16"),
            "ligne 1",
            "UTF-16",
        ),
        _case("contours-deep", lambda _s: deep, "imbriqué trop profondément"),
        _case(
            "contours-features-not-list",
            lambda _s: s.dumps({"type": "FeatureCollection", "features": {"a": 1}}),
            "liste « features »",
        ),
        _case(
            "contours-feature-not-object",
            _collection(lambda f: [f[0], 42, f[2]]),
            "entité n° 2",
            "objet « Feature » attendu",
        ),
        _case(
            "contours-properties-not-object",
            _collection(lambda f: f[1].__setitem__("properties", "44109")),
            "entité n° 2",
            "« properties »",
        ),
        _case(
            "contours-empty-polygon",
            _collection(_geometry({"type": "Polygon", "coordinates": []})),
            "entité n° 2",
            "polygone vide",
        ),
        _case("contours-nan", _nan, "NaN", "nombre fini attendu"),
        _case(
            "contours-infinite",
            lambda sh: _nan(sh).replace(b"NaN", b"1e999"),
            "entité n° 1",
            "NaN ou infini",
        ),
        _case("contours-lambert93", _collection(_lambert), "entité n° 2", "WGS 84", "Lambert-93"),
        _case(
            "contours-point",
            _collection(_geometry({"type": "Point", "coordinates": [-1.5, 47.2]})),
            "entité n° 2",
            "lu Point",
        ),
        _case(
            "contours-geometry-missing",
            _collection(lambda f: f[1].pop("geometry")),
            "entité n° 2",
            "« geometry »",
        ),
        _case(
            "contours-text-coordinates",
            _collection(_geometry({"type": "Polygon", "coordinates": [[["a", "b"], ["c", "d"]]]})),
            "entité n° 2",
            "« geometry »",
        ),
        _case(
            "contours-ring-too-short",
            _collection(
                _geometry({"type": "Polygon", "coordinates": [[[-1.5, 47.2], [-1.4, 47.3]]]})
            ),
            "entité n° 2",
            "« geometry »",
        ),
        _case(
            "contours-code-missing",
            _collection(lambda f: f[1]["properties"].pop("code")),
            "entité n° 2",
            "« code »",
        ),
        _case(
            "contours-empty-collection",
            lambda _s: s.dumps(s.collection([])),
            "aucune entité",
        ),
        _case(
            "contours-cog-json-given",
            lambda sh: s.dumps(s.communes(sh)),
            "ligne 1",
            "« FeatureCollection »",
        ),
        _case("contours-not-geojson", lambda _s: b"[1, 2, 3]", "ligne 1", "FeatureCollection"),
        _case(
            "contours-truncated",
            lambda sh: s.dumps(s.collection(s.features(sh)))[:5000],
            "JSON invalide",
        ),
        _case(
            "contours-workbook",
            lambda _s: s.workbook([["code", "geometry"], ["44109", "POLYGON"]]),
            "classeur",
        ),
        _case(
            "contours-self-intersecting-repaired",
            _collection(_bowtie),
            "1 contour(s) auto-intersecté(s) réparé(s) en gardant leur surface",
            "entité n° 1 (44005)",
            repaired=True,
        ),
        BadCase(
            "contours-second-file-fails-first-kept-unwritten",
            ("import-contours", "{dir}/sarthe.geojson", f"{{dir}}/{FILE}"),
            _two_files,
            (FILE, "entité n° 3", "polygone vide"),
        ),
    ]
