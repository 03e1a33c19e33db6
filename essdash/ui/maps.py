"""Offline folium maps: vendored Leaflet assets, no tiles, the territory drawn as the base layer."""

from __future__ import annotations

import json
from collections.abc import Iterable

import folium
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


configure_offline_assets()


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
