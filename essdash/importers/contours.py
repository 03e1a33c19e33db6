"""Commune contours from GeoJSON (WGS 84), matched on the INSEE code.

Communes merged since the contours were drawn are found through CommuneAlias and their polygons
are unioned into the current commune. Features of other levels (départements, régions) are
written as GeoJSON files under data_dir()/contours/ for the maps. One transaction per call.
"""

from __future__ import annotations

import json
import math
import uuid
import warnings
from pathlib import Path
from typing import Any

from shapely import make_valid
from shapely.errors import GEOSException
from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union
from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from essdash import config
from essdash.errors import ImportFailed
from essdash.importers.geography import load_json
from essdash.models import Commune, CommuneAlias, Territory

CODE_FIELDS = ("code", "codgeo", "insee_com", "code_insee", "insee", "com")
PRECISION = 5
POLYGONAL = ("Polygon", "MultiPolygon")
PENDING = "essdash_contours_pending"  # session.info key: level files to publish on commit


def import_contours_files(session: Session, paths: list[Path]) -> list[str]:
    return [import_contours(session, path) for path in paths]


def _features(path: Path) -> list[dict[str, Any]]:
    data = load_json(path, "un GeoJSON « FeatureCollection »")
    features: Any = None
    if isinstance(data, dict) and data.get("type") == "Feature":
        features = [data]
    elif isinstance(data, dict) and data.get("type") == "FeatureCollection":
        features = data.get("features") or []
    if not isinstance(features, list):
        raise ImportFailed(
            f"{path.name}, ligne 1 : « FeatureCollection » ou « Feature » GeoJSON attendu, "
            "avec une liste « features »."
        )
    for index, feature in enumerate(features):
        properties = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(feature, dict) or not isinstance(properties, dict | None):
            what = "« Feature »" if not isinstance(feature, dict) else "« properties »"
            raise ImportFailed(f"{path.name}, entité n° {index + 1} : objet {what} attendu.")
    return features


def _code(path: Path, index: int, feature: dict[str, Any]) -> str:
    props = {str(k).lower(): v for k, v in (feature.get("properties") or {}).items()}
    for name in CODE_FIELDS:
        if isinstance(props.get(name), str | int) and str(props[name]).strip():
            return str(props[name]).strip().upper()
    raise ImportFailed(
        f"{path.name}, entité n° {index + 1} : propriété attendue « code » (code INSEE) absente."
    )


def _geometry(path: Path, index: int, feature: dict[str, Any]) -> tuple[BaseGeometry, bool]:
    """The feature's polygon in WGS 84 and whether it had to be repaired (area kept)."""
    place = f"{path.name}, entité n° {index + 1}"
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            geometry = shape(feature["geometry"])
            kind, empty, bounds = geometry.geom_type, geometry.is_empty, geometry.bounds
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, GEOSException) as error:
        raise ImportFailed(
            f"{place} : champ attendu « geometry » (Polygon ou MultiPolygon) invalide."
        ) from error
    if kind not in POLYGONAL:
        raise ImportFailed(f"{place} : « geometry » Polygon ou MultiPolygon attendue, lu {kind}.")
    if empty:
        raise ImportFailed(f"{place} : polygone vide, au moins un contour de 4 points attendu.")
    _check_degrees(place, bounds)
    if geometry.is_valid:
        return geometry, False
    return _repair(place, geometry), True


def _check_degrees(place: str, bounds: tuple[float, ...]) -> None:
    if not all(math.isfinite(v) for v in bounds):
        raise ImportFailed(f"{place} : coordonnées attendues en nombres finis, lu NaN ou infini.")
    min_x, min_y, max_x, max_y = bounds
    if min_x < -180 or max_x > 180 or min_y < -90 or max_y > 90:
        raise ImportFailed(
            f"{place} : coordonnées attendues en degrés WGS 84 (longitude, latitude), "
            f"lu {max_x:.0f}, {max_y:.0f} (Lambert-93 ? reprojetez le fichier en EPSG:4326)."
        )


def _repair(place: str, geometry: BaseGeometry) -> BaseGeometry:
    """A self-intersecting polygon made valid with its whole area (not `buffer(0)`)."""
    fixed = make_valid(geometry)
    if fixed.geom_type not in POLYGONAL:
        parts = getattr(fixed, "geoms", [])
        fixed = unary_union([g for g in parts if g.geom_type in POLYGONAL])
    if fixed.is_empty or fixed.geom_type not in POLYGONAL:
        raise ImportFailed(f"{place} : contour invalide et irréparable (surface nulle).")
    return fixed


