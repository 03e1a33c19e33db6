"""The coverage choropleth: communes shaded by the number of zones covering them, zones blanches
white with a thick dashed outline, commune names where legible, a metric scale (folium, offline)."""

from __future__ import annotations

import html
import json
from typing import Any

import folium
import shapely
from shapely.geometry import mapping, shape

from essdash.catchment.coverage import Coverage
from essdash.catchment.report import CommuneRow
from essdash.formatting import fmt_count, fmt_int, fmt_share
from essdash.geo.outlines import bounds_of
from essdash.ui import maps

# Colour-blind-safe sequential blues: 1, 2, 3, 4 zones and more.
SHADES = ("#C6DBEF", "#6BAED6", "#2171B5", "#08306B")
BLANK_OUTLINE = "#B5123E"
BLANK_STYLE = {"color": BLANK_OUTLINE, "weight": 3, "dashArray": "7 5", "fill": False}


def shade(zones: int) -> str:
    return "#FFFFFF" if zones == 0 else SHADES[min(zones, len(SHADES)) - 1]


def _style(props: dict[str, Any]) -> dict[str, Any]:
    opacity = 0.95 if props["blank"] else 0.85
    return {"color": "#5B5B66", "weight": 1, "fillColor": props["fill"], "fillOpacity": opacity}


def _blank_outline(fmap: folium.Map, geometries: list[dict[str, Any]]) -> None:
    """One dashed outline around each group of neighbouring zones blanches (their union), so
    that a large white area reads as one, not as a mesh of dashes."""
    if not geometries:
        return
    union = shapely.union_all([shape(g).buffer(0) for g in geometries])
    folium.GeoJson(
        mapping(union),
        name="Zones blanches",
        style_function=lambda _f: BLANK_STYLE,
        interactive=False,
        control=False,
    ).add_to(fmap)


def _feature(row: CommuneRow, geometry: str) -> dict[str, Any]:
    detail = (
        "Zone blanche : aucune zone ne la couvre"
        if not row.covered
        else f"{fmt_count(len(row.zones), 'zone')}, {fmt_count(len(row.actors), 'structure')}"
    )
    return {
        "type": "Feature",
        "geometry": json.loads(geometry),
        "properties": {
            "nom": html.escape(row.name),
            "detail": detail,
            "population": fmt_int(row.population),
            "part": fmt_share(row.best_share),
            "fill": shade(len(row.zones)),
            "blank": not row.covered,
        },
    }


def map_document(coverage: Coverage, rows: list[CommuneRow], *, height: str = "100%") -> str:
    """The whole map as one HTML document (for `st.iframe`)."""
    geometry_of = {c.commune.code: c.commune.geometry for c in coverage.communes}
    features = [_feature(r, g) for r in rows if (g := geometry_of.get(r.code))]
    labels = []
    for feature, row in zip(features, (r for r in rows if geometry_of.get(r.code)), strict=True):
        centre = _centre(feature["geometry"])
        labels.append((row.name, centre[1], centre[0]))
    bounds = bounds_of(g for g in geometry_of.values() if g)
    fmap = maps.offline_map((), bounds=bounds, labels=labels, height_hint=height)
    fmap.options["scrollWheelZoom"] = False  # scrolling the page must not zoom the map away
    if features:
        folium.GeoJson(
            {"type": "FeatureCollection", "features": features},
            name="Couverture",
            style_function=lambda f: _style(f["properties"]),
            tooltip=folium.GeoJsonTooltip(
                fields=["nom", "detail", "population", "part"],
                aliases=["Commune", "Couverture", "Population", "Part max. couverte"],
            ),
            control=False,
        ).add_to(fmap)
        _blank_outline(fmap, [f["geometry"] for f in features if f["properties"]["blank"]])
    fmap.get_root().title = "Couverture des zones de chalandise"  # type: ignore[attr-defined]
    return str(fmap.get_root().render()).replace("<html>", '<html lang="fr">', 1)


def _centre(geometry: dict[str, Any]) -> tuple[float, float]:
    point = shape(geometry).representative_point()
    return point.x, point.y


def legend_html() -> str:
    chips = [("#FFFFFF", "Zone blanche (aucune zone)", True)] + [
        (colour, fmt_count(n, "zone") + (" et plus" if n == len(SHADES) else ""), False)
        for n, colour in enumerate(SHADES, start=1)
    ]
    items = "".join(
        f'<span style="display:inline-flex;align-items:center;margin:0 1rem .3rem 0">'
        f'<span style="width:1.1em;height:1.1em;background:{colour};margin-right:.4em;'
        f'border:{"3px dashed " + BLANK_OUTLINE if blank else "1px solid #5B5B66"}"></span>'
        f"{label}</span>"
        for colour, label, blank in chips
    )
    return f'<div style="font-size:.9rem;line-height:1.6">{items}</div>'
