"""AppTest: the territory picker offers a type, then names; communes are searched, so no box
holds the 35,000 communes of the real COG."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def real_app(real_sample_db: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("ESSDASH_MODE", "demo")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.session_state["essdash_facilitator"] = True
    return at.run()


def test_no_box_holds_every_commune_and_a_commune_is_searched(real_app: AppTest) -> None:
    at = real_app
    at.switch_page("app_pages/chiffres_cles.py").run()
    assert not at.exception, at.exception
    sizes = {box.label: len(box.options) for box in at.selectbox}
    assert sizes["Territoire"] > 1000  # régions, départements and EPCI of the real COG
    assert max(sizes.values()) < 3000, sizes
    at.selectbox(key="quant_territory__kind").set_value("commune").run()
    at.text_input(key="quant_territory__q").input("amiens").run()
    box = at.selectbox(key="quant_territory")
    assert "Amiens (80021)" in box.options and len(box.options) < 100
    box.set_value("commune:80021").run()
    assert not at.exception, at.exception
    assert at.subheader[0].value == "Amiens"
    captions = " ".join(c.value for c in at.caption)
    assert "Somme" in captions and "Hauts-de-France" in captions and "France" in captions


def test_type_narrows_the_names(real_app: AppTest) -> None:
    at = real_app
    at.switch_page("app_pages/chiffres_cles.py").run()
    at.selectbox(key="quant_territory__kind").set_value("departement").run()
    options = at.selectbox(key="quant_territory").options
    assert "Somme (80)" in options and all("(" in o for o in options)
    assert 95 < len(options) < 110
