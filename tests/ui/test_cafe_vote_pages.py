"""AppTest: the world-café and vote pages for participants and the facilitator, on the demo."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from streamlit.testing.v1 import AppTest

from essdash.db import read_session, write_session
from essdash.demo import load_demo
from essdash.models import Ballot, Contribution, Participant, Workshop
from essdash.workshop.activities.voting import priorities
from essdash.workshop.activities.voting import service as voting
from essdash.workshop.activities.worldcafe import service as cafe

ROOT = Path(__file__).resolve().parents[2]
MARK = "![x](http://evil.example/i.png) <b>gras</b>"


@pytest.fixture
def demo(db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[int, int, str]]:
    """(workshop id, participant id, token) of the demo, with a round open."""
    monkeypatch.setenv("ESSDASH_MODE", "demo")
    with write_session() as s:
        ctx = load_demo(s)
        wid = ctx.workshop.id
        cafe.start_round(s, workshop_id=wid)
    with read_session() as s:
        p = s.scalars(
            select(Participant).where(Participant.workshop_id == wid).order_by(Participant.id)
        ).first()
        assert p is not None
        yield wid, p.id, p.token


def _participant(token: str, page: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["p"] = token
    at.run()
    return at.switch_page(f"app_pages/{page}.py").run()


def _facilitator(page: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["essdash_facilitator"] = True
    at.run()
    return at.switch_page(f"app_pages/{page}.py").run()


def test_participant_posts_on_the_question_of_their_table(demo: tuple[int, int, str]) -> None:
    _wid, pid, token = demo
    at = _participant(token, "world_cafe")
    assert not at.exception, at.exception
    at.text_area[0].input(MARK)
    submit = next(b for b in at.button if b.label == "Envoyer")
    submit.click().run()
    assert not at.exception, at.exception
    with read_session() as s:
        post = s.scalars(select(Contribution).where(Contribution.text == MARK)).one()
        expected = cafe.current_question(s, participant_id=pid)
        assert expected is not None and post.question_id == expected.id
    # Shown as text, never as markdown (no image element, no HTML bold).
    assert any(t.value == MARK for t in at.text)
    assert not any(MARK in m.value for m in at.markdown)


def test_a_refused_post_keeps_the_text_and_an_own_post_is_edited(
    demo: tuple[int, int, str],
) -> None:
    wid, pid, token = demo
    at = _participant(token, "world_cafe")
    with write_session() as s:  # the facilitator closes the round while the phone types
        cafe.close_round(s, workshop_id=wid)
    at.text_area(key="cafe_text").input("Une idée à ne pas perdre")
    at.button(key="FormSubmitter:cafe_post-Envoyer").click().run()
    assert at.error, "the refusal is shown"
    assert at.text_area(key="cafe_text").value == "Une idée à ne pas perdre"
    with read_session() as s:
        mine = s.scalars(select(Contribution).where(Contribution.participant_id == pid)).all()
        assert "Une idée à ne pas perdre" not in {c.text for c in mine}
    with write_session() as s:
        cafe.start_round(s, workshop_id=wid)
    at.run()
    at.button(key="FormSubmitter:cafe_post-Envoyer").click().run()
    assert not at.error, [e.value for e in at.error]
    assert any(t.value == "Une idée à ne pas perdre" for t in at.text)  # in « Mes post-its »
    assert at.text_area(key="cafe_text").value == ""  # emptied for the next idea
    at.selectbox(key="cafe_edit_pick").select_index(0).run()
    edit_form = next(a for a in at.text_area if a.label == "Texte")
    edit_form.input("Une idée reformulée")
    next(b for b in at.button if b.label == "Enregistrer").click().run()
    assert not at.exception, at.exception
    with read_session() as s:
        texts = set(s.scalars(select(Contribution.text).where(Contribution.participant_id == pid)))
    assert "Une idée reformulée" in texts


def test_participant_ballot_for_an_open_points_vote(demo: tuple[int, int, str]) -> None:
    wid, pid, token = demo
    with write_session() as s:
        vote = voting.create_vote(s, workshop_id=wid, method="points", points_per_participant=3)
        voting.open_vote(s, vote_id=vote.id)
        first = priorities.candidates(s, workshop_id=wid)[0].id
        vote_id = vote.id
    at = _participant(token, "priorites")
    assert not at.exception, at.exception
    at.number_input(key=f"pts_{vote_id}_{first}").set_value(2).run()
    assert any(m.value == "1 / 3" for m in at.metric)  # live remaining budget
    next(b for b in at.button if b.label == "Voter").click().run()
    assert not at.exception, at.exception
    with read_session() as s:
        assert voting.ballot_of(s, vote_id=vote_id, participant_id=pid) == {first: 2}
    assert any("Vote enregistré" in str(x.value) for x in at.success)


@pytest.mark.parametrize("page", ["animation_cafe", "animation_vote", "projection_cafe"])
def test_facilitator_pages_render_on_the_demo(demo: tuple[int, int, str], page: str) -> None:
    at = _facilitator(page)
    assert not at.exception, at.exception


def test_facilitator_starts_and_closes_rounds(demo: tuple[int, int, str]) -> None:
    wid, _, _ = demo
    at = _facilitator("animation_cafe")
    next(b for b in at.button if b.label == "Clôturer la manche").click().run()
    with read_session() as s:
        w = s.get(Workshop, wid)
        assert w is not None and w.round_closed and w.current_round == 2
    next(b for b in at.button if b.label == "Lancer la manche suivante").click().run()
    with read_session() as s:
        w = s.get(Workshop, wid)
        assert w is not None and not w.round_closed and w.current_round == 3
    assert not at.exception


def test_demo_vote_is_closed_with_ballots(demo: tuple[int, int, str]) -> None:
    wid, _, _ = demo
    with read_session() as s:
        vote = voting.current_vote(s, workshop_id=wid)
        assert vote is not None and vote.status == "closed" and vote.final_ranking
        assert s.scalar(select(Ballot.id).where(Ballot.vote_id == vote.id).limit(1)) is not None
