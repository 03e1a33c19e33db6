"""The map of a restitution slide and of the PDF: communes (a choropleth for the ESS map),
zones and sites by type of actor; fitted to every geometry, names where legible, a metric scale.
"""

from __future__ import annotations

import json
from typing import Any

import altair as alt
import pandas as pd
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.polygon import orient

from essdash import labels
from essdash.readmodel.slides import MapSlide
from essdash.restitution import map_frame
from essdash.restitution.charts import INK, _configure

SITE_FONT = 18  # read from the back of the room on the restitution
COMMUNE_FONT = 15


def _d3_winding(geometry: dict[str, Any]) -> dict[str, Any]:
    """Vega (d3-geo) wants clockwise outer rings; GeoJSON (RFC 7946) has them anticlockwise."""
    shaped = shape(geometry)
    if isinstance(shaped, Polygon):
        shaped = orient(shaped, sign=-1.0)
    elif isinstance(shaped, MultiPolygon):
        shaped = MultiPolygon([orient(p, sign=-1.0) for p in shaped.geoms])
    else:
        return geometry
    rewound: dict[str, Any] = json.loads(json.dumps(mapping(shaped)))
    return rewound


def _commune_features(slide: MapSlide) -> list[dict[str, Any]]:
    return [
        {
            "type": "Feature",
            "geometry": _d3_winding(c.geometry),
            "properties": {"nom": c.name, "part": c.share, "libelle": c.share_label or "–"},
        }
        for c in slide.communes
        if c.geometry
    ]


def _communes_layer(slide: MapSlide, choropleth: bool) -> Any:
    data = alt.Data(values=_commune_features(slide))  # type: ignore[no-untyped-call]
    base = alt.Chart(data).mark_geoshape(stroke="white", strokeWidth=1.2)
    if not choropleth:
        return base.encode(
            color=alt.value("#EEF0F3"),
            stroke=alt.value("#9CA3AF"),
            tooltip=[alt.Tooltip("properties.nom:N", title="Commune")],
        )
    return base.encode(
        color=alt.condition(
            "datum.properties.part != null",
            alt.Color(
                "properties.part:Q",
                title="Part de l'ESS",
                scale=alt.Scale(scheme="reds"),
                legend=alt.Legend(format="%", gradientLength=260),
            ),
            alt.value("#D9D9D9"),
        ),
        tooltip=[
            alt.Tooltip("properties.nom:N", title="Commune"),
            alt.Tooltip("properties.libelle:N", title="Part de l'ESS"),
        ],
    )


def _actor_scale() -> alt.Scale:
    return alt.Scale(
        domain=list(labels.ACTOR_TYPES.values()),
        range=[labels.ACTOR_TYPE_COLORS[k] for k in labels.ACTOR_TYPES],
    )


def draw(slide: MapSlide, width: int, height: int) -> Any | None:
    """The territory's communes with, for the actors' map, zones and sites by type of actor;
    fitted to every geometry, commune and site names where legible, a metric scale bar."""
    geometries = [c.geometry for c in slide.communes if c.geometry] + [
        z.geometry for z in slide.zones
    ]
    geometries += [{"type": "Point", "coordinates": [p.lon, p.lat]} for p in slide.points]
    box = map_frame.bounds(geometries)
    if box is None:
        return None
    frame = map_frame.fit(box, width, height)
    layers = []
    if any(c.geometry for c in slide.communes):
        layers.append(_communes_layer(slide, choropleth=slide.kind == "ess_map"))
    if slide.zones:
        layers.append(_zones_layer(slide))
    if slide.points:
        layers.append(_points_layer(slide))
    layers += _labels_layers(slide, frame)
    layers += _scale_bar_layers(frame)
    chart = alt.layer(*layers).properties(width=width, height=height, projection=frame.projection())
    return _configure(chart)


