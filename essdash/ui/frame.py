"""The frame of every page: role gate, title, projection chrome."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import streamlit as st

from essdash.ui import identity as identity_mod
from essdash.ui.identity import Identity
from essdash.ui.state import Role

Chrome = Literal["normal", "projection"]

ROLE_LABELS: dict[str, str] = {
    "public": "Visiteur",
    "participant": "Participant·e",
    "facilitator": "Équipe d'animation",
}

_PROJECTION_CSS = """
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
header[data-testid="stHeader"],
[data-testid="stToolbar"] { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] { padding-top: 1rem !important;
  max-width: 100% !important; }
html, body, [data-testid="stAppViewContainer"] { font-size: 22px; }
h1 { font-size: 2.6rem !important; } h2 { font-size: 2.0rem !important; }
[data-testid="stMetricValue"] { font-size: 3.2rem !important; }
</style>
"""


_BASE_CSS = """
<style>
@media (max-width: 640px) {
  [data-testid="stMainBlockContainer"], .block-container { padding-top: 3.2rem !important; }
  h1 { font-size: 2.1rem !important; }
}
</style>
"""


def page(title: str, *, roles: Iterable[Role], chrome: Chrome = "normal") -> Identity:
    """Check the role again (deep links never bypass the gate), then draw the page title."""
    who = identity_mod.current()
    if who.role not in tuple(roles):
        st.title(title)
        if who.role == "facilitator":
            st.info("Cette page est réservée aux participant·es d'un atelier.")
        else:
            st.error(
                "Accès réservé. Rejoignez un atelier avec son code, ou connectez-vous "
                "depuis la page « Animer »."
            )
        st.page_link("app_pages/accueil.py", label="Retour à l'accueil", icon=":material/home:")
        st.stop()
    if chrome == "projection":
        st.html(_PROJECTION_CSS)
    else:
        st.html(_BASE_CSS)
        st.title(title)
    from essdash.ui.workshop import actions, follow

    actions.show_toast()
    if chrome == "normal":
        follow.open_at_top(title)
    return who


def stop_with(message: str) -> None:
    """A clear French message, then nothing else on the page."""
    st.info(message)
    st.stop()


def link(file: str, label: str, icon: str | None = None, container: object = st) -> None:
    """A link to another page, drawn only when this role has that page."""
    from essdash.ui import navigation

    who = identity_mod.current()
    specs = [s for section in navigation.pages_for(who.role).values() for s in section]
    if any(spec.file == file for spec in specs):
        container.page_link(f"app_pages/{file}.py", label=label, icon=icon)  # type: ignore[attr-defined]
