"""The home page: what essdash is, and the three doors (join, facilitate, restitution)."""

from __future__ import annotations

import streamlit as st

from essdash import config
from essdash.db import read_session
from essdash.ui import frame, state
from essdash.ui.identity import Identity
from essdash.workshop.activities import registry
from essdash.workshop.participants import workshop_by_code

INTRO = (
    "**essdash** accompagne le *diagnostic territorial partagé de l'économie sociale et "
    "solidaire* : les chiffres de l'ESS d'un territoire, construits avec ses acteurs lors "
    "d'ateliers en direct, restitués aux élu·es et suivis en plan d'action."
)


def render(who: Identity) -> None:
    st.markdown(INTRO)
    if config.mode() == "demo":
        st.info(
            "Mode démonstration : le territoire « Val de Démo » et ses données sont **fictifs**. "
            "Code de l'atelier de démonstration : **DEMO**."
        )
    if who.role == "participant":
        _participant_home(who)
    elif who.role == "facilitator":
        _facilitator_home()
    else:
        _doors()


def _doors() -> None:
    join, facilitate, restitution = st.columns(3, gap="large")
    with join.container(border=True):
        st.subheader("Rejoindre un atelier")
        st.caption("Participant·e : saisissez le code affiché à l'écran, sans créer de compte.")
        with st.form("join_door", border=False):
            code = st.text_input("Code de l'atelier", key="home_join_code", max_chars=16)
            if st.form_submit_button("Rejoindre", type="primary", width="stretch"):
                _go_join(code)
    with facilitate.container(border=True):
        st.subheader("Animer")
        st.caption("Équipe de la CRESS : console d'animation, projection, chiffres, exports.")
        frame.link("animer", "Se connecter", ":material/key:")
    with restitution.container(border=True):
        st.subheader("Restitution")
        st.caption("Élu·es et technicien·nes : la restitution en lecture seule.")
        frame.link("restitution", "Ouvrir", ":material/slideshow:")


def _go_join(code: str) -> None:
    with read_session() as session:
        workshop = workshop_by_code(session, code)
        found = workshop is not None and workshop.status in ("open", "closed")
    if not found:
        st.error("Code inconnu : vérifiez le code affiché par l'équipe d'animation.")
        return
    st.switch_page("app_pages/rejoindre.py", query_params={"code": code.strip().upper()})


def _participant_home(who: Identity) -> None:
    st.success(f"Vous participez à l'atelier : {who.workshop_title}")
    pages = [  # each registered activity's participant pages, in the order of the workshop
        page
        for activity in registry.activities()
        for page in activity.pages
        if page.audience == "participant"
    ]
    cols = st.columns(max(1, len(pages)))
    for page, col in zip(pages, cols, strict=False):
        frame.link(page.file, page.title, page.icon, col)
    frame.link("mes_donnees", "Mon lien personnel et mes données", ":material/badge:")


def _facilitator_home() -> None:
    st.success("Vous êtes connecté·e à l'espace d'animation.")
    cols = st.columns(3)
    frame.link("console", "Console d'animation", ":material/timer:", cols[0])
    frame.link("projection", "Projection", ":material/present_to_all:", cols[1])
    frame.link("chiffres_cles", "Chiffres clés", ":material/analytics:", cols[2])
    state.set_participant_token(None)
