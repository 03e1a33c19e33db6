"""Leaflet maps (phone, projection): metric scale only, names where legible, fitted to every
feature, and the optional background tile layer with the offline outlines as the fallback."""

from __future__ import annotations

import json
import re

import pytest
from streamlit_folium import generate_leaflet_string

from essdash.ui.workshop import map_layers
from essdash.workshop.activities.mapping.geometry import circle
from essdash.workshop.activities.mapping.queries import CommuneRef, FeatureView

SQUARE = {"type": "Polygon", "coordinates": [[[4.8, 45.7], [4.9, 45.7], [4.9, 45.8], [4.8, 45.7]]]}
# Leaflet sets tooltips as HTML: names are HTML-escaped, then written as JSON safe in a <script>
ESCAPED_NAME = "Saint-\\u0026lt;Val\\u0026gt;"
COMMUNES = [CommuneRef("69001", "Saint-<Val>", 4.85, 45.75, json.dumps(SQUARE))]


def _feature(kind: str, geometry: dict, label: str, structure: str) -> FeatureView:
    return FeatureView(
        id=1, participant_id=1, kind=kind, geometry=geometry, radius_m=None, site_id=None,
        label=label, family=None, sector=None, offer="", commune_code=None, actor_type="ess",
        structure_name=structure, on_behalf=False,
    )  # fmt: skip


def _fit(html: str) -> list[list[float]]:
    match = re.search(r"fitBounds\(\s*(\[\[.*?\]\])", html, re.S)
    assert match, "the map is not fitted"
    return json.loads(match.group(1))


def test_scale_is_metric_only_and_commune_names_are_escaped_labels() -> None:
    fmap = map_layers.base_map(COMMUNES)
    for html in (fmap.get_root().render(), generate_leaflet_string(fmap)):  # iframe, st_folium
        assert "L.control.scale({metric: true, imperial: false})" in html
        assert "L.control.scale()" not in html
        assert "ess-lbl-commune" in html and ESCAPED_NAME in html and "<Val>" not in html


def test_the_map_fits_an_8_km_zone_reaching_beyond_the_territory() -> None:
    zone = _feature("zone", circle(5.05, 45.75, 8000), "Zone", "Mutuelle")
    (south, west), (north, east) = _fit(map_layers.base_map(COMMUNES, [zone]).get_root().render())
    lons = [p[0] for p in zone.geometry["coordinates"][0]]
    lats = [p[1] for p in zone.geometry["coordinates"][0]]
    assert west <= min(lons) and east >= max(lons) and south <= min(lats) and north >= max(lats)
    assert west <= 4.8  # the territory too


def test_projected_sites_carry_their_structure_name_and_phones_get_it_on_tap() -> None:
    site = _feature("site", {"type": "Point", "coordinates": [4.85, 45.75]}, "Local", "Épi <b>")
    projected = map_layers.features_group([site], big=True, site_labels=True)
    phone = map_layers.features_group([site])
    projected_js = generate_leaflet_string(projected)
    assert "ess-lbl-site" in projected_js
    assert "\\u00c9pi \\u0026lt;b\\u0026gt;" in projected_js  # text in the label, not HTML
    assert "Structure : " in generate_leaflet_string(phone)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("https://data.geopf.fr/wmts?layer=PLAN.IGN&TILEMATRIX={z}&TILECOL={x}&TILEROW={y}", True),
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", True),
        ("", False),
        ("javascript:alert(1)/{z}/{x}/{y}", False),
        ("https://tiles.example/no-placeholders.png", False),
    ],
)
def test_a_configured_tile_layer_goes_under_the_outlines(
    url: str, shown: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ESSDASH_MAP_TILES_URL", url)
    monkeypatch.setenv("ESSDASH_MAP_TILES_ATTRIBUTION", "© IGN")
    html = map_layers.base_map(COMMUNES).get_root().render()
    assert ("L.tileLayer(" in html) is shown
    assert ESCAPED_NAME in html  # the offline outlines and names stay, tiles or not
    if shown:
        assert '"fillOpacity": 0.15' in html
