"""The shared map's layers: everyone's sites and zones coloured by type of actor, and the legend.

All participant text put in Leaflet tooltips is HTML-escaped (Leaflet sets innerHTML).
"""

from __future__ import annotations

import functools
import html
import json
from collections.abc import Sequence

import folium
import jinja2
import streamlit as st
from jinja2.utils import htmlsafe_json_dumps

from essdash import labels
from essdash.ui import maps
from essdash.workshop.activities.mapping.queries import CommuneRef, FeatureView

DEFAULT_COLOR = labels.ACTOR_TYPE_COLORS["autre"]
Bounds = tuple[float, float, float, float]


def base_map(
    communes: list[CommuneRef], items: Sequence[FeatureView] = (), *, big: bool = False
) -> folium.Map:
    """Map of the territory with its commune names, fitted to the communes AND every feature
    (a zone reaching beyond the territory is not cut)."""
    outlines = tuple((c.name, c.geometry) for c in communes if c.geometry)
    names = [(c.name, c.lat, c.lon) for c in communes if c.lat is not None and c.lon is not None]
    parts = [b for b in (_outline_bounds(outlines), _centre_bounds(communes)) if b]
    feature_bounds = maps.bounds_of(f.geometry for f in items)
    if feature_bounds:
        parts.append(feature_bounds)
    bounds = None
    if parts:
        pad = 0.01
        bounds = (
            min(b[0] for b in parts) - pad, min(b[1] for b in parts) - pad,
            max(b[2] for b in parts) + pad, max(b[3] for b in parts) + pad,
        )  # fmt: skip
    return maps.offline_map(outlines, bounds=bounds, labels=names, big=big)


@functools.lru_cache(maxsize=32)
def _outline_bounds(outlines: tuple[tuple[str, str], ...]) -> Bounds | None:
    """Cached: the projection rebuilds its map every second (the strings' hashes are cached)."""
    return maps.bounds_of(json.loads(geometry) for _, geometry in outlines)


def _centre_bounds(communes: list[CommuneRef]) -> Bounds | None:
    lons = [c.lon for c in communes if c.lon is not None]
    lats = [c.lat for c in communes if c.lat is not None]
    if not lons or not lats:
        return None
    return min(lons), min(lats), max(lons), max(lats)


def _tooltip(f: FeatureView) -> str:
    kind = "Site" if f.kind == "site" else "Zone de chalandise"
    actor = labels.ACTOR_TYPES.get(f.actor_type, "")
    parts = [f"<b>{html.escape(f.label)}</b>"]
    if f.structure_name and f.structure_name != f.label:
        parts.append(f"Structure : {html.escape(f.structure_name)}")
    parts.append(f"{kind} · {html.escape(actor)}")
    if f.offer:
        parts.append(html.escape(f.offer[:160]))
    if f.on_behalf:
        parts.append("<i>saisi par l'animation</i>")
    return "<br>".join(parts)


class ActorLayer(folium.MacroElement):
    """Everyone's sites and zones as ONE Leaflet GeoJSON layer, styled in the browser.

    folium.GeoJson evaluates a Python style function per feature, writes a JavaScript
    `switch` with a case per feature, then recompiles that script as a jinja template:
    about 40 ms for 300 features, on every live run. This layer writes the features as JSON
    (escaped for a <script>) and one constant style function: about 1 ms.
    """

    _template = jinja2.Template(
        """{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.geoJSON({{ this.data }}, {
    pointToLayer: function (f, latlng) {
        return L.circleMarker(latlng, {radius: {{ this.radius }}});
    },
    style: function (f) {
        var c = f.properties.color;
        return f.properties.kind === "zone"
            ? {color: c, weight: 2, fillColor: c, fillOpacity: 0.12}
            : {color: "#FFFFFF", weight: 2, fillColor: c, fillOpacity: 0.95};
    },
    onEachFeature: function (f, layer) {
        if ({{ this.labels }} && f.properties.kind === "site") {
            // the structure's name always shown (where legible), the details on a tap
            layer.bindTooltip(f.properties.name, {permanent: true, direction: "right",
                offset: [{{ this.radius }}, 0], className: "ess-lbl ess-lbl-site"});
            layer.bindPopup(f.properties.tip);
        } else {
            layer.bindTooltip(f.properties.tip);  // hover, or a tap on a phone
        }
    }
}).addTo({{ this._parent.get_name() }});
{% endmacro %}"""
    )

    def __init__(self, collection: dict, *, radius: int, labels: bool = False) -> None:
        super().__init__()
        self._name = "ActorLayer"
        self.data = htmlsafe_json_dumps(collection)
        self.radius = radius
        self.labels = "true" if labels else "false"

    def render(self, **kwargs: object) -> None:  # type: ignore[override]
        script = self._template.module.script(self, kwargs)  # type: ignore[attr-defined]
        self.get_root().script.add_child(maps.RawScript(script), name=self.get_name())  # type: ignore[attr-defined]


def features_group(
    items: list[FeatureView], *, big: bool = False, site_labels: bool = False
) -> folium.FeatureGroup:
    """Everyone's features in ONE layer; zones under sites. Passed to st_folium as
    `feature_group_to_add` so that the map does not remount when someone adds a site.
    With `site_labels` (projection), each site carries its structure's name."""
    group = folium.FeatureGroup(name="Acteurs")
    features = [
        {
            "type": "Feature",
            "geometry": f.geometry,
            "properties": {
                "kind": f.kind,
                "color": labels.ACTOR_TYPE_COLORS.get(f.actor_type, DEFAULT_COLOR),
                "tip": _tooltip(f),
                "name": html.escape(f.structure_name or f.label),
            },
        }
        for f in sorted(items, key=lambda f: f.kind != "zone")
    ]
    if features:
        collection = {"type": "FeatureCollection", "features": features}
        ActorLayer(collection, radius=11 if big else 8, labels=site_labels).add_to(group)
    return group


def map_document(communes: list[CommuneRef], items: list[FeatureView]) -> str:
    """The whole read-only map as one HTML document (for `st.iframe`): rendered once per change
    of the features and shared by every phone, instead of one folium render per phone run."""
    fmap = base_map(communes, items)
    features_group(items).add_to(fmap)
    fmap.get_root().title = "Carte partagée de l'atelier"  # type: ignore[attr-defined]
    # A document of its own in an iframe: it must say its language too (RGAA 8.3).
    return str(fmap.get_root().render()).replace("<html>", '<html lang="fr">', 1)


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
