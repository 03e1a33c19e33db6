"""Countdowns that tick in the browser: « reste 3:10 », then « temps écoulé ».

A `st.fragment(run_every=1.0)` per phone ran a script every second per phone on the server, and
its reruns raced the page's own reruns (a phone following the workshop to its next round lost
the « Question 3 » heading drawn right after the fragment, until a reload). Here the server draws
the line once per run with the end time; the browser counts down. One interval per page updates
every countdown on it.
"""

from __future__ import annotations

import html
import time

import streamlit as st

from essdash import formatting

ATTRIBUTE = "data-essdash-end"  # also written in _TICK_JS
_TICK_JS = """<script>
(() => {
  const w = window;
  if (w.essdashTick) clearInterval(w.essdashTick);
  const tick = () => {
    for (const el of document.querySelectorAll("[data-essdash-end]")) {
      const left = Math.round(Number(el.getAttribute("data-essdash-end")) - Date.now() / 1000);
      el.textContent = left <= 0 ? "temps écoulé"
        : "reste " + Math.floor(left / 60) + ":" + String(left % 60).padStart(2, "0");
    }
  };
  tick();
  w.essdashTick = setInterval(tick, 1000);
})();
</script>"""
_STYLE = "font-size:.875rem;color:#6b6b76;line-height:1.6"


def countdown_html(seconds_left: float, now: float | None = None) -> str:
    """A span the browser counts down from `seconds_left` (its text is right without JS)."""
    end = (time.time() if now is None else now) + seconds_left
    text = html.escape(formatting.fmt_time_left(seconds_left))
    return f'<span {ATTRIBUTE}="{end:.1f}">{text}</span>'


def caption(prefix: str, seconds_left: float | None, *, testid: str) -> None:
    """« prefix · reste m:ss » as a caption, ticking; just the prefix without a countdown."""
    parts = [html.escape(prefix)] if prefix else []
    if seconds_left is not None:
        parts.append(countdown_html(seconds_left))
    st.html(
        f'<div data-testid="{testid}" style="{_STYLE}">{" · ".join(parts)}</div>'
        + (_TICK_JS if seconds_left is not None else ""),
        unsafe_allow_javascript=seconds_left is not None,
    )
