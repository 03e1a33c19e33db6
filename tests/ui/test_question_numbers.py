"""The facilitator's picks from the café name the question each theme or post-it belongs to:
two questions may both have a "Mobilité" theme, and a pick must not be a guess."""

from __future__ import annotations

from essdash.db import read_session, write_session
from essdash.workshop.activities.worldcafe import service as cafe
from essdash.workshop.activities.worldcafe import themes
from tests.ui.test_cafe_vote_pages import _facilitator, demo

__all__ = ["demo"]  # the fixture: the demo workshop with a round open


def test_priority_pickers_show_question_numbers(demo: tuple[int, int, str]) -> None:
    wid = demo[0]
    with read_session() as s:
        questions = [(q.id, q.position) for q in cafe.questions(s, workshop_id=wid)][:2]
    assert len(questions) == 2, "the demo has several questions"
    with write_session() as s:
        for qid, _ in questions:
            themes.create_theme(s, question_id=qid, name="Mobilité")
    at = _facilitator("animation_vote")
    theme_picker = next(m for m in at.multiselect if m.label == "Depuis les thèmes")
    for _, position in questions:
        assert f"Q{position} · Mobilité (0)" in theme_picker.options, theme_picker.options
    post_picker = next(m for m in at.multiselect if m.label == "Depuis des post-its")
    assert post_picker.options and all(
        o.startswith("Q") and " · " in o for o in post_picker.options
    )
