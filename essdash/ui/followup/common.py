"""The diagnostic picker shared by the follow-up pages."""

from __future__ import annotations

import streamlit as st

from essdash.db import read_session
from essdash.diagnostics import service
from essdash.ui import state

# An installation starts empty (no demo in production): say how to create the first one.
NO_DIAGNOSTIC = (
    "Aucun diagnostic : créez-en un avec « Créer un diagnostic » (page « Diagnostics et phases »)."
)


def pick_diagnostic(key: str) -> int | None:
    with read_session() as session:
        options = {d.id: d.name for d in service.diagnostics(session)}
    if not options:
        st.info(NO_DIAGNOSTIC)
        return None
    ids = list(options)
    current = state.selected_diagnostic_id()
    # The remembered choice leads (a diagnostic just created, another page's choice); a pick in
    # this box updates it through the callback, before the script runs again.
    state.set_widget_value(key, current if current in ids else ids[0])
    chosen = st.selectbox(
        "Diagnostic",
        ids,
        format_func=options.__getitem__,
        key=key,
        on_change=_remember,
        args=(key,),
    )
    state.set_selected_diagnostic_id(chosen)
    return int(chosen)


def _remember(key: str) -> None:
    state.set_selected_diagnostic_id(state.widget_value(key))


def plain(text: str) -> str:
    """A facilitator's label inside markdown or a widget label: markdown characters escaped."""
    return "".join(f"\\{c}" if c in "\\`*_{}[]()#+-.!|<>~$" else c for c in text)
