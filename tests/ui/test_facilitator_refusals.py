"""AppTest: the facilitator's vote and café refusals that the UI can reach and that
tests/ui/test_write_path.py does not cover yet: each shows its French message and keeps what
was typed (issue 11: "An AppTest for each refusal path shows its French message").

Reachable means typed in the page: a bounded number input or a list of the question's own themes
cannot send the service a value it refuses."""

from __future__ import annotations

from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from essdash.db import read_session, write_session
from essdash.models import Priority
from essdash.workshop.activities.voting.priorities import MAX_TITLE_LENGTH
from essdash.workshop.activities.worldcafe import themes
from essdash.workshop.activities.worldcafe.syntheses import MAX_SYNTHESIS_LENGTH
from essdash.workshop.activities.worldcafe.themes import MAX_THEME_LENGTH
from tests.ui import test_write_path as write_path
from tests.ui.test_write_path import Demo, _button, _errors, _facilitator, _first_question

demo = write_path.demo


def _text_input(at: AppTest, label: str) -> object:
    return next(t for t in at.text_input if t.label == label)


def test_a_priority_title_too_long_is_refused_and_kept(demo: Demo) -> None:
    with read_session() as s:
        before = len(s.scalars(select(Priority)).all())
    at = _facilitator("animation_vote")
    title = "Mobilité " * 40  # 360 characters
    _text_input(at, "Ajouter une priorité").input(title)
    _button(at, "Ajouter").click().run()
    assert not at.exception, at.exception
    assert f"Intitulé de la priorité : {MAX_TITLE_LENGTH} caractères au plus." in _errors(at)
    assert _text_input(at, "Ajouter une priorité").value == title
    with read_session() as s:
        assert len(s.scalars(select(Priority)).all()) == before


def test_a_theme_name_too_long_is_refused_at_creation_and_at_renaming(demo: Demo) -> None:
    with write_session() as s:
        themes.create_theme(s, question_id=_first_question(demo[0]), name="Mobilité")
    message = f"Nom du thème : {MAX_THEME_LENGTH} caractères au plus."
    long_name = "x" * (MAX_THEME_LENGTH + 1)
    at = _facilitator("animation_cafe")
    _text_input(at, "Nouveau thème").input(long_name)
    _button(at, "Créer le thème").click().run()
    assert message in _errors(at)
    assert _text_input(at, "Nouveau thème").value == long_name
    _text_input(at, "Nouveau nom").input(long_name)
    _button(at, "Renommer").click().run()
    assert message in _errors(at)
    with read_session() as s:
        names = [t.name for t in themes.themes_of(s, question_id=_first_question(demo[0]))]
    assert "Mobilité" in names and long_name not in names


def test_a_merge_without_both_themes_is_refused(demo: Demo) -> None:
    with write_session() as s:
        themes.create_theme(s, question_id=_first_question(demo[0]), name="Seul")
    at = _facilitator("animation_cafe")
    box = next(x for x in at.selectbox if x.label == "Fusionner le thème")
    box.select_index(box.options.index("Seul"))
    _button(at, "Fusionner").click().run()
    assert "Fusion : choisissez les deux thèmes." in _errors(at)


def test_a_synthesis_too_long_is_refused_and_kept(demo: Demo) -> None:
    at = _facilitator("animation_cafe")
    text = "Synthèse de la table. " * 200  # 4,400 characters
    next(a for a in at.text_area if a.label == "Synthèse").input(text)
    _button(at, "Ajouter une version").click().run()
    assert f"Synthèse : {MAX_SYNTHESIS_LENGTH} caractères au plus." in _errors(at), _errors(at)
    assert next(a for a in at.text_area if a.label == "Synthèse").value == text
