"""AppTest: the « Couverture des zones » page on the demo, its figures, filter and threshold."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from essdash.db import write_session
from essdash.demo import load_demo

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def demo(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESSDASH_MODE", "demo")
    with write_session() as session:
        load_demo(session)


def _page() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state["essdash_facilitator"] = True
    at.run()
    at.switch_page("app_pages/couverture.py").run()
    assert not at.exception, at.exception
    return at


def _metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def test_page_shows_coverage_and_its_zones_blanches_at_a_higher_threshold(demo):
    at = _page()
    # The demo's three radius zones reach each of the twelve communes of the Val de Démo.
    assert _metric(at, "Communes couvertes") == "12 / 12"
    assert _metric(at, "Zones blanches") == "0"
    table = at.dataframe[-1].value
    assert len(table) == 12 and table["Population"].str.contains("\u202f").any()
    at.number_input(key="coverage_share").set_value(60).run()
    assert not at.exception, at.exception
    blank = int(_metric(at, "Zones blanches"))
    assert blank > 0
    assert _metric(at, "Communes couvertes") == f"{12 - blank} / 12"
    assert "Tous les secteurs" in at.selectbox[-1].options
