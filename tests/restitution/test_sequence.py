"""The plenary sequence: order, content from the database, and no personal data anywhere."""

from __future__ import annotations

import pytest
from restitution_data import EMOJI_TEXT, HIDDEN_TEXT, SYNTHESIS_TEXT, seed_restitution_case

from essdash.db import read_session
from essdash.restitution.sequence import build_restitution, diagnostic_by_code
from essdash.restitution.slides import (
    FiguresSlide,
    MapSlide,
    PlanSlide,
    PrioritiesSlide,
    QuestionSlide,
    TableSlide,
    TitleSlide,
)


@pytest.fixture
def built(any_db_url: str):
    seeded = seed_restitution_case()
    with read_session() as session:
        diagnostic = diagnostic_by_code(session, f"  {seeded.restitution_code} ")
        assert diagnostic is not None
        return seeded, build_restitution(session, diagnostic)


def test_codes(any_db_url: str) -> None:
    seeded = seed_restitution_case()
    with read_session() as session:
        assert diagnostic_by_code(session, seeded.restitution_code) is not None
        for wrong in ("", "   ", None, seeded.restitution_code + "x", "x" * 500):
            assert diagnostic_by_code(session, wrong) is None


def test_plenary_order(built) -> None:
    _seeded, restitution = built
    kinds = [type(s) for s in restitution.slides]
    assert kinds[:4] == [TitleSlide, FiguresSlide, MapSlide, MapSlide]
    assert [s.kind for s in restitution.slides[2:4]] == ["ess_map", "actors_map"]
    assert kinds[4:8] == [QuestionSlide] * 4
    # The plan, then the follow-up's « du vote à l'action » (its progress), close the plenary.
    assert PrioritiesSlide in kinds and kinds[-2:] == [PlanSlide, TableSlide]
    assert kinds.index(PrioritiesSlide) > 7


def test_questions_show_latest_synthesis_themes_and_visible_count(built) -> None:
    seeded, restitution = built
    questions = [s for s in restitution.slides if isinstance(s, QuestionSlide)]
    first = questions[0]
    assert ("Table 1", SYNTHESIS_TEXT) in first.syntheses
    assert "Première version" not in {t for _, t in first.syntheses}
    assert (seeded.theme_name, 1) in first.themes
    texts = restitution.texts()
    assert HIDDEN_TEXT not in " ".join(texts)
    assert questions[1].contributions >= 2  # the formula and emoji posts, not the hidden one
    assert EMOJI_TEXT not in texts  # post-its themselves are not projected, only counted


def test_priorities_and_plan(built) -> None:
    seeded, restitution = built
    mine = next(
        s for s in restitution.slides if isinstance(s, PrioritiesSlide) and "test" in s.title
    )
    ranked = [(r.rank, r.title) for r in mine.rows if r.title in seeded.priority_titles]
    assert ranked[0] == (1, seeded.priority_titles[0])
    assert "Priorité masquée" not in {r.title for r in mine.rows}
    plan = restitution.slides[-2]
    assert isinstance(plan, PlanSlide)
    assert plan.rows[0].progress == 40 and plan.rows[0].deadline == "30/06/2027"


def test_actors_map_has_sites_and_zones_but_no_hidden_feature(built) -> None:
    _seeded, restitution = built
    actors = restitution.slides[3]
    assert isinstance(actors, MapSlide)
    assert len(actors.points) == 5 and len(actors.zones) == 3
    assert all(-180 <= p.lon <= 180 for p in actors.points)
    assert any(c.geometry for c in actors.communes)


def test_no_personal_data_in_any_slide(built) -> None:
    seeded, restitution = built
    text = "\n".join(restitution.texts())
    for name in seeded.names:
        assert name not in text, name
    for email in seeded.emails:
        assert email not in text
    assert "06 12 34 56 78" not in text
