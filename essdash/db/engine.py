"""Engines for SQLite (WAL, foreign keys, busy timeout, IMMEDIATE writers) and PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session

from essdash import config

_ENGINES: dict[str, Engine] = {}
_LOCK = threading.Lock()
SQLITE_PRAGMAS = ("journal_mode=WAL", "busy_timeout=15000", "synchronous=NORMAL", "foreign_keys=ON")


def make_engine(url: str) -> Engine:
    """A new engine; SQLite connections get WAL, foreign keys and explicit BEGIN handling."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 15},
            pool_size=5,
            max_overflow=10,
        )
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    return create_engine(url, pool_size=5, max_overflow=10, pool_pre_ping=True)


def _sqlite_on_connect(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    for pragma in SQLITE_PRAGMAS:
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()
    # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's legacy mode loses updates).
    dbapi_conn.isolation_level = None


def _sqlite_on_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN " + conn.get_execution_options().get("sqlite_begin", "DEFERRED"))


def get_engine(url: str | None = None) -> Engine:
    """One engine per URL and process, shared by every session and thread."""
    key = url or config.database_url()
    with _LOCK:
        if key not in _ENGINES:
            _ENGINES[key] = make_engine(key)
        return _ENGINES[key]


def dispose_engines() -> None:
    with _LOCK:
        for engine in _ENGINES.values():
            engine.dispose()
        _ENGINES.clear()


@contextmanager
def write_session(url: str | None = None) -> Iterator[Session]:
    """A writing transaction: BEGIN IMMEDIATE on SQLite; committed on success, else rolled back."""
    engine = get_engine(url).execution_options(sqlite_begin="IMMEDIATE")
    with Session(engine, expire_on_commit=False) as session, session.begin():
        yield session


@contextmanager
def read_session(url: str | None = None) -> Iterator[Session]:
    """A read-only unit of work (rolled back at the end)."""
    with Session(get_engine(url), expire_on_commit=False) as session:
        try:
            yield session
        finally:
            session.rollback()
