"""Small shared pieces of the world-café screens: labels of post-its, the countdown."""

from __future__ import annotations

from typing import Any

import streamlit as st

from essdash import formatting, labels
from essdash.models.base import utcnow
from essdash.ui import safe, ticking
from essdash.workshop.activities.worldcafe.board import PostIt


def card(post: PostIt, *, with_theme: bool = False) -> safe.Card:
    parts = [labels.ACTOR_TYPES.get(post.actor_type, post.actor_type)]
    if post.tag:
        parts.append(labels.INFO_TAGS.get(post.tag, post.tag))
    if with_theme and post.theme_name:
        parts.append(f"Thème : {post.theme_name}")
    color = labels.ACTOR_TYPE_COLORS.get(post.actor_type, "#666666")
    return safe.Card(post.text, " · ".join(parts), color)


def seconds_left(ends_at: Any) -> float | None:
    return None if ends_at is None else (ends_at - utcnow()).total_seconds()


def time_left(ends_at: Any) -> str:
    """'14:05' left, '0:00' once the time is up (never a negative countdown)."""
    seconds = seconds_left(ends_at)
    return "" if seconds is None else formatting.fmt_duration(max(0.0, seconds))


def ticking_caption(prefix: str, ends_at: Any) -> None:
    """A countdown that ticks every second on a phone, like the projection's:
    '<prefix> · reste 3:10', then '<prefix> · temps écoulé' (counted in the browser)."""
    ticking.caption(prefix, seconds_left(ends_at), testid="ticking-caption")


def question_block(position: int, text: str) -> None:
    """« Question N » and its text as ONE element: a phone following a round change redraws
    both together. As two elements (a Streamlit subheader, then the text), a followed round
    could leave the phone with the new text under no heading until a reload."""
    st.html(
        f'<div data-testid="cafe-question"><h3 style="font-size:1.5rem;font-weight:700;'
        f'margin:.6rem 0 .4rem;padding:0;color:#1E1E28">Question {position}</h3>'
        f'<div style="font-size:1.2rem;font-weight:700;white-space:pre-wrap;'
        f'overflow-wrap:anywhere">{safe.escape(text)}</div></div>'
    )


def actor_legend() -> None:
    items = "".join(
        f'<span style="display:inline-block;margin-right:1rem"><span style="display:inline-block;'
        f'width:.9em;height:.9em;background:{color};border-radius:.2em;margin-right:.3em"></span>'
        f"{safe.escape(labels.ACTOR_TYPES[key])}</span>"
        for key, color in labels.ACTOR_TYPE_COLORS.items()
    )
    st.html(f'<div style="font-size:.95rem">{items}</div>')
