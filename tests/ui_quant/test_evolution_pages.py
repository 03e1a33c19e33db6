"""AppTest: with a Sirene history imported, "Chiffres clés" and the comparison show the evolution
since 2010, its average yearly change (the value recomputed here from the yearly series) and
the note that Sirene closures lag reality; without it, they say how to import one."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from essdash.db import read_session
from essdash.formatting import fmt_share
from essdash.importers.sirene_history import import_history
from essdash.indicators import series
from essdash.indicators.perimeter import STATISTICAL, load_perimeter
from essdash.indicators.territories import resolve
from tests.ui_quant.history_rows import write_history

ROOT = Path(__file__).resolve().parents[2]


def _app() -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    at.session_state["essdash_facilitator"] = True
    return at.run()


@pytest.fixture
def demo(demo_db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ESSDASH_MODE", "demo")


def test_key_figures_show_the_evolution(demo: None, tmp_path: Path) -> None:
    import_history(write_history(tmp_path / "historique.csv"))
    with read_session() as s:
        table = series.yearly(s, resolve(s, "epci", "200099999"), STATISTICAL, load_perimeter())
    stock = table["ess_establishments"]
    first, last = stock.index.min(), stock.index.max()
    change = (stock[last] / stock[first]) ** (1 / (last - first)) - 1
    at = _app()
    at.switch_page("app_pages/chiffres_cles.py").run()
    assert not at.exception, at.exception
    assert "Évolution depuis 2010" in [h.value for h in at.subheader]
    shown = next(m.value for m in at.metric if m.label.startswith("Établissements de l'ESS : év"))
    text = f"{'+' if change >= 0 else ''}{fmt_share(change)} par an"
    assert shown == text
    assert any(f"({first}–{last})" in c.value and text in c.value for c in at.caption)
    assert any("arrivent avec retard" in c.value for c in at.caption)
    titles = [json.loads(e.proto.spec).get("title") for e in at.main if e.type == "vega_lite_chart"]
    assert "Établissements de l'ESS actifs au 31 décembre, par secteur" in titles
    at.switch_page("app_pages/comparaison.py").run()
    assert not at.exception, at.exception
    frames = [d.value for d in at.dataframe]
    assert any("Évolution annuelle moyenne" in f.columns for f in frames)


def test_without_history_the_page_says_how_to_import(demo: None) -> None:
    at = _app()
    at.switch_page("app_pages/chiffres_cles.py").run()
    assert not at.exception, at.exception
    assert any("import-sirene-historique" in c.value for c in at.caption)


def test_the_sector_chart_keeps_the_six_largest_sectors_of_the_last_year() -> None:
    table = pd.DataFrame(
        {"sante": [5, 9], "culture": [8, 2], "autres": [1, 1], "sport": [0, 4], "commerce": [3, 3]},
        index=pd.Index([2010, 2024], name="year"),
    )
    top = series.top_sectors(table, count=2)
    assert list(top.columns) == ["sante", "sport", "autres"]  # 9 and 4 in 2024, the rest summed
    assert top.loc[2010].tolist() == [5, 0, 1 + 8 + 3]
    assert top.loc[2024].tolist() == [9, 4, 1 + 2 + 3]
    assert series.top_sectors(table, count=10).sum(axis=1).tolist() == table.sum(axis=1).tolist()
