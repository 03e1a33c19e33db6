"""The database rules every feature relies on, on SQLite and PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import IntegrityError

from essdash.db import read_session, write_session
from essdash.db.engine import get_engine
from essdash.demo import DEMO_JOIN_CODE, load_demo
from essdash.models import Ballot, Diagnostic, Participant, Vote, Workshop


def test_sqlite_connections_use_wal_foreign_keys_and_busy_timeout(db_url: str) -> None:
    with get_engine(db_url).connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 15000


def test_demo_twice_leaves_one_demo(any_db_url: str) -> None:
    for _ in range(2):
        with write_session() as s:
            load_demo(s)
    with read_session() as s:
        assert s.scalar(select(func.count()).select_from(Diagnostic)) == 1
        workshop = s.scalars(select(Workshop)).one()
        assert workshop.join_code == DEMO_JOIN_CODE
        assert [step.duration_min for step in workshop.steps] == [15, 0, 15, 30, 60, 20, 10]
        assert len(workshop.questions) == 4


def test_failed_transaction_writes_nothing(any_db_url: str) -> None:
    with write_session() as s:
        load_demo(s)
    with pytest.raises(RuntimeError), write_session() as s:
        s.execute(update(Workshop).values(title="changé"))
        raise RuntimeError("boom")
    with read_session() as s:
        assert s.scalars(select(Workshop.title)).one() != "changé"


def test_one_ballot_per_participant_is_a_database_rule(any_db_url: str) -> None:
    with write_session() as s:
        ctx = load_demo(s)
        vote = Vote(workshop_id=ctx.workshop.id, method="points")
        s.add(vote)
        s.flush()
        s.add(Ballot(vote_id=vote.id, participant_id=ctx.participants[0].id))
        vote_id, participant_id = vote.id, ctx.participants[0].id
    with pytest.raises(IntegrityError), write_session() as s:
        s.add(Ballot(vote_id=vote_id, participant_id=participant_id))


def test_concurrent_read_modify_write_loses_no_update(any_db_url: str) -> None:
    """Writers serialise (BEGIN IMMEDIATE on SQLite, atomic UPDATE on both): no lost update."""
    with write_session() as s:
        load_demo(s)
        s.execute(update(Workshop).values(current_round=0))

    def bump() -> None:
        for _ in range(10):
            with write_session() as s:
                s.execute(update(Workshop).values(current_round=Workshop.current_round + 1))

    threads = [threading.Thread(target=bump) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with read_session() as s:
        assert s.scalars(select(Workshop.current_round)).one() == 80


def test_foreign_keys_are_enforced(any_db_url: str) -> None:
    with pytest.raises(IntegrityError), write_session() as s:
        s.add(Participant(workshop_id=999_999, token="x", name="Personne"))
        s.flush()
    with read_session() as s:
        assert s.execute(text("SELECT count(*) FROM participant")).scalar() == 0
