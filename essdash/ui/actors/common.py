"""Shared bits of the actors' pages: plain labels, cached searches, the actors of a diagnostic."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st
from sqlalchemy import select

from essdash.actors.search import SireneHit, search_sirene, territory_codes
from essdash.db import read_session
from essdash.indicators import store
from essdash.models import Structure
from essdash.ui import state

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text: str | None) -> str:
    """Text for a widget label or option (they read markdown): every markdown sign escaped."""
    return _MARKDOWN.sub(r"\\\1", text or "")


_TABLE_CSS = (
    "<style>.ad-table{border-collapse:collapse;width:100%;font-size:.95rem}"
    ".ad-table th,.ad-table td{border-bottom:1px solid #ddd;padding:.3rem .5rem;text-align:left;"
    "vertical-align:top;white-space:pre-wrap;overflow-wrap:anywhere}"
    ".ad-table th{background:#F2F2F2}</style>"
)


def table(frame: pd.DataFrame, *, header: bool = True) -> None:
    """A small table of participant text, every cell HTML-escaped (no markdown, no canvas)."""
    body = frame.to_html(index=False, header=header, escape=True, border=0, classes="ad-table")
    st.html(_TABLE_CSS + body)


def hit_label(hit: SireneHit) -> str:
    closed = " — fermé" if not hit.active else ""
    where = hit.address or hit.commune
    return plain(f"{hit.name}{closed} · {where} · SIRET {hit.siret}")


@st.cache_data(ttl=600, max_entries=256, show_spinner=False)
def _search(text: str, diagnostic_id: int, version: str) -> tuple[SireneHit, ...]:
    """Cached per (text, diagnostic, Sirene file): a second phone typing the same name waits
    for nothing."""
    with read_session() as s:
        communes = territory_codes(s, diagnostic_id)
    return tuple(search_sirene(text, communes))


def search(text: str, diagnostic_id: int) -> tuple[SireneHit, ...]:
    text = " ".join(text.split())
    if len(text) < 2:
        return ()
    return _search(text, diagnostic_id, store.data_version())


def actor_names(diagnostic_id: int) -> dict[int, str]:
    """id -> name of the diagnostic's actors, by name (read fresh: pickers carry ids)."""
    with read_session() as s:
        rows = s.execute(
            select(Structure.id, Structure.name)
            .where(Structure.diagnostic_id == diagnostic_id)
            .order_by(Structure.name, Structure.id)
        ).all()
    return {i: n for i, n in rows}


def picked_siret(key: str, hits: tuple[SireneHit, ...]) -> str | None:
    """The SIRET chosen in a radio of hits, if still among them."""
    value = state.widget_value(key)
    return value if value in {h.siret for h in hits} else None
