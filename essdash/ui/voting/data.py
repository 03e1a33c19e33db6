"""Reads of the vote shared by every viewer, keyed on the workshop's versions; never a write.

A vote whose deadline has passed reads as closed here (no ballot is accepted after it); the
close itself is recorded by a write path (the facilitator's page). While results are hidden,
no value that depends on ballots leaves this module but the ballot count.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

import streamlit as st

from essdash.db import read_session
from essdash.models.base import as_utc, utcnow
from essdash.ui.workshop import live
from essdash.workshop.activities.voting import priorities, service
from essdash.workshop.activities.voting.results import ItemResult


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
    stored_status: str = ""  # the status in the database ("open" while a passed deadline waits)


@dataclass(frozen=True)
class PriorityView:
    id: int
    title: str
    description: str


def vote_state(
    workshop_id: int, version: tuple[int, ...] | None = None
) -> tuple[VoteView | None, tuple[ItemResult, ...]]:
    """The current vote and its results: () while the facilitator hides them.

    `version`: the ("vote", "ballots") versions when the caller has just read them."""
    version = version or live.stamp(workshop_id, "vote", "ballots")
    view, items = _vote_state(workshop_id, version)
    if view is None:
        return None, ()
    due = view.status == "open" and view.closes_at is not None and utcnow() >= view.closes_at
    if due:
        view = replace(view, status="closed")
    return view, items if view.results_visible else ()


@st.cache_resource(ttl=live.SAFETY_TTL, max_entries=64, show_spinner=False)
def _vote_state(
    workshop_id: int, version: tuple[int, ...]
) -> tuple[VoteView | None, tuple[ItemResult, ...]]:
    with read_session() as s:
        vote = service.current_vote(s, workshop_id=workshop_id)
        if vote is None:
            return None, ()
        if vote.status == "closed" and vote.final_ranking:
            items = tuple(_item(r) for r in service.final_ranking(vote))
        else:
            items = tuple(service.vote_results(s, vote=vote))
        view = VoteView(
            vote.id, vote.title, vote.method, vote.status, vote.points_per_participant,
            vote.allow_stacking, vote.results_visible, as_utc(vote.closes_at),
            service.ballot_count(s, vote_id=vote.id), vote.status,
        )  # fmt: skip
        return view, items


def _item(row: dict[str, Any]) -> ItemResult:
    grade = row.get("majority_grade")
    return ItemResult(
        int(row["priority_id"]), str(row["title"]), int(row["rank"]), int(row["score"]),
        grade if isinstance(grade, int) else None, tuple(row.get("profile") or ()),
    )  # fmt: skip


def candidates(workshop_id: int) -> tuple[PriorityView, ...]:
    """The candidate priorities in their stable order (never the ranking)."""
    return _candidates(workshop_id, live.stamp(workshop_id, "vote"))


@st.cache_resource(ttl=live.SAFETY_TTL, max_entries=64, show_spinner=False)
def _candidates(workshop_id: int, version: tuple[int, ...]) -> tuple[PriorityView, ...]:
    with read_session() as s:
        return tuple(
            PriorityView(p.id, p.title, p.description)
            for p in priorities.candidates(s, workshop_id=workshop_id)
        )


def my_ballot(vote_id: int, participant_id: int) -> dict[int, int] | None:
    with read_session() as s:
        return service.ballot_of(s, vote_id=vote_id, participant_id=participant_id)
