"""AppTest: « Classer des post-its » puts the post-its picked into the theme picked, in one go,
and says so when none was picked (a form of id pickers, no grid cell to hit)."""

from __future__ import annotations

from sqlalchemy import select

from essdash.db import read_session, write_session
from essdash.models import Contribution
from essdash.workshop.activities.worldcafe import themes
from tests.ui import test_cafe_vote_pages as pages
from tests.ui.test_cafe_vote_pages import _facilitator
from tests.ui.test_write_path import Demo, _button, _errors, _first_question, _posts

demo = pages.demo  # the demo workshop with a round open


def _theme_of(ids: list[int]) -> dict[int, int | None]:
    with read_session() as s:
        rows = s.execute(
            select(Contribution.id, Contribution.theme_id).where(Contribution.id.in_(ids))
        ).all()
    return {cid: tid for cid, tid in rows}


def test_classify_puts_the_post_its_picked_into_the_theme_picked(demo: Demo) -> None:
    wid = demo[0]
    qid = _first_question(wid)
    with write_session() as s:
        first = themes.create_theme(s, question_id=qid, name="Mobilité").id
        second = themes.create_theme(s, question_id=qid, name="Mobilite").id
    a, b, c = _posts(wid, 3)
    untouched = _theme_of([b])[b]
    at = _facilitator("animation_cafe")
    picker = next(x for x in at.multiselect if x.label == "Post-its à classer")
    picker.select(a).select(c)
    theme = next(x for x in at.selectbox if x.label == "Thème où les classer")
    assert theme.options[-2:] == ["Mobilité", "Mobilite"]
    theme.select(second)  # by id (AppTest's select_index loses an int option's value)
    _button(at, "Classer").click().run()
    assert not _errors(at), _errors(at)
    assert _theme_of([a, b, c]) == {a: second, b: untouched, c: second}
    picker = next(x for x in at.multiselect if x.label == "Post-its à classer")
    assert picker.value == []  # a fresh form after a success
    picker.select(a)
    theme = next(x for x in at.selectbox if x.label == "Thème où les classer")
    theme.select(first)
    _button(at, "Classer").click().run()
    assert _theme_of([a, b, c]) == {a: first, b: untouched, c: second}


def test_classify_without_a_post_it_is_refused(demo: Demo) -> None:
    with write_session() as s:
        themes.create_theme(s, question_id=_first_question(demo[0]), name="Seul")
    at = _facilitator("animation_cafe")
    _button(at, "Classer").click().run()
    assert "Classement : choisissez au moins un post-it." in _errors(at)
