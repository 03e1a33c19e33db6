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

from essdash import formatting, labels
from essdash.ui import count_axis, safe
from essdash.ui.worldcafe import board_layout, common, data
from essdash.workshop.activities.worldcafe.board import PostIt

NO_THEME = "Sans thème"
EMPTY_THEMES = "Aucun post-it classé dans un thème pour l'instant."


def theme_chart(workshop_id: int, question_id: int, *, big: bool = False) -> None:
    counts = [t for t in data.theme_counts(workshop_id) if t.question_id == question_id]
    if not counts:
        return
    if not count_axis.has_counts(t.count for t in counts):  # themes made, none used yet
        count_axis.empty_state(EMPTY_THEMES, big=big)
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


_PROJECTED_CSS = """<style>
.pj-grid{display:flex;gap:12px;align-items:flex-start}
.pj-col{flex:1 1 0;min-width:0;display:flex;flex-direction:column;gap:12px}
.pj-card{background:#FFF8D6;border-left:.45rem solid var(--pj-color);border-radius:.35rem;
  padding:8px 12px;box-shadow:0 1px 3px rgba(0,0,0,.18);color:#1E1E28;overflow-wrap:anywhere;
  white-space:pre-wrap;font-size:var(--pj-size);line-height:1.25}
.pj-card .pj-meta{font-size:.62em;color:#3A3A44;margin-top:.25em;white-space:normal}
.pj-themes{font-size:1.1rem;color:#1E1E28;margin:.2rem 0 .5rem}
.pj-latest{background:#F4F1E8;border-radius:.35rem;padding:.35rem .6rem;margin:0 0 .6rem}
.pj-latest-title{font-size:1rem;font-weight:700;color:#1E1E28;margin-bottom:.25rem}
.pj-chips{display:grid;grid-template-columns:repeat(4,minmax(0,1fr));gap:6px}
.pj-chip{background:#FFF8D6;border-left:.35rem solid var(--pj-color);border-radius:.25rem;
  padding:.1rem .45rem;font-size:20px;line-height:1.3;white-space:nowrap;overflow:hidden;
  text-overflow:ellipsis;color:#1E1E28}
.pj-pages{font-size:1rem;color:#3A3A44;text-align:right;margin-top:.3rem}
</style>"""


def by_theme(posts: list[PostIt]) -> list[PostIt]:
    """Post-its grouped by theme: largest themes first, the unthemed last."""
    sizes: dict[str, int] = {}
    for post in posts:
        sizes[post.theme_name or NO_THEME] = sizes.get(post.theme_name or NO_THEME, 0) + 1
    order = sorted(sizes, key=lambda name: (name == NO_THEME, -sizes[name], name))
    rank = {name: n for n, name in enumerate(order)}
    return sorted(posts, key=lambda p: rank[p.theme_name or NO_THEME])


def projected_post_its(posts: list[PostIt], *, pinned: int | None, now_s: float) -> None:
    """Every post-it of the question on the projector: the density that fits, else pages."""
    if not posts:
        safe.text_block("Aucun post-it pour l'instant.", size="1.6rem")
        return
    ordered = by_theme(posts)
    cards = [common.card(p, with_theme=True) for p in ordered]
    density, pages = board_layout.layout([(c.text, c.meta) for c in cards])
    strip = ""
    if len(pages) > 1:  # pages rotate: the newest post-its stay on screen above them
        height = board_layout.SURFACE_H_PX - board_layout.LATEST_H_PX
        density, pages = board_layout.layout([(c.text, c.meta) for c in cards], height)
        strip = _latest_strip(posts)
    shown = board_layout.page_shown(len(pages), pinned, now_s)
    themes: dict[str, int] = {}
    for post in ordered:
        themes[post.theme_name or NO_THEME] = themes.get(post.theme_name or NO_THEME, 0) + 1
    summary = " · ".join(f"{safe.escape(n)} ({formatting.fmt_int(c)})" for n, c in themes.items())
    items = "".join(
        '<div class="pj-col">'
        + "".join(
            f'<div class="pj-card" style="--pj-color:{safe.escape(cards[i].color)}" '
            f'data-testid="postit"><div>{safe.escape(cards[i].text)}</div>'
            f'<div class="pj-meta">{safe.escape(cards[i].meta)}</div></div>'
            for i in column
        )
        + "</div>"
        for column in pages[shown]
    )
    st.html(
        f'{_PROJECTED_CSS}<div class="pj-themes">Thèmes : {summary}</div>{strip}'
        f'<div class="pj-grid" data-testid="pj-board" data-density="{density.name}" '
        f'style="--pj-size:{density.font_px}px">{items}</div>'
        + _pages_line(len(pages), shown, pinned, now_s)
    )


def _latest_strip(posts: list[PostIt]) -> str:
    newest = [posts[i] for i in board_layout.latest([p.created_at for p in posts])]
    chips = "".join(
        f'<div class="pj-chip" style="--pj-color:{safe.escape(common.card(p).color)}" '
        f'data-testid="pj-latest-postit">{safe.escape(board_layout.clip(p.text))}</div>'
        for p in newest
    )
    return (
        '<div class="pj-latest" data-testid="pj-latest"><div class="pj-latest-title">'
        f'Derniers arrivés</div><div class="pj-chips">{chips}</div></div>'
    )


def _pages_line(count: int, shown: int, pinned: int | None, now_s: float) -> str:
    if count <= 1:
        return ""
    if pinned is not None and 0 <= pinned < count:
        how = "page épinglée par l'animation"
    else:
        left = board_layout.ROTATE_S - int(now_s % board_layout.ROTATE_S)
        how = f"page suivante dans {left} s"
    return f'<div class="pj-pages" data-testid="pj-pages">Page {shown + 1}/{count} · {how}</div>'


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
                axis=count_axis.count_axis(
                    titleFontSize=size, labelFontSize=size, labelColor="#1E1E28"
                ),
                scale=count_axis.count_scale(n for _, n in rows),
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
