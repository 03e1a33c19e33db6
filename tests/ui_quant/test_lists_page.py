"""AppTest: the facilitator creates a named list of communes and sees its figures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from essdash.cli import main
from essdash.db import write_session
from essdash.demo import load_demo

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def app(db_url: str, monkeypatch: pytest.MonkeyPatch) -> tuple[AppTest, list[str]]:
    monkeypatch.setenv("ESSDASH_MODE", "demo")
    with write_session() as s:
        ctx = load_demo(s)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["essdash_facilitator"] = True
    return at.run(), sorted(c.code for c in ctx.communes)


def _metric(at: AppTest, label: str) -> str:
    return str(next(m.value for m in at.metric if m.label == label))


def test_create_a_list_and_see_its_figures(
    app: tuple[AppTest, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    at, codes = app
    at.switch_page("app_pages/chiffres_cles.py").run()
    at.text_input(key="quant_list_name___new__").input("Pays de Démo")
    at.multiselect(key="quant_list_pick").set_value(codes[:2])
    at.text_area(key="quant_list_paste").input(codes[2])
    at.button(key="quant_list_save").click().run()
    assert not at.exception, at.exception
    assert at.selectbox(key="quant_territory").value == "liste:pays-de-demo"
    assert any("liste:pays-de-demo" in s.value for s in at.success)
    assert at.subheader[0].value == "Pays de Démo"
    assert main(["indicators", "--territory", "liste:pays-de-demo", "--format", "json"]) == 0
    expected = json.loads(capsys.readouterr().out)["establishments_active"]
    shown = _metric(at, "Établissements actifs").replace("\u202f", "")
    assert int(shown) == expected > 0


def test_unknown_pasted_code_is_a_french_error(app: tuple[AppTest, list[str]]) -> None:
    at, codes = app
    at.switch_page("app_pages/tableaux.py").run()
    at.text_input(key="quant_list_name___new__").input("PTCE")
    at.text_area(key="quant_list_paste").input(f"{codes[0]} 99999")
    at.button(key="quant_list_save").click().run()
    assert [e.value for e in at.error] == ["Codes INSEE inconnus : 99999."]
    assert at.selectbox(key="quant_territory").value != "liste:ptce"
