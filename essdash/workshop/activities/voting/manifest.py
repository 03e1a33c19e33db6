"""Vote des priorités' manifest: the vote step, the participant's ballot page and the
facilitator's, the vote's projection, ballots and results sheets, one slide per opened vote,
ballots moved on a merge, the demo vote."""

from __future__ import annotations

from essdash.readmodel.contract import Activity, Page, PersonalData, ProjectionView, Sheet
from essdash.workshop.activities.voting import export, personal, seed, slides

ACTIVITY = Activity(
    key="voting",
    title="Vote des priorités",
    agenda=(("voting", "Vote des priorités"),),
    pages=(
        Page("priorites", "Priorités", ":material/how_to_vote:", "participant"),
        Page("animation_vote", "Vote des priorités", ":material/ballot:", "facilitator"),
    ),
    projection=(
        ProjectionView(
            "vote", "Vote des priorités", "essdash.ui.voting.projection:render_vote_projection"
        ),
    ),
    sheets=(Sheet("Bulletins de vote", export.ballots), Sheet("Résultats du vote", export.results)),
    slides=slides.priorities_slides,
    personal=PersonalData(merge=personal.merge),
    seed=seed.seed,
)
