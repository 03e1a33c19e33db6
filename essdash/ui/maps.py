"""Offline folium maps: vendored Leaflet assets, no tiles, the territory drawn as the base layer."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable

import folium
import jinja2
import jinja2.nodes
from folium import plugins

VENDOR = "/app/static/vendor"
MAP_BACKGROUND = "#F7F5F0"
OUTLINE_COLOR = "#5B5B66"


def configure_offline_assets() -> None:
    """Point folium's process-wide asset lists at the vendored copies (no CDN request)."""
    folium.Map.default_js = [
        ("leaflet", f"{VENDOR}/leaflet/leaflet.js"),
        ("jquery", f"{VENDOR}/jquery.min.js"),
        ("bootstrap", f"{VENDOR}/bootstrap.bundle.min.js"),
    ]
    folium.Map.default_css = [
        ("leaflet_css", f"{VENDOR}/leaflet/leaflet.css"),
        ("bootstrap_css", f"{VENDOR}/bootstrap.min.css"),
    ]
    plugins.Draw.default_js = [("leaflet_draw_js", f"{VENDOR}/leaflet-draw/leaflet.draw.js")]
    plugins.Draw.default_css = [("leaflet_draw_css", f"{VENDOR}/leaflet-draw/leaflet.draw.css")]
    cluster_js = [("markerclusterjs", f"{VENDOR}/markercluster/leaflet.markercluster.js")]
    cluster_css = [
        ("markerclustercss", f"{VENDOR}/markercluster/MarkerCluster.css"),
        ("markerclusterdefaultcss", f"{VENDOR}/markercluster/MarkerCluster.Default.css"),
    ]
    plugins.MarkerCluster.default_js = cluster_js
    plugins.MarkerCluster.default_css = cluster_css
    plugins.FastMarkerCluster.default_js = cluster_js
    plugins.FastMarkerCluster.default_css = cluster_css


_TEMPLATE_LOCK = threading.Lock()


def configure_template_cache(max_entries: int = 2048) -> None:
    """Share jinja2 templates compiled from the same source (folium/branca recompile per element).

    Compiled templates are immutable and thread-safe to render; profiling the live map under 100
    participants showed about a fifth of the server's time spent recompiling identical templates.

    This patches `jinja2.Environment.from_string` for the whole process (every library that uses
    jinja2 goes through it): installed once, under a lock, and its cache is only read and
    written under that lock, since Streamlit runs sessions' scripts in concurrent threads.
    Templates with `globals`, or given as parsed nodes, bypass the cache.
    """
    with _TEMPLATE_LOCK:
        original = jinja2.Environment.from_string
        if getattr(original, "_essdash_cached", False):
            return
        _install_template_cache(original, max_entries)


def _install_template_cache(original: Callable[..., jinja2.Template], max_entries: int) -> None:
    cache: dict[tuple[int, str, object], jinja2.Template] = {}

    def from_string(
        self: jinja2.Environment,
        source: str | jinja2.nodes.Template,
        globals: dict[str, object] | None = None,
        template_class: type[jinja2.Template] | None = None,
    ) -> jinja2.Template:
        if globals or not isinstance(source, str):
            return original(self, source, globals, template_class)
        key = (id(self), source, template_class)
        with _TEMPLATE_LOCK:
            template = cache.get(key)
        if template is None:
            template = original(self, source, None, template_class)
            with _TEMPLATE_LOCK:
                if len(cache) < max_entries:
                    cache.setdefault(key, template)
        return template

    from_string._essdash_cached = True  # type: ignore[attr-defined]
    jinja2.Environment.from_string = from_string  # type: ignore[method-assign,assignment]


configure_offline_assets()
configure_template_cache()


def offline_map(
    outlines: Iterable[tuple[str, str]] = (),
    *,
    bounds: tuple[float, float, float, float] | None = None,
    height_hint: str = "100%",
) -> folium.Map:
    """A map without tiles; `outlines` are (name, GeoJSON geometry) drawn as the territory's base.

    `bounds` is (min_lon, min_lat, max_lon, max_lat); the map fits them.
    """
    fmap = folium.Map(tiles=None, control_scale=True, zoom_snap=0.25, height=height_hint)
    style = f"<style>.leaflet-container {{ background: {MAP_BACKGROUND} !important; }}</style>"
    fmap.get_root().header.add_child(folium.Element(style))  # type: ignore[attr-defined]
    features = [
        {"type": "Feature", "properties": {"nom": name}, "geometry": json.loads(geometry)}
        for name, geometry in outlines
    ]
    if features:
        folium.GeoJson(
            {"type": "FeatureCollection", "features": features},
            name="Communes",
            style_function=lambda _f: {
                "color": OUTLINE_COLOR,
                "weight": 1,
                "fillColor": "#FFFFFF",
                "fillOpacity": 0.9,
            },
            tooltip=folium.GeoJsonTooltip(fields=["nom"], aliases=["Commune"]),
            control=False,
        ).add_to(fmap)
    if bounds:
        min_lon, min_lat, max_lon, max_lat = bounds
        fmap.fit_bounds([[min_lat, min_lon], [max_lat, max_lon]])
    return fmap
