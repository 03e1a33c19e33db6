"""Shared, short-lived reads for live views: one DB query per second whatever the viewer count."""

from __future__ import annotations

import hashlib
import pickle
import time
from dataclasses import dataclass

import streamlit as st
from sqlalchemy import func, select

from essdash.db import read_session
from essdash.models import Participant, Workshop
from essdash.ui.workshop import map_layers
from essdash.workshop import timer
from essdash.workshop.activities.mapping import queries
from essdash.workshop.activities.mapping.queries import CommuneRef, FeatureView


@dataclass(frozen=True)
class WorkshopInfo:
    id: int
    title: str
    join_code: str
    status: str
    contributions_open: bool
    diagnostic_id: int


def features(workshop_id: int) -> list[FeatureView]:
    """Everyone's visible sites and zones (shared, read-only: do not mutate)."""
    return _features_state(workshop_id)[0]


@st.cache_resource(ttl=1, max_entries=64, show_spinner=False)
def _features_state(workshop_id: int) -> tuple[list[FeatureView], str]:
    """The features and a digest of them, computed once per refresh rather than per viewer."""
    with read_session() as s:
        items = queries.visible_features(s, workshop_id)
    return items, hashlib.blake2b(pickle.dumps(items), digest_size=16).hexdigest()


@st.cache_data(ttl=1, max_entries=64, show_spinner=False)
def participant_count(workshop_id: int) -> int:
    with read_session() as s:
        count = s.scalar(
            select(func.count(Participant.id)).where(
                Participant.workshop_id == workshop_id,
                Participant.merged_into_id.is_(None),
                Participant.erased_at.is_(None),
            )
        )
    return int(count or 0)


@st.cache_data(ttl=1, max_entries=64, show_spinner=False)
def _timer(workshop_id: int) -> tuple[timer.TimerView, float]:
    with read_session() as s:
        return timer.view(s, workshop_id=workshop_id), time.time()


def timer_view(workshop_id: int) -> timer.TimerView:
    """The cached view, with the countdown advanced to now (the cache may be up to 1 s old)."""
    view, fetched = _timer(workshop_id)
    if view.state != "running" or view.remaining_s is None:
        return view
    left = view.remaining_s - (time.time() - fetched)
    return timer.TimerView(
        view.state, view.step_id, view.step_title, view.step_position, view.step_count, left,
        view.next_title,
    )  # fmt: skip


@st.cache_data(ttl=2, max_entries=64, show_spinner=False)
def workshop_info(workshop_id: int) -> WorkshopInfo | None:
    with read_session() as s:
        w = s.get(Workshop, workshop_id)
        if w is None:
            return None
        return WorkshopInfo(
            w.id, w.title, w.join_code, w.status, w.contributions_open, w.diagnostic_id
        )


@st.cache_data(ttl=600, max_entries=32, show_spinner=False)
def communes(workshop_id: int) -> list[CommuneRef]:
    with read_session() as s:
        return queries.territory_communes(s, workshop_id)


def map_html(workshop_id: int) -> str:
    """The read-only shared map, rendered once per state of the features for all viewers."""
    items, signature = _features_state(workshop_id)
    return _map_html(workshop_id, signature, items)


@st.cache_resource(max_entries=16, show_spinner=False)
def _map_html(workshop_id: int, signature: str, _items: list[FeatureView]) -> str:
    # `signature` stands for `_items` in the cache key (an underscore argument is not hashed).
    return map_layers.map_document(communes(workshop_id), _items)


def clear() -> None:
    """After one's own write: show it at once in this session."""
    _features_state.clear()
    participant_count.clear()
    _timer.clear()
    workshop_info.clear()
