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


# --- Who this run is (essdash/ui/identity.py) ------------------------------------------------

_IDENTITY = "_essdash_identity"


def remembered_identity() -> object:
    """The identity resolved for this run (an `Identity`), or None."""
    return st.session_state.get(_IDENTITY)


def remember_identity(identity: object) -> None:
    st.session_state[_IDENTITY] = identity


# --- Pages' own choices ----------------------------------------------------------------------

_SLIDE = "essdash_restitution_slide"


def slide_index() -> int:
    value = st.session_state.get(_SLIDE, 0)
    return value if isinstance(value, int) else 0


def set_slide_index(index: int) -> None:
    st.session_state[_SLIDE] = index


_SAVED_DRAWINGS = "essdash_saved_drawings"
_DRAWING_MAP = "essdash_drawing_map_generation"


def drawing_saved(geometry_key: str) -> bool:
    """Whether this drawing (its geometry as sorted JSON) was already saved from this phone."""
    saved = st.session_state.get(_SAVED_DRAWINGS)
    return isinstance(saved, frozenset) and geometry_key in saved


def remember_drawing(geometry_key: str) -> None:
    """A drawing saved: never offered again, and the drawing map remounts without its pin."""
    saved = st.session_state.get(_SAVED_DRAWINGS)
    st.session_state[_SAVED_DRAWINGS] = (saved if isinstance(saved, frozenset) else frozenset()) | {
        geometry_key
    }
    st.session_state[_DRAWING_MAP] = drawing_map_generation() + 1


def drawing_map_generation() -> int:
    value = st.session_state.get(_DRAWING_MAP, 0)
    return value if isinstance(value, int) else 0


_KEPT = "__kept"


def kept_widget_value(key: str, default: object) -> Any:
    """A widget's value, or the copy kept by `keep_widget_value` (Streamlit drops the state of
    widgets a page does not draw, so a choice made on one page survives on the next)."""
    return st.session_state.get(key, st.session_state.get(key + _KEPT, default))


def keep_widget_value(key: str) -> None:
    st.session_state[key + _KEPT] = st.session_state[key]


_PENDING_TERRITORY = "quant_pending_territory"


def set_pending_territory(widget_key: str, territory: str) -> None:
    """A list of communes just saved becomes the territory picked by `widget_key`."""
    st.session_state[_PENDING_TERRITORY] = (widget_key, territory)


def pop_pending_territory(widget_key: str) -> str | None:
    pending = st.session_state.get(_PENDING_TERRITORY)
    if not (isinstance(pending, tuple) and pending[0] == widget_key):
        return None
    del st.session_state[_PENDING_TERRITORY]
    return str(pending[1])


_IMPORT_OUTCOME = "essdash_import_outcome"


def import_outcome(upload_key: str) -> tuple[bool, str] | None:
    """The outcome of the import of this upload (ok, French message), once it was run."""
    value = st.session_state.get(_IMPORT_OUTCOME)
    if isinstance(value, tuple) and value[0] == upload_key:
        return bool(value[1]), str(value[2])
    return None


def set_import_outcome(upload_key: str | None, ok: bool = False, message: str = "") -> None:
    if upload_key is None:
        st.session_state.pop(_IMPORT_OUTCOME, None)
    else:
        st.session_state[_IMPORT_OUTCOME] = (upload_key, ok, message)
