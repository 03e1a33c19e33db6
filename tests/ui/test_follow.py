"""Phones follow the workshop: their follow file changes with a vote, a round or a step; a vote
past its deadline reads as closed without any write, and the facilitator's page records it."""

from __future__ import annotations

from datetime import timedelta

from essdash.db import read_session, write_session
from essdash.db.versions import versions
from essdash.models import Vote
from essdash.models.base import utcnow
from essdash.ui.voting import data as voting_data
from essdash.ui.workshop import follow
from essdash.workshop import timer
from essdash.workshop.activities.voting import service as voting
from essdash.workshop.activities.worldcafe import service as cafe
from tests.ui import test_cafe_vote_pages as pages
from tests.ui.test_cafe_vote_pages import _facilitator

demo = pages.demo

Demo = tuple[int, int, str]


def test_what_phones_watch_changes_with_each_facilitator_move(demo: Demo) -> None:
    wid, pid, _ = demo
    moves = [
        lambda s: voting.open_vote(
            s, vote_id=voting.create_vote(s, workshop_id=wid, method="points").id
        ),
        lambda s: voting.close_vote(s, vote_id=voting.current_vote(s, workshop_id=wid).id),
        lambda s: cafe.close_round(s, workshop_id=wid),
        lambda s: cafe.start_round(s, workshop_id=wid),
        lambda s: timer.start_step(s, workshop_id=wid),
        lambda s: timer.next_step(s, workshop_id=wid),
    ]
    for move in moves:
        before = follow._token(wid)
        with write_session() as s:
            move(s)
        assert follow._token(wid) != before
    before = follow._token(wid)
    with write_session() as s:  # a post-it does not redraw every phone
        cafe.post_contribution(s, participant_id=pid, text="Une idée")
    assert follow._token(wid) == before


def test_a_passed_deadline_reads_closed_without_a_write(demo: Demo) -> None:
    wid = demo[0]
    with write_session() as s:
        vote = voting.create_vote(s, workshop_id=wid, method="points")
        voting.open_vote(s, vote_id=vote.id, closes_at=utcnow() + timedelta(minutes=5))
        vote_id = vote.id
    with write_session() as s:  # the deadline passes
        row = s.get(Vote, vote_id)
        assert row is not None
        row.closes_at = utcnow() - timedelta(seconds=1)
    with read_session() as s:
        stamp = versions(s, wid)
    view, _ = voting_data.vote_state(wid)
    assert view is not None and view.status == "closed" and view.stored_status == "open"
    with read_session() as s:
        assert versions(s, wid) == stamp  # reading wrote nothing
        assert s.get(Vote, vote_id).status == "open"  # type: ignore[union-attr]
    at = _facilitator("animation_vote")  # a write path records the close
    assert not at.exception, at.exception
    with read_session() as s:
        closed = s.get(Vote, vote_id)
        assert closed is not None and closed.status == "closed" and closed.final_ranking
