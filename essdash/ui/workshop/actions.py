"""Run one service call in a writer transaction: French error shown, or live caches cleared."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from sqlalchemy.orm import Session

from essdash.db import write_session
from essdash.errors import UserError
from essdash.ui.workshop import live


def run(action: Callable[[Session], object]) -> None:
    """Commit `action(session)` then rerun; a UserError is shown and nothing is written."""
    try:
        with write_session() as s:
            action(s)
    except UserError as error:
        st.error(str(error))
        return
    live.clear()
    st.rerun()
