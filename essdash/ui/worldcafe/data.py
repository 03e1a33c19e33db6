"""Cached reads of the world café shared by every viewer (one query per second at most)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import streamlit as st

from essdash.db import read_session
from essdash.models import Workshop
from essdash.workshop.activities.worldcafe import board, service, syntheses, themes
from essdash.workshop.activities.worldcafe.board import PostIt
from essdash.workshop.activities.worldcafe.syntheses import SynthesisView


@dataclass(frozen=True)
class QuestionView:
    id: int
    position: int
    text: str
    hint: str


@dataclass(frozen=True)
class RoundView:
    current_round: int
    is_open: bool
    ends_at: datetime | None
    table_count: int
    round_minutes: int
    contributions_open: bool


@dataclass(frozen=True)
class ThemeCount:
    id: int
    question_id: int
    name: str
    count: int


@st.cache_data(ttl=1, max_entries=64, show_spinner=False)
def round_view(workshop_id: int) -> RoundView | None:
    with read_session() as s:
        w = s.get(Workshop, workshop_id)
        if w is None:
            return None
        open_for_posts = w.contributions_open and w.status not in ("closed", "archived")
        return RoundView(
            w.current_round,
            service.round_is_open(w),
            service.round_ends_at(w),
            w.table_count,
            w.round_minutes,
            open_for_posts,
        )


@st.cache_data(ttl=5, max_entries=64, show_spinner=False)
def questions(workshop_id: int) -> list[QuestionView]:
    with read_session() as s:
        return [
            QuestionView(q.id, q.position, q.text, q.hint)
            for q in service.questions(s, workshop_id=workshop_id)
        ]


@st.cache_resource(ttl=1, max_entries=64, show_spinner=False)
def post_its(workshop_id: int) -> list[PostIt]:
    """Shared, not copied per caller (boards read it every second): do not mutate."""
    with read_session() as s:
        return board.post_its(s, workshop_id=workshop_id)


@st.cache_data(ttl=1, max_entries=64, show_spinner=False)
def theme_counts(workshop_id: int) -> list[ThemeCount]:
    with read_session() as s:
        return [
            ThemeCount(tid, q.id, name, n)
            for q in service.questions(s, workshop_id=workshop_id)
            for tid, name, n in themes.theme_counts(s, question_id=q.id)
        ]


@st.cache_data(ttl=2, max_entries=128, show_spinner=False)
def word_counts(workshop_id: int, question_id: int | None) -> list[tuple[str, int]]:
    with read_session() as s:
        return board.word_frequencies(s, workshop_id=workshop_id, question_id=question_id)


@st.cache_data(ttl=2, max_entries=64, show_spinner=False)
def synthesis_history(workshop_id: int) -> list[SynthesisView]:
    with read_session() as s:
        return syntheses.history(s, workshop_id=workshop_id)


def latest_syntheses(workshop_id: int) -> list[SynthesisView]:
    by_key: dict[tuple[int, int | None], SynthesisView] = {}
    for view in synthesis_history(workshop_id):
        by_key[(view.question_id, view.table_no)] = view
    return list(by_key.values())


def question_of_table(workshop_id: int, table_no: int | None) -> QuestionView | None:
    """The question the table works on in the open round."""
    rv, qs = round_view(workshop_id), questions(workshop_id)
    if rv is None or not rv.is_open or table_no is None or not qs:
        return None
    pos = service.question_position(
        table_no=table_no, round_no=rv.current_round, n_questions=len(qs)
    )
    return qs[pos - 1]


def clear() -> None:
    """After a facilitator's change (round, questions, themes): every view shows it at once."""
    for fn in (round_view, questions, post_its, theme_counts, word_counts, synthesis_history):
        fn.clear()


def clear_posts() -> None:
    """After a participant's post-it: only what counts or shows post-its is read again (the
    round and questions stay cached: every phone reads them on every run)."""
    for fn in (post_its, theme_counts, word_counts):
        fn.clear()


def clear_syntheses() -> None:
    synthesis_history.clear()