def _zones_layer(slide: MapSlide) -> Any:
    zones = [
        {
            "type": "Feature",
            "geometry": _d3_winding(z.geometry),
            "properties": {"acteur": labels.ACTOR_TYPES.get(z.actor_type, ""), "nom": z.label},
        }
        for z in slide.zones
    ]
    return (
        alt.Chart(alt.Data(values=zones))  # type: ignore[no-untyped-call]
        .mark_geoshape(fillOpacity=0.12, strokeWidth=1.5, strokeDash=[6, 3])
        .encode(
            color=alt.Color("properties.acteur:N", title="Type d'acteur", scale=_actor_scale()),
            stroke=alt.Color("properties.acteur:N", scale=_actor_scale(), legend=None),
            tooltip=[alt.Tooltip("properties.nom:N", title="Zone de chalandise")],
        )
    )


def _points_layer(slide: MapSlide) -> Any:
    frame = pd.DataFrame(
        [
            {"lon": p.lon, "lat": p.lat, "nom": p.label,
             "acteur": labels.ACTOR_TYPES.get(p.actor_type, "")}
            for p in slide.points
        ]
    )  # fmt: skip
    return (
        alt.Chart(frame)
        .mark_circle(size=260, opacity=0.95, stroke="white", strokeWidth=2)
        .encode(
            longitude="lon:Q",
            latitude="lat:Q",
            color=alt.Color("acteur:N", title="Type d'acteur", scale=_actor_scale()),
            tooltip=[alt.Tooltip("nom:N", title="Structure"), alt.Tooltip("acteur:N")],
        )
    )


def _labels_layers(slide: MapSlide, frame: map_frame.Frame) -> list[Any]:
    """Site names first (they matter most), then commune names, each only where legible."""
    candidates = [map_frame.Label(p.label, p.lon, p.lat, SITE_FONT, dx=12) for p in slide.points]
    for commune in slide.communes:
        if commune.geometry:
            centre = shape(commune.geometry).representative_point()
            candidates.append(map_frame.Label(commune.name, centre.x, centre.y, COMMUNE_FONT))
    kept = map_frame.legible(frame, candidates)
    layers = []
    for site in (True, False):
        rows = [{"lon": k.lon, "lat": k.lat, "texte": k.text} for k in kept if bool(k.dx) == site]
        if rows:
            layers += [_text(rows, site=site, halo=True), _text(rows, site=site, halo=False)]
    return layers


def _text(rows: list[dict[str, Any]], *, site: bool, halo: bool) -> Any:
    """Names as text marks; the halo (a white outline under the text) keeps them readable."""
    mark = alt.Chart(pd.DataFrame(rows)).mark_text(
        align="left" if site else "center",
        dx=12 if site else 0,
        fontSize=SITE_FONT if site else COMMUNE_FONT,
        fontWeight="bold" if site else "normal",
        color=INK if site else "#4B5563",
        stroke="white" if halo else None,
        strokeWidth=4 if halo else 0,
    )
    return mark.encode(longitude="lon:Q", latitude="lat:Q", text="texte:N")


def _scale_bar_layers(frame: map_frame.Frame) -> list[Any]:
    """A metric scale bar in the bottom-left corner (no miles)."""
    length, text = map_frame.scale_bar(frame)
    x0, y0 = 16.0, frame.height - 18.0
    one = pd.DataFrame([{"x": 0}])
    bar = (
        alt.Chart(one)
        .mark_rule(color=INK, strokeWidth=4)
        .encode(x=alt.value(x0), x2=alt.value(x0 + length), y=alt.value(y0))
    )
    ticks = [
        alt.Chart(one)
        .mark_rule(color=INK, strokeWidth=2)
        .encode(x=alt.value(x), y=alt.value(y0 - 7), y2=alt.value(y0 + 1))
        for x in (x0, x0 + length)
    ]
    label = (
        alt.Chart(one)
        .mark_text(align="center", baseline="bottom", fontSize=14, color=INK, fontWeight="bold")
        .encode(x=alt.value(x0 + length / 2), y=alt.value(y0 - 6), text=alt.value(text))
    )
    return [bar, *ticks, label]
