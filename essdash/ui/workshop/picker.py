"""The facilitator's workshop picker (remembered in the session)."""

from __future__ import annotations

import streamlit as st

from essdash import labels
from essdash.db import read_session
from essdash.ui import state
from essdash.ui.workshop import live
from essdash.ui.workshop.live import WorkshopInfo
from essdash.workshop import console


def pick_workshop(*, key: str = "workshop_pick", sidebar: bool = False) -> WorkshopInfo | None:
    """Selectbox of workshops, open ones first; None (with a message) when there is none."""
    with read_session() as s:
        rows = [
            (w.id, f"{w.title} — {w.join_code} ({labels.WORKSHOP_STATUSES[w.status]})", w.status)
            for w in console.workshops_of(s)
        ]
    if not rows:
        st.info("Aucun atelier : créez-en un dans « Ateliers et déroulé ».")
        return None
    rows.sort(key=lambda r: (r[2] != "open", r[2] == "archived"))
    ids = [r[0] for r in rows]
    current = state.selected_workshop_id()
    box = st.sidebar if sidebar else st
    chosen = box.selectbox(
        "Atelier",
        ids,
        index=ids.index(current) if current in ids else 0,
        format_func=lambda k: dict((r[0], r[1]) for r in rows)[k],
        key=f"{key}_{state.picker_generation()}",
    )
    state.set_selected_workshop_id(chosen)
    return live.workshop_info(chosen) if chosen is not None else None
