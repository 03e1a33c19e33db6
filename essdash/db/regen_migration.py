"""Developers, before the first release: rebuild the single initial revision from the models."""

from __future__ import annotations

import tempfile
from pathlib import Path

from alembic import command

from essdash.db.migrate import MIGRATIONS_DIR, alembic_config


def main() -> None:
    versions = MIGRATIONS_DIR / "versions"
    for old in versions.glob("*_initial.py"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        cfg = alembic_config(f"sqlite:///{Path(tmp) / 'empty.db'}")
        command.revision(cfg, message="initial", autogenerate=True, rev_id="0001")


if __name__ == "__main__":
    main()
