"""Restitution vote slides: the projection's majority-judgment colours, each priority's mention,
and type big enough to be read from the back of the room."""

from __future__ import annotations

import io
import json
from pathlib import Path

import vl_convert as vlc
from PIL import Image

from essdash import labels
from essdash.restitution.charts import SLIDE_FONT, priorities_chart
from essdash.restitution.slides import PrioritiesSlide, PriorityRow
from essdash.ui.voting import charts as projection_charts

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"

MAJORITY = PrioritiesSlide(
    title="Nos priorités",
    method="Jugement majoritaire",
    method_key="majority",
    ballots=12,
    rows=(
        PriorityRow(1, "Mobilité douce entre les bourgs", "Bien", 4.0, (0, 1, 1, 2, 5, 2, 1)),
        PriorityRow(2, "Tiers-lieu et garde d'enfants", "Assez bien", 3.0, (1, 1, 2, 4, 2, 1, 1)),
        PriorityRow(3, "Foncier agricole", "Passable", 2.0, (2, 3, 3, 2, 1, 1, 0)),
    ),
)


def test_majority_colours_are_the_projections() -> None:
    spec = priorities_chart(MAJORITY).to_dict()
    scales = [
        layer["encoding"]["color"]["scale"]
        for layer in spec["layer"]
        if "color" in layer.get("encoding", {}) and "scale" in layer["encoding"]["color"]
    ]
    assert scales and scales[0]["range"] == list(projection_charts.GRADE_COLORS)
    assert scales[0]["domain"] == list(labels.MAJORITY_GRADES)


def test_each_priority_shows_its_mention_in_big_type() -> None:
    chart = priorities_chart(MAJORITY)
    text = json.dumps(chart.to_dict(), ensure_ascii=False)
    for row in MAJORITY.rows:
        assert f"{row.rank}. {row.title} — {row.result}" in text
    assert SLIDE_FONT >= 24
    png = vlc.vegalite_to_png(chart.to_json(), scale=1)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "restitution-vote-majority.png").write_bytes(png)
    width = Image.open(io.BytesIO(png)).size[0]
    assert width >= 0.75 * 1920  # before: 40 % of a 1920-px slide


def test_chart_text_alternatives_carry_their_data() -> None:
    """A chart is an image on the slide: its alt text lists what it shows (RGAA 1.3)."""
    from essdash.restitution.charts import priorities_alt, themes_alt

    said = priorities_alt(MAJORITY)
    for row in MAJORITY.rows:
        assert f"{row.rank}. {row.title} : {row.result}" in said
    assert themes_alt((("Mobilité", 2), ("Alimentation durable", 1))).endswith(
        "Mobilité : 2 contributions ; Alimentation durable : 1 contribution"
    )


def test_theme_chart_ticks_are_whole_numbers() -> None:
    """Two post-its at most: ticks 0, 1, 2 (never 0.5 shown as a second « 1 »)."""
    from essdash.restitution.charts import themes_chart

    chart = themes_chart((("Mobilité", 2), ("Alimentation durable", 1)))
    axis = chart.to_dict()["layer"][0]["encoding"]["x"]["axis"]
    assert axis["values"] == [0, 1, 2] and axis["format"] == "d"