def import_contours(session: Session, path: Path) -> str:
    features = _features(path)
    parts: dict[str, list[BaseGeometry]] = {}
    others: dict[str, tuple[str, BaseGeometry]] = {}
    communes = set(session.scalars(select(Commune.code)).all())
    aliases = dict(session.execute(select(CommuneAlias.old_code, CommuneAlias.commune_code)).all())
    merged, repaired = 0, []
    for index, feature in enumerate(features):
        code = _code(path, index, feature)
        geometry, fixed = _geometry(path, index, feature)
        if fixed:
            repaired.append(f"entité n° {index + 1} ({code})")
        target = code if code in communes else aliases.get(code)
        if target in communes:
            merged += target != code
            parts.setdefault(str(target), []).append(geometry)
        else:
            name = str((feature.get("properties") or {}).get("nom") or "")
            others[code] = (name, geometry)
    if not parts and not others:
        raise ImportFailed(f"{path.name} : aucune entité, au moins une « Feature » attendue.")
    for code, geometries in parts.items():
        _store_commune(session, code, geometries)
    levels = _save_other_levels(session, others) if others else 0
    summary = (
        f"{path.name} : {len(parts)} communes ({merged} anciennes communes fusionnées), "
        f"{levels} autres contours."
    )
    return summary + _repaired_note(repaired)


def _repaired_note(repaired: list[str]) -> str:
    if not repaired:
        return ""
    shown = ", ".join(repaired[:5]) + (" …" if len(repaired) > 5 else "")
    return (
        f" {len(repaired)} contour(s) auto-intersecté(s) réparé(s) en gardant leur surface : "
        f"{shown}."
    )


def _store_commune(session: Session, code: str, geometries: list[BaseGeometry]) -> None:
    union = unary_union(geometries) if len(geometries) > 1 else geometries[0]
    centroid = union.representative_point() if not union.centroid.within(union) else union.centroid
    session.execute(
        update(Commune)
        .where(Commune.code == code)
        .values(
            geometry=_to_json(union),
            centroid_lon=round(centroid.x, 6),
            centroid_lat=round(centroid.y, 6),
        )
    )


def _to_json(geometry: BaseGeometry) -> str:
    from shapely import set_precision

    return json.dumps(mapping(set_precision(geometry, 10**-PRECISION)))


def contours_dir() -> Path:
    path = config.data_dir() / "contours"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _level_of(session: Session, others: dict[str, tuple[str, BaseGeometry]]) -> str | None:
    """The level whose territories match the features best (code, then name as tie-break)."""
    best, score = None, (0, 0)
    for kind in ("departement", "region"):
        names = dict(
            session.execute(
                select(Territory.code, Territory.name).where(Territory.kind == kind)
            ).all()
        )
        codes = sum(code in names for code in others)
        same_name = sum(names.get(code) == name for code, (name, _g) in others.items())
        if (same_name, codes) > score:
            best, score = kind, (same_name, codes)
    return best


def _save_other_levels(session: Session, others: dict[str, tuple[str, BaseGeometry]]) -> int:
    """Département or région polygons for contours/<kind>.geojson (one level per file).

    The file is written only when the session commits: a failed import leaves it as it was."""
    kind = _level_of(session, others)
    if kind is None:
        return 0
    pending: dict[str, dict[str, Any]] = session.info.setdefault(PENDING, {})
    if kind not in pending:
        pending[kind] = level_geometries(kind)
    pending[kind].update({c: json.loads(_to_json(g)) for c, (_n, g) in others.items()})
    if not event.contains(session, "before_commit", _write_pending):
        event.listen(session, "before_commit", _write_pending)
        event.listen(session, "after_commit", _publish_pending)
        event.listen(session, "after_soft_rollback", _drop_pending)
    return len(others)


def _write_pending(session: Session) -> None:
    """Before the commit: every pending file to a temporary sibling (a disk error aborts it)."""
    temps = session.info.setdefault(PENDING + "_temps", {})
    for kind, content in session.info.get(PENDING, {}).items():
        target = contours_dir() / f"{kind}.geojson"
        temp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
        temp.write_text(json.dumps(content), encoding="utf-8")
        temps[temp] = target


def _publish_pending(session: Session) -> None:
    for temp, target in session.info.pop(PENDING + "_temps", {}).items():
        temp.replace(target)
    session.info.pop(PENDING, None)


def _drop_pending(session: Session, _previous: Any = None) -> None:
    for temp in session.info.pop(PENDING + "_temps", {}):
        temp.unlink(missing_ok=True)
    session.info.pop(PENDING, None)


def level_geometries(kind: str) -> dict[str, Any]:
    """code -> GeoJSON geometry of the imported contours of a level ({} when none)."""
    target = contours_dir() / f"{kind}.geojson"
    if not target.is_file():
        return {}
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
