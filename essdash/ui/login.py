"""Facilitator sign-in: constant-time password check; production refuses without a password."""

from __future__ import annotations

import streamlit as st

from essdash import config
from essdash.ui import state

CONSOLE = config.ROOT / "app_pages" / "console.py"


def configured_password() -> str | None:
    try:
        secret = st.secrets.get("facilitator_password")
    except FileNotFoundError:
        secret = None
    return config.facilitator_password(secret if isinstance(secret, str) else None)


def render() -> None:
    if state.is_facilitator():
        st.switch_page("app_pages/console.py" if CONSOLE.exists() else "app_pages/accueil.py")
    expected = configured_password()
    if expected is None:
        st.error(
            "Aucun mot de passe d'animation n'est configuré : définissez `facilitator_password` "
            "dans `.streamlit/secrets.toml` ou la variable `ESSDASH_FACILITATOR_PASSWORD`."
        )
        return
    if config.mode() == "demo":
        st.info(f"Démonstration : le mot de passe est « {config.DEMO_FACILITATOR_PASSWORD} ».")
    with st.form("facilitator_login"):
        password = st.text_input("Mot de passe", type="password", key="facilitator_password")
        submitted = st.form_submit_button("Entrer", type="primary")
    if submitted:
        if config.check_password(password, expected):
            state.set_facilitator(True)
            state.set_participant_token(None)
            st.rerun()
        else:
            st.error("Mot de passe incorrect.")
