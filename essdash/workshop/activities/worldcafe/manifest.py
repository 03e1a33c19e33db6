"""World café's manifest: the café and synthesis steps, the participant's page, the board and
its projection, the "Contributions" and "Synthèses" sheets, one slide per question, post-it
moderation, the participant's post-its and syntheses, the demo café."""

from __future__ import annotations

from sqlalchemy.orm import Session

from essdash.models import Contribution, Participant, Question
from essdash.readmodel.contract import (
    Activity,
    ModerationKind,
    Page,
    PersonalData,
    ProjectionView,
    Sheet,
)
from essdash.workshop.activities.worldcafe import export, personal, seed, slides


def _listing(session: Session, post: Contribution, author: Participant) -> tuple[str, str]:
    question = session.get(Question, post.question_id)
    number = question.position if question is not None else "?"
    return f"Q{number} · {post.text}", author.name


ACTIVITY = Activity(
    key="worldcafe",
    title="World café",
    agenda=(("worldcafe", "World café"), ("synthesis", "Synthèse")),
    pages=(
        Page("world_cafe", "World café", ":material/forum:", "participant"),
        Page("animation_cafe", "Tableaux et synthèses", ":material/dashboard:", "facilitator"),
        Page("projection_cafe", "Projection café", ":material/tv:", "facilitator"),
    ),
    projection=(
        ProjectionView(
            "board", "World café", "essdash.ui.worldcafe.projection:render_board_projection"
        ),
    ),
    sheets=(Sheet("Contributions", export.contributions), Sheet("Synthèses", export.syntheses)),
    slides=slides.question_slides,
    moderation=(
        ModerationKind(
            "contribution", "Contributions", Contribution, lambda c: c.text, listing=_listing
        ),
    ),
    personal=PersonalData(export=personal.export, merge=personal.merge),
    seed=seed.seed,
)
