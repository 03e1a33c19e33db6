"""Cached reads of the vote shared by every viewer; applies a passed deadline lazily."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import streamlit as st

from essdash.db import read_session, write_session
from essdash.workshop.activities.voting import priorities, service
from essdash.workshop.activities.voting.results import ItemResult
from essdash.workshop.activities.worldcafe.service import as_utc


@dataclass(frozen=True)
class VoteView:
    id: int
    title: str
    method: str
    status: str
    points: int
    allow_stacking: bool
    results_visible: bool
    closes_at: datetime | None
    ballots: int


@dataclass(frozen=True)
class PriorityView:
    id: int
    title: str
    description: str


@st.cache_data(ttl=1, max_entries=64, show_spinner=False)
def vote_state(workshop_id: int) -> tuple[VoteView | None, list[ItemResult]]:
    """The current vote and its results (the stored final ranking once closed)."""
    with read_session() as s:
        vote = service.current_vote(s, workshop_id=workshop_id)
        due = vote is not None and service.is_due(vote)
    if due:
        with write_session() as s:
            service.close_if_due(s, workshop_id=workshop_id)
    with read_session() as s:
        vote = service.current_vote(s, workshop_id=workshop_id)
        if vote is None:
            return None, []
        if vote.status == "closed" and vote.final_ranking:
            items = [_item(r) for r in service.final_ranking(vote)]
        else:
            items = service.vote_results(s, vote=vote)
        view = VoteView(
            vote.id, vote.title, vote.method, vote.status, vote.points_per_participant,
            vote.allow_stacking, vote.results_visible, as_utc(vote.closes_at),
            service.ballot_count(s, vote_id=vote.id),
        )  # fmt: skip
        return view, items


def _item(row: dict[str, Any]) -> ItemResult:
    grade = row.get("majority_grade")
    return ItemResult(
        int(row["priority_id"]), str(row["title"]), int(row["rank"]), int(row["score"]),
        grade if isinstance(grade, int) else None, tuple(row.get("profile") or ()),
    )  # fmt: skip


@st.cache_data(ttl=2, max_entries=64, show_spinner=False)
def candidates(workshop_id: int) -> list[PriorityView]:
    with read_session() as s:
        return [
            PriorityView(p.id, p.title, p.description)
            for p in priorities.candidates(s, workshop_id=workshop_id)
        ]


def my_ballot(vote_id: int, participant_id: int) -> dict[int, int] | None:
    with read_session() as s:
        return service.ballot_of(s, vote_id=vote_id, participant_id=participant_id)


def clear() -> None:
    vote_state.clear()
    candidates.clear()
