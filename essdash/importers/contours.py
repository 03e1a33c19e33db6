"""Commune contours from GeoJSON (WGS 84), matched on the INSEE code.

Communes merged since the contours were drawn are found through CommuneAlias and their polygons
are unioned into the current commune. Features of other levels (départements, régions) are
written as GeoJSON files under data_dir()/contours/ for the maps. One transaction per call.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from essdash import config
from essdash.errors import ImportFailed
from essdash.models import Commune, CommuneAlias, Territory

CODE_FIELDS = ("code", "codgeo", "insee_com", "code_insee", "insee", "com")
PRECISION = 5


def import_contours_files(session: Session, paths: list[Path]) -> list[str]:
    return [import_contours(session, path) for path in paths]


def _features(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise ImportFailed(f"{path.name} : fichier introuvable.")
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as error:
        raise ImportFailed(
            f"{path.name}, ligne {error.lineno} : JSON invalide ({error.msg})."
        ) from error
    if isinstance(data, dict) and data.get("type") == "Feature":
        return [data]
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        return list(data.get("features") or [])
    raise ImportFailed(
        f"{path.name}, ligne 1 : « FeatureCollection » ou « Feature » GeoJSON attendu."
    )


def _code(path: Path, index: int, feature: dict[str, Any]) -> str:
    props = {str(k).lower(): v for k, v in (feature.get("properties") or {}).items()}
    for name in CODE_FIELDS:
        if props.get(name):
            return str(props[name]).strip().upper()
    raise ImportFailed(
        f"{path.name}, entité n° {index + 1} : propriété attendue « code » (code INSEE) absente."
    )


def _geometry(path: Path, index: int, feature: dict[str, Any]) -> BaseGeometry:
    try:
        geometry = shape(feature["geometry"])
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ImportFailed(
            f"{path.name}, entité n° {index + 1} : champ attendu « geometry » "
            "(Polygon ou MultiPolygon) invalide."
        ) from error
    if geometry.geom_type not in ("Polygon", "MultiPolygon"):
        raise ImportFailed(
            f"{path.name}, entité n° {index + 1} : « geometry » Polygon ou MultiPolygon "
            f"attendue, lu {geometry.geom_type}."
        )
    return geometry if geometry.is_valid else geometry.buffer(0)


def import_contours(session: Session, path: Path) -> str:
    features = _features(path)
    parts: dict[str, list[BaseGeometry]] = {}
    others: dict[str, tuple[str, BaseGeometry]] = {}
    communes = set(session.scalars(select(Commune.code)).all())
    aliases = dict(session.execute(select(CommuneAlias.old_code, CommuneAlias.commune_code)).all())
    merged = 0
    for index, feature in enumerate(features):
        code, geometry = _code(path, index, feature), _geometry(path, index, feature)
        target = code if code in communes else aliases.get(code)
        if target in communes:
            merged += target != code
            parts.setdefault(str(target), []).append(geometry)
        else:
            name = str((feature.get("properties") or {}).get("nom") or "")
            others[code] = (name, geometry)
    if not parts and not others:
        raise ImportFailed(f"{path.name} : aucune entité.")
    for code, geometries in parts.items():
        union = unary_union(geometries) if len(geometries) > 1 else geometries[0]
        centroid = (
            union.representative_point() if not union.centroid.within(union) else union.centroid
        )
        session.execute(
            update(Commune)
            .where(Commune.code == code)
            .values(
                geometry=_to_json(union),
                centroid_lon=round(centroid.x, 6),
                centroid_lat=round(centroid.y, 6),
            )
        )
    levels = _save_other_levels(session, others) if others else 0
    return (
        f"{path.name} : {len(parts)} communes ({merged} anciennes communes fusionnées), "
        f"{levels} autres contours."
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
    """Département or région polygons into contours/<kind>.geojson (one level per file)."""
    kind = _level_of(session, others)
    if kind is None:
        return 0
    target = contours_dir() / f"{kind}.geojson"
    existing = json.loads(target.read_text(encoding="utf-8")) if target.is_file() else {}
    existing.update({c: json.loads(_to_json(g)) for c, (_n, g) in others.items()})
    temp = target.with_suffix(".tmp")
    temp.write_text(json.dumps(existing), encoding="utf-8")
    temp.replace(target)
    return len(others)


def level_geometries(kind: str) -> dict[str, Any]:
    """code -> GeoJSON geometry of the imported contours of a level ({} when none)."""
    target = contours_dir() / f"{kind}.geojson"
    if not target.is_file():
        return {}
    data: dict[str, Any] = json.loads(target.read_text(encoding="utf-8"))
    return data
