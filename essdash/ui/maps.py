"""Folium maps that work offline: vendored Leaflet assets, the territory's outlines as the base
layer, an optional background tile layer (ESSDASH_MAP_TILES_URL) for rooms with internet, commune
names and site labels where they do not overlap, a metric scale."""

from __future__ import annotations

import html
import json
import threading
from collections.abc import Callable, Iterable, Sequence

import branca.element
import folium
import jinja2
import jinja2.nodes
from folium import plugins
from jinja2.utils import htmlsafe_json_dumps

from essdash import config

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


class RawScript(branca.element.Element):
    """Already-generated JavaScript: branca would compile it as a jinja template otherwise."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code

    def render(self, **kwargs: object) -> str:
        return self.code


class MapScript(folium.MacroElement):
    """Already-generated JavaScript run with the map (`{map}` is replaced by its variable).

    The jinja macro outputs the code as a value, never compiles it; st_folium renders each
    child's `script` macro, so the script also runs in st_folium's maps.
    """

    _template = jinja2.Template(
        "{% macro script(this, kwargs) %}{{ this.code_for_map() }}{% endmacro %}"
    )

    def __init__(self, code: str) -> None:
        super().__init__()
        self._name = "MapScript"
        self.code = code

    def code_for_map(self) -> str:
        parent = self._parent
        assert parent is not None, "add the script to a map first"
        return self.code.replace("{map}", parent.get_name())


# Labels (commune names, site names) are permanent Leaflet tooltips of class `ess-lbl`; after each
# zoom or move, a label that would overlap one already shown is hidden (sites first): names are
# shown where they are legible. The CSS is injected from the script so that it also reaches
# st_folium's document.
LABELS_JS = """
(function (map) {
  var root = map.getContainer().getRootNode ? map.getContainer().getRootNode() : document;
  var host = root.head || root;  // a document's head, or the shadow root st_folium may use
  if (!host.querySelector("#ess-lbl-css")) {
    var css = document.createElement("style"); css.id = "ess-lbl-css";
    css.textContent = ".ess-lbl{background:rgba(255,255,255,.85);border:0;box-shadow:none;"
      + "padding:0 3px;color:#1E1E28;font:600 12px/1.2 sans-serif;white-space:nowrap}"
      + ".ess-lbl:before{display:none}.ess-lbl-commune{color:#3A3A44;font-weight:500}"
      + ".ess-big .ess-lbl{font-size:17px}";
    host.appendChild(css);
  }
  function cull() {
    map.eachLayer(function (layer) {  // st_folium may resize the map after labels are placed
      var tip = layer.getTooltip && layer.getTooltip();
      if (tip && tip.options.permanent && layer.isTooltipOpen()) { tip.update(); }
    });
    var box = map.getContainer(), frame = box.getBoundingClientRect(), kept = [];
    var all = Array.prototype.slice.call(box.querySelectorAll(".ess-lbl-site"))
      .concat(Array.prototype.slice.call(box.querySelectorAll(".ess-lbl-commune")));
    all.forEach(function (el) {
      el.style.visibility = "visible";
      var r = el.getBoundingClientRect();
      var outside = r.left < frame.left || r.right > frame.right
        || r.top < frame.top || r.bottom > frame.bottom;
      var hit = outside || r.width === 0 || kept.some(function (k) {
        return !(r.right < k.left || r.left > k.right || r.bottom < k.top || r.top > k.bottom);
      });
      if (hit) { el.style.visibility = "hidden"; } else { kept.push(r); }
    });
  }
  var timer = null;
  function later() { clearTimeout(timer); timer = setTimeout(cull, 80); }
  map.on("zoomend moveend layeradd resize", later);
  map.whenReady(function () { setTimeout(cull, 300); setTimeout(cull, 1500); });
})({map});
"""


def commune_labels_js(labels: Sequence[tuple[str, float, float]]) -> str:
    """Permanent labels at each commune's centre (names escaped: tooltips set innerHTML)."""
    data = htmlsafe_json_dumps([[html.escape(n), lat, lon] for n, lat, lon in labels])
    # Tooltips bound to invisible markers: a standalone tooltip added before st_folium sets the
    # view stays where it was first placed; whenReady: no layer before the map has a view.
    return (
        f"{{map}}.whenReady(function () {{ {data}.forEach(function (c) {{ "
        "L.circleMarker([c[1], c[2]], {radius: 0, stroke: false, fill: false, "
        "interactive: false}).bindTooltip(c[0], {permanent: true, direction: 'center', "
        "className: 'ess-lbl ess-lbl-commune', interactive: false}).addTo({map}); }); });"
    )


