"""The workbook's "Évolution" sheet: the diagnostic territory's yearly figures as computed by the
series, counts of 1 or 2 masked, references included, average yearly change given."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook

from essdash.db import read_session, write_session
from essdash.demo import load_demo
from essdash.demo.loader import DEMO_JOIN_CODE
from essdash.exports.scope import workshop_scope
from essdash.exports.workbook import workbook_bytes
from essdash.importers.sirene_history import import_history
from essdash.indicators import series
from essdash.indicators.perimeter import STATISTICAL, load_perimeter
from essdash.indicators.territories import resolve
from tests.ui_quant.history_rows import write_history


def test_evolution_sheet(db_url: str, tmp_path: Path) -> None:
    with write_session() as s:
        load_demo(s)
    import_history(write_history(tmp_path / "h.csv"))
    with read_session() as s:
        book = workbook_bytes(s, workshop_scope(s, code=DEMO_JOIN_CODE))
        expected = series.yearly(s, resolve(s, "epci", "200099999"), STATISTICAL, load_perimeter())
    sheet = load_workbook(io.BytesIO(book))["Évolution"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Territoire", "Code", "Indicateur", "Année", "Valeur")
    stock = {r[3]: r[4] for r in rows if r[1] == "epci:200099999"
             and r[2] == "Établissements de l'ESS actifs au 31 décembre"}  # fmt: skip
    assert stock == {int(y): float(v) for y, v in expected["ess_establishments"].items()}
    creations = [r[4] for r in rows if r[2] == "Créations d'établissements de l'ESS"]
    assert all(v == "s" or v == 0 or v >= 3 for v in creations)
    assert {r[1] for r in rows} >= {"epci:200099999", "departement:00", "region:00"}
    assert any(r[2].endswith("évolution annuelle moyenne") and r[4] is not None for r in rows[1:])


def test_restitution_slide_gives_the_average_change(db_url: str, tmp_path: Path) -> None:
    from essdash.formatting import fmt_share
    from essdash.models import Diagnostic
    from essdash.restitution.evolution import LABEL
    from essdash.restitution.figures import key_figures_slide

    with write_session() as s:
        ctx = load_demo(s)
        diagnostic_id = ctx.diagnostic.id
    with read_session() as s:
        diagnostic = s.get(Diagnostic, diagnostic_id)
        assert diagnostic is not None
        labels = [r.label for r in key_figures_slide(s, diagnostic).slide.rows]
    assert LABEL not in labels  # no history imported: no evolution line
    import_history(write_history(tmp_path / "h.csv"))
    with read_session() as s:
        diagnostic = s.get(Diagnostic, diagnostic_id)
        assert diagnostic is not None
        row = next(r for r in key_figures_slide(s, diagnostic).slide.rows if r.label == LABEL)
        stock = series.yearly(s, resolve(s, "epci", "200099999"), STATISTICAL, load_perimeter())
    values = stock["ess_establishments"]
    first, last = values.index.min(), values.index.max()
    change = (values[last] / values[first]) ** (1 / (last - first)) - 1
    assert row.value == f"{'+' if change >= 0 else ''}{fmt_share(change)} par an ({first}–{last})"
    assert len(row.references) == 2 and all("par an" in v for v in row.references)
