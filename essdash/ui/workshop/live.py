"""Shared reads for live views, keyed on the workshop's versions (essdash/db/versions.py).

A cache entry is keyed on the version of what it shows: any write bumps that version in its own
transaction, so the next read of any viewer (in any server process) misses and reads again,
while unchanged data is read once for all viewers. Values are immutable (tuples, frozen
dataclasses, strings): one entry is handed to every session.
"""

from __future__ import annotations

import hashlib
import pickle
import time
from dataclasses import dataclass

import streamlit as st
from sqlalchemy import func, select

from essdash.db import read_session
from essdash.db.versions import versions
from essdash.models import Participant, Workshop
from essdash.ui import state
from essdash.ui.workshop import map_layers
from essdash.workshop import timer
from essdash.workshop.activities.mapping import queries
from essdash.workshop.activities.mapping.queries import CommuneRef, FeatureView

SAFETY_TTL = 60  # seconds: a write made outside the ORM is still seen within a minute


@dataclass(frozen=True)
class WorkshopInfo:
    id: int
    title: str
    join_code: str
    status: str
    contributions_open: bool
    diagnostic_id: int


SHARED_STAMP_TTL = 0.25  # seconds: how stale another session's write may look
PROJECTION_TICK_S = 0.5  # seconds between two runs of a projected view's live fragment


def stamp(workshop_id: int, *activities: str) -> tuple[int, ...]:
    """The versions of these activities of the workshop.

    Shared by every viewer for a quarter of a second: a burst of writes (a hundred phones
    posting) recomputes a board at most four times a second, not once per write. A session
    that has just written reads them from the database, so it always sees its own write at once."""
    found = dict(_versions(workshop_id) if not state.reads_fresh() else _read(workshop_id))
    return tuple(found[a] for a in activities)


def _read(workshop_id: int) -> tuple[tuple[str, int], ...]:
    with read_session() as s:
        return tuple(versions(s, workshop_id).items())


@st.cache_resource(ttl=SHARED_STAMP_TTL, max_entries=256, show_spinner=False)
def _versions(workshop_id: int) -> tuple[tuple[str, int], ...]:
    return _read(workshop_id)


def features(workshop_id: int) -> list[FeatureView]:
    """Everyone's visible sites and zones (a list of this caller's own)."""
    return list(_features_state(workshop_id, stamp(workshop_id, "mapping"))[0])


@st.cache_resource(ttl=SAFETY_TTL, max_entries=64, show_spinner=False)
def _features_state(
    workshop_id: int, version: tuple[int, ...]
) -> tuple[tuple[FeatureView, ...], str]:
    """The features and a digest of them, computed once per version rather than per viewer."""
    with read_session() as s:
        items = tuple(queries.visible_features(s, workshop_id))
    return items, hashlib.blake2b(pickle.dumps(items), digest_size=16).hexdigest()


def participant_count(workshop_id: int) -> int:
    return _participant_count(workshop_id, stamp(workshop_id, "people"))


@st.cache_resource(ttl=SAFETY_TTL, max_entries=64, show_spinner=False)
def _participant_count(workshop_id: int, version: tuple[int, ...]) -> int:
    with read_session() as s:
        count = s.scalar(
            select(func.count(Participant.id)).where(
                Participant.workshop_id == workshop_id,
                Participant.merged_into_id.is_(None),
                Participant.erased_at.is_(None),
            )
        )
    return int(count or 0)


@st.cache_resource(ttl=SAFETY_TTL, max_entries=64, show_spinner=False)
def _timer(workshop_id: int, version: tuple[int, ...]) -> tuple[timer.TimerView, float]:
    with read_session() as s:
        return timer.view(s, workshop_id=workshop_id), time.time()


def timer_view(workshop_id: int) -> timer.TimerView:
    """The cached view, with the countdown advanced to now (the entry may be older)."""
    view, fetched = _timer(workshop_id, stamp(workshop_id, "workshop"))
    if view.state != "running" or view.remaining_s is None:
        return view
    left = view.remaining_s - (time.time() - fetched)
    return timer.TimerView(
        view.state, view.step_id, view.step_title, view.step_position, view.step_count, left,
        view.next_title,
    )  # fmt: skip


def workshop_info(workshop_id: int) -> WorkshopInfo | None:
    return _workshop_info(workshop_id, stamp(workshop_id, "workshop"))


@st.cache_resource(ttl=SAFETY_TTL, max_entries=64, show_spinner=False)
def _workshop_info(workshop_id: int, version: tuple[int, ...]) -> WorkshopInfo | None:
    with read_session() as s:
        w = s.get(Workshop, workshop_id)
        if w is None:
            return None
        return WorkshopInfo(
            w.id, w.title, w.join_code, w.status, w.contributions_open, w.diagnostic_id
        )


def communes(workshop_id: int) -> list[CommuneRef]:
    """The territory's communes (a list of this caller's own; the cache keeps a tuple)."""
    return list(_communes(workshop_id))


@st.cache_resource(ttl=600, max_entries=32, show_spinner=False)
def _communes(workshop_id: int) -> tuple[CommuneRef, ...]:
    with read_session() as s:
        return tuple(queries.territory_communes(s, workshop_id))


def map_html(workshop_id: int) -> str:
    """The read-only shared map, rendered once per state of the features for all viewers."""
    items, signature = _features_state(workshop_id, stamp(workshop_id, "mapping"))
    return _map_html(workshop_id, signature, items)


@st.cache_resource(max_entries=16, show_spinner=False)
def _map_html(workshop_id: int, signature: str, _items: tuple[FeatureView, ...]) -> str:
    # `signature` stands for `_items` in the cache key (an underscore argument is not hashed).
    return map_layers.map_document(communes(workshop_id), list(_items))


def clear() -> None:
    """Nothing to do any more: a write bumps the versions the caches are keyed on."""
