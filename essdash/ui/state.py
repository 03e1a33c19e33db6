"""Typed accessors for `st.session_state`: who I am and UI choices, nothing shared."""

from __future__ import annotations

from typing import Literal

import streamlit as st

Role = Literal["public", "participant", "facilitator"]

_FACILITATOR = "essdash_facilitator"
_TOKEN = "essdash_token"
_WORKSHOP = "essdash_workshop_id"
_DIAGNOSTIC = "essdash_diagnostic_id"
_RESTITUTION = "essdash_restitution_code"
TOKEN_PARAM = "p"
RESTITUTION_PARAM = "r"


def is_facilitator() -> bool:
    """AppTest's way in (it cannot send cookies): no production code sets this key; a browser
    is a facilitator through its signed session cookie (essdash/auth/session.py)."""
    return bool(st.session_state.get(_FACILITATOR, False))


def participant_token() -> str | None:
    token = st.session_state.get(_TOKEN)
    return token if isinstance(token, str) and token else None


def set_participant_token(token: str | None) -> None:
    if token:
        st.session_state[_TOKEN] = token
        st.query_params[TOKEN_PARAM] = token
    else:
        st.session_state.pop(_TOKEN, None)
        st.query_params.pop(TOKEN_PARAM, None)


def sync_token() -> None:
    """Keep the participant token in the URL (`?p=`): reloads and lost connections keep it."""
    from_url = st.query_params.get(TOKEN_PARAM)
    token = from_url or participant_token()
    if token:
        st.session_state[_TOKEN] = token
        if from_url != token:
            st.query_params[TOKEN_PARAM] = token


def selected_workshop_id() -> int | None:
    value = st.session_state.get(_WORKSHOP)
    return value if isinstance(value, int) else None


def set_selected_workshop_id(workshop_id: int | None) -> None:
    st.session_state[_WORKSHOP] = workshop_id


def selected_diagnostic_id() -> int | None:
    value = st.session_state.get(_DIAGNOSTIC)
    return value if isinstance(value, int) else None


def set_selected_diagnostic_id(diagnostic_id: int | None) -> None:
    st.session_state[_DIAGNOSTIC] = diagnostic_id


def restitution_code() -> str | None:
    """The read-only restitution code, from `?r=` or typed on the page."""
    code = st.query_params.get(RESTITUTION_PARAM) or st.session_state.get(_RESTITUTION)
    return code if isinstance(code, str) and code else None


def set_restitution_code(code: str) -> None:
    st.session_state[_RESTITUTION] = code
    st.query_params[RESTITUTION_PARAM] = code
