"""Labels read as French writes them: "Sites (GeoJSON)", not "Sites (GEOJSON)"; "0 post-it"."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from essdash.config import ROOT
from essdash.db import write_session
from essdash.models import Question
from essdash.workshop.projection_link import projection_key
from tests.restitution_data import seed_restitution_case
from tests.ui.test_projection_link_page import _public_projection, workshop_id

__all__ = ["workshop_id"]  # the fixture: the demo workshop


def test_layer_downloads_spell_their_formats(db_url: str) -> None:
    seed_restitution_case()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["essdash_facilitator"] = True
    at.run().switch_page("app_pages/exports.py").run()
    assert not at.exception, at.exception
    labels = {d.proto.label for d in at.get("download_button")}
    expected = {"Sites (GeoJSON)", "Zones (GeoJSON)", "Sites (CSV)", "Zones (CSV)"}
    assert expected <= labels, labels


def test_the_projected_board_counts_post_its_in_french(workshop_id: int) -> None:
    """A question nobody answered yet: "0 post-it", as French counts 0 and 1 (not "0 post-its")."""
    with write_session() as s:
        question = Question(workshop_id=workshop_id, position=9, text="Et demain ?")
        s.add(question)
        s.flush()
        qid = question.id
    link = {"w": str(workshop_id), "k": projection_key(workshop_id), "v": "board", "q": str(qid)}
    at = _public_projection(link)
    assert not at.exception, at.exception
    counts = [h.value for h in at.get("html") if "pj-cafe-count" in h.value]
    assert counts and '"pj-cafe-count">0 post-it<' in counts[0], counts
