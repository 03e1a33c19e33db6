"""Key figures of a diagnostic's territory and its references, secret statistique applied.

Reads the quantitative module (`essdash.indicators`); without imported Sirene data, or for a
diagnostic without a territory, there are simply no figures (None / an empty table).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy.orm import Session

from essdash.errors import UserError
from essdash.models import Diagnostic, Territory

MEASURE_LABELS: dict[str, str] = {
    "establishments_active": "Établissements actifs",
    "ess_establishments": "Établissements de l'ESS",
    "ess_share_establishments": "Part de l'ESS dans les établissements",
    "ess_employer_establishments": "Établissements employeurs de l'ESS",
    "ess_employees_estimate": "Salarié·es de l'ESS (estimation)",
    "private_employees_estimate": "Salarié·es du privé (estimation)",
    "ess_share_private_employees": "Part de l'ESS dans l'emploi privé",
    "establishments": "Établissements",
    "employer_establishments": "Établissements employeurs",
    "employees_estimate": "Salarié·es (estimation)",
}
TABLE_LABELS: dict[str, str] = {
    "ensemble": "Ensemble",
    "by_family": "Par famille",
    "by_sector": "Par secteur",
    "by_section": "Par section NAF",
    "by_size": "Par taille",
    "by_commune": "Par commune",
    "creations": "Créations par année",
}
FRAME_COLUMNS = ["Territoire", "Code", "Tableau", "Ligne", "Indicateur", "Valeur"]


@dataclass(frozen=True)
class KeyFigures:
    """The masked figures of the territory (`main`) and of each reference territory."""

    main: dict[str, Any]
    references: list[dict[str, Any]]
    report: Any  # essdash.indicators.compute.Report, kept for the long table


def territory_keys(session: Session, diagnostic: Diagnostic) -> tuple[str | None, list[str]]:
    """'kind:code' of the diagnostic's territory and of its chosen reference territories."""
    territory = session.get(Territory, diagnostic.territory_id) if diagnostic.territory_id else None
    references = [
        k.strip() for k in (diagnostic.reference_territories or "").split(",") if k.strip()
    ]
    return (territory.key if territory else None), references


def key_figures(session: Session, diagnostic: Diagnostic) -> KeyFigures | None:
    """Masked figures, or None when no statistical data is available for the territory."""
    key, references = territory_keys(session, diagnostic)
    if key is None:
        return None
    try:
        from essdash.indicators import compute, output
    except ImportError:  # the quantitative module is not installed in this build
        return None
    try:
        report = compute.compute_report(session, key, references or None)
    except UserError:
        return None
    data = output.report_dict(report, masked=True)
    return KeyFigures(main=data, references=list(data.get("references", [])), report=report)


def key_figures_frame(session: Session, diagnostic: Diagnostic) -> pd.DataFrame:
    """Every published figure as rows (masked cells read "s"), French labels."""
    figures = key_figures(session, diagnostic)
    if figures is None:
        return pd.DataFrame(columns=FRAME_COLUMNS)
    from essdash.indicators import output

    long = output.long_frame(figures.report, masked=True)
    if long.empty:
        return pd.DataFrame(columns=FRAME_COLUMNS)
    frame = pd.DataFrame(
        {
            "Territoire": long["nom"],
            "Code": long["territoire"],
            "Tableau": long["tableau"].map(lambda t: TABLE_LABELS.get(t, t)),
            "Ligne": long["libelle"],
            "Indicateur": long["mesure"].map(lambda m: MEASURE_LABELS.get(m, m)),
            "Valeur": long["valeur"],
        }
    )
    return frame


def territories(session: Session, diagnostic: Diagnostic) -> list[Any]:
    """The diagnostic's territory then its references (default ones when none is chosen)."""
    from essdash.indicators.territories import default_references, parse_key, resolve

    key, references = territory_keys(session, diagnostic)
    if key is None:
        return []
    try:
        ref = resolve(session, *parse_key(key))
        refs = [resolve(session, *parse_key(k)) for k in references] or default_references(
            session, ref
        )
    except UserError:
        return []
    return [ref, *refs]
