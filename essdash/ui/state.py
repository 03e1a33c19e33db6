"""Typed accessors for `st.session_state`: who I am and UI choices, nothing shared."""

from __future__ import annotations

import time
import uuid
from typing import Any, Literal

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


_PICKER = "essdash_picker_generation"


def picker_generation() -> int:
    value = st.session_state.get(_PICKER, 0)
    return value if isinstance(value, int) else 0


def select_workshop(workshop_id: int) -> None:
    """Make every workshop picker show this workshop (their widgets are drawn anew)."""
    st.session_state[_WORKSHOP] = workshop_id
    st.session_state[_PICKER] = picker_generation() + 1


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


# --- Forms and actions (see essdash/ui/workshop/actions.py) ----------------------------------

_REQUEST = "essdash_request_"  # + form: the idempotency key of the form shown
_GENERATION = "essdash_generation_"  # + form: bumped once a write succeeded (fresh inputs)
_OUTCOME = "essdash_outcome_"  # + slot: ("error" | "success", French message)
_TOAST = "essdash_toast"


def form_request_id(form: str) -> str:
    """One idempotency key per form shown: a double tap sends it twice, the server keeps one."""
    key = _REQUEST + form
    if key not in st.session_state:
        st.session_state[key] = uuid.uuid4().hex
    return str(st.session_state[key])


def form_generation(form: str) -> int:
    value = st.session_state.get(_GENERATION + form, 0)
    return value if isinstance(value, int) else 0


def renew_form(form: str) -> None:
    """After a successful write: a new idempotency key and fresh (empty) inputs."""
    st.session_state.pop(_REQUEST + form, None)
    st.session_state[_GENERATION + form] = form_generation(form) + 1


def widget_value(key: str) -> Any:
    """The current value of a widget, read from a callback (None when not drawn yet)."""
    return st.session_state.get(key)


def set_widget_value(key: str, value: object) -> None:
    """Set a widget's value before it is drawn (callbacks only)."""
    st.session_state[key] = value


def forget_widget(key: str) -> None:
    st.session_state.pop(key, None)


def push_outcome(slot: str, kind: str, message: str) -> None:
    st.session_state[_OUTCOME + slot] = (kind, message)


def pop_outcome(slot: str) -> tuple[str, str] | None:
    value = st.session_state.pop(_OUTCOME + slot, None)
    return value if isinstance(value, tuple) else None


def push_toast(message: str) -> None:
    st.session_state[_TOAST] = message


def pop_toast() -> str | None:
    value = st.session_state.pop(_TOAST, None)
    return value if isinstance(value, str) else None


_SNAPSHOT = "essdash_snapshot_"  # + name: rows a table editor was built from


def snapshot(name: str) -> tuple[int, tuple[int, ...]] | None:
    value = st.session_state.get(_SNAPSHOT + name)
    return value if isinstance(value, tuple) else None


def set_snapshot(name: str, value: tuple[int, tuple[int, ...]]) -> None:
    st.session_state[_SNAPSHOT + name] = value


_JOIN_CODE = "essdash_join_code"


def join_code() -> str | None:
    """The workshop code typed on the join page (before signing in)."""
    value = st.session_state.get(_JOIN_CODE)
    return value if isinstance(value, str) and value else None


def set_join_code(code: str | None) -> None:
    if code:
        st.session_state[_JOIN_CODE] = code
    else:
        st.session_state.pop(_JOIN_CODE, None)


_LAST_PAGE = "essdash_last_page"


def last_page() -> str | None:
    value = st.session_state.get(_LAST_PAGE)
    return value if isinstance(value, str) else None


def set_last_page(page: str) -> None:
    st.session_state[_LAST_PAGE] = page


_FRESH_UNTIL = "essdash_fresh_until"
FRESH_AFTER_WRITE_S = 3.0


def wrote_now() -> None:
    """This session has just written: its next reads bypass the shared, short-lived stamps."""
    st.session_state[_FRESH_UNTIL] = time.time() + FRESH_AFTER_WRITE_S


def reads_fresh() -> bool:
    value = st.session_state.get(_FRESH_UNTIL)
    return isinstance(value, float) and time.time() < value