METRIC_SCALE_JS = "L.control.scale({metric: true, imperial: false}).addTo({map});"


def offline_map(
    outlines: Iterable[tuple[str, str]] = (),
    *,
    bounds: tuple[float, float, float, float] | None = None,
    height_hint: str = "100%",
    labels: Sequence[tuple[str, float, float]] = (),
    big: bool = False,
) -> folium.Map:
    """A map whose base is the territory's outlines (`(name, GeoJSON geometry)`), with the
    configured background tiles under them if any; `labels` are (commune name, lat, lon).

    `bounds` is (min_lon, min_lat, max_lon, max_lat); the map fits them.
    """
    fmap = folium.Map(tiles=None, control_scale=False, zoom_snap=0.25, height=height_hint)
    style = f"<style>.leaflet-container {{ background: {MAP_BACKGROUND} !important; }}</style>"
    fmap.get_root().header.add_child(folium.Element(style))  # type: ignore[attr-defined]
    tiles = config.map_tiles()
    if tiles is not None:
        url, attribution = tiles
        folium.TileLayer(tiles=url, attr=attribution, name="Fond de carte", max_zoom=19).add_to(
            fmap
        )
    _outlines(fmap, outlines, fill_opacity=0.15 if tiles else 0.9)
    script = METRIC_SCALE_JS + commune_labels_js(labels) + LABELS_JS
    if big:
        script += "{map}.getContainer().classList.add('ess-big');"
    MapScript(script).add_to(fmap)
    if bounds:
        min_lon, min_lat, max_lon, max_lat = bounds
        fmap.fit_bounds([[min_lat, min_lon], [max_lat, max_lon]])
    return fmap


def _outlines(fmap: folium.Map, outlines: Iterable[tuple[str, str]], fill_opacity: float) -> None:
    features = [
        {"type": "Feature", "properties": {"nom": name}, "geometry": json.loads(geometry)}
        for name, geometry in outlines
    ]
    if not features:
        return
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name="Communes",
        style_function=lambda _f: {
            "color": OUTLINE_COLOR,
            "weight": 1,
            "fillColor": "#FFFFFF",
            "fillOpacity": fill_opacity,
        },
        tooltip=folium.GeoJsonTooltip(fields=["nom"], aliases=["Commune"]),
        control=False,
    ).add_to(fmap)


def bounds_of(geometries: Iterable[dict[str, object]]) -> tuple[float, float, float, float] | None:
    """(min_lon, min_lat, max_lon, max_lat) of every coordinate of GeoJSON geometries."""
    lons: list[float] = []
    lats: list[float] = []

    def walk(coords: object) -> None:
        if isinstance(coords, (list, tuple)):
            if len(coords) >= 2 and all(isinstance(v, (int, float)) for v in coords[:2]):
                lons.append(float(coords[0]))  # type: ignore[arg-type]
                lats.append(float(coords[1]))  # type: ignore[arg-type]
            else:
                for part in coords:
                    walk(part)

    for geometry in geometries:
        walk(geometry.get("coordinates"))
        for sub in geometry.get("geometries", []) or []:  # type: ignore[attr-defined]
            walk(sub.get("coordinates"))
    if not lons:
        return None
    return min(lons), min(lats), max(lons), max(lats)
