"""AppTest: the phone's drawing map (sites and zones page, drawing mode) shows every feature
drawn, like the projection: a zone reaching beyond the territory is not cut off."""

from __future__ import annotations

from typing import Any

import folium
import pytest
import streamlit_folium

from essdash.db import read_session, write_session
from essdash.workshop.activities.mapping import queries, service
from essdash.workshop.activities.mapping.service import Description
from tests.ui.test_workshop_pages import _app, demo

__all__ = ["demo"]  # the fixture, shared with the other live-workshop page tests


def _fitted(fmap: folium.Map) -> tuple[float, float, float, float]:
    """(min_lon, min_lat, max_lon, max_lat) the map is fitted to."""
    fits = [c for c in fmap._children.values() if isinstance(c, folium.FitBounds)]
    assert len(fits) == 1
    (south, west), (north, east) = fits[0].bounds
    return west, south, east, north


def test_the_drawing_map_is_fitted_to_every_feature(
    demo: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    maps: list[folium.Map] = []
    monkeypatch.setattr(streamlit_folium, "st_folium", lambda fmap, **k: maps.append(fmap) or {})
    at = _app()
    at.query_params["p"] = demo["token"]
    at.run().switch_page("app_pages/carte_partagee.py").run()
    at.toggle(key="map_draw_mode").set_value(True).run()
    assert not at.exception, at.exception
    west, south, east, north = _fitted(maps[-1])
    # A zone drawn beyond the territory's eastern edge (an 8 km radius reaches that far).
    ring = [[east + 0.02, south], [east + 0.12, south], [east + 0.12, north], [east + 0.02, north]]
    zone = {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}
    with write_session() as s:
        service.add_zone(
            s, participant_id=demo["participant_id"], geometry=zone,
            description=Description("Zone au-delà du territoire"),
        )  # fmt: skip
    at.run()
    assert not at.exception, at.exception
    with read_session() as s:
        features = queries.visible_features(s, demo["workshop_id"])
    assert any(f.label == "Zone au-delà du territoire" for f in features)
    fitted = _fitted(maps[-1])
    assert fitted[2] >= east + 0.12, "the zone's far edge is inside the map's frame"
    assert fitted[0] <= west and fitted[1] <= south and fitted[3] >= north
