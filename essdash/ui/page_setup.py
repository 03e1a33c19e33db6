"""Accessibility set once per run for every page: French for assistive technologies, valid
navigation lists, keyboard-reachable code blocks, readable captions (static/a11y.js and
static/a11y.css say each fix and why)."""

from __future__ import annotations

from functools import cache

import streamlit as st

from essdash.config import ROOT

A11Y_SCRIPT = ROOT / "static" / "a11y.js"
A11Y_STYLE = ROOT / "static" / "a11y.css"


@cache
def _script() -> str:
    return f"<script>{A11Y_SCRIPT.read_text(encoding='utf-8')}</script>"


def setup_page() -> None:
    """The shared accessibility style and script (the script installs itself once per tab)."""
    st.html(A11Y_STYLE)  # style only: Streamlit puts it in the event container, no layout space
    st.html(_script(), unsafe_allow_javascript=True)
