"""Tables as shown and downloaded: French headers, secret cells as "s", real totals."""

from __future__ import annotations

import pandas as pd

from essdash.formatting import fmt_decimal
from essdash.indicators.compute import Figures, Report
from essdash.indicators.output import long_frame
from essdash.indicators.secret import masked

HEADERS = {
    "label": "Libellé",
    "establishments_active": "Établissements actifs",
    "establishments": "Établissements de l'ESS",
    "employer_establishments": "Établissements employeurs",
    "employees_estimate": "Salariés (estimation)",
    "ess_share_establishments": "Part de l'ESS",
}
TABLE_TITLES = {
    "by_family": "Par famille",
    "by_sector": "Par secteur",
    "by_section": "Par section NAF",
    "by_size": "Par tranche d'effectifs",
    "by_commune": "Par commune",
    "creations": "Créations par année",
}
FIGURES = [
    "establishments",
    "employer_establishments",
    "employees_estimate",
    "ess_share_establishments",
]


def shown(figures: Figures, name: str) -> pd.DataFrame:
    """One breakdown with secret applied and a total row (the real total)."""
    table = figures.tables[name].drop(columns=["max_employees"])
    if "label" not in table:
        table.insert(0, "label", table.index)
    total = table.drop(columns=["label"]).sum(numeric_only=True)
    if "ess_share_establishments" in table:
        active = total["establishments_active"]
        total["ess_share_establishments"] = total["establishments"] / active if active else None
    out = masked(table, figures.secret, name, FIGURES)
    out.loc["total"] = {"label": "Total", **total.to_dict()}
    if "ess_share_establishments" in out:
        out["ess_share_establishments"] = out["ess_share_establishments"].map(
            lambda v: v if isinstance(v, str) or v is None else round(float(v) * 100, 1)
        )
    return out.rename(columns=HEADERS | {"ess_share_establishments": "Part de l'ESS (%)"})


def on_screen(frame: pd.DataFrame) -> pd.DataFrame:
    """Numbers in French (thin-space thousands, decimal comma); "s" and empty cells kept."""
    out = frame.copy()
    for column in out.columns:
        if column == HEADERS["label"]:
            continue
        digits = 1 if column == "Part de l'ESS (%)" else 0
        out[column] = out[column].map(
            lambda v, d=digits: (
                v
                if isinstance(v, str)
                else ("" if v is None or pd.isna(v) else fmt_decimal(float(v), d))
            )
        )
    return out


def sheets(report: Report) -> dict[str, pd.DataFrame]:
    """Every figure of the pages, one sheet per table, for the Excel download."""
    out = {"Chiffres": long_frame(report, masked=True)}
    for name, title in TABLE_TITLES.items():
        out[title] = shown(report.main, name).reset_index(names="Code")
    return out
