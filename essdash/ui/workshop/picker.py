"""The facilitator's workshop picker (remembered in the session)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

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
    names = {r[0]: r[1] for r in rows}
    current = state.selected_workshop_id()
    box = st.sidebar if sidebar else st
    chosen = box.selectbox(
        "Atelier",
        ids,
        index=ids.index(current) if current in ids else 0,
        format_func=names.__getitem__,
        key=labelled_key(f"{key}_{state.picker_generation()}", names.values()),
    )
    state.set_selected_workshop_id(chosen)
    return live.workshop_info(chosen) if chosen is not None else None


def labelled_key(base: str, labels: Iterable[str]) -> str:
    """A picker's widget key that changes with the labels it shows.

    The browser keeps a selectbox's choice as its label text: once a write changes that label
    (« (En préparation) » → « (Ouvert) »), the same widget kept showing the old text. A new
    key draws a new widget with the current labels, on the choice remembered by id (`index`)."""
    digest = hashlib.blake2s("\x1f".join(labels).encode(), digest_size=6).hexdigest()
    return f"{base}_{digest}"
