"""The workbook's "Évolution" sheet: the territory's and its references' figures year by year
(Sirene history, URSSAF headcounts) and their average yearly change; counts of 1 or 2
establishments read "s" (secret statistique)."""

from __future__ import annotations

import pandas as pd
from sqlalchemy.orm import Session

from essdash.formatting import SECRET_MARK
from essdash.readmodel.indicators_table import territories
from essdash.readmodel.scope import Scope

COLUMNS = ["Territoire", "Code", "Indicateur", "Année", "Valeur"]
LABELS = {
    "establishments_active": "Établissements actifs au 31 décembre",
    "ess_establishments": "Établissements de l'ESS actifs au 31 décembre",
    "ess_share_establishments": "Part de l'ESS dans les établissements",
    "ess_employer_establishments": "Établissements employeurs de l'ESS",
    "creations": "Créations d'établissements de l'ESS",
    "closures": "Fermetures d'établissements de l'ESS",
    "private_employees_urssaf": "Salariés du secteur privé (URSSAF)",
}
COUNTS = ("establishments_active", "ess_establishments", "ess_employer_establishments",
          "creations", "closures")  # fmt: skip


def _cell(key: str, value: float) -> object:
    if pd.isna(value):
        return None
    if key in COUNTS and 0 < value < 3:
        return SECRET_MARK
    return round(float(value), 4) if key == "ess_share_establishments" else float(value)


def evolution(session: Session, scope: Scope) -> pd.DataFrame:
    from essdash.indicators import series
    from essdash.indicators.perimeter import STATISTICAL, load_perimeter

    found = territories(session, scope.diagnostic)
    if not found:
        return pd.DataFrame(columns=COLUMNS)
    p, rows = load_perimeter(), []
    for territory in found:
        table = series.yearly(session, territory, STATISTICAL, p)
        for column in table.columns:
            label = LABELS.get(str(column), str(column))
            for year, value in table[column].items():
                rows.append([territory.name, territory.key, label, int(year), _cell(column, value)])
            if column in ("ess_establishments", "private_employees_urssaf"):
                change = series.average_change(table[column])
                rows.append([territory.name, territory.key, f"{label} : évolution annuelle moyenne",
                             None, None if change is None else round(change, 4)])  # fmt: skip
    return pd.DataFrame(rows, columns=COLUMNS)
