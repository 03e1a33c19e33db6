"""AppTest: the figures pages render on the demo for the facilitator, with French numbers."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
PAGES = ["chiffres_cles", "carte_ess", "comparaison", "tableaux", "filieres", "import_donnees",
         "a_propos_donnees"]  # fmt: skip


@pytest.fixture
def app(demo_db: str, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("ESSDASH_MODE", "demo")
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["essdash_facilitator"] = True
    return at.run()


@pytest.mark.parametrize("page", PAGES)
def test_page_renders(app: AppTest, page: str) -> None:
    app.switch_page(f"app_pages/{page}.py").run()
    assert not app.exception, app.exception
    assert app.title


def test_key_figures_show_references_in_french(app: AppTest) -> None:
    app.switch_page("app_pages/chiffres_cles.py").run()
    labels = [m.label for m in app.metric]
    assert "Établissements de l'ESS" in labels
    share = next(m.value for m in app.metric if m.label == "Part de l'ESS (établissements)")
    assert share.endswith("\u00a0%") and "," in share
    captions = " ".join(c.value for c in app.caption)
    assert "Département de Démo" in captions and "France" in captions


def test_tables_mask_secret_cells(app: AppTest) -> None:
    app.switch_page("app_pages/tableaux.py").run()
    frames = [d.value for d in app.dataframe]
    assert any((f == "s").any().any() for f in frames)
    totals = [f.iloc[-1] for f in frames if f.iloc[-1].iloc[0] == "Total"]
    assert totals and all(t.iloc[1:].map(lambda v: v != "s").all() for t in totals)


def test_perimeter_choice_changes_nothing_but_commercial_companies(app: AppTest) -> None:
    app.switch_page("app_pages/chiffres_cles.py").run()
    before = next(m.value for m in app.metric if m.label == "Établissements de l'ESS")
    app.radio(key="quant_perimeter").set_value("legal").run()
    after = next(m.value for m in app.metric if m.label == "Établissements de l'ESS")
    assert int(after.replace("\u202f", "")) > int(before.replace("\u202f", ""))


def test_territory_choice_follows_the_user_across_pages(app: AppTest) -> None:
    app.switch_page("app_pages/chiffres_cles.py").run()
    app.selectbox(key="quant_territory").set_value("departement:00").run()
    app.radio(key="quant_perimeter").set_value("legal").run()
    app.switch_page("app_pages/comparaison.py").run()
    app.switch_page("app_pages/carte_ess.py").run()
    assert app.selectbox(key="quant_territory").value == "departement:00"
    assert app.radio(key="quant_perimeter").value == "legal"


def test_map_of_france_groups_communes_by_departement(app: AppTest) -> None:
    app.switch_page("app_pages/carte_ess.py").run()
    app.selectbox(key="quant_territory").set_value("france:FR").run()
    assert not app.exception, app.exception
    captions = " ".join(c.value for c in app.caption)
    assert "regroupe les communes par département" in captions
    app.selectbox(key="quant_territory").set_value("epci:200099999").run()
    assert "regroupe" not in " ".join(c.value for c in app.caption)
