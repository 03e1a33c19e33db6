"""Bump `workshop_version` in the transaction of every write, from what the write touched.

Invalidation follows the data: an ORM flush or a bulk UPDATE/DELETE on a workshop's tables marks
(workshop, activity) pairs; just before the commit each pair gets a new version. A cache
keyed on the version of what it shows is then right after any write, from any page, the CLI or
another server process, with no list of caches to clear at the call site.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, event, inspect, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import ORMExecuteState, Session, UOWTransaction

from essdash import config
from essdash.models import (
    Ballot,
    BallotEntry,
    Base,
    Participant,
    Question,
    Theme,
    Vote,
    Workshop,
    WorkshopVersion,
)
from essdash.models.versions import VERSIONED_AS

# Table -> the activity its rows belong to. Phones follow "workshop" and "vote" (the round, the
# step, the open vote); boards follow "posts"; counters follow "ballots" and "people".
ACTIVITY_OF_TABLE: dict[str, str] = {
    "workshop": "workshop",
    "agenda_step": "workshop",
    "question": "cafe",
    "theme": "cafe",
    "synthesis": "cafe",
    "contribution": "posts",
    "participant": "people",
    "map_feature": "mapping",
    "priority": "vote",
    "vote": "vote",
    "ballot": "ballots",
    "ballot_entry": "ballots",
}
# A later activity's table names its version activity in its own table info instead:
# `__table_args__ = {"info": {VERSIONED_AS: "survey"}}` (essdash.models.versions).


def activity_of(table_name: str) -> str | None:
    """The version activity a table's rows belong to, or None (not shown live)."""
    if table_name in ACTIVITY_OF_TABLE:
        return ACTIVITY_OF_TABLE[table_name]
    table = Base.metadata.tables.get(table_name)
    found = table.info.get(VERSIONED_AS) if table is not None else None
    return str(found) if found else None


def all_activities() -> tuple[str, ...]:
    declared = {
        str(t.info[VERSIONED_AS]) for t in Base.metadata.sorted_tables if t.info.get(VERSIONED_AS)
    }
    return tuple(sorted(set(ACTIVITY_OF_TABLE.values()) | declared))


ACTIVITIES = all_activities()
# Participant columns shown next to what they wrote (map sites, post-its, syntheses): changing
# one also changes those views. A sign-in or a table choice changes "people" only.
SHOWN_PARTICIPANT_COLUMNS = frozenset(
    {"name", "structure_name", "actor_type", "ess_family", "erased_at", "merged_into_id"}
)
SHOWN_WITH = ("mapping", "posts", "cafe")
FOLLOWED_ACTIVITIES = ("workshop", "vote")  # what phones follow (round, step, vote)
FOLLOW_DIR = config.ROOT / "static" / "live"
_FOLLOWED = "essdash_version_followed"
_PENDING = "essdash_version_pending"  # set of (workshop_id or None, activity)
_DELETED = "essdash_version_deleted_workshops"


def _workshop_of(conn: Connection, obj: Any) -> int | None:
    """The workshop a row belongs to (through its question, vote or ballot when needed)."""
    if isinstance(obj, Workshop):
        return obj.id
    if isinstance(obj, Theme):
        return conn.scalar(select(Question.workshop_id).where(Question.id == obj.question_id))
    if isinstance(obj, Ballot):
        return conn.scalar(select(Vote.workshop_id).where(Vote.id == obj.vote_id))
    if isinstance(obj, BallotEntry):
        return conn.scalar(
            select(Vote.workshop_id)
            .join(Ballot, Ballot.vote_id == Vote.id)
            .where(Ballot.id == obj.ballot_id)
        )
    question_id = getattr(obj, "question_id", None)
    workshop_id = getattr(obj, "workshop_id", None)
    if workshop_id is None and question_id is not None:
        return conn.scalar(select(Question.workshop_id).where(Question.id == question_id))
    return workshop_id if isinstance(workshop_id, int) else None


def _shown_change(participant: Participant, session: Session) -> bool:
    """Whether a participant's change shows in what they wrote (a rename, an erase, a merge)."""
    if participant in session.new:
        return False
    state = inspect(participant)
    return (
        any(state.attrs[column].history.has_changes() for column in SHOWN_PARTICIPANT_COLUMNS)
        or participant in session.deleted
    )


def _pending(session: Session) -> set[tuple[int | None, str]]:
    return session.info.setdefault(_PENDING, set())  # type: ignore[no-any-return]


