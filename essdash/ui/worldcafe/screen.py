"""Full-screen page of the world café and the vote, until the projection page switches views."""

from __future__ import annotations

import streamlit as st

from essdash.ui.voting.projection import render_vote_projection
from essdash.ui.workshop.picker import pick_workshop
from essdash.ui.worldcafe.projection import render_board_projection

VIEWS = {"board": "Tableau du world café", "vote": "Vote des priorités"}


def render() -> None:
    with st.expander("Atelier et vue projetés", expanded=False):
        info = pick_workshop(key="pj_cafe_workshop")
        view = st.segmented_control(
            "Vue",
            list(VIEWS),
            default="board",
            format_func=lambda v: VIEWS[v],
            key="pj_cafe_screen",
        )
        st.page_link(
            "app_pages/animation_cafe.py", label="Retour aux tableaux", icon=":material/dashboard:"
        )
    if info is None:
        return
    if view == "vote":
        render_vote_projection(info.id)
    else:
        render_board_projection(info.id)
