"""Apply the Alembic migrations (`python -m essdash init-db`)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect

from essdash import config
from essdash.db.engine import get_engine

MIGRATIONS_DIR = config.ROOT / "essdash" / "migrations"


def alembic_config(url: str | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", (url or config.database_url()).replace("%", "%%"))
    return cfg


def upgrade(url: str | None = None) -> None:
    """Create or migrate the database to the latest revision."""
    command.upgrade(alembic_config(url), "head")


def current_tables(url: str | None = None) -> set[str]:
    return set(inspect(get_engine(url)).get_table_names())
