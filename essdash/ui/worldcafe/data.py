"""Reads of the world café shared by every viewer, keyed on the workshop's versions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import streamlit as st

from essdash.db import read_session
from essdash.models import Workshop
from essdash.ui.workshop import live
from essdash.workshop import access
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


def round_view(workshop_id: int) -> RoundView | None:
    return _round_view(workshop_id, live.stamp(workshop_id, "workshop"))


@st.cache_resource(ttl=live.SAFETY_TTL, max_entries=64, show_spinner=False)
def _round_view(workshop_id: int, version: tuple[int, ...]) -> RoundView | None:
    with read_session() as s:
        w = s.get(Workshop, workshop_id)
        if w is None:
            return None
        # Outside a round: posts on a question of one's choice while the workshop takes
        # contributions (open, or closed with remote contributions on: workshop/access.py).
        open_for_posts = access.can_contribute(w)
        return RoundView(
            w.current_round,
            service.round_is_open(w),
            service.round_ends_at(w),
            w.table_count,
            w.round_minutes,
            open_for_posts,
        )


def questions(workshop_id: int) -> tuple[QuestionView, ...]:
    return _questions(workshop_id, live.stamp(workshop_id, "cafe"))


@st.cache_resource(ttl=live.SAFETY_TTL, max_entries=64, show_spinner=False)
def _questions(workshop_id: int, version: tuple[int, ...]) -> tuple[QuestionView, ...]:
    with read_session() as s:
        return tuple(
            QuestionView(q.id, q.position, q.text, q.hint)
            for q in service.questions(s, workshop_id=workshop_id)
        )


def post_its(workshop_id: int) -> tuple[PostIt, ...]:
    return _post_its(workshop_id, live.stamp(workshop_id, "posts", "cafe"))


@st.cache_resource(ttl=live.SAFETY_TTL, max_entries=64, show_spinner=False)
def _post_its(workshop_id: int, version: tuple[int, ...]) -> tuple[PostIt, ...]:
    with read_session() as s:
        return tuple(board.post_its(s, workshop_id=workshop_id))


def theme_counts(workshop_id: int) -> tuple[ThemeCount, ...]:
    return _theme_counts(workshop_id, live.stamp(workshop_id, "posts", "cafe"))


@st.cache_resource(ttl=live.SAFETY_TTL, max_entries=64, show_spinner=False)
def _theme_counts(workshop_id: int, version: tuple[int, ...]) -> tuple[ThemeCount, ...]:
    with read_session() as s:
        return tuple(
            ThemeCount(tid, q.id, name, n)
            for q in service.questions(s, workshop_id=workshop_id)
            for tid, name, n in themes.theme_counts(s, question_id=q.id)
        )


def word_counts(workshop_id: int, question_id: int | None) -> tuple[tuple[str, int], ...]:
    return _word_counts(workshop_id, question_id, live.stamp(workshop_id, "posts"))


@st.cache_resource(ttl=live.SAFETY_TTL, max_entries=128, show_spinner=False)
def _word_counts(
    workshop_id: int, question_id: int | None, version: tuple[int, ...]
) -> tuple[tuple[str, int], ...]:
    with read_session() as s:
        return tuple(board.word_frequencies(s, workshop_id=workshop_id, question_id=question_id))


def synthesis_history(workshop_id: int) -> tuple[SynthesisView, ...]:
    return _synthesis_history(workshop_id, live.stamp(workshop_id, "cafe"))


@st.cache_resource(ttl=live.SAFETY_TTL, max_entries=64, show_spinner=False)
def _synthesis_history(workshop_id: int, version: tuple[int, ...]) -> tuple[SynthesisView, ...]:
    with read_session() as s:
        return tuple(syntheses.history(s, workshop_id=workshop_id))


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
