"""The one write path of the UI: one service call in one writer transaction.

Refused (a `UserError`): its French message is shown and what the user typed is kept. Done: the
form gets fresh inputs and a new idempotency key, and the page is drawn again. Nothing is
invalidated by hand: the write bumped the versions of what it changed (essdash/db/versions.py)
in its own transaction, and every cache keys its reads on those versions.

Two ways to call it: `perform` in the script body (refusal shown in place, success reruns), and
`commit` in a widget's `on_click` callback (the callback runs before the script, so the page is
drawn once, with the write in; a refusal is kept for `show_outcome`). A long import that shows
its own progress and outcome calls `write`, the transaction both are built on.

Not workshop-specific: every page of the UI writes through this module (the quantitative pages
too); tests/ui/test_architecture.py refuses a transaction opened anywhere else in the UI.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from essdash.db import write_session
from essdash.errors import UserError
from essdash.ui import state

DUPLICATE = "Déjà enregistré : rechargez la page si rien n'apparaît."
Action = Callable[[Session], object]
T = TypeVar("T")


def form_request_id(form: str) -> str:
    """One idempotency key per form shown: a double tap sends it twice, the server keeps one."""
    return state.form_request_id(form)


def field(form: str, name: str) -> str:
    """The widget key of a form's input: a new one after each successful write (fresh input)."""
    return f"{form}_{name}_{state.form_generation(form)}"


def write(action: Callable[[Session], T]) -> T:
    """The one transaction: `action(session)` committed, its result returned; a refusal
    (`UserError`) or any error propagates with nothing written."""
    with write_session() as s:
        result = action(s)
    state.wrote_now()
    return result


def _write(action: Action) -> str | None:
    """Commit `action(session)`; the French message if it was refused (nothing written)."""
    try:
        write(action)
    except UserError as error:
        return str(error)
    except IntegrityError:
        return DUPLICATE
    return None


def _done(form: str | None, success: str) -> None:
    if form:
        state.renew_form(form)
    if success:
        state.push_toast(success)


def perform(
    action: Action,
    *,
    form: str | None = None,
    success: str = "",
    then: Callable[[], None] | None = None,
) -> bool:
    """In the script body: commit then rerun; refused -> the message here, input kept, False.

    `then` runs once the write is committed, before the rerun (a choice to remember, say)."""
    error = _write(action)
    if error is not None:
        st.error(error)
        return False
    _done(form, success)
    if then is not None:
        then()
    st.rerun()
    return True  # not reached: st.rerun() raises


def run(action: Action, *, done_form: str | None = None, success: str = "") -> None:
    """`perform`, under its former name."""
    perform(action, form=done_form, success=success)


def commit(
    action: Action,
    *,
    done_form: str | None = None,
    success: str = "",
    slot: str = "default",
    refresh: Callable[[], None] | None = None,
) -> bool:
    """For `on_click` callbacks: commit and keep a refusal for `show_outcome(slot)`.

    `refresh` is accepted for former callers and ignored: the versions invalidate the caches.
    Returns whether it was written."""
    error = _write(action)
    if error is not None:
        state.push_outcome(slot, "error", error)
        return False
    _done(done_form, success)
    return True


def show_outcome(slot: str = "default") -> None:
    """Show (once) the outcome kept for this slot (a refusal, a confirmation) and a toast."""
    outcome = state.pop_outcome(slot)
    if outcome is not None:
        (st.error if outcome[0] == "error" else st.success)(outcome[1])
    show_toast()


def show_toast() -> None:
    message = state.pop_toast()
    if message:
        st.toast(message)
