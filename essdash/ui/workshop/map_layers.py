"""The shared map's layers: everyone's sites and zones coloured by type of actor, and the legend.

All participant text put in Leaflet tooltips is HTML-escaped (Leaflet sets innerHTML).
"""

from __future__ import annotations

import html

import branca.element
import folium
import jinja2
import streamlit as st
from jinja2.utils import htmlsafe_json_dumps

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


class _RawScript(branca.element.Element):
    """Already-generated JavaScript: branca would compile it as a jinja template otherwise."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code

    def render(self, **kwargs: object) -> str:
        return self.code


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
    onEachFeature: function (f, layer) { layer.bindTooltip(f.properties.tip); }
}).addTo({{ this._parent.get_name() }});
{% endmacro %}"""
    )

    def __init__(self, collection: dict, *, radius: int) -> None:
        super().__init__()
        self._name = "ActorLayer"
        self.data = htmlsafe_json_dumps(collection)
        self.radius = radius

    def render(self, **kwargs: object) -> None:  # type: ignore[override]
        script = self._template.module.script(self, kwargs)  # type: ignore[attr-defined]
        self.get_root().script.add_child(_RawScript(script), name=self.get_name())  # type: ignore[attr-defined]


def features_group(items: list[FeatureView], *, big: bool = False) -> folium.FeatureGroup:
    """Everyone's features in ONE layer; zones under sites. Passed to st_folium as
    `feature_group_to_add` so that the map does not remount when someone adds a site."""
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
    if features:
        collection = {"type": "FeatureCollection", "features": features}
        ActorLayer(collection, radius=11 if big else 8).add_to(group)
    return group


def map_document(communes: list[CommuneRef], items: list[FeatureView]) -> str:
    """The whole read-only map as one HTML document (for `st.iframe`): rendered once per change
    of the features and shared by every phone, instead of one folium render per phone run."""
    fmap = base_map(communes)
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
