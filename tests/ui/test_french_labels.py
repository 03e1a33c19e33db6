"""Labels read as French writes them: the layer downloads say "Sites (GeoJSON)", not
"Sites (GEOJSON)"."""

from __future__ import annotations

from restitution_data import seed_restitution_case
from streamlit.testing.v1 import AppTest

from essdash.config import ROOT


def test_layer_downloads_spell_their_formats(db_url: str) -> None:
    seed_restitution_case()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["essdash_facilitator"] = True
    at.run().switch_page("app_pages/exports.py").run()
    assert not at.exception, at.exception
    labels = {d.proto.label for d in at.get("download_button")}
    expected = {"Sites (GeoJSON)", "Zones (GeoJSON)", "Sites (CSV)", "Zones (CSV)"}
    assert expected <= labels, labels
