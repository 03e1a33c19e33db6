"""Évaluation's manifest: the agenda's closing step, the participant's survey page, the live
results on the projection, the workbook sheet, one slide per survey, named answers in the
participant's data, the demo survey."""

from __future__ import annotations

from essdash.readmodel.contract import Activity, Page, PersonalData, ProjectionView, Sheet
from essdash.workshop.activities.survey import export, personal, seed, slides

ACTIVITY = Activity(
    key="survey",
    title="Évaluation",
    agenda=(("survey", "Évaluation (retour des participant·es)"),),
    pages=(Page("evaluation", "Évaluation", ":material/thumb_up:", "participant"),),
    projection=(
        ProjectionView("survey", "Évaluation", "essdash.ui.followup.survey_ui:render_projection"),
    ),
    sheets=(Sheet("Évaluation", export.results_sheet),),
    slides=slides.survey_slides,
    personal=PersonalData(export=personal.export, merge=personal.merge, erase=personal.erase),
    seed=seed.seed,
)
