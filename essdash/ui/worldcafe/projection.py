"""Projected world-café board (1920×1080): big type, live every second."""

from __future__ import annotations

import streamlit as st

from essdash import formatting
from essdash.ui import safe
from essdash.ui.worldcafe import boards, common, data

VIEWS = {"board": "Post-its par thème", "words": "Mots les plus fréquents"}


def render_board_projection(workshop_id: int) -> None:
    """Question picker and view switch (outside the tick), then the live board."""
    qs = data.questions(workshop_id)
    if not qs:
        st.info("Aucune question pour ce world café.")
        return
    left, right = st.columns([3, 1])
    question = left.selectbox(
        "Question projetée", qs, format_func=lambda q: f"{q.position}. {q.text}", key="pj_cafe_q"
    )
    view = right.segmented_control(
        "Vue", list(VIEWS), default="board", format_func=lambda v: VIEWS[v], key="pj_cafe_view"
    )
    _live_board(workshop_id, question.id, view or "board")


@st.fragment(run_every=1.0)
def _live_board(workshop_id: int, question_id: int, view: str) -> None:
    question = next((q for q in data.questions(workshop_id) if q.id == question_id), None)
    rv = data.round_view(workshop_id)
    if question is None or rv is None:
        return
    status = (
        f"Manche {rv.current_round} · reste {common.time_left(rv.ends_at)}"
        if rv.is_open
        else "Pas de manche en cours"
    )
    total = sum(1 for p in data.post_its(workshop_id) if p.question_id == question_id)
    st.html(
        f'<div style="font-size:1.3rem;color:#444">Question {question.position} · {status} · '
        f'<span data-testid="pj-cafe-count">{formatting.fmt_int(total)} post-its</span></div>'
    )
    safe.text_block(question.text, size="2.6rem", bold=True)
    if view == "words":
        boards.word_chart(workshop_id, question_id, big=True)
        return
    boards.theme_chart(workshop_id, question_id, big=True)
    boards.post_it_grid(workshop_id, question_id, big=True)
    common.actor_legend()