@event.listens_for(Session, "after_flush")
def _collect(session: Session, _flush: UOWTransaction) -> None:
    conn = session.connection()
    pending = _pending(session)
    for obj in (*session.new, *session.dirty, *session.deleted):
        activity = activity_of(getattr(obj, "__tablename__", ""))
        if activity is None:
            continue
        if isinstance(obj, Workshop) and obj in session.deleted:
            session.info.setdefault(_DELETED, set()).add(obj.id)
            continue
        if obj in session.dirty and not session.is_modified(obj):
            continue
        workshop_id = _workshop_of(conn, obj)
        if workshop_id is not None:
            pending.add((workshop_id, activity))
            if isinstance(obj, Participant) and _shown_change(obj, session):
                pending.update((workshop_id, shown) for shown in SHOWN_WITH)


@event.listens_for(Session, "do_orm_execute")
def _collect_bulk(state: ORMExecuteState) -> None:
    """A bulk UPDATE/DELETE names no row: its activity is bumped for the workshops touched."""
    if not (state.is_update or state.is_delete) or state.bind_mapper is None:
        return
    activity = activity_of(state.bind_mapper.local_table.name)  # type: ignore[attr-defined]
    if activity is not None:
        _pending(state.session).add((None, activity))
        if activity == "people":  # may rename or merge what is shown beside their writings
            _pending(state.session).update((None, shown) for shown in SHOWN_WITH)


@event.listens_for(Session, "before_commit")
def _bump(session: Session) -> None:
    session.flush()
    pending: set[tuple[int | None, str]] = session.info.pop(_PENDING, set())
    deleted: set[int] = session.info.pop(_DELETED, set())
    if not pending:
        return
    known = {wid for wid, _ in pending if wid is not None}
    pairs = {(wid, act) for wid, act in pending if wid is not None}
    unknown = {act for wid, act in pending if wid is None}
    if unknown:  # a bulk statement names no row: the workshops touched, else every workshop
        targets = known or set(session.scalars(select(Workshop.id)))
        pairs.update((wid, act) for wid in targets for act in unknown)
    kept = pairs - {(d, a) for d in deleted for a in all_activities()}
    for wid, act in sorted(kept):
        _upsert(session, wid, act)
    session.info[_FOLLOWED] = {wid for wid, act in kept if act in FOLLOWED_ACTIVITIES}


@event.listens_for(Session, "after_commit")
def _signal(session: Session) -> None:
    """Phones poll a tiny static file per workshop (no script run): renew it after a commit
    that changed what they follow."""
    for workshop_id in session.info.pop(_FOLLOWED, set()):
        signal_workshop(workshop_id)


def follow_file(workshop_id: int) -> Path:
    return FOLLOW_DIR / f"w{workshop_id}.txt"


def signal_workshop(workshop_id: int) -> str:
    """Write a new token in the workshop's follow file; returns it."""
    token = secrets.token_hex(8)
    path = follow_file(workshop_id)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{secrets.token_hex(4)}.tmp")
        tmp.write_text(token, encoding="ascii")
        tmp.replace(path)
    except OSError:  # a read-only install: phones fall back to their slow refresh
        return ""
    return token


def _fresh() -> int:
    """A new version: random rather than +1, so that a database rebuilt or restored under the
    same server never hands out a number a cache already holds for other data."""
    return secrets.randbelow(2**31 - 2) + 1


def _upsert(session: Session, workshop_id: int, activity: str) -> None:
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    version = _fresh()
    stmt = insert(WorkshopVersion).values(
        workshop_id=workshop_id, activity=activity, version=version
    )
    session.execute(
        stmt.on_conflict_do_update(
            index_elements=["workshop_id", "activity"], set_={"version": version}
        )
    )


@event.listens_for(Session, "after_rollback")
def _forget(session: Session) -> None:
    session.info.pop(_FOLLOWED, None)
    session.info.pop(_PENDING, None)
    session.info.pop(_DELETED, None)


def versions(session: Session, workshop_id: int) -> dict[str, int]:
    """The current version of each activity of the workshop (0 when never written)."""
    rows = session.execute(
        select(WorkshopVersion.activity, WorkshopVersion.version).where(
            WorkshopVersion.workshop_id == workshop_id
        )
    )
    found = {str(a): int(v) for a, v in rows}
    return {activity: found.get(activity, 0) for activity in all_activities()}
