"""The coverage as a diagnostic-level section of the registry: its workbook sheet and its
restitution slides (the zones of every workshop of the export's scope)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from essdash.catchment.export import coverage_frame
from essdash.catchment.restitution import sector_bars, summary_rows
from essdash.catchment.service import coverage_of, threshold_note
from essdash.readmodel.contract import Section, Sheet
from essdash.readmodel.scope import Scope
from essdash.readmodel.slides import BarsSlide, Slide, TableSlide

SHEET = "Couverture des zones"


def coverage_slides(session: Session, scope: Scope) -> Sequence[Slide]:
    """What the zones cover and the population covered per sector; nothing without zones."""
    coverage = coverage_of(
        session, diagnostic_id=scope.diagnostic.id, workshop_ids=scope.workshop_ids
    )
    if not coverage.zones or not coverage.communes:
        return []
    slides: list[Slide] = [
        TableSlide(
            title="Ce que couvrent les zones de chalandise",
            columns=("Repère", "Constat"),
            rows=summary_rows(coverage),
            subtitle="Maillage du territoire",
            note=threshold_note(coverage),
        )
    ]
    bars = sector_bars(coverage)
    if len(bars) > 1:
        slides.append(
            BarsSlide(
                title="Population couverte par secteur",
                bars=bars,
                subtitle="Part de la population du territoire dans les communes couvertes",
            )
        )
    return slides


SECTION = Section(
    key="coverage",
    title="Couverture des zones de chalandise",
    sheets=(Sheet(SHEET, coverage_frame),),
    slides=coverage_slides,
)
