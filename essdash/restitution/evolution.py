"""The evolution line of the key-figures slide (restitution page and PDF): the average yearly
change of the ESS establishments since 2010, for the territory and each reference."""

from __future__ import annotations

from sqlalchemy.orm import Session

from essdash.formatting import SECRET_MARK, fmt_share
from essdash.models import Diagnostic
from essdash.readmodel.indicators_table import territories
from essdash.readmodel.slides import FigureRow

LABEL = "Établissements de l'ESS : évolution annuelle moyenne"


def _text(values: object) -> str:
    import pandas as pd

    from essdash.indicators import series

    assert isinstance(values, pd.Series)
    clean = values.dropna()
    clean = clean[clean > 0]
    if len(clean) < 2:
        return "–"
    if min(clean.iloc[0], clean.iloc[-1]) < 3:
        return SECRET_MARK
    change = series.average_change(clean)
    if change is None:
        return "–"
    sign = "+" if change >= 0 else ""
    return f"{sign}{fmt_share(change)} par an ({clean.index.min()}–{clean.index.max()})"


def evolution_rows(session: Session, diagnostic: Diagnostic) -> tuple[FigureRow, ...]:
    """One row when a Sirene history is imported, none otherwise."""
    from essdash.indicators import history, series
    from essdash.indicators.perimeter import STATISTICAL, load_perimeter

    if not history.has_history():
        return ()
    found = territories(session, diagnostic)
    if not found:
        return ()
    p = load_perimeter()
    texts = [_text(series.yearly(session, t, STATISTICAL, p).get("ess_establishments"))
             for t in found]  # fmt: skip
    return (FigureRow(LABEL, texts[0], tuple(texts[1:])),)
