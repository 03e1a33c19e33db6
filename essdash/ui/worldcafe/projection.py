"""Projected world-café board (1920×1080): big type, live every second, every post-it seen.

The board adapts its type size to the number and length of post-its; beyond one screen it pages,
one page per ROTATE_S seconds, unless the facilitator pins one. The controls (question, view,
pinned page) sit below the projected surface and are kept in the URL, so a reload keeps them.
"""

from __future__ import annotations

import time
from typing import Any

import streamlit as st

from essdash import formatting
from essdash.ui import safe
from essdash.ui.workshop import live
from essdash.ui.worldcafe import boards, common, data

VIEWS = {"board": "Post-its par thème", "words": "Mots les plus fréquents"}
AUTO = 0


def render_board_projection(workshop_id: int, settings: Any = None) -> None:
    """The live board; its controls go to `settings` (a container under the surface)."""
    qs = data.questions(workshop_id)
    if not qs:
        st.info("Aucune question pour ce world café.")
        return
    surface = st.container()
    with settings if settings is not None else st.container():
        ids = [q.id for q in qs]
        wanted = _int_param("q")
        question_id = st.selectbox(
            "Question projetée", ids, index=ids.index(wanted) if wanted in ids else 0,
            format_func=lambda k: next(f"{q.position}. {q.text}" for q in qs if q.id == k),
            key="pj_cafe_q",
        )  # fmt: skip
        requested = st.query_params.get("cv")
        view = st.segmented_control(
            "Vue du tableau", list(VIEWS), default=requested if requested in VIEWS else "board",
            format_func=lambda v: VIEWS[v], key="pj_cafe_view",
        )  # fmt: skip
        pinned = st.number_input(
            "Page épinglée (0 : défilement automatique)", min_value=0, max_value=99,
            value=_int_param("page") or AUTO, step=1, key="pj_cafe_page",
        )  # fmt: skip
    _keep_in_url(q=str(question_id), cv=view or "board", page=str(pinned) if pinned else None)
    with surface:
        _live_board(workshop_id, question_id, view or "board", int(pinned) - 1 if pinned else None)


def _int_param(name: str) -> int | None:
    raw = st.query_params.get(name, "")
    return int(raw) if raw.isascii() and raw.isdecimal() and len(raw) < 10 else None


def _keep_in_url(**params: str | None) -> None:
    for name, value in params.items():
        if value is None:
            st.query_params.pop(name, None)
        elif st.query_params.get(name) != value:
            st.query_params[name] = value


@st.fragment(run_every=live.PROJECTION_TICK_S)
def _live_board(workshop_id: int, question_id: int, view: str, pinned: int | None) -> None:
    question = next((q for q in data.questions(workshop_id) if q.id == question_id), None)
    rv = data.round_view(workshop_id)
    if question is None or rv is None:
        return
    status = (
        f"Manche {rv.current_round} · {formatting.fmt_time_left(common.seconds_left(rv.ends_at))}"
        if rv.is_open
        else "Pas de manche en cours"
    )
    posts = [p for p in data.post_its(workshop_id) if p.question_id == question_id]
    count = formatting.fmt_count(len(posts), "post-it")
    st.html(
        f'<div style="font-size:1.3rem;color:#444">Question {question.position} · {status} · '
        f'<span data-testid="pj-cafe-count">{count}</span></div>'
    )
    safe.text_block(question.text, size="2.2rem", bold=True)
    if view == "words":
        boards.word_chart(workshop_id, question_id, big=True)
        return
    boards.projected_post_its(posts, pinned=pinned, now_s=time.time())
    common.actor_legend()
