"""Altair charts and maps of the slides: shown live by Streamlit, rendered to PNG for the document.

Maps are drawn from the communes' own contours (no tiles, works offline); sites and zones take
the colours of their type of actor, the ESS map is a choropleth of the ESS share.
"""

from __future__ import annotations

import json
from typing import Any

import altair as alt
import pandas as pd
from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.polygon import orient

from essdash import labels
from essdash.restitution.slides import FiguresSlide, MapSlide, PlanSlide, PrioritiesSlide

FONT = "DejaVu Sans"
INK = "#1F2937"
ESS_RED = "#B5123E"
LABEL_LIMIT = 520
# French number format in every chart: "23,1 %", "12 345".
FRENCH = {
    "number": {
        "decimal": ",",
        "thousands": "\u202f",
        "grouping": [3],
        "currency": ["", "\u00a0€"],
        "percent": "\u202f%",
    }
}


def _configure(chart: Any, *, font_size: int = 16) -> Any:
    return (
        chart.configure(font=FONT, locale=FRENCH)
        .configure_axis(labelFontSize=font_size, titleFontSize=font_size, labelColor=INK)
        .configure_legend(
            labelFontSize=font_size, titleFontSize=font_size, orient="bottom", labelLimit=400
        )
        .configure_view(stroke=None)
    )


def shares_chart(slide: FiguresSlide, width: int = 640, height: int = 320) -> Any | None:
    """ESS shares of the territory beside its reference territories."""
    if not slide.shares:
        return None
    frame = pd.DataFrame(slide.shares, columns=["territoire", "indicateur", "part"])
    order = list(dict.fromkeys(frame["territoire"]))
    base = alt.Chart(frame).encode(
        # labelLimit 0: a territory's full name, however long (no « (ficti… »).
        y=alt.Y("territoire:N", sort=order, title=None, axis=alt.Axis(labelLimit=0)),
        x=alt.X(
            "part:Q",
            title=None,
            axis=alt.Axis(format="%", grid=False, tickCount=5, labelOverlap=True),
        ),
        yOffset=alt.YOffset("indicateur:N"),
    )
    bars = base.mark_bar(cornerRadiusEnd=4).encode(
        color=alt.Color(
            "indicateur:N",
            title=None,
            scale=alt.Scale(range=[ESS_RED, "#0072B2"]),
        ),
        tooltip=["territoire", "indicateur", alt.Tooltip("part:Q", format=".1%")],
    )
    text = base.mark_text(align="left", dx=4, fontSize=14, color=INK).encode(
        text=alt.Text("part:Q", format=".1%")
    )
    return _configure((bars + text).properties(width=width, height=height))


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


def map_chart(slide: MapSlide, width: int = 900, height: int = 620) -> Any | None:
    """The territory's communes with, for the actors' map, zones and sites by type of actor."""
    layers = []
    if any(c.geometry for c in slide.communes):
        layers.append(_communes_layer(slide, choropleth=slide.kind == "ess_map"))
    if slide.zones:
        zones = [
            {
                "type": "Feature",
                "geometry": _d3_winding(z.geometry),
                "properties": {"acteur": labels.ACTOR_TYPES.get(z.actor_type, ""), "nom": z.label},
            }
            for z in slide.zones
        ]
        layers.append(
            alt.Chart(alt.Data(values=zones))  # type: ignore[no-untyped-call]
            .mark_geoshape(fillOpacity=0.12, strokeWidth=1.5, strokeDash=[6, 3])
            .encode(
                color=alt.Color("properties.acteur:N", title="Type d'acteur", scale=_actor_scale()),
                stroke=alt.Color("properties.acteur:N", scale=_actor_scale(), legend=None),
                tooltip=[alt.Tooltip("properties.nom:N", title="Zone de chalandise")],
            )
        )
    if slide.points:
        frame = pd.DataFrame(
            [
                {
                    "lon": p.lon,
                    "lat": p.lat,
                    "nom": p.label,
                    "acteur": labels.ACTOR_TYPES.get(p.actor_type, ""),
                }
                for p in slide.points
            ]
        )
        layers.append(
            alt.Chart(frame)
            .mark_circle(size=260, opacity=0.95, stroke="white", strokeWidth=2)
            .encode(
                longitude="lon:Q",
                latitude="lat:Q",
                color=alt.Color("acteur:N", title="Type d'acteur", scale=_actor_scale()),
                tooltip=[alt.Tooltip("nom:N", title="Structure"), alt.Tooltip("acteur:N")],
            )
        )
    if not layers:
        return None
    chart = alt.layer(*layers).project("mercator").properties(width=width, height=height)
    return _configure(chart)


