"""Join and personal links, and their QR codes (segno, generated on the server, no network)."""

from __future__ import annotations

import io
from urllib.parse import urlencode

import segno
import streamlit as st

from essdash import config
from essdash.ui.state import TOKEN_PARAM


def base_url() -> str:
    """Public address: secret `public_url`, then ESSDASH_PUBLIC_URL, then the browser's URL."""
    try:
        secret = st.secrets.get("public_url")
    except FileNotFoundError:
        secret = None
    configured = config.public_url(secret if isinstance(secret, str) else None)
    if configured:
        return configured.rstrip("/")
    url = st.context.url
    if isinstance(url, str) and url.startswith("http"):
        parts = url.split("/")
        return "/".join(parts[:3])
    return "http://localhost:8501"


def join_url(code: str) -> str:
    return f"{base_url()}/rejoindre?{urlencode({'code': code})}"


def personal_url(token: str) -> str:
    return f"{base_url()}/carte_partagee?{urlencode({TOKEN_PARAM: token})}"


@st.cache_data(max_entries=256, show_spinner=False)
def qr_png(text: str, scale: int = 8) -> bytes:
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="png", scale=scale, border=2, dark="#1E1E28")
    return buffer.getvalue()


@st.cache_data(max_entries=256, show_spinner=False)
def qr_svg(text: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(text, error="m").save(buffer, kind="svg", scale=8, border=2)
    return buffer.getvalue()
