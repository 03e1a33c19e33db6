"""Charts of counts: an empty one says so in French (no axis ticking « 0.000000 »), and the
count axes tick whole numbers in French digits."""

from __future__ import annotations

import html
import json

import pytest
from streamlit.testing.v1 import AppTest

from essdash.db import write_session
from essdash.models import Diagnostic, Territory
from essdash.ui.count_axis import FRENCH_INTEGER
from essdash.ui.worldcafe import boards
from essdash.workshop import console
from essdash.workshop.activities.worldcafe import service as cafe
from essdash.workshop.activities.worldcafe import themes


@pytest.fixture
def question(db_url: str) -> tuple[int, int]:
    """(workshop id, question id) of a new workshop whose first question has themes and no
    post-it in them yet."""
    with write_session() as s:
        territory = Territory(kind="epci", code="299999997", name="CC Vide", is_fictional=True)
        s.add(territory)
        s.flush()
        diag = Diagnostic(name="Diagnostic vide", territory_id=territory.id, restitution_code="v")
        s.add(diag)
        s.flush()
        wid = console.create_workshop(s, diagnostic_id=diag.id, title="Atelier vide").id
        qid = cafe.questions(s, workshop_id=wid)[0].id
        themes.create_theme(s, question_id=qid, name="Mobilité")
        themes.create_theme(s, question_id=qid, name="Emploi")
        return wid, qid


def _theme_chart_script(workshop_id: int, question_id: int, big: bool) -> None:
    from essdash.ui.worldcafe import boards

    boards.theme_chart(workshop_id, question_id, big=big)


@pytest.mark.parametrize("big", [False, True])
def test_themes_without_post_its_say_so_instead_of_a_chart_of_zeros(
    question: tuple[int, int], big: bool
) -> None:
    at = AppTest.from_function(_theme_chart_script, args=(*question, big), default_timeout=30)
    at.run()
    assert not at.exception, at.exception
    shown = [c.value for c in at.caption] + [html.unescape(h.value) for h in at.get("html")]
    assert any(boards.EMPTY_THEMES in text for text in shown), shown
    assert not at.get("arrow_vega_lite_chart"), "a chart of zeros is drawn"


def test_count_bars_tick_whole_numbers_in_french() -> None:
    rows = (("Mobilité", 1), ("Emploi", 0))
    style = boards._BarStyle("Thème", "Post-its", "#B5123E", 14, 30, True)
    spec = json.loads(boards._bars_spec(rows, style))
    x = next(layer["encoding"]["x"] for layer in spec["layer"] if "x" in layer["encoding"])
    assert x["axis"]["tickMinStep"] == 1
    assert x["axis"]["labelExpr"] == FRENCH_INTEGER  # « 12 345 », never « 0.5 »
    assert x["scale"]["domain"][0] == 0 and x["scale"]["domain"][1] >= 1
    assert "\u202f" in FRENCH_INTEGER and "',d'" in FRENCH_INTEGER
