"""Restitution and PDF maps: fitted to every geometry (a 8 km radius zone is not cut), commune
and site names where legible, a metric scale bar only."""

from __future__ import annotations

import io
import json
import math
from pathlib import Path

import vl_convert as vlc
from PIL import Image

from essdash.restitution import map_frame
from essdash.restitution.charts import map_chart
from essdash.restitution.slides import CommuneArea, MapPoint, MapSlide, MapZone
from essdash.workshop.activities.mapping.geometry import circle

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


def _square(lon: float, lat: float, d: float = 0.05) -> dict[str, object]:
    ring = [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def _slide() -> MapSlide:
    communes = tuple(
        CommuneArea(f"{i}", f"Commune {i}", _square(4.80 + 0.05 * (i % 4), 45.70 + 0.05 * (i // 4)))
        for i in range(12)
    )
    far_zone = circle(5.05, 45.75, 8000)  # an 8 km radius zone reaching east of the communes
    return MapSlide(
        title="Carte des acteurs",
        subtitle="",
        communes=communes,
        points=(
            MapPoint(4.83, 45.73, "Mutuelle du Val", "ess"),
            MapPoint(4.93, 45.78, "Tiers-lieu Les Granges", "citoyen"),
        ),
        zones=(MapZone(far_zone, "Zone de la mutuelle", "ess"),),
        kind="actors_map",
    )


def _layers(spec: dict) -> list[dict]:
    return spec["layer"]


def test_the_frame_holds_every_geometry_including_a_radius_zone_beyond_the_communes() -> None:
    slide = _slide()
    geometries = [c.geometry for c in slide.communes] + [z.geometry for z in slide.zones]
    box = map_frame.bounds(geometries)
    assert box is not None
    frame = map_frame.fit(box, 900, 620)
    for lon, lat in slide.zones[0].geometry["coordinates"][0]:
        x, y = frame.pixel(lon, lat)
        assert 0 <= x <= 900 and 0 <= y <= 620


def test_the_scale_bar_is_metric_and_true() -> None:
    frame = map_frame.fit((4.8, 45.7, 5.2, 45.9), 900, 620)
    length_px, text = map_frame.scale_bar(frame)
    assert text.endswith(" km") and "mi" not in text
    km = float(text.split()[0].replace(",", "."))
    # the same distance measured along the parallel through the centre
    lon_span = math.degrees(km * 1000 / (map_frame.EARTH_RADIUS_M * math.cos(math.radians(45.8))))
    x0, _ = frame.pixel(5.0, frame.center[1])
    x1, _ = frame.pixel(5.0 + lon_span, frame.center[1])
    assert abs((x1 - x0) - length_px) < 1


def test_names_shown_never_overlap_and_sites_come_first() -> None:
    frame = map_frame.fit((4.8, 45.7, 5.0, 45.85), 600, 400)
    crowded = [map_frame.Label(f"Structure {i}", 4.9, 45.77, 15, dx=12) for i in range(3)]
    crowded.append(map_frame.Label("Commune du centre", 4.9, 45.77, 13))
    kept = map_frame.legible(frame, crowded)
    assert [k.text for k in kept] == ["Structure 0"]


def test_the_map_shows_commune_and_site_names_and_a_km_scale() -> None:
    chart = map_chart(_slide(), width=900, height=620)
    spec = chart.to_dict()
    texts = json.dumps(spec, ensure_ascii=False)
    assert "Mutuelle du Val" in texts and "Commune 0" in texts
    assert " km" in texts and "mi" not in json.dumps([layer.get("mark") for layer in _layers(spec)])
    assert spec["projection"]["type"] == "mercator"
    png = vlc.vegalite_to_png(chart.to_json(), scale=1)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "restitution-map-labels.png").write_bytes(png)
    assert Image.open(io.BytesIO(png)).size[0] >= 900
