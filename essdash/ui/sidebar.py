"""The sidebar footer: who I am, and how to leave."""

from __future__ import annotations

import streamlit as st

from essdash.ui import login, state
from essdash.ui.frame import ROLE_LABELS
from essdash.ui.identity import Identity


def render(who: Identity) -> None:
    with st.sidebar:
        st.divider()
        st.caption(f"Connecté·e en tant que : **{ROLE_LABELS[who.role]}**")
        if who.role == "participant":
            st.caption(f"Atelier : {who.workshop_title}")
            if st.button("Quitter l'atelier sur cet appareil", key="leave_workshop"):
                state.set_participant_token(None)
                st.rerun()
        elif who.role == "facilitator":
            login.logout_form()
