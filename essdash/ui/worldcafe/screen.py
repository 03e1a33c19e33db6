"""Full-screen page of the world café and the vote, until the projection page switches views."""

from __future__ import annotations

import streamlit as st

from essdash.ui.voting.projection import render_vote_projection
from essdash.ui.workshop.picker import pick_workshop
from essdash.ui.workshop.projection import SURFACE_CSS
from essdash.ui.worldcafe.projection import render_board_projection

VIEWS = {"board": "Tableau du world café", "vote": "Vote des priorités"}


def render() -> None:
    """The projected surface first; its controls under it, off the projector (kept in the URL)."""
    st.html(SURFACE_CSS)
    surface = st.container(key="pj_surface")
    with st.container(key="pj_settings"), st.expander("Réglages de la projection"):
        info = pick_workshop(key="pj_cafe_workshop")
        requested = st.query_params.get("v")
        view = st.segmented_control(
            "Vue", list(VIEWS), default=requested if requested in VIEWS else "board",
            format_func=lambda v: VIEWS[v], key="pj_cafe_screen",
        ) or "board"  # fmt: skip
        if st.query_params.get("v") != view:
            st.query_params["v"] = view
        st.page_link(
            "app_pages/animation_cafe.py", label="Retour aux tableaux", icon=":material/dashboard:"
        )
        board_settings = st.container()
    if info is None:
        return
    with surface:
        if view == "vote":
            render_vote_projection(info.id)
        else:
            render_board_projection(info.id, board_settings)
