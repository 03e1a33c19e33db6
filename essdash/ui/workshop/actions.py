"""Run one service call in a writer transaction: French error shown, or live caches cleared."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import streamlit as st
from sqlalchemy.orm import Session

from essdash.db import write_session
from essdash.errors import UserError
from essdash.ui.workshop import live


def form_request_id(form: str) -> str:
    """One idempotency key per form shown: a double tap sends it twice, the server keeps one."""
    key = f"essdash_request_{form}"
    if key not in st.session_state:
        st.session_state[key] = uuid.uuid4().hex
    return str(st.session_state[key])


def run(action: Callable[[Session], object], *, done_form: str | None = None) -> None:
    """Commit `action(session)` then rerun; a UserError is shown and nothing is written.

    `done_form` names a form whose idempotency key is renewed once its write succeeded.
    """
    try:
        with write_session() as s:
            action(s)
    except UserError as error:
        st.error(str(error))
        return
    if done_form:
        st.session_state.pop(f"essdash_request_{done_form}", None)
    live.clear()
    st.rerun()
