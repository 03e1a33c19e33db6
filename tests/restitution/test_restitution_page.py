"""AppTest of the public restitution page: code check, slides, navigation, nothing that writes."""

from __future__ import annotations

import pytest
from restitution_data import seed_restitution_case
from streamlit.testing.v1 import AppTest

from essdash.config import ROOT

UNKNOWN = "Code de restitution inconnu"


@pytest.fixture
def seeded(db_url: str):
    return seed_restitution_case()


def _app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    return at


def test_wrong_code_gives_french_message(seeded) -> None:
    at = _app()
    at.query_params["r"] = "pas-le-bon-code"
    at.run()
    at.switch_page("app_pages/restitution.py").run()
    assert not at.exception
    assert any(UNKNOWN in e.value for e in at.error)


def test_code_typed_opens_slides_and_buttons_step_through(seeded) -> None:
    at = _app()
    at.run()
    at.switch_page("app_pages/restitution.py").run()
    at.text_input(key="restitution_code_input").input(seeded.restitution_code)
    at.button[0].click().run()
    assert not at.exception
    assert at.query_params["r"] == seeded.restitution_code
    assert any("1 / " in m.value for m in at.markdown)
    assert at.button(key="rs_prev").disabled
    at.button(key="rs_next").click().run()
    assert any("2 / " in m.value for m in at.markdown)
    # Only the navigation remains: no text field, no selector, nothing that could write.
    assert not at.text_input and not at.text_area and not at.selectbox and not at.data_editor


def test_deep_link_walks_every_slide_without_error(seeded) -> None:
    at = _app()
    at.query_params["r"] = seeded.restitution_code
    at.run()
    at.switch_page("app_pages/restitution.py").run()
    total = int(next(m.value for m in at.markdown if " / " in m.value).strip("*").split("/")[1])
    for _ in range(total - 1):
        at.button(key="rs_next").click().run()
        assert not at.exception
    assert at.button(key="rs_next").disabled
    shown = " ".join(h.proto.body for h in at.get("html"))
    assert "plan d" in shown.lower()
