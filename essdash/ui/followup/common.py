"""The diagnostic picker shared by the follow-up pages."""

from __future__ import annotations

import streamlit as st

from essdash.db import read_session
from essdash.diagnostics import service
from essdash.ui import state


def pick_diagnostic(key: str) -> int | None:
    with read_session() as session:
        options = {d.id: d.name for d in service.diagnostics(session)}
    if not options:
        st.info("Aucun diagnostic : chargez la démonstration ou créez un atelier.")
        return None
    ids = list(options)
    current = state.selected_diagnostic_id()
    chosen = st.selectbox(
        "Diagnostic",
        ids,
        index=ids.index(current) if current in ids else 0,
        format_func=options.__getitem__,
        key=key,
    )
    state.set_selected_diagnostic_id(chosen)
    return chosen
