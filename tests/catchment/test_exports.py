"""The coverage in the workbook (one sheet, French columns) and in the restitution's lines."""

from __future__ import annotations

from essdash.catchment.export import FRAME_COLUMNS, coverage_frame
from essdash.catchment.restitution import sector_bars, summary_rows
from essdash.catchment.service import coverage_of
from essdash.db import read_session
from essdash.exports.scope import workshop_scope
from essdash.exports.workbook import workbook_frames
from essdash.readmodel.slides import BarsSlide, TableSlide
from essdash.restitution.sequence import build_restitution
from tests.catchment.world import draw_zone

SAINT_SEBASTIEN, NANTES, VERTOU = "44190", "44109", "44215"


def test_workbook_sheet_and_restitution_lines(real_world, structure):
    epicerie = structure("Épicerie", actor_type="ess", ess_family="association")
    coop = structure("Coop bio", actor_type="ess", ess_family="cooperative")
    draw_zone(epicerie, real_world.contours[SAINT_SEBASTIEN], sector="Alimentation")
    draw_zone(coop, real_world.contours[SAINT_SEBASTIEN], sector="Alimentation")
    draw_zone(coop, real_world.contours[NANTES], sector="Mobilité")
    with read_session() as s:
        scope = workshop_scope(s, code=real_world.code)
        frame = coverage_frame(s, scope)
        coverage = coverage_of(
            s, diagnostic_id=scope.diagnostic.id, workshop_ids=scope.workshop_ids
        )
    assert tuple(frame.columns) == FRAME_COLUMNS and len(frame) == 207
    row = frame.set_index("Code INSEE").loc[SAINT_SEBASTIEN]
    assert (row["Commune"], row["Zones de chalandise"], row["Structures"]) == (
        "Saint-Sébastien-sur-Loire", 2, "Coop bio ; Épicerie",
    )  # fmt: skip
    assert row["Familles de l'ESS"] == "Associations ; Coopératives"
    assert row["Secteurs"] == "Alimentation (2)" and row["Zone blanche"] == ""
    assert frame.set_index("Code INSEE").loc[VERTOU, "Zone blanche"] == "Oui"
    lines = dict(summary_rows(coverage))
    assert lines["Communes couvertes"] == "2 sur 207"
    assert lines["Chevauchements"] == "Saint-Sébastien-sur-Loire : Alimentation (2 structures)"
    assert lines["Zones blanches"].endswith("et 197 autres")
    populations = real_world.populations
    total = sum(populations.values())
    assert [(label, percent) for label, percent, _ in sector_bars(coverage)] == [
        ("Mobilité", round(100 * populations[NANTES] / total, 1)),
        ("Alimentation", round(100 * populations[SAINT_SEBASTIEN] / total, 1)),
    ]


def test_the_registry_puts_the_coverage_in_the_workbook_and_the_restitution(real_world, structure):
    draw_zone(structure("Épicerie"), real_world.contours[SAINT_SEBASTIEN], sector="Alimentation")
    draw_zone(structure("Garage"), real_world.contours[NANTES], sector="Mobilité")
    with read_session() as s:
        scope = workshop_scope(s, code=real_world.code)
        frames = workbook_frames(s, scope)
        slides = build_restitution(s, scope.diagnostic).slides
    sheet = frames["Couverture des zones"]
    assert sheet.set_index("Code INSEE").loc[NANTES, "Zones de chalandise"] == 1
    table = next(s for s in slides if isinstance(s, TableSlide) and "couvrent" in s.title)
    assert dict(table.rows)["Communes couvertes"] == "2 sur 207"
    bars = next(s for s in slides if isinstance(s, BarsSlide))
    assert [label for label, _, _ in bars.bars] == ["Mobilité", "Alimentation"]
