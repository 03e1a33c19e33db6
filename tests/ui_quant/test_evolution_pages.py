"""AppTest: with a Sirene history imported, "Chiffres clés" and the comparison show the evolution
since 2010, its average yearly change (the value recomputed here from the yearly series) and
the note that Sirene closures lag reality; without it, they say how to import one."""

from __future__ import annotations

from pathlib import Path

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
    at.switch_page("app_pages/comparaison.py").run()
    assert not at.exception, at.exception
    frames = [d.value for d in at.dataframe]
    assert any("Évolution annuelle moyenne" in f.columns for f in frames)


def test_without_history_the_page_says_how_to_import(demo: None) -> None:
    at = _app()
    at.switch_page("app_pages/chiffres_cles.py").run()
    assert not at.exception, at.exception
    assert any("import-sirene-historique" in c.value for c in at.caption)
