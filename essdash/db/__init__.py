"""Persistence: engine, sessions, models and migrations."""

from essdash.db.engine import get_engine, read_session, write_session

__all__ = ["get_engine", "read_session", "write_session"]
