"""The axis of a chart of counts (post-its, words, points): whole numbers only, French digits.

Vega-Lite picks ticks for a continuous scale: with small counts it drew 0.5 steps, and with
nothing but zeros it drew « 0.000000 ». Here ticks step by whole units and read « 12 345 ».
Charts with nothing to count say so in French instead (see `has_counts`).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import altair as alt
import streamlit as st

from essdash.formatting import THOUSANDS
from essdash.ui import safe

# Vega expression: the tick's value as a whole number, thousands split by a narrow space.
FRENCH_INTEGER = f"replace(format(datum.value, ',d'), /,/g, '{THOUSANDS}')"


def count_axis(**style: Any) -> alt.Axis:
    """An x or y axis of counts: integer ticks (never 0.5 or 0.000000), French format."""
    return alt.Axis(tickMinStep=1, format="d", labelExpr=FRENCH_INTEGER, **style)


def count_scale(counts: Iterable[float]) -> alt.Scale:
    """From 0 to at least 1, so that a lone small count still gets whole-number ticks."""
    return alt.Scale(domain=[0, max([1.0, *counts])], nice=True)


def has_counts(counts: Iterable[float]) -> bool:
    """Whether a chart of these counts shows anything (not only zeros)."""
    return any(value for value in counts)


def empty_state(message: str, *, big: bool = False) -> None:
    """What a chart with nothing to show says instead (read from the back when projected)."""
    if big:
        st.html(f'<div style="font-size:1.6rem;color:#444">{safe.escape(message)}</div>')
    else:
        st.caption(message)
