"""Showing participant text safely: HTML-escaped inside `st.html`, never parsed as markdown.

`st.markdown` loads `![](http://…)` images from anywhere; these helpers escape every character
that HTML gives a meaning to, and `st.html` does not read markdown, so a post-it shows exactly
what was typed.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st

_CARD_CSS = """<style>
.sf-grid{display:grid;gap:.6rem;grid-template-columns:repeat(auto-fill,minmax(var(--sf-min),1fr))}
.sf-card{background:#FFF8D6;border-left:.45rem solid var(--sf-color);border-radius:.35rem;
  padding:.55rem .7rem;box-shadow:0 1px 3px rgba(0,0,0,.18);color:#1E1E28;
  overflow-wrap:anywhere;white-space:pre-wrap}
.sf-text{font-size:var(--sf-size);line-height:1.25}
.sf-meta{font-size:calc(var(--sf-size)*.62);color:#444;margin-top:.3rem;white-space:normal}
.sf-empty{color:#666;font-style:italic}
</style>"""


@dataclass(frozen=True)
class Card:
    text: str
    meta: str = ""
    color: str = "#666666"


def escape(text: str | None) -> str:
    """HTML-escaped text (quotes included)."""
    return html.escape(text or "", quote=True)


def _color(value: str) -> str:
    """Only #RRGGBB colours reach the style attribute."""
    hexdigits = "0123456789abcdefABCDEF"
    ok = len(value) == 7 and value[0] == "#" and all(c in hexdigits for c in value[1:])
    return value if ok else "#666666"


def cards_html(cards: Sequence[Card], *, big: bool = False, empty: str = "") -> str:
    """One HTML block of post-it cards (text and meta escaped)."""
    size, width = ("1.7rem", "22rem") if big else ("1rem", "14rem")
    if not cards:
        return f'<div class="sf-empty">{escape(empty)}</div>' if empty else ""
    items = "".join(
        f'<div class="sf-card" style="--sf-color:{_color(c.color)}" data-testid="postit">'
        f'<div class="sf-text">{escape(c.text)}</div>'
        + (f'<div class="sf-meta">{escape(c.meta)}</div>' if c.meta else "")
        + "</div>"
        for c in cards
    )
    return f'<div class="sf-grid" style="--sf-min:{width};--sf-size:{size}">{items}</div>'


def cards(items: Sequence[Card], *, big: bool = False, empty: str = "") -> None:
    """Post-its as a grid of coloured cards."""
    block = cards_html(items, big=big, empty=empty)
    if block:
        st.html(_CARD_CSS + block)


def text_block(text: str | None, *, size: str = "1rem", bold: bool = False) -> None:
    """A paragraph of participant text at a chosen size."""
    weight = "700" if bold else "400"
    st.html(
        f'<div style="font-size:{escape(size)};font-weight:{weight};white-space:pre-wrap;'
        f'overflow-wrap:anywhere">{escape(text)}</div>'
    )


def caption(text: str | None) -> None:
    """Participant text in the small grey style of `st.caption`, never read as markdown."""
    st.html(
        '<div style="font-size:.875rem;color:#555;white-space:pre-wrap;overflow-wrap:anywhere">'
        f"{escape(text)}</div>"
    )