def themes_chart(themes: tuple[tuple[str, int], ...], width: int = 560) -> Any | None:
    if not themes:
        return None
    frame = pd.DataFrame(themes, columns=["thème", "contributions"])
    base = alt.Chart(frame).encode(
        y=alt.Y("thème:N", sort="-x", title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
        x=alt.X("contributions:Q", title="Contributions", axis=alt.Axis(tickMinStep=1)),
    )
    bars = base.mark_bar(color=ESS_RED, cornerRadiusEnd=4)
    text = base.mark_text(align="left", dx=4, fontSize=16).encode(text="contributions:Q")
    return _configure((bars + text).properties(width=width, height=44 * len(frame)))


def priorities_chart(slide: PrioritiesSlide, width: int = 760) -> Any | None:
    if not slide.rows:
        return None
    if slide.method_key == "majority":
        return _merit_profiles(slide, width)
    frame = pd.DataFrame(
        [{"priorité": r.title, "score": r.score, "résultat": r.result} for r in slide.rows]
    )
    order = list(frame["priorité"])
    base = alt.Chart(frame).encode(
        y=alt.Y("priorité:N", sort=order, title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
        x=alt.X("score:Q", title=None, axis=alt.Axis(grid=False, labels=False, ticks=False)),
    )
    bars = base.mark_bar(color=ESS_RED, cornerRadiusEnd=4)
    text = base.mark_text(align="left", dx=6, fontSize=16, color=INK).encode(text="résultat:N")
    return _configure((bars + text).properties(width=width, height=48 * len(frame)))


def _merit_profiles(slide: PrioritiesSlide, width: int) -> Any:
    rows = []
    for r in slide.rows:
        total = sum(r.profile) or 1
        for grade_index, count in enumerate(r.profile):
            rows.append(
                {
                    "priorité": r.title,
                    "mention": labels.MAJORITY_GRADES[grade_index],
                    "ordre": grade_index,
                    "part": count / total,
                }
            )
    frame = pd.DataFrame(rows)
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y(
                "priorité:N",
                sort=[r.title for r in slide.rows],
                title=None,
                axis=alt.Axis(labelLimit=LABEL_LIMIT),
            ),
            x=alt.X("part:Q", stack="normalize", title=None, axis=alt.Axis(format="%")),
            color=alt.Color(
                "mention:N",
                title="Mention",
                sort=list(labels.MAJORITY_GRADES),
                scale=alt.Scale(
                    domain=list(labels.MAJORITY_GRADES), range=list(labels.MAJORITY_GRADE_COLORS)
                ),
            ),
            order=alt.Order("ordre:Q"),
            tooltip=["priorité", "mention", alt.Tooltip("part:Q", format=".0%")],
        )
        .properties(width=width, height=48 * len(slide.rows))
    )
    median = (
        alt.Chart(pd.DataFrame({"x": [0.5]}))
        .mark_rule(color=INK, strokeDash=[4, 4])
        .encode(x="x:Q")
    )
    return _configure(chart + median)


def plan_chart(slide: PlanSlide, width: int = 700) -> Any | None:
    if not slide.rows:
        return None
    frame = pd.DataFrame(
        [
            {"action": a.title, "avancement": a.progress / 100, "statut": a.status}
            for a in slide.rows
        ]
    )
    scale = alt.Scale(
        domain=list(labels.ACTION_STATUSES.values()),
        range=[labels.ACTION_STATUS_COLORS[k] for k in labels.ACTION_STATUSES],
    )
    base = alt.Chart(frame).encode(
        y=alt.Y("action:N", sort=None, title=None, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
        x=alt.X(
            "avancement:Q",
            title="Avancement",
            scale=alt.Scale(domain=[0, 1]),
            axis=alt.Axis(format="%"),
        ),
    )
    bars = base.mark_bar(cornerRadiusEnd=4).encode(color=alt.Color("statut:N", scale=scale))
    text = base.mark_text(align="left", dx=4, fontSize=15).encode(
        text=alt.Text("avancement:Q", format=".0%")
    )
    return _configure((bars + text).properties(width=width, height=44 * len(frame)))
