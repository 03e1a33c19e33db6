"""Live boards of the world café: one question's themes and post-its, the word view.

Shared by the facilitator page (normal size) and the projection (big type, 1 s tick).
"""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from essdash import labels
from essdash.ui import safe
from essdash.ui.worldcafe import common, data

NO_THEME = "Sans thème"


def theme_chart(workshop_id: int, question_id: int, *, big: bool = False) -> None:
    counts = [t for t in data.theme_counts(workshop_id) if t.question_id == question_id]
    if not counts:
        return
    frame = pd.DataFrame({"Thème": [t.name for t in counts], "Post-its": [t.count for t in counts]})
    size = 26 if big else 14
    bars = (
        alt.Chart(frame)
        .mark_bar(color="#B5123E")
        .encode(
            x=alt.X(
                "Post-its:Q",
                axis=alt.Axis(
                    tickMinStep=1, labelFontSize=size, labelColor="#1E1E28", titleFontSize=size
                ),
            ),
            y=alt.Y(
                "Thème:N",
                sort=[t.name for t in counts],
                axis=alt.Axis(labelFontSize=size, labelColor="#1E1E28", labelLimit=900, title=None),
            ),
        )
    )
    text = bars.mark_text(align="left", dx=6, fontSize=size, fontWeight="bold").encode(
        text="Post-its:Q"
    )
    height = max(1, len(counts)) * (56 if big else 30)
    st.altair_chart((bars + text).properties(height=height), width="stretch", height=height + 60)


def post_it_grid(
    workshop_id: int, question_id: int, *, big: bool = False, actor_types: list[str] | None = None
) -> int:
    """Post-its grouped by theme; returns how many are shown."""
    posts = [p for p in data.post_its(workshop_id) if p.question_id == question_id]
    if actor_types:
        posts = [p for p in posts if p.actor_type in actor_types]
    if not posts:
        safe.cards([], empty="Aucun post-it pour l'instant.", big=big)
        return 0
    groups: dict[str, list[safe.Card]] = {}
    for post in posts:
        groups.setdefault(post.theme_name or NO_THEME, []).append(common.card(post))
    ordered = sorted(groups, key=lambda name: (name == NO_THEME, -len(groups[name]), name))
    for name in ordered:
        count = len(groups[name])
        safe.text_block(f"{name} ({count})", size="2rem" if big else "1.1rem", bold=True)
        safe.cards(groups[name], big=big)
    return len(posts)


def word_chart(workshop_id: int, question_id: int | None, *, big: bool = False) -> None:
    counts = data.word_counts(workshop_id, question_id)[:20]
    if not counts:
        st.caption("Pas encore de mots.")
        return
    frame = pd.DataFrame(counts, columns=["Mot", "Occurrences"])
    size = 24 if big else 13
    chart = (
        alt.Chart(frame)
        .mark_bar(color="#0072B2")
        .encode(
            x=alt.X(
                "Occurrences:Q",
                axis=alt.Axis(
                    tickMinStep=1, labelFontSize=size, labelColor="#1E1E28", titleFontSize=size
                ),
            ),
            y=alt.Y(
                "Mot:N",
                sort=[w for w, _ in counts],
                axis=alt.Axis(labelFontSize=size, labelColor="#1E1E28", title=None),
            ),
        )
    )
    height = len(counts) * (44 if big else 24)
    st.altair_chart(chart.properties(height=height), width="stretch", height=height + 60)


def actor_filter(key: str) -> list[str]:
    chosen = st.pills(
        "Types d'acteurs",
        list(labels.ACTOR_TYPES),
        selection_mode="multi",
        format_func=lambda k: labels.ACTOR_TYPES[k],
        key=key,
    )
    return list(chosen or [])
