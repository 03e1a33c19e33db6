"""Text areas with a length limit that never drop what was typed or pasted.

Streamlit's `max_chars` cuts or refuses a paste that is too long, and the participant loses the
text. Here the whole text is kept, the limit is shown, and so is the part beyond it; the service
refuses to save it until it fits.
"""

from __future__ import annotations

import streamlit as st

from essdash.formatting import fmt_count, fmt_int
from essdash.ui import safe

_OVER_CSS = (
    "background:#FDECEA;border-left:.3rem solid #B3261E;padding:.4rem .6rem;"
    "overflow-wrap:anywhere;color:#1E1E28"
)
# What is over the limit, in a small scrolling box: a 1 000-character paste stays readable.
_OVER_TEXT_CSS = (
    "font-size:.85rem;max-height:6.5rem;overflow:auto;white-space:pre-wrap;margin-top:.3rem;"
    "background:#fff;padding:.3rem .4rem;border-radius:.25rem"
)


def text_area(
    label: str, limit: int, *, key: str, height: int | None = None, value: str = ""
) -> str:
    """A text area with the count of characters and, when too long, what is over the limit."""
    # `value` equal to the default ("") with a key set is fine: no Session State warning.
    text = st.text_area(label, value=value, key=key, height=height)
    show_length(text or "", limit)
    return text or ""


def show_length(text: str, limit: int) -> None:
    over = len(text) - limit
    if over <= 0:
        st.caption(f"{fmt_int(len(text))} / {fmt_int(limit)} caractères")
        return
    st.html(
        f'<div role="alert" style="{_OVER_CSS}"><b>{fmt_int(len(text))} caractères pour '
        f"{fmt_int(limit)} au plus : raccourcissez de {fmt_count(over, 'caractère')}.</b> "
        "Votre texte est gardé. Au-delà de la limite : "
        f'<div data-testid="over-limit" style="{_OVER_TEXT_CSS}">« {safe.escape(text[limit:])} »'
        "</div></div>"
    )
