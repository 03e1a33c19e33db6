"""Persistence: engine, sessions, models and migrations."""

from essdash.db import versions  # noqa: F401  (registers the version bumps on every Session)
from essdash.db.engine import get_engine, read_session, write_session

__all__ = ["get_engine", "read_session", "write_session"]
