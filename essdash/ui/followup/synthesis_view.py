"""The synthesis of the « infos recherchées » (interviews and post-its) and the grid editor."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from essdash.db import read_session
from essdash.followup import grid, synthesis
from essdash.followup.grid import GridEntry
from essdash.followup.labels import SOURCES
from essdash.followup.synthesis import TagCount
from essdash.ui import safe
from essdash.ui.followup.common import plain
from essdash.ui.workshop import actions


def synthesis_frame(rows: tuple[TagCount, ...]) -> pd.DataFrame:
    """One line per grid item: counts only (the workbook and restitution read this too)."""
    return pd.DataFrame(
        [
            {
                "Rubrique": ("  ↳ " if r.parent_key else "") + r.label,
                "Entretiens": r.interviews,
                "Post-it": r.postits,
                "Total": r.total,
            }
            for r in rows
        ],
        columns=["Rubrique", "Entretiens", "Post-it", "Total"],
    )


def synthesis_chart(rows: tuple[TagCount, ...]) -> alt.Chart:
    """Horizontal stacked bars of the top-level items: interviews and post-its."""
    long = pd.DataFrame(
        [
            {"Rubrique": r.label, "Source": source, "Nombre": n}
            for r in rows
            if r.parent_key is None
            for source, n in (("Entretiens", r.interviews), ("Post-it", r.postits))
        ]
    )
    order = [r.label for r in rows if r.parent_key is None]
    chart: alt.Chart = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X("sum(Nombre):Q", title="Mentions", axis=alt.Axis(tickMinStep=1, format="d")),
            y=alt.Y(
                "Rubrique:N",
                sort=order,
                title=None,
                axis=alt.Axis(labelLimit=420, labelFontSize=14),
            ),
            color=alt.Color("Source:N", scale=alt.Scale(range=["#0072B2", "#E69F00"])),
            tooltip=["Rubrique", "Source", "Nombre"],
        )
        .properties(height=alt.Step(34))
    )
    return chart


def render_synthesis(diagnostic_id: int) -> None:
    chosen = st.multiselect(
        "Types d'acteurs", list(SOURCES), default=list(SOURCES),
        format_func=SOURCES.__getitem__, key=f"synthesis_sources_{diagnostic_id}",
        select_all=False, placeholder="Choisir des types d'acteurs",
    )  # fmt: skip
    with read_session() as s:
        rows = synthesis.tag_synthesis(s, diagnostic_id=diagnostic_id, sources=chosen)
    if not any(r.total for r in rows):
        st.info("Rien à synthétiser pour ces types d'acteurs : aucun entretien ni post-it classé.")
        return
    st.altair_chart(synthesis_chart(rows), width="stretch")
    st.dataframe(synthesis_frame(rows), hide_index=True, width="stretch")
    st.markdown("**Citations** (sans nom ni notes personnelles)")
    for row in rows:
        if row.quotes:
            st.markdown(f"*{plain(row.label)}*")
            safe.cards([safe.Card(q.text, SOURCES.get(q.source, q.source)) for q in row.quotes])


def grid_editor(diagnostic_id: int, entries: tuple[GridEntry, ...]) -> None:
    """Edit the grid as a table: rename, add a line (a sub-item names its parent), remove."""
    parents = {e.key: e.label for e in entries if e.parent_key is None}
    frame = pd.DataFrame(
        [
            {
                "key": e.key,
                "Rubrique": e.label,
                "Sous-rubrique de": parents.get(e.parent_key or "", ""),
            }
            for e in entries
        ]
    )
    edited = st.data_editor(
        frame, num_rows="dynamic", hide_index=True, width="stretch",
        key=f"grid_editor_{diagnostic_id}",
        column_config={
            "key": None,
            "Rubrique": st.column_config.TextColumn(required=True, max_chars=200),
            "Sous-rubrique de": st.column_config.SelectboxColumn(options=["", *parents.values()]),
        },
    )  # fmt: skip
    if st.button("Enregistrer la grille", key=f"grid_save_{diagnostic_id}"):
        by_label = {label: key for key, label in parents.items()}
        lines = [
            (
                str(r["key"]) if isinstance(r.get("key"), str) else None,
                str(r.get("Rubrique") or ""),
                by_label.get(str(r.get("Sous-rubrique de") or "")) or None,
            )
            for r in edited.to_dict("records")
            if str(r.get("Rubrique") or "").strip()
        ]
        actions.perform(
            lambda s: grid.save_grid(s, diagnostic_id=diagnostic_id, entries=lines),
            success="Grille enregistrée.",
        )
