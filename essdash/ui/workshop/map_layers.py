"""The shared map's layers: everyone's sites and zones coloured by type of actor, and the legend.

All participant text put in Leaflet tooltips is HTML-escaped (Leaflet sets innerHTML).
"""

from __future__ import annotations

import html

import folium
import streamlit as st

from essdash import labels
from essdash.ui import maps
from essdash.workshop.activities.mapping.queries import CommuneRef, FeatureView

DEFAULT_COLOR = labels.ACTOR_TYPE_COLORS["autre"]


def base_map(communes: list[CommuneRef]) -> folium.Map:
    """Offline map of the territory (no tiles), fitted to its communes."""
    outlines = [(c.name, c.geometry) for c in communes if c.geometry]
    lons = [c.lon for c in communes if c.lon is not None]
    lats = [c.lat for c in communes if c.lat is not None]
    bounds = None
    if lons and lats:
        pad = 0.03
        bounds = (min(lons) - pad, min(lats) - pad, max(lons) + pad, max(lats) + pad)
    return maps.offline_map(outlines, bounds=bounds)


def _tooltip(f: FeatureView) -> str:
    kind = "Site" if f.kind == "site" else "Zone de chalandise"
    actor = labels.ACTOR_TYPES.get(f.actor_type, "")
    parts = [f"<b>{html.escape(f.label)}</b>", f"{kind} · {html.escape(actor)}"]
    if f.offer:
        parts.append(html.escape(f.offer[:160]))
    if f.on_behalf:
        parts.append("<i>saisi par l'animation</i>")
    return "<br>".join(parts)


def _style(feature: dict) -> dict:
    props = feature["properties"]
    if props["kind"] == "zone":
        return {"color": props["color"], "weight": 2, "fillColor": props["color"],
                "fillOpacity": 0.12}  # fmt: skip
    return {"color": "#FFFFFF", "weight": 2, "fillColor": props["color"], "fillOpacity": 0.95}


def features_group(items: list[FeatureView], *, big: bool = False) -> folium.FeatureGroup:
    """Everyone's features in ONE GeoJson layer (one template render, not one per feature);
    zones under sites. Passed as `feature_group_to_add` so the map does not remount."""
    group = folium.FeatureGroup(name="Acteurs")
    features = [
        {
            "type": "Feature",
            "geometry": f.geometry,
            "properties": {
                "kind": f.kind,
                "color": labels.ACTOR_TYPE_COLORS.get(f.actor_type, DEFAULT_COLOR),
                "tip": _tooltip(f),
            },
        }
        for f in sorted(items, key=lambda f: f.kind != "zone")
    ]
    if not features:
        return group
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        style_function=_style,
        marker=folium.CircleMarker(radius=11 if big else 8, fill=True),
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False),
    ).add_to(group)
    return group


def map_document(communes: list[CommuneRef], items: list[FeatureView]) -> str:
    """The whole read-only map as one HTML document (for `st.iframe`): rendered once per change
    of the features and shared by every phone, instead of one folium render per phone run."""
    fmap = base_map(communes)
    features_group(items).add_to(fmap)
    return str(fmap.get_root().render())


def legend(*, big: bool = False) -> None:
    """Colour key by type of actor (labels only, no participant text)."""
    size = "1.1rem" if big else "0.85rem"
    items = "".join(
        f'<span style="display:inline-flex;align-items:center;margin:0 1rem 0.3rem 0;">'
        f'<span style="width:0.9em;height:0.9em;border-radius:50%;background:{color};'
        f'border:2px solid #fff;box-shadow:0 0 0 1px #999;margin-right:0.4em"></span>'
        f"{html.escape(labels.ACTOR_TYPES[key])}</span>"
        for key, color in labels.ACTOR_TYPE_COLORS.items()
    )
    st.html(f'<div style="font-size:{size};line-height:1.6">{items}</div>')
