"""The configured facilitator password: Streamlit secret, then environment, then the demo's."""

from __future__ import annotations

import streamlit as st

from essdash import config


def configured_password() -> str | None:
    try:
        secret = st.secrets.get("facilitator_password")
    except FileNotFoundError:
        secret = None
    return config.facilitator_password(secret if isinstance(secret, str) else None)
