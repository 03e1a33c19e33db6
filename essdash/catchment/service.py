"""Entry points: the coverage of a workshop (or of every workshop of a diagnostic) and the checks
of what a user asks for (minimum share, sector), with French refusals."""

from __future__ import annotations

import math
from collections.abc import Sequence

from sqlalchemy.orm import Session

from essdash.catchment import DEFAULT_MIN_SHARE
from essdash.catchment.coverage import Coverage, compute
from essdash.catchment.projection import CRS_NAMES
from essdash.catchment.report import sectors
from essdash.catchment.sources import territory_communes, workshop_zones
from essdash.errors import UserError
from essdash.formatting import fmt_share


def check_min_share(value: float) -> float:
    """The minimum share of a commune's area a zone must cover: in ]0, 1]."""
    if not math.isfinite(value) or not 0 < value <= 1:
        raise UserError(
            "Part minimale : un nombre entre 0 (exclu) et 1 est attendu, par exemple 0.10 "
            f"pour 10 % de la surface d'une commune (reçu : {value:g})."
        )
    return float(value)


def check_sector(coverage: Coverage, key: str | None) -> str | None:
    """A sector key among the workshop's, or None for every sector."""
    if key is None:
        return None
    known = sectors(coverage)
    if key not in known:
        listed = ", ".join(known) or "aucun : aucune zone de chalandise"
        raise UserError(f"Secteur : clé « {key} » inconnue dans cet atelier (clés : {listed}).")
    return key


def coverage_of(
    session: Session,
    *,
    diagnostic_id: int,
    workshop_ids: Sequence[int],
    min_share: float = DEFAULT_MIN_SHARE,
) -> Coverage:
    """The coverage of the diagnostic's territory by the zones drawn in these workshops."""
    check_min_share(min_share)
    return compute(
        territory_communes(session, diagnostic_id),
        workshop_zones(session, workshop_ids),
        min_share=min_share,
    )


def threshold_note(coverage: Coverage) -> str:
    """The rule, in French, for captions and exports."""
    return (
        f"Une commune est couverte par une zone quand celle-ci couvre au moins "
        f"{fmt_share(coverage.min_share, 0)} de sa surface (surfaces calculées en mètres, "
        f"projection {CRS_NAMES[coverage.epsg]})."
    )
