"""Who is using this session: resolved once per run from the token and the facilitator flag."""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from essdash.auth import session
from essdash.db import read_session
from essdash.models import Workshop
from essdash.ui import state
from essdash.ui.password import configured_password
from essdash.ui.state import Role
from essdash.workshop.participants import participant_by_token


@dataclass(frozen=True)
class Identity:
    role: Role
    participant_id: int | None = None
    participant_name: str | None = None
    workshop_id: int | None = None
    workshop_title: str | None = None
    join_code: str | None = None
    diagnostic_id: int | None = None


def resolve() -> Identity:
    """Facilitator (valid session cookie) > participant (valid token) > public."""
    state.sync_token()
    if state.is_facilitator() or facilitator_signed_in():
        return Identity(role="facilitator")
    token = state.participant_token()
    if not token:
        return Identity(role="public")
    return _participant_identity(token)


def facilitator_signed_in() -> bool:
    """Whether this browser sent a valid, unexpired, not revoked facilitator session cookie.

    Checked on every run: an expiry or a logout in another tab ends the role at the next one.
    """
    value = st.context.cookies.get(session.COOKIE_NAME)  # a MagicMock under AppTest
    if not isinstance(value, str):
        return False
    expected = configured_password()
    return expected is not None and session.verify(session.SessionKeys.from_config(expected), value)


@st.cache_data(ttl=2, max_entries=4096, show_spinner=False)
def _participant_identity(token: str) -> Identity:
    """Shared for 2 s: every run of every phone would read it otherwise (an erasure or a merge
    takes effect within 2 s; the services check the participant again on every write)."""
    with read_session() as session:
        participant = participant_by_token(session, token)
        if participant is None:
            return Identity(role="public")
        workshop = session.get(Workshop, participant.workshop_id)
        if workshop is None:
            return Identity(role="public")
        return Identity(
            role="participant",
            participant_id=participant.id,
            participant_name=participant.name,
            workshop_id=workshop.id,
            workshop_title=workshop.title,
            join_code=workshop.join_code,
            diagnostic_id=workshop.diagnostic_id,
        )


def current() -> Identity:
    """The identity resolved by app.py for this run (resolved again if absent, e.g. in tests)."""
    identity = state.remembered_identity()
    if isinstance(identity, Identity):
        return identity
    return remember(resolve())


def remember(identity: Identity) -> Identity:
    state.remember_identity(identity)
    return identity
