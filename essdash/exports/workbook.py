"""The workshop workbook: one sheet per kind of data, for one workshop or a whole diagnostic.

Rules applied here and tested: contact details only with the person's consent, erased people
anonymised, hidden (moderated) items left out, ballots without names, secret statistique on the
indicators, and no participant text ever stored as a formula (see `xlsx.py`).
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
from sqlalchemy.orm import Session

from essdash.exports import evolution_sheet, sheets_plan, sheets_workshop
from essdash.exports.scope import Scope
from essdash.exports.xlsx import to_xlsx
from essdash.formatting import fmt_datetime
from essdash.models.base import utcnow

SheetBuilder = Callable[[Session, Scope], pd.DataFrame]

# Sheet title -> builder, in the order of the workshop (sign-in, map, café, vote, plan, figures).
SHEETS: tuple[tuple[str, SheetBuilder], ...] = (
    ("Émargement", sheets_workshop.attendance),
    ("Structures", sheets_workshop.structures),
    ("Sites", sheets_workshop.sites),
    ("Zones de chalandise", sheets_workshop.zones),
    ("Contributions", sheets_workshop.contributions),
    ("Synthèses", sheets_workshop.syntheses),
    ("Bulletins de vote", sheets_plan.ballots),
    ("Résultats du vote", sheets_plan.results),
    ("Plan d'action", sheets_plan.action_plan),
    ("Indicateurs", sheets_plan.indicators),
    ("Évolution", evolution_sheet.evolution),
)
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
    for title, build in SHEETS:
        frames[title] = build(session, scope)
    return frames


def workbook_bytes(session: Session, scope: Scope) -> bytes:
    """The .xlsx file of a workshop or a diagnostic."""
    return to_xlsx(workbook_frames(session, scope))
