"""The workshop workbook: one sheet per kind of data, for one workshop or a whole diagnostic.

Rules applied here and tested: contact details only with the person's consent, erased people
anonymised, hidden (moderated) items left out, ballots without names, secret statistique on the
indicators, and no participant text ever stored as a formula (see `xlsx.py`).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from sqlalchemy.orm import Session

from essdash.exports import evolution_sheet
from essdash.exports.xlsx import to_xlsx
from essdash.formatting import fmt_datetime
from essdash.models.base import utcnow
from essdash.readmodel import indicators_table
from essdash.readmodel.contract import Sheet
from essdash.readmodel.scope import Scope
from essdash.workshop.activities import registry

SheetBuilder = Callable[[Session, Scope], pd.DataFrame]


def indicators(session: Session, scope: Scope) -> pd.DataFrame:
    """Key figures of the territory and its references, secret statistique applied."""
    return indicators_table.key_figures_frame(session, scope.diagnostic)


# The figures close the workbook, after every activity's and section's sheets.
FIGURE_SHEETS: tuple[Sheet, ...] = (
    Sheet("Indicateurs", indicators),
    Sheet("Évolution", evolution_sheet.evolution),
)


def sheets() -> tuple[Sheet, ...]:
    """Every sheet after the read-me, in the order of the workshop: each registered activity's
    (sign-in, map, café, vote), each section's (action plan), then the figures."""
    contributed = [sheet for item in registry.contributors() for sheet in item.sheets]
    return (*contributed, *FIGURE_SHEETS)


README_SHEET = "À lire"
NOTES = (
    "Coordonnées (e-mail, téléphone) : seulement pour les personnes qui ont accepté d'être "
    "recontactées.",
    "Personnes ayant demandé l'effacement : anonymisées.",
    "Contributions, sites et zones masqués par la modération : exclus.",
    "Bulletins de vote : anonymes (numéro et type d'acteur seulement).",
    "Indicateurs : secret statistique appliqué (« s » = cellule masquée).",
    "Dates et heures : heure de Paris.",
)


def _readme(scope: Scope) -> pd.DataFrame:
    rows = [
        ("Diagnostic", scope.diagnostic.name),
        ("Ateliers", " ; ".join(w.title for w in scope.workshops) or "(aucun)"),
        ("Exporté le", fmt_datetime(utcnow())),
        *(("Règle", note) for note in NOTES),
    ]
    return pd.DataFrame(rows, columns=["Rubrique", "Contenu"])


def workbook_frames(session: Session, scope: Scope) -> dict[str, pd.DataFrame]:
    """Every sheet of the workbook as DataFrames (the read-me first)."""
    frames = {README_SHEET: _readme(scope)}
    for sheet in sheets():
        if sheet.title in frames:
            raise ValueError(f"Two workbook sheets are titled {sheet.title!r}")
        frames[sheet.title] = sheet.build(session, scope)
    return frames


def workbook_bytes(session: Session, scope: Scope) -> bytes:
    """The .xlsx file of a workshop or a diagnostic."""
    return to_xlsx(workbook_frames(session, scope))
