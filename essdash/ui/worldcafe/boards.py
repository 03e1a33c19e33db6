"""Live boards of the world café: one question's themes and post-its, the word view.

Shared by the facilitator page (normal size) and the projection (big type, 1 s tick).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass

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
    rows = tuple((t.name, t.count) for t in counts)
    _bars(
        rows, _BarStyle("Thème", "Post-its", "#B5123E", 26 if big else 14, 56 if big else 30, True)
    )


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
    style = _BarStyle("Mot", "Occurrences", "#0072B2", 24 if big else 13, 44 if big else 24, False)
    _bars(tuple(counts), style)


@dataclass(frozen=True)
class _BarStyle:
    label: str
    value: str
    color: str
    size: int
    row_px: int
    with_values: bool


def _bars(rows: tuple[tuple[str, int], ...], style: _BarStyle) -> None:
    """Horizontal bars, in the given order. The spec is built (and validated by Altair) once per
    state of the counts, not on every 1-s tick of every board that shows it."""
    height = max(1, len(rows)) * style.row_px
    st.vega_lite_chart(json.loads(_bars_spec(rows, style)), width="stretch", height=height + 60)


@functools.lru_cache(maxsize=256)
def _bars_spec(rows: tuple[tuple[str, int], ...], style: _BarStyle) -> str:
    label, value, size, color = style.label, style.value, style.size, style.color
    frame = pd.DataFrame(list(rows), columns=[label, value])
    bars = (
        alt.Chart(frame)
        .mark_bar(color=color)
        .encode(
            x=alt.X(
                f"{value}:Q",
                axis=alt.Axis(
                    tickMinStep=1, titleFontSize=size, labelFontSize=size, labelColor="#1E1E28"
                ),
            ),
            y=alt.Y(
                f"{label}:N",
                sort=[name for name, _ in rows],
                axis=alt.Axis(labelLimit=900, title=None, labelFontSize=size, labelColor="#1E1E28"),
            ),
        )
    )
    chart: alt.Chart | alt.LayerChart = bars
    if style.with_values:
        chart = bars + bars.mark_text(align="left", dx=6, fontSize=size, fontWeight="bold").encode(
            text=f"{value}:Q"
        )
    return json.dumps(chart.properties(height=max(1, len(rows)) * style.row_px).to_dict())


def actor_filter(key: str) -> list[str]:
    chosen = st.pills(
        "Types d'acteurs",
        list(labels.ACTOR_TYPES),
        selection_mode="multi",
        format_func=lambda k: labels.ACTOR_TYPES[k],
        key=key,
    )
    return list(chosen or [])
