"""Run one service call in a writer transaction: French error shown, or live caches cleared.

Two ways: `run` (in the script body, then `st.rerun()`), and `commit` for a form's `on_click`
callback: the callback runs before the script, so the page is drawn once, with the write in.
Its outcome is kept in the session and shown where the page calls `show_outcome`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

import streamlit as st
from sqlalchemy.orm import Session

from essdash.db import write_session
from essdash.errors import UserError
from essdash.ui.workshop import live

_OUTCOME = "essdash_action_outcome"


def form_request_id(form: str) -> str:
    """One idempotency key per form shown: a double tap sends it twice, the server keeps one."""
    key = f"essdash_request_{form}"
    if key not in st.session_state:
        st.session_state[key] = uuid.uuid4().hex
    return str(st.session_state[key])


def _write(
    action: Callable[[Session], object],
    done_form: str | None,
    refresh: Callable[[], None] = live.clear,
) -> str | None:
    """Commit `action(session)`; the French error message if it was refused (nothing written).

    `refresh` drops the shared caches the write makes stale (by default the live map's)."""
    try:
        with write_session() as s:
            action(s)
    except UserError as error:
        return str(error)
    if done_form:
        st.session_state.pop(f"essdash_request_{done_form}", None)
    refresh()
    return None


def run(action: Callable[[Session], object], *, done_form: str | None = None) -> None:
    """Commit `action(session)` then rerun; a UserError is shown and nothing is written.

    `done_form` names a form whose idempotency key is renewed once its write succeeded.
    """
    error = _write(action, done_form)
    if error:
        st.error(error)
        return
    st.rerun()


def commit(
    action: Callable[[Session], object],
    *,
    done_form: str | None = None,
    success: str = "",
    refresh: Callable[[], None] = live.clear,
) -> bool:
    """For `on_click` callbacks: commit, and keep the outcome for `show_outcome` (no rerun).

    Returns whether it was written."""
    error = _write(action, done_form, refresh)
    st.session_state[_OUTCOME] = ("error", error) if error else ("success", success)
    return error is None


def show_outcome() -> None:
    """Show (once) the outcome of the last `commit` of this session."""
    outcome = st.session_state.pop(_OUTCOME, None)
    if outcome is None:
        return
    kind, message = outcome
    if kind == "error":
        st.error(message)
    elif message:
        st.toast(message)
